"""Fixtures of the atomic_output tests: the plugin importable as Pelican imports it."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.conftest import ROOT

if str(ROOT / "plugins") not in sys.path:
    sys.path.insert(0, str(ROOT / "plugins"))

MUTATORS = ["replace", "rename", "remove", "unlink", "rmdir"]


class Killed(BaseException):
    """What the injected failure raises: a kill, which no except Exception catches."""


class Killer:
    """Make the k-th file-system change (rename, replace, remove, rmdir, rmtree) a kill."""

    def __init__(self) -> None:
        self.done, self.limit = 0, -1

    def __call__(self, limit: int) -> None:
        """Arm at limit (-1: disarm) and start counting."""
        self.done, self.limit = 0, limit

    def wrap(self, original: Callable[..., Any]) -> Callable[..., Any]:
        def op(*args: Any, **kwargs: Any) -> Any:
            if self.limit >= 0:
                if self.done == self.limit:
                    raise Killed(f"killed at operation {self.done}")
                self.done += 1
            return original(*args, **kwargs)

        return op


@pytest.fixture
def kill_after(monkeypatch: pytest.MonkeyPatch) -> Iterator[Killer]:
    """Return the killer, wrapped around every file-system change the publish makes."""
    killer = Killer()
    for name in MUTATORS:
        monkeypatch.setattr(os, name, killer.wrap(getattr(os, name)))
    monkeypatch.setattr(shutil, "rmtree", killer.wrap(shutil.rmtree))
    yield killer
    killer(-1)
