"""Screenshots of the web app's main pages for docs/screenshots/ (map, incident, review queue).

Ingests the bundled sample into a temporary store with the real pipeline, serves the app on a
free loopback port and photographs it with the system's headless Chromium (Playwright). Run:

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from docket.demo import sample_path
from docket.faces.api.serve import running
from docket.ingest import ingest
from docket.record import content_hash
from docket.settings import Settings

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    out: Path = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(data_dir=Path(folder) / "data", host="127.0.0.1", port=0)
        print(ingest([str(sample_path())], settings).line())
        founding = json.loads(sample_path().read_text("utf-8").splitlines()[0])
        document = content_hash(founding["text"].encode("utf-8"))
        with running(settings) as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 950})
            page.goto(url + "/")
            page.wait_for_selector("body[data-markers]")
            page.wait_for_timeout(800)  # let the outlines and clusters settle
            page.screenshot(path=str(out / "map.png"))
            print(f"wrote {out / 'map.png'}")
            incidents = page.request.get(f"{url}/api/incidents?document={document}").json()
            placed = [i for i in incidents["items"] if (i.get("location") or {}).get("lat")]
            incident = (placed or incidents["items"])[0]
            page.goto(f"{url}/incidents/{incident['id']}")
            page.screenshot(path=str(out / "incident.png"), full_page=True)
            print(f"wrote {out / 'incident.png'}")
            page.goto(url + "/review")
            page.screenshot(path=str(out / "review.png"))
            print(f"wrote {out / 'review.png'}")
            page.goto(f"{url}/documents/{document}")
            page.screenshot(path=str(out / "document.png"))
            print(f"wrote {out / 'document.png'}")
            browser.close()


if __name__ == "__main__":
    main()
