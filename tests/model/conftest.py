"""Put plugins/ on sys.path: the model is imported as `model`, as the build imports it."""

from __future__ import annotations

import sys

from tests.conftest import ROOT

if str(ROOT / "plugins") not in sys.path:
    sys.path.insert(0, str(ROOT / "plugins"))
