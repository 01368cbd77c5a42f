"""The command line: exit codes, human/JSON/SARIF output, --fix, path selection."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import jsonschema
import pytest
from checker.cli import main

from .conftest import FIXTURES, ROOT, SOURCE, Project

VI = "content/culture/khai-ha/index.vi.md"
SARIF_SCHEMA = FIXTURES / "sarif-2.1.0-rtm.5.json"


@pytest.fixture
def cli(project: Project, monkeypatch: pytest.MonkeyPatch) -> Project:
    """A project with settings, run from its root as `make check` would."""
    project.write_settings()
    monkeypatch.chdir(project.root)
    return project


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_clean_content_exits_0(cli: Project, capsys: pytest.CaptureFixture[str]) -> None:
    cli.story()
    code, out, _ = run(capsys)
    assert code == 0
    assert out == "No problems (2 files checked).\n"


def test_warnings_only_exit_0(cli: Project, capsys: pytest.CaptureFixture[str]) -> None:
    cli.story(vi=SOURCE + "\n[Cổng](http://hoabinh.gov.vn)\n")
    code, out, _ = run(capsys)
    assert code == 0
    assert f"{VI}:9:8: warning: insecure link http://hoabinh.gov.vn [links.insecure-http]" in out
    assert "0 errors, 1 warning" in out


def test_errors_exit_1_with_file_line_and_hint(cli: Project, capsys: pytest.CaptureFixture[str]) -> None:
    cli.story(vi=SOURCE + "\nTÀI LIỆU THU HỒI\n")
    code, out, _ = run(capsys)
    assert code == 1
    assert f"{VI}:9:1: error: classification marking" in out
    assert "hint: Classified material must never be published" in out


def test_a_symlink_is_named_where_it_is_not_by_its_target(
    cli: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = cli.story()
    (folder / "users.csv").symlink_to("/etc/passwd")
    code, out, _ = run(capsys)
    assert code == 1
    assert out.startswith(
        "content/culture/khai-ha/users.csv: error: users.csv is a symbolic link (to /etc/passwd)"
    )


def test_bad_settings_exit_2(cli: Project, capsys: pytest.CaptureFixture[str]) -> None:
    cli.write_settings('CHECKER_LEVELS = {"no.such-rule": "warning"}\n')
    code, _, err = run(capsys)
    assert code == 2
    assert "unknown rule 'no.such-rule'" in err


def test_missing_settings_file_exit_2(cli: Project, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--settings", "nope.py")
    assert code == 2
    assert "settings file not found" in err


def test_missing_path_and_bad_option_exit_2(cli: Project, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "content/nope")[0] == 2
    with pytest.raises(SystemExit) as exc:
        main(["--format", "xml"])
    assert exc.value.code == 2


def test_broken_registry_exit_2(cli: Project, capsys: pytest.CaptureFixture[str]) -> None:
    cli.story()
    (cli.root / "data" / "agencies.yml").write_text("agencies: [\n", encoding="utf-8")
    code, _, err = run(capsys)
    assert code == 2
    assert "agencies.yml" in err


def test_paths_select_stories(cli: Project, capsys: pytest.CaptureFixture[str]) -> None:
    cli.story("culture/good")
    cli.story("culture/bad", vi=SOURCE + "\nMẬT\n")
    code, out, _ = run(capsys, "content/culture/good/index.vi.md")
    assert code == 0
    assert "(2 files checked)" in out
    (cli.root / "README.md").write_text("x\n", encoding="utf-8")
    code, out, err = run(capsys, "content/culture/bad/index.en.md", "README.md")
    assert code == 1
    assert "culture/bad/index.vi.md:9" in out
    assert "README.md is outside content/, not checked" in err


def test_json_format(cli: Project, capsys: pytest.CaptureFixture[str]) -> None:
    cli.story(vi=SOURCE + "\nGọi 0912 345 678\n")
    code, out, _ = run(capsys, "--format", "json")
    assert code == 1
    doc = json.loads(out)
    assert doc["summary"] == {"errors": 1, "warnings": 0, "files": 2}
    assert doc["findings"] == [
        {
            "rule": "pii.phone",
            "level": "error",
            "file": VI,
            "line": 9,
            "column": 5,
            "message": "phone number “0912 345 678” (not allowed here)",
            "hint": doc["findings"][0]["hint"],
        }
    ]


def test_sarif_is_valid_against_the_official_schema(cli: Project, capsys: pytest.CaptureFixture[str]) -> None:
    folder = cli.story(vi=SOURCE + "\n[x](http://hoabinh.gov.vn) MẬT\n")
    (folder / "notes.md").write_text("x\n", encoding="utf-8")
    cli.write_settings('CHECKER_LEVELS = {"numbers.decimal-separator": "off"}\n')
    code, out, _ = run(capsys, "--format", "sarif")
    assert code == 1
    log = json.loads(out)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    run_ = log["runs"][0]
    results = {(r["ruleId"], r["level"]) for r in run_["results"]}
    assert results == {
        ("links.insecure-http", "warning"),
        ("confidential.classified-marking", "error"),
        ("structure.bad-path", "error"),
    }
    marking = next(r for r in run_["results"] if r["ruleId"] == "confidential.classified-marking")
    location = marking["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": quote_path(VI), "uriBaseId": "SRCROOT"}
    assert location["region"]["startLine"] == 9
    rules = run_["tool"]["driver"]["rules"]
    assert rules[marking["ruleIndex"]]["id"] == "confidential.classified-marking"
    off = next(r for r in rules if r["id"] == "numbers.decimal-separator")
    assert off["defaultConfiguration"] == {"level": "none", "enabled": False}


def quote_path(path: str) -> str:
    from urllib.parse import quote

    return quote(path)


def test_output_file(cli: Project, capsys: pytest.CaptureFixture[str]) -> None:
    cli.story()
    code, out, _ = run(capsys, "--format", "json", "--output", "findings.json")
    assert (code, out) == (0, "")
    assert json.loads((cli.root / "findings.json").read_text(encoding="utf-8"))["findings"] == []


def test_fix_normalises_to_nfc_and_drops_bom(cli: Project, capsys: pytest.CaptureFixture[str]) -> None:
    folder = cli.story(vi=None)
    nfd = unicodedata.normalize("NFD", SOURCE + "\nLê\u0341 hội\n")
    (folder / "index.vi.md").write_bytes(b"\xef\xbb\xbf" + nfd.encode())
    assert run(capsys)[0] == 1
    code, out, err = run(capsys, "--fix")
    assert code == 0, out
    assert f"fixed (NFC): {VI}" in err
    text = (folder / "index.vi.md").read_bytes().decode("utf-8")
    assert text == unicodedata.normalize("NFC", SOURCE + "\nLế hội\n")


def test_fix_leaves_non_utf8_files_alone(cli: Project, capsys: pytest.CaptureFixture[str]) -> None:
    folder = cli.story(vi=None)
    data = SOURCE.encode() + "Cà\n".encode("cp1258")
    (folder / "index.vi.md").write_bytes(data)
    assert run(capsys, "--fix")[0] == 1
    assert (folder / "index.vi.md").read_bytes() == data


def test_list_rules(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--list-rules")
    assert code == 0
    assert "confidential.classified-marking" in out and "pii.phone" in out


def test_module_entry_point(cli: Project) -> None:
    cli.story(vi=SOURCE + "\nMẬT\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "plugins"))
    proc = subprocess.run(
        [sys.executable, "-m", "checker", "--format", "json"],
        cwd=cli.root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    assert json.loads(proc.stdout)["summary"]["errors"] == 1
    assert Path(cli.root / "content").is_dir()


def test_a_one_story_check_does_not_load_the_page_planner(cli: Project) -> None:
    """The pre-commit hook checks a story without importing what only a build or a whole check needs."""
    folder = cli.story(vi=SOURCE + "\n[Trang chủ](/khong-co/)\n")
    code = (
        "import sys; from checker.cli import main; status = main(sys.argv[1:]); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('multilang', 'babel')))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, "--format", "json", str(folder)],
        cwd=cli.root,
        env=dict(os.environ, PYTHONPATH=str(ROOT / "plugins")),
        capture_output=True,
        text=True,
        check=False,
    )
    report, modules = proc.stdout.rsplit("\n", 2)[:2]
    assert json.loads(report)["summary"]["files"] == 2, proc.stderr
    loaded = json.loads(modules.replace("'", '"'))
    assert "multilang.reading" in loaded
    assert not {"multilang.planning", "multilang.addresses", "babel.support"} & set(loaded), loaded
