"""Screenshots of the web app for docs/screenshots/: review queue, place picker, map, map at a
town's zoom, incident, document.

They are taken by the browser tests' own walk (tests/test_web_desk.py: the bundled sample
ingested by the real pipeline into a temporary store, served on a free loopback port, driven in
the system's headless Chromium), which photographs each page when DOCKET_SCREENSHOTS names a
folder. Run:

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

WALK = "tests/test_web_desk.py"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    out: Path = parser.parse_args().out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    env = os.environ | {"DOCKET_SCREENSHOTS": str(out), "DOCKET_REQUIRE_BROWSER": "1"}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", WALK]
    subprocess.run(command, env=env, check=True)
    for shot in sorted(out.glob("*.png")):
        print(f"wrote {shot}")


if __name__ == "__main__":
    main()
