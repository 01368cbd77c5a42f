"""Publish a staged build into the output through a journal, so that no kill leaves a mix.

Before the first file of the output is touched, `<output>.journal` records
the staging folder and the output files to delete, and is flushed to disk.
Then every staged file is moved over its counterpart, the listed files are
deleted, the staging folder is removed and, last, the journal. Every step can
be done twice: a move whose staged file is gone was done, a deletion of a file
that is gone was done. A build killed at any instant therefore leaves either
no journal (the output is the old site, untouched) or a journal, which the next
build finds and completes before it does anything else (the output becomes the
new site). Moves are renames; when the output is on another file system (a
mount point), a move copies into the output's own folder, flushes, then renames.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import shutil
from collections.abc import Iterable

logger = logging.getLogger(__name__)

SUFFIX_JOURNAL = ".journal"
TMP_SUFFIX = ".atomic-tmp"  # a copy on its way into the output (cross-device moves)
VERSION = 1


def journal_path(final: str) -> str:
    """Return the journal of an output folder: beside it, `<output>.journal`."""
    return final.rstrip(os.sep) + SUFFIX_JOURNAL


def files_under(root: str) -> set[str]:
    """Return the relative paths of every file under root."""
    return scan(root)[0]


def scan(root: str) -> tuple[set[str], list[str]]:
    """Return the relative paths of every file under root, and of its empty folders.

    One pass of os.scandir with relative paths built as strings: the output
    of a large site has a folder per page, and os.walk with relpath and
    normpath per folder cost more than the rest of a one-edit publish.
    """
    found: set[str] = set()
    empty: list[str] = []
    stack = [("", root)]
    while stack:
        prefix, folder = stack.pop()
        seen = False
        with os.scandir(folder) as entries:
            for entry in entries:
                seen = True
                # Like os.walk: a link to a folder is neither a file nor followed.
                if entry.is_dir():
                    if not entry.is_symlink():
                        stack.append((prefix + entry.name + os.sep, entry.path))
                else:
                    found.add(prefix + entry.name)
        if not seen and prefix:
            empty.append(prefix.rstrip(os.sep))
    return found, empty


def write(final: str, staging: str, delete: Iterable[str]) -> str:
    """Write the journal of one publish and flush it to disk; return its path."""
    path = journal_path(final)
    data = {"version": VERSION, "final": final, "staging": staging, "delete": sorted(delete)}
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as handle:
        json.dump(data, handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)  # the commit point: from here on the new site wins
    _fsync_dir(os.path.dirname(path))
    return path


def recover(final: str) -> bool:
    """Complete a publish a killed build left journaled; return whether there was one."""
    path = journal_path(final)
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError:
        return False
    except (OSError, ValueError):
        # The journal is renamed into place whole, so this is not ours to read.
        logger.warning("%s is unreadable; ignored and removed (the output was not changed)", path)
        os.remove(path)
        return False
    logger.warning("completing the publish of a build that was interrupted (%s)", path)
    apply(data["final"], data["staging"], data["delete"])
    return True


def apply(final: str, staging: str, delete: Iterable[str], empty: Iterable[str] | None = None) -> int:
    """Do what the journal says (again, if need be); remove it; return the files moved.

    `empty` lists the output's folders that were empty before (scan): then only
    those and the folders of deleted files are pruned, not the whole tree walked.
    """
    moved = 0
    bare: list[str] = []  # staged folders without files: pruned like the old site's
    # Folders before their contents, paths built as strings (a re-rendered
    # site has a folder per page: os.walk with relpath cost seconds).
    pending = [""] if os.path.isdir(staging) else []
    while pending:
        rel = pending.pop()
        source_folder, target_folder = os.path.join(staging, rel), os.path.join(final, rel)
        _make_folder(os.path.normpath(target_folder))
        names = []
        with os.scandir(source_folder) as entries:
            for entry in entries:
                if not entry.is_dir():
                    names.append(entry.name)
                elif not entry.is_symlink():  # like os.walk: a link to a folder is not followed
                    pending.append(rel + entry.name + os.sep)
        if not names and rel:
            bare.append(rel.rstrip(os.sep))
        for name in sorted(names):
            _move(source_folder + name, target_folder + name)  # both end with a separator
            moved += 1
    delete = list(delete)
    for rel in delete:
        _remove(os.path.join(final, rel))
    if empty is None:
        prune_folders(final)
    else:
        prune_some(final, [*empty, *bare, *(os.path.dirname(rel) for rel in delete)])
    if os.path.isdir(staging):
        shutil.rmtree(staging)
    os.remove(journal_path(final))
    _fsync_dir(os.path.dirname(journal_path(final)))
    return moved


def _make_folder(folder: str) -> None:
    """Create a folder of the output, replacing a file of the old site in its way."""
    if os.path.lexists(folder) and not os.path.isdir(folder):
        os.remove(folder)  # a file became a folder
    os.makedirs(folder, exist_ok=True)


def _move(source: str, target: str) -> None:
    """Move a staged file over its counterpart: a rename, or a copy when devices differ."""
    if os.path.isdir(target) and not os.path.islink(target):
        shutil.rmtree(target)  # a folder became a file
    try:
        os.replace(source, target)
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
        _copy_across(source, target)


def _copy_across(source: str, target: str) -> None:
    """Copy into the target's folder, flush, rename over the target, then drop the source."""
    tmp = os.path.join(os.path.dirname(target), "." + os.path.basename(target) + TMP_SUFFIX)
    shutil.copyfile(source, tmp)
    shutil.copystat(source, tmp)  # the same mtime: incremental builds compare it
    with open(tmp, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp, target)
    os.remove(source)


def _remove(path: str) -> None:
    """Remove an output file of the old site, if it is still there."""
    try:
        os.remove(path)
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        pass  # gone, or replaced by a folder of the new site


def prune_folders(final: str) -> None:
    """Remove folders of the output left empty."""
    for folder, _dirs, _names in os.walk(final, topdown=False):
        if folder != final and not os.listdir(folder):
            os.rmdir(folder)


def prune_some(final: str, folders: Iterable[str]) -> None:
    """Remove the given output folders (relative) and their parents, deepest first, while empty."""
    candidates: set[str] = set()
    for rel in folders:
        while rel and rel not in candidates:
            candidates.add(rel)
            rel = os.path.dirname(rel)
    # Deeper first: a folder emptied by removing its only sub-folder goes too.
    for rel in sorted(candidates, key=lambda r: r.count(os.sep), reverse=True):
        try:
            os.rmdir(os.path.join(final, rel))
        except OSError:
            pass  # not empty (or gone, or a file of the new site): kept


def _fsync_dir(folder: str) -> None:
    """Flush a folder's entries (a rename is durable once its folder is)."""
    try:
        fd = os.open(folder or ".", os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
