#!/usr/bin/env python3
"""Validates GitHub Actions files against SchemaStore's schemas with check-jsonschema.

Usage: check_workflows.py FILE...

Each file named action.yml or action.yaml is checked with `check-jsonschema --builtin-schema
vendor.github-actions` (an action's metadata); every other file with `--builtin-schema
vendor.github-workflows` (a workflow). The schemas are the copies vendored inside the
check-jsonschema package, so no network is needed. check-jsonschema must be installed in the
Python environment that runs this script (PyPI package `check-jsonschema`); it is run as
`python -m check_jsonschema`.

Prints one line per file (and check-jsonschema's errors under a failing one) and exits 0 when
every file is valid, 1 otherwise.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ACTION_NAMES = {"action.yml", "action.yaml"}


def schema_for(path: Path) -> str:
    return "vendor.github-actions" if path.name in ACTION_NAMES else "vendor.github-workflows"


def main() -> int:
    files = [Path(arg) for arg in sys.argv[1:]]
    if not files:
        print("usage: check_workflows.py FILE...", file=sys.stderr)
        return 64
    try:
        version = subprocess.run(
            [sys.executable, "-m", "check_jsonschema", "--version"],
            capture_output=True, text=True, check=True, timeout=120,
        ).stdout.strip()
    except (subprocess.CalledProcessError, OSError) as error:
        print(f"check_workflows.py: check-jsonschema is not usable from {sys.executable}: {error}", file=sys.stderr)
        return 1
    print(f"{version} (builtin schemas, no network)")
    failed = 0
    for path in files:
        schema = schema_for(path)
        if not path.is_file():
            failed += 1
            print(f"FAILED {path} ({schema}): no such file")
            continue
        run = subprocess.run(
            [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)],
            capture_output=True, text=True, timeout=300,
        )
        if run.returncode == 0:
            print(f"ok     {path} ({schema})")
        else:
            failed += 1
            print(f"FAILED {path} ({schema}): check-jsonschema exit {run.returncode}")
            for line in (run.stdout + run.stderr).rstrip().splitlines():
                # check-jsonschema repeats the whole document in its first error line; keep it short.
                print(f"         | {line if len(line) <= 300 else line[:300] + ' ...'}")
    print(f"{len(files) - failed} of {len(files)} files valid")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
