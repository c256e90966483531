"""Write docs/errors.md from docket.errors.CODES (run after adding a code): python scripts/write_error_docs.py"""

from __future__ import annotations

from pathlib import Path

from docket.errors import CODES

HEADER = """# Error codes

Every error docket reports has a stable code, the file (and line, for batches) it concerns, and
what to do. A bad input never stops a batch: it is reported and the next document is read; nothing
already stored changes. Codes keep their meaning once released.

| code | meaning | what to do |
|---|---|---|
"""


def main() -> None:
    rows = "".join(
        f"| {code} | {meaning} | {hint} |\n" for code, (meaning, hint) in sorted(CODES.items())
    )
    Path("docs/errors.md").write_text(HEADER + rows, "utf-8")


if __name__ == "__main__":
    main()
