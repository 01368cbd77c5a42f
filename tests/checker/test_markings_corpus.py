"""The labelled corpus: 100 % precision and recall per class, measured as bench/markings.py measures."""

from __future__ import annotations

import sys

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import markings as bench  # bench/markings.py

CORPUS = bench.load()
REQUIRED_POSITIVES = [
    "Độ mật: Tuyệt mật",
    "ĐỘ MẬT: MẬT",
    "TUYET MAT",
    "toi mat",
    "T-U-Y-Ệ-T M-Ậ-T",
    "TUY Ệ T M Ậ T",
    "TUY\u200bỆT M\u200dẬT",
    "ＴＵＹỆＴ ＭẬＴ",
    "ТОР SЕСRЕТ",
    "![Mật](scan.jpg)",
    "Số 001.203.004.567 cấp ngày 01/02/2021",
    "Hotline (+84) 912 345 678",
    "Tel. +84 (0) 912 345 678",
    "Gọi 84 912 345 678",
    "Nhắn qua https://zalo.me/0912345678",
]
REQUIRED_NEGATIVES = [
    "bảo mật",
    "bí mật",
    "mật ong",
    "Đặc sản MẬT ong rừng",
    "mật độ",
    "dự thảo luật",
    "the SECRET valley",
    "## Secret",
    "kept CONFIDENTIAL",
    "Hotline 1800 1091 (miễn phí)",
    "Cấp cứu 115, cứu hỏa 114, công an 113.",
    "Sở VHTTDL: +84 218 3852 123",
]


def test_corpus_is_large_enough_and_holds_the_required_forms() -> None:
    positives = {text: cls for text, cls in CORPUS if cls != "none"}
    negatives = {text for text, cls in CORPUS if cls == "none"}
    assert len(positives) >= 60 and len(negatives) >= 60
    assert set(positives.values()) == set(bench.CLASSES)
    assert [t for t in REQUIRED_POSITIVES if t not in positives] == []
    assert [t for t in REQUIRED_NEGATIVES if t not in negatives] == []


def test_precision_and_recall_are_100_percent() -> None:
    scores = bench.measure(CORPUS)
    assert scores.wrong == []
    for cls in bench.CLASSES:
        assert (scores.precision(cls), scores.recall(cls)) == (1.0, 1.0), cls


def test_the_measure_can_fail() -> None:
    """A marking labelled as prose and prose labelled as a marking are counted as errors."""
    scores = bench.measure([("TUYỆT MẬT", "none"), ("mật ong", "classified"), ("Gọi 0912 345 678", "phone")])
    assert (scores.fp["classified"], scores.fn["classified"], scores.tp["phone"]) == (1, 1, 1)
    assert scores.precision("classified") == 0.0
    assert not scores.perfect
