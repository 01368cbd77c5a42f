"""Settings are validated once, with messages that name the setting and say what to do."""

from __future__ import annotations

import pytest
from checker.settings import DEFAULTS, ConfigError
from model.catalog import RULES, Level

from .conftest import ROOT, Project


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"CHECKER_LEVELS": {"pii.phone": "fatal"}}, "use 'error', 'warning' or 'off'"),
        ({"CHECKER_LEVELS": {"pii.fone": "warning"}}, "unknown rule 'pii.fone'"),
        ({"CHECKER_TONE_STYLE": "modern"}, "CHECKER_TONE_STYLE"),
        ({"CHECKER_SUMMARY_MAX": {"vi": 100}}, "CHECKER_SUMMARY_MAX"),
        ({"CHECKER_REQUIRED_PAGES": {"de": ["about"]}}, "not in MULTILANG_LANGUAGES"),
        ({"CHECKER_IFRAME_HOSTS": "www.youtube.com"}, "CHECKER_IFRAME_HOSTS must be a list"),
        ({"CHECKER_MAX_IMAGE_BYTES": 0}, "positive integer"),
        ({"CHECKER_STRICT": "yes"}, "CHECKER_STRICT"),
        ({"TIMEZONE": "Hanoi"}, "IANA time zone"),
        ({"DEFAULT_LANG": "vn"}, "DEFAULT_LANG"),
        ({"CHECKER_REPORT_PERIOD": ["2024-12-31", "2024-01-01"]}, "ends before it starts"),
        ({"CHECKER_REPORT_PERIOD": "2024"}, "CHECKER_REPORT_PERIOD must be"),
        ({"CHECKER_CACHE": "yes"}, "CHECKER_CACHE"),
    ],
)
def test_bad_settings_are_refused(project: Project, overrides: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(")", r"\)")):
        project.config(**overrides)


def test_levels_override_and_switch_off(project: Project) -> None:
    project.story(vi="Title: x\nDate: 2024-01-01\n\n[a](http://hoabinh.gov.vn) Gọi 0912 345 678\n")
    result = project.check(CHECKER_LEVELS={"links.insecure-http": "error", "pii.phone": "off"})
    assert [(f.rule, f.level) for f in result.findings] == [("links.insecure-http", Level.ERROR)]


def test_every_rule_is_documented() -> None:
    doc = (ROOT / "docs" / "checking.md").read_text(encoding="utf-8")
    missing = [rule_id for rule_id in RULES if f"`{rule_id}`" not in doc]
    assert missing == []


def test_every_setting_is_documented() -> None:
    doc = (ROOT / "docs" / "checking.md").read_text(encoding="utf-8")
    assert [name for name in DEFAULTS if f"`{name}`" not in doc] == []
