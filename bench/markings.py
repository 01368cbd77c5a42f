"""Precision and recall of the markings and personal-data rules on the labelled corpus.

Usage: .venv/bin/python bench/markings.py [--corpus tests/checker/fixtures/markings_corpus.yml]

Every snippet becomes one line of one story's body in a throw-away project
(the test registries: tests/checker/fixtures/data), the checker runs on it as
`make check` does, and each finding of the measured rules is matched to its
line. Prints a table per class; exits 1 unless precision and recall are 100 %.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "checker" / "fixtures" / "markings_corpus.yml"
REGISTRIES = ROOT / "tests" / "checker" / "fixtures" / "data"
CLASSES = {
    "classified": "confidential.classified-marking",
    "internal": "confidential.internal-marking",
    "citizen-id": "pii.citizen-id",
    "phone": "pii.phone",
    "email": "pii.email",
    "passport": "pii.passport",
}
HEADER = "Title: Corpus\nDate: 2024-02-14 08:00\nAgency: so-vhttdl\n\n"
HEADER_LINES = HEADER.count("\n")


@dataclass
class Scores:
    """Per class: true positives, false positives, false negatives, and the snippets that failed."""

    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    wrong: list[str] = field(default_factory=list)

    def precision(self, cls: str) -> float:
        """Return the share of reports of a class that were right."""
        found = self.tp[cls] + self.fp[cls]
        return self.tp[cls] / found if found else 1.0

    def recall(self, cls: str) -> float:
        """Return the share of snippets of a class that were reported."""
        wanted = self.tp[cls] + self.fn[cls]
        return self.tp[cls] / wanted if wanted else 1.0

    @property
    def perfect(self) -> bool:
        """Say whether every class has 100 % precision and recall."""
        return not self.fp and not self.fn


def load(path: Path = CORPUS) -> list[tuple[str, str]]:
    """Return (text, class) pairs; class "none" for the negatives."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = [(str(item["text"]), str(item["class"])) for item in data["positives"]]
    out += [(str(item["text"]), "none") for item in data["negatives"]]
    return out


def found_classes(snippets: list[str]) -> list[set[str]]:
    """Run the checker on one story holding the snippets; return the classes found on each."""
    sys.path.insert(0, str(ROOT / "plugins"))
    from checker import engine
    from checker.settings import config_from_settings

    languages = {code: {"name": code} for code in ("vi", "en", "ja", "ko", "zh", "fr")}
    settings = {
        "PATH": "content",
        "OUTPUT_PATH": "output",
        "TIMEZONE": "Asia/Ho_Chi_Minh",
        "DEFAULT_LANG": "vi",
        "MULTILANG_LANGUAGES": languages,
        "MULTILANG_SECTIONS": {"culture": {c: {"name": "culture", "slug": "culture"} for c in languages}},
        "CHECKER_REQUIRED_PAGES": {},
    }
    rule_class = {rule: cls for cls, rule in CLASSES.items()}
    with tempfile.TemporaryDirectory(prefix="markings-") as tmp:
        root = Path(tmp)
        shutil.copytree(REGISTRIES, root / "data")
        story = root / "content" / "culture" / "corpus"
        story.mkdir(parents=True)
        body = "\n\n".join(snippets) + "\n"
        (story / "index.vi.md").write_text(HEADER + body, encoding="utf-8")
        result = engine.run(config_from_settings(settings, root))
    found: list[set[str]] = [set() for _ in snippets]
    for f in result.findings:
        if f.rule in rule_class and f.line is not None and f.line > HEADER_LINES:
            index, rest = divmod(f.line - HEADER_LINES - 1, 2)
            if rest == 0 and index < len(snippets):
                found[index].add(rule_class[f.rule])
    return found


def measure(corpus: list[tuple[str, str]]) -> Scores:
    """Score the checker on the corpus."""
    scores = Scores()
    for (text, cls), found in zip(corpus, found_classes([t for t, _ in corpus]), strict=True):
        if cls != "none":
            if cls in found:
                scores.tp[cls] += 1
            else:
                scores.fn[cls] += 1
        for other in found - {cls}:
            scores.fp[other] += 1
        if found != ({cls} if cls != "none" else set()):
            scores.wrong.append(f"{cls}: {text!r} → {', '.join(sorted(found)) or 'nothing'}")
    return scores


def report(corpus: list[tuple[str, str]], scores: Scores) -> str:
    """Return the table of precision and recall per class."""
    counts = Counter(cls for _, cls in corpus)
    lines = [
        f"{len(corpus)} snippets: {len(corpus) - counts['none']} positive, {counts['none']} negative",
        f"{'class':12} {'snippets':>8} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>10} {'recall':>8}",
    ]
    for cls in CLASSES:
        lines.append(
            f"{cls:12} {counts[cls]:8} {scores.tp[cls]:4} {scores.fp[cls]:4} {scores.fn[cls]:4} "
            f"{scores.precision(cls):10.1%} {scores.recall(cls):8.1%}"
        )
    lines += [f"  wrong: {w}" for w in scores.wrong]
    return "\n".join(lines)


def main() -> int:
    """Print the figures; exit 1 unless they are all 100 %."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    corpus = load(args.corpus)
    scores = measure(corpus)
    sys.stdout.write(report(corpus, scores) + "\n")
    return 0 if scores.perfect else 1


if __name__ == "__main__":
    sys.exit(main())
