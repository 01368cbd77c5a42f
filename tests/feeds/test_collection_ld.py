"""JSON-LD of the collections: the lists as schema.org Dataset with their downloads, documents as Legislation."""

from __future__ import annotations

import json
from typing import Any

import lxml.html

from tests.conftest import Build


def graph(build: Build, path: str) -> list[dict[str, Any]]:
    """Return the @graph of every JSON-LD script of a page (each must parse as JSON)."""
    root = lxml.html.fromstring(build.page(path).read_bytes())
    scripts = root.xpath('//script[@type="application/ld+json"]')
    assert scripts, f"{path} has no JSON-LD"
    out = []
    for script in scripts:
        data = json.loads(script.text)
        assert data["@context"] == "https://schema.org"
        out += data["@graph"]
    return out


def of_type(build: Build, path: str, kind: str) -> list[dict[str, Any]]:
    return [node for node in graph(build, path) if node["@type"] == kind]


def test_the_project_catalogue_is_a_dataset_with_its_downloads(demo_build: Build) -> None:
    (dataset,) = of_type(demo_build, "en/projects/", "Dataset")
    assert dataset["name"] == "Investment projects" and dataset["inLanguage"] == "en"
    assert dataset["url"].endswith("/en/projects/") and dataset["description"]
    formats = {d["encodingFormat"]: d["contentUrl"] for d in dataset["distribution"]}
    assert all(d["@type"] == "DataDownload" for d in dataset["distribution"])
    assert formats["text/csv"].endswith("/en/projects/projects-en.csv")
    assert formats["application/json"].endswith("/en/projects/projects-en.json")
    assert formats["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"].endswith(
        "/en/projects/projects-en.xlsx"
    )
    for url in formats.values():
        assert (demo_build.output / url.split("/", 3)[3]).is_file()
    assert "Sector" in dataset["variableMeasured"]
    (ja,) = of_type(demo_build, "ja/projects/", "Dataset")
    assert ja["name"] == "投資案件" and ja["inLanguage"] == "ja"


def test_only_the_whole_list_is_the_dataset(demo_build: Build) -> None:
    assert of_type(demo_build, "en/projects/sector/energy/", "Dataset") == []
    assert of_type(demo_build, "en/projects/hoa-binh-hydropower-expansion/", "Dataset") == []
    (crumbs,) = of_type(demo_build, "en/projects/hoa-binh-hydropower-expansion/", "BreadcrumbList")
    names = [item["name"] for item in crumbs["itemListElement"]]
    assert names[1:] == ["Investment projects", "Hòa Bình Hydropower Plant expansion"]


def test_a_document_is_legislation(demo_build: Build) -> None:
    (plan,) = of_type(demo_build, "en/documents/plan-186-kh-ubnd-2023/", "Legislation")
    assert plan["legislationIdentifier"] == "186/KH-UBND"
    assert plan["legislationDate"] == "2023-09-25"
    assert plan["legislationLegalForce"] == "https://schema.org/InForce"
    assert plan["legislationPassedBy"]["@type"] == "GovernmentOrganization"
    assert plan["legislationPassedBy"]["name"] == "Hòa Bình Provincial People's Committee"
    assert plan["legislationType"] == "Plan" and plan["abstract"]
    (old,) = of_type(demo_build, "en/documents/decree-43-2011-nd-cp/", "Legislation")
    assert old["legislationLegalForce"] == "https://schema.org/NotInForce"
    (vi,) = of_type(demo_build, "documents/conclusion-57-kl-tw-2023/", "Legislation")
    assert vi["legislationIdentifier"] == "57-KL/TW" and vi["inLanguage"] == "vi"
    assert of_type(demo_build, "en/parks/luong-son/", "Legislation") == []
