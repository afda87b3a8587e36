"""How long `flask demo seed` takes on a fresh SQLite database (what ./serve.sh waits for).

Run: ``.venv/bin/python bench/demo_seed.py [--runs 3]``

Each run migrates a new database in a temporary folder, then times the demo accounts with
their keys and rings (``--no-sample-data``: the production-strength Argon2 hashing and key
wrapping) and, on another new database, the whole seed with the sample year, reporting wall
and CPU seconds. It prints figures only; nothing here asserts on time.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask_migrate import upgrade  # noqa: E402

from gratifikasi import create_app  # noqa: E402


def timed_seed(folder: Path, *extra: str) -> tuple[float, float]:
    os.environ["GRATIFIKASI_INSTANCE_PATH"] = str(folder)
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'bench.sqlite3'}", "SECRET_KEY": "bench"})
    with app.app_context():
        upgrade()
    wall, cpu = time.perf_counter(), time.process_time()
    result = app.test_cli_runner().invoke(args=["demo", "seed", *extra])
    if result.exit_code != 0:
        raise SystemExit(result.output)
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    figures: dict[str, list[tuple[float, float]]] = {"accounts only": [], "accounts + sample year": []}
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as one, tempfile.TemporaryDirectory() as two:
            figures["accounts only"].append(timed_seed(Path(one), "--no-sample-data"))
            figures["accounts + sample year"].append(timed_seed(Path(two)))
    for name, runs in figures.items():
        print(f"{name:24} median {statistics.median(w for w, _ in runs):6.1f} s wall, "
              f"{statistics.median(c for _, c in runs):6.1f} s CPU  ({len(runs)} runs)")
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
