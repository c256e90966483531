"""Build the bundled sample (src/docket/sample/) from ../shared: the founding article and a few
openly licensed reports from the re3d corpus (CENTCOM: public domain; UK Government: Open
Government Licence v3.0). Run from the repository root: python scripts/build_sample.py"""

from __future__ import annotations

import json
from pathlib import Path

SHARED = Path("../shared")
OUT = Path("src/docket/sample")
RE3D = {
    "CENTCOM": ["482C1061", "6874F49C", "E9035FF1"],
    "UK Government": ["1718A365", "C35F45FE", "09FF200C"],
}
LICENCES = {
    "CENTCOM": "public domain (United States Central Command, www.centcom.mil)",
    "UK Government": "Open Government Licence v3.0 (contains public sector information)",
}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    founding = SHARED / "corpus" / "2020-10-23-karabakh-cluster-munitions.txt"
    meta = json.loads(founding.with_suffix(".meta.json").read_text("utf-8"))
    records = [
        {
            "id": founding.stem,
            "title": founding.read_text("utf-8").splitlines()[0],
            "published": meta["published"],
            "outlet": "blog republication (machine-translated from Spanish)",
            "text": founding.read_text("utf-8"),
        }
    ]
    for folder, prefixes in RE3D.items():
        for line in (SHARED / "eval" / "re3d" / folder / "documents.json").open(encoding="utf-8"):
            doc = json.loads(line)
            if doc["_id"][:8] in prefixes:
                records.append(
                    {
                        "id": f"re3d-{doc['_id'][:8]}",
                        "title": doc["title"],
                        "url": doc["sourceUrl"],
                        "outlet": folder,
                        "licence": LICENCES[folder],
                        "text": doc["text"],
                    }
                )
    with (OUT / "sample.jsonl").open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"wrote {len(records)} documents to {OUT / 'sample.jsonl'}")


if __name__ == "__main__":
    main()
