"""The GitHub Actions workflow: actionlint finds nothing, actions are pinned, permissions are least."""

from __future__ import annotations

import json
import re
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
PUBLISH = ROOT / ".github" / "workflows" / "publish.yml"
ACTIONLINT = ROOT / "node_modules" / "@tktco" / "node-actionlint" / "build" / "run-lint.js"
# Lint the files named on the command line; print the findings as JSON. It runs from a file:
# under `node -e` Node's own `fs` is a global, which the Go runtime would then wait on forever.
LINT = """
if (!globalThis.crypto) globalThis.crypto = require("crypto").webcrypto;  // Node.js 18 (Debian 12)
const {runLintForFiles} = require(process.argv[2]);
const fs = require("fs");
const files = process.argv.slice(3).map(path => ({path, data: fs.readFileSync(path, "utf8")}));
runLintForFiles(files).then(
  found => { process.stdout.write(JSON.stringify(found.map(({data, ...rest}) => rest))); process.exit(0); },
  error => { console.error(error); process.exit(2); });
"""


def actionlint(node: str, *paths: Path) -> list[dict[str, Any]]:
    """Run actionlint (1.7.7, built to WebAssembly, from npm) on workflow files."""
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "lint.js"
        script.write_text(LINT, encoding="utf-8")
        result = subprocess.run(
            [node, str(script), str(ACTIONLINT), *(str(p.resolve()) for p in paths)],
            check=False,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert result.returncode == 0, f"actionlint did not run: {result.stderr}"
    return json.loads(result.stdout)


PINNED = re.compile(r"^\s*(?:-\s*)?uses:\s*([\w.-]+/[\w./-]+)@([0-9a-f]{40})\s+#\s*v\d+(?:\.\d+)*\s*$")


def load(path: Path) -> dict[Any, Any]:
    """Parse a workflow (YAML turns the `on` key into True; give it its name back)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:
        data["on"] = data.pop(True)
    return data


def test_workflows_pass_actionlint(node: str) -> None:
    """actionlint reports no problem in any workflow."""
    assert WORKFLOWS, "no workflow in .github/workflows"
    found = actionlint(node, *WORKFLOWS)
    lines = [f"{Path(f['path']).name}:{f['line']}:{f['column']}: {f['message']} [{f['kind']}]" for f in found]
    assert not found, "\n".join(lines)


def test_actionlint_catches_a_broken_workflow(node: str, tmp_path: Path) -> None:
    """The linter really lints: a misspelt key and an unknown context are reported."""
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: push\njobs:\n  x:\n    runs-on: ubuntu-24.04\n    permisions: {}\n"
        "    steps:\n      - run: echo ${{ github.nope }}\n",
        encoding="utf-8",
    )
    messages = " ".join(f["message"] for f in actionlint(node, bad))
    assert "permisions" in messages and "nope" in messages


def test_every_action_is_pinned_to_a_commit_with_its_version() -> None:
    """Each `uses:` names a full 40-hex commit SHA and a `# vX.Y.Z` comment."""
    assert WORKFLOWS, "no workflow in .github/workflows"
    for path in WORKFLOWS:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.match(r"^\s*(?:-\s*)?uses:", line):
                assert PINNED.match(line), f"{path.name}:{number}: not pinned by SHA: {line.strip()}"


def test_publish_workflow_has_least_privilege_and_the_right_steps() -> None:
    """Read-only by default; only the deploy job writes to Pages; checks and tests gate the build."""
    flow = load(PUBLISH)
    assert flow["on"]["push"]["branches"] == ["main"]
    assert flow["permissions"] == {"contents": "read"}
    build, deploy = flow["jobs"]["build"], flow["jobs"]["deploy"]
    assert "permissions" not in build, "the build job must not widen the read-only default"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build"
    runs = [step.get("run", "") for step in build["steps"]]
    order = [
        next(i for i, r in enumerate(runs) if command in r)
        for command in ("npm ci", "make check", "make test", "make publish")
    ]
    assert order == sorted(order), "checks and tests must run before the production build"
    uses = [step.get("uses", "").split("@")[0] for step in build["steps"]]
    assert "actions/upload-pages-artifact" in uses
    cached = [
        step["with"]["path"] for step in build["steps"] if step.get("uses", "").startswith("actions/cache@")
    ]
    assert ".cache/images" in cached and ".venv" in cached
    assert [s.get("uses", "").split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    checkout = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False
