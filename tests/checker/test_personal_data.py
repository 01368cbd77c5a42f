"""Personal-data rules: citizen ID, phones, personal e-mail, passports; allowed pages, justification."""

from __future__ import annotations

import pytest
import yaml

from .conftest import SOURCE, Project

VI = "culture/khai-ha/index.vi.md"


def body(text: str) -> str:
    return SOURCE + "\n" + text + "\n"


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        ("pii.citizen-id", "Số định danh 001203004567 của ông A."),
        ("pii.citizen-id", "CCCD: 001 203 004 567"),
        ("pii.phone", "Liên hệ anh Tuấn: 0912 345 678."),
        ("pii.phone", "Gọi 0912.345.678"),
        ("pii.phone", "Call +84 912 345 678"),
        ("pii.phone", "ĐT: (0218) 3852 999"),
        ("pii.email", "Gửi về tuan.nguyen@gmail.com"),
        ("pii.email", "Write to someone@yahoo.com.vn"),
        ("pii.passport", "Hộ chiếu số C1234567"),
        ("pii.passport", "passport no. 123456789"),
    ],
)
def test_personal_data_is_an_error_on_a_story(project: Project, rule: str, text: str) -> None:
    project.story(vi=body(text))
    result = project.check()
    found = [f for f in result.findings if f.rule.startswith("pii.")]
    assert [(f.rule, project.rel(f), f.line, f.level) for f in found] == [(rule, VI, 9, "error")]


@pytest.mark.parametrize(
    "text",
    [
        "Năm 2024, tỉnh đón 1.500.000 lượt khách; GRDP tăng 8,5%.",
        "Quyết định số 1234/QĐ-UBND ngày 15/02/2024.",
        "Tổng đài 1900 1234; đường dây nóng 113.",
        "Gửi về vanphong@hoabinh.gov.vn hoặc info@hoabinhtourism.vn.",
        "Số tiền 0,5 tỷ đồng; 10 000 000 đồng.",
        "Cổng thông tin: https://hoabinh.gov.vn/0912345",
        "Quốc lộ QL6 km 76.",
    ],
)
def test_ordinary_numbers_and_institutional_addresses_pass(project: Project, text: str) -> None:
    project.story(vi=body(text))
    assert [f.rule for f in project.check().findings if f.rule.startswith("pii.")] == []


def test_registered_agency_contacts_are_not_personal(project: Project) -> None:
    # Both are in the fixture's data/agencies.yml contacts.
    project.story(vi=body("Sở VHTTDL: 0218 3852 123, vanthu.svhttdl@hoabinh.gov.vn"))
    assert [f.rule for f in project.check().findings if f.rule.startswith("pii.")] == []


def test_an_officials_directory_contacts_are_accepted_there_and_flagged_elsewhere(project: Project) -> None:
    # The directory (data/agencies.yml) declares the official's public contacts: the
    # registry loads them for the agency's page, but a story that repeats them
    # still publishes a person's number and address, so they are not registered numbers.
    path = project.root / "data" / "agencies.yml"
    registry = yaml.safe_load(path.read_text(encoding="utf-8"))
    registry["agencies"][0]["officials"] = [
        {
            "name": "Nguyễn Văn Thử",
            "position": {"vi": "Giám đốc Sở", "en": "Director"},
            "phone": "0912 345 678",
            "email": "giamdoc.thu@gmail.com",
        }
    ]
    path.write_text(yaml.safe_dump(registry, allow_unicode=True), encoding="utf-8")
    project.story(vi=body("Giám đốc: 0912 345 678, giamdoc.thu@gmail.com; Sở: +84 218 3852 123"))
    result = project.check()
    assert not [f for f in result.findings if f.rule.startswith("registry")], result.findings
    found = sorted(
        (f.rule, f.message.split("“")[1].split("”")[0]) for f in result.findings if f.rule.startswith("pii.")
    )
    assert found == [("pii.email", "giamdoc.thu@gmail.com"), ("pii.phone", "0912 345 678")]


def test_allowed_page_downgrades_to_warning(project: Project) -> None:
    project.write("pages/contact/index.vi.md", "Title: Liên hệ\n\nPhóng viên: 0912 345 678\n")
    result = project.check()
    [f] = [f for f in result.findings if f.rule == "pii.phone"]
    assert (project.rel(f), f.line, f.level) == ("pages/contact/index.vi.md", 3, "warning")
    assert "CHECKER_PII_ALLOWED_PAGES" in f.message


def test_justification_downgrades_to_warning_in_every_language(project: Project) -> None:
    project.story(
        vi=SOURCE.replace("Agency:", "Pii_justification: số đường dây nóng của ban tổ chức lễ hội\nAgency:")
        + "\nĐường dây nóng: 0912 345 678\n",
        en="Title: Khai hạ\n\nHotline: 0912 345 678\n",
    )
    result = project.check()
    found = [(project.rel(f), f.line, f.level) for f in result.findings if f.rule == "pii.phone"]
    assert found == [("culture/khai-ha/index.en.md", 3, "warning"), (VI, 10, "warning")]


def test_personal_email_domains_come_from_settings(project: Project) -> None:
    project.story(vi=body("Gửi về ban@example.org"))
    assert project.hits("pii.email") == []
    assert project.hits("pii.email", CHECKER_PERSONAL_EMAIL_DOMAINS=["example.org"]) == [(VI, 9)]
