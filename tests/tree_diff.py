"""Compare two build outputs file for file and byte for byte, Pagefind's unordered files by content."""

from __future__ import annotations

import difflib
import gzip
import hashlib
import json
import struct
from pathlib import Path
from typing import Any

# Pagefind (1.x) writes its filter index from Rust hash maps, whose iteration
# order is seeded at random in every process: the same pages give filter files
# (pagefind/filter/*.pf_filter) whose values come in another order, hence
# other bytes and other content-hash file names, a language meta file
# (pagefind/pagefind.<lang>_<hash>.pf_meta) that lists the filters in another
# order and names them by those hashes, and a pagefind-entry.json naming the
# meta files by theirs. These are compared by what they say (decoded, the
# filters sorted by name and value); every other file must be byte-identical.
PAGEFIND = "pagefind"
ENTRY = f"{PAGEFIND}/pagefind-entry.json"
SIGNATURE = b"pagefind_dcd"
SHOWN = 8  # differing files listed in a report
DIFF_LINES = 60  # lines of the unified diff in a report


def unordered(rel: str) -> bool:
    """Tell whether a file is one of Pagefind's, compared by content instead of bytes."""
    parts = rel.split("/")
    if parts[0] != PAGEFIND:
        return False
    return rel == ENTRY or rel.endswith((".pf_filter", ".pf_meta"))


def files(root: Path) -> dict[str, Path]:
    """Return every file under root by its path relative to root (with / separators)."""
    return {p.relative_to(root).as_posix(): p for p in sorted(root.rglob("*")) if p.is_file()}


def snapshot(root: Path) -> dict[str, bytes]:
    """Return a digest of every file under root, by relative path."""
    return {
        rel: hashlib.blake2b(path.read_bytes(), digest_size=16).digest() for rel, path in files(root).items()
    }


def compare(expected: Path, actual: Path) -> str | None:
    """Return a report of how actual differs from expected, or None when they are equal."""
    want, got = files(expected), files(actual)
    missing = sorted(set(want) - set(got) - {r for r in want if unordered(r)})
    extra = sorted(set(got) - set(want) - {r for r in got if unordered(r)})
    changed = [
        rel
        for rel in sorted(set(want) & set(got))
        if not unordered(rel) and want[rel].read_bytes() != got[rel].read_bytes()
    ]
    problems = []
    if missing:
        problems.append(f"{len(missing)} missing: " + ", ".join(missing[:SHOWN]))
    if extra:
        problems.append(f"{len(extra)} not expected: " + ", ".join(extra[:SHOWN]))
    if changed:
        problems.append(f"{len(changed)} differ: " + ", ".join(changed[:SHOWN]))
    detail = ""
    if changed:
        detail = text_diff(want[changed[0]], got[changed[0]], changed[0])
    if (ENTRY in want) != (ENTRY in got):
        problems.append(f"{ENTRY} is in only one of the outputs")
    elif ENTRY in want:
        search_want, search_got = pagefind_content(expected), pagefind_content(actual)
        if search_want != search_got:
            problems.append("the Pagefind filter/meta content differs")
            detail = detail or structure_diff(search_want, search_got)
    if not problems:
        return None
    return (
        f"{actual} differs from {expected}:\n  " + "\n  ".join(problems) + ("\n" + detail if detail else "")
    )


def text_diff(want: Path, got: Path, rel: str) -> str:
    """Return the start of a unified diff of two versions of a file (or their sizes if binary)."""
    try:
        a, b = want.read_text(encoding="utf-8"), got.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return f"{rel}: binary, {want.stat().st_size} bytes expected, {got.stat().st_size} written"
    lines = difflib.unified_diff(
        a.splitlines(), b.splitlines(), f"cold/{rel}", f"incremental/{rel}", n=2, lineterm=""
    )
    shown = list(lines)
    more = f"\n… {len(shown) - DIFF_LINES} more lines" if len(shown) > DIFF_LINES else ""
    return "\n".join(shown[:DIFF_LINES]) + more


def structure_diff(want: Any, got: Any) -> str:
    """Return a unified diff of two decoded structures."""
    a = json.dumps(want, indent=1, ensure_ascii=False, sort_keys=True).splitlines()
    b = json.dumps(got, indent=1, ensure_ascii=False, sort_keys=True).splitlines()
    shown = list(difflib.unified_diff(a, b, "cold/pagefind", "incremental/pagefind", n=2, lineterm=""))
    return "\n".join(shown[:DIFF_LINES])


def pagefind_content(output: Path) -> dict[str, Any]:
    """Return what a Pagefind bundle's entry, meta and filter files say, free of hash-map order."""
    bundle = output / PAGEFIND
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    languages = {}
    read = {ENTRY}
    for lang, info in entry.get("languages", {}).items():
        meta = decode_pagefind(bundle / f"pagefind.{info['hash']}.pf_meta")
        read.add(f"{PAGEFIND}/pagefind.{info['hash']}.pf_meta")
        read.update(f"{PAGEFIND}/filter/{digest}.pf_filter" for _, digest in meta[3])
        languages[lang] = {
            **{key: value for key, value in info.items() if key != "hash"},
            "meta": canonical_meta(meta, bundle),
        }
    # A filter or meta file that nothing names would be left over from another build.
    strays = sorted(rel for rel in files(output) if unordered(rel) and rel not in read)
    rest = {key: value for key, value in entry.items() if key != "languages"}
    return {**rest, "languages": languages, "unreferenced files": strays}


def canonical_meta(meta: Any, bundle: Path) -> list[Any]:
    """Return a meta index with its filters (name, file hash) replaced by their sorted content."""
    # MetaIndex: [version, pages, index_chunks, filters, sorts, meta_fields];
    # a filter is [name, hash of filter/<hash>.pf_filter].
    if not (isinstance(meta, list) and len(meta) >= 4 and isinstance(meta[3], list)):
        raise AssertionError(f"unknown Pagefind meta layout (a new Pagefind?): update {__file__}")
    filters = sorted(
        [name, canonical_filter(decode_pagefind(bundle / "filter" / f"{digest}.pf_filter"))]
        for name, digest in meta[3]
    )
    return [*meta[:3], filters, *meta[4:]]


def canonical_filter(index: Any) -> list[Any]:
    """Return a filter index ([name, [[value, pages]…]]) with its values sorted."""
    if not (isinstance(index, list) and len(index) == 2 and isinstance(index[1], list)):
        raise AssertionError(f"unknown Pagefind filter layout (a new Pagefind?): update {__file__}")
    return [index[0], sorted(index[1])]


def decode_pagefind(path: Path) -> Any:
    """Decode one of Pagefind's gzipped CBOR files."""
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise AssertionError(f"{path}: not a Pagefind data file")
    value, end = cbor(raw, len(SIGNATURE))
    if end != len(raw):
        raise AssertionError(f"{path}: {len(raw) - end} bytes after the data")
    return value


def cbor(data: bytes, at: int) -> tuple[Any, int]:
    """Decode the CBOR item at data[at:] (the subset Pagefind writes); return it and where it ends."""
    head = data[at]
    major, info = head >> 5, head & 0x1F
    at += 1
    if info < 24:
        arg = info
    elif info <= 27:
        size = 1 << (info - 24)
        arg = int.from_bytes(data[at : at + size], "big")
        if major == 7 and info >= 25:  # floats: half, single, double
            fmt = {2: ">e", 4: ">f", 8: ">d"}[size]
            return struct.unpack(fmt, data[at : at + size])[0], at + size
        at += size
    else:
        raise ValueError(f"indefinite-length CBOR at byte {at - 1}")
    if major == 0:
        return arg, at
    if major == 1:
        return -1 - arg, at
    if major in (2, 3):
        chunk = data[at : at + arg]
        return (chunk.decode("utf-8") if major == 3 else chunk.hex()), at + arg
    if major == 4:
        items = []
        for _ in range(arg):
            item, at = cbor(data, at)
            items.append(item)
        return items, at
    if major == 5:
        pairs = []
        for _ in range(arg):
            key, at = cbor(data, at)
            value, at = cbor(data, at)
            pairs.append([key, value])
        return {"map": sorted(pairs, key=repr)}, at
    if major == 6:
        return cbor(data, at)
    simple = {20: False, 21: True, 22: None}
    if arg in simple:
        return simple[arg], at
    raise ValueError(f"CBOR simple value {arg} at byte {at - 1}")
