"""Generate investment projects and official documents for the benchmark corpus (bench/corpus.py).

Items follow docs/content-types.md: ``content/projects/<key>/index.<lang>.md``
and ``content/documents/<key>/index.<lang>.md``, valid by the declarations in
plugins/model/invest.py: vocabulary ids from data/vocabularies.yml, agency ids
from data/agencies.yml, areas and amounts > 0, a USD figure with its rate
date, Effective not before Issued, Basis and Implements naming generated
documents. Every item has a Vietnamese source; 80% of the projects and
documents have an English version and 30% a Japanese and a Korean one (the
investors' languages). Figures are drawn at random: the corpus is never
published.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import corpus

# Share of items translated into each language besides Vietnamese (exact counts).
SHARES = {"en": 0.8, "ja": 0.3, "ko": 0.3}
VOCABS = ("sectors", "districts", "investment-forms", "land-status", "project-stages", "document-types")
# Document number suffixes by type: 123/QĐ-UBND.
SYMBOLS = {
    "decision": "QĐ-UBND",
    "plan": "KH-UBND",
    "resolution": "NQ-HĐND",
    "official-letter": "UBND-KTN",
    "notice": "TB-UBND",
    "directive": "CT-UBND",
}


@dataclass(frozen=True)
class ItemPlan:
    """One generated item: its collection, key, number in the collection and languages."""

    collection: str  # "projects" or "documents"
    index: int
    key: str
    langs: tuple[str, ...]
    day: dt.date


def load_vocabularies(data_dir: Path) -> dict[str, list[str]]:
    """Return the term ids of the vocabularies the items use (PyYAML, else a small reader)."""
    path = data_dir / "vocabularies.yml"
    parsed = corpus._load_yaml(path)
    if isinstance(parsed, dict):
        return {name: list(parsed[name]) for name in VOCABS}
    out: dict[str, list[str]] = {}
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        top = re.match(r"^([a-z-]+):\s*$", line)
        if top:
            current = top.group(1)
            continue
        term = re.match(r"^  ([a-z0-9-]+):", line)
        if term and current in VOCABS:
            out.setdefault(current, []).append(term.group(1))
    return out


def plan_items(collection: str, count: int, seed: int) -> list[ItemPlan]:
    """Decide every item's key, date and languages."""
    rng = random.Random(f"{seed}:{collection}")
    translated = {lang: set(rng.sample(range(count), round(share * count))) for lang, share in SHARES.items()}
    span = (corpus.LAST_DATE - corpus.FIRST_DATE).days
    plans = []
    for i in range(count):
        day = corpus.FIRST_DATE + dt.timedelta(days=rng.randrange(span + 1))
        langs = ("vi", *(lang for lang in SHARES if i in translated[lang]))
        plans.append(ItemPlan(collection, i, f"bench-{collection[:-1]}-{i:05d}", langs, day))
    return plans


def _writer(plan: ItemPlan, lang: str, seed: int) -> corpus.Writer:
    """Return a Writer on the investment topics for one version of an item."""
    rng = random.Random(f"{seed}:{plan.collection}:{plan.index}:{lang}")
    topics = corpus.TOPICS["investment"]
    topic = topics[plan.index % len(topics)][corpus.LANG_INDEX[lang]]
    return corpus.Writer(lang, topic, rng, plan.day.year)


def render_project(
    plan: ItemPlan,
    lang: str,
    seed: int,
    *,
    vocab: dict[str, list[str]],
    agencies: list[str],
    documents: list[str],
) -> str:
    """Return the text of one project file: the source with every neutral field, a translation its text."""
    writer = _writer(plan, lang, seed)
    header = [f"Title: {writer.title()}"]
    if lang == "vi":
        rng = random.Random(f"{seed}:project-fields:{plan.index}")
        header.append(f"Date: {plan.day:%Y-%m-%d} 09:00")
        header.append(f"Sector: {rng.choice(vocab['sectors'])}")
        header.append(f"Location: {rng.choice(vocab['districts'])}")
        header.append(f"Area: {rng.randint(10, 4000) / 10:g}")
        amount = rng.randint(200, 50_000) * 100_000_000  # 20 billion to 5 trillion VND
        header.append(f"Investment_vnd: {amount}")
        if rng.random() < 0.3:
            header.append(f"Investment_usd: {amount // 25_000}")
            header.append(f"Usd_rate_date: {plan.day:%Y-%m-%d}")
        header.append(f"Form: {rng.choice(vocab['investment-forms'])}")
        header.append(f"Land_status: {rng.choice(vocab['land-status'])}")
        if documents and rng.random() < 0.5:
            header.append(f"Basis: {rng.choice(documents)}")
        header.append(f"Stage: {rng.choice(vocab['project-stages'])}")
        header.append(f"Contact: {rng.choice(agencies)}")
        header.append("Source: bench corpus (generated, never published)")
    header.append(f"Summary: {writer.summary()}")
    if lang != "vi":
        header.append(f"Scale: {writer.sentence()}")
    return unicodedata.normalize("NFC", "\n".join(header) + "\n\n" + writer.body())


def render_document(
    plan: ItemPlan,
    lang: str,
    seed: int,
    *,
    vocab: dict[str, list[str]],
    agencies: list[str],
    earlier: list[str],
) -> str:
    """Return the text of one document file: number, type, issuer and dates in the source."""
    writer = _writer(plan, lang, seed)
    header = [f"Title: {writer.title()}"]
    if lang == "vi":
        rng = random.Random(f"{seed}:document-fields:{plan.index}")
        kind = rng.choice([k for k in SYMBOLS if k in vocab["document-types"]] or vocab["document-types"])
        header.append(f"Number: {plan.index + 1}/{SYMBOLS.get(kind, 'UBND')}")
        header.append(f"Doc_type: {kind}")
        header.append(f"Issuer: {rng.choice(agencies)}")
        header.append(f"Issued: {plan.day:%Y-%m-%d}")
        if rng.random() < 0.5:
            header.append(f"Effective: {plan.day + dt.timedelta(days=rng.randint(0, 45)):%Y-%m-%d}")
        if earlier and rng.random() < 0.3:
            header.append(f"Implements: {rng.choice(earlier)}")
        header.append("Source: bench corpus (generated, never published)")
    header.append(f"Summary: {writer.summary()}")
    return unicodedata.normalize("NFC", "\n".join(header) + "\n\n" + writer.body())


def write_items(
    content: Path, seed: int, registries: corpus.Registries, *, projects: int, documents: int, data_dir: Path
) -> dict[str, object]:
    """Write the documents, then the projects based on them; return counts and the item index."""
    vocab = load_vocabularies(data_dir)
    agencies = [a.id for a in registries.agencies if a.valid_to is None] or [
        a.id for a in registries.agencies
    ]
    doc_plans = sorted(plan_items("documents", documents, seed), key=lambda p: (p.day, p.index))
    files = 0
    done: list[str] = []
    for plan in doc_plans:
        folder = content / "documents" / plan.key
        folder.mkdir(parents=True)
        for lang in plan.langs:
            text = render_document(plan, lang, seed, vocab=vocab, agencies=agencies, earlier=done)
            (folder / f"index.{lang}.md").write_text(text, encoding="utf-8")
            files += 1
        done.append(plan.key)  # relations name earlier documents only
    project_plans = plan_items("projects", projects, seed)
    for plan in project_plans:
        folder = content / "projects" / plan.key
        folder.mkdir(parents=True)
        for lang in plan.langs:
            text = render_project(plan, lang, seed, vocab=vocab, agencies=agencies, documents=done)
            (folder / f"index.{lang}.md").write_text(text, encoding="utf-8")
            files += 1
    return {
        "projects": projects,
        "documents": documents,
        "item_files": files,
        "items": [[p.collection, p.key, list(p.langs)] for p in doc_plans + project_plans],
    }
