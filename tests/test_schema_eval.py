"""``docket eval schema``: every development document's record validates against the contract,
and the check catches a record that does not."""

from __future__ import annotations

from pathlib import Path

import pytest

from docket.evaluate import schema_check
from docket.settings import Settings

SHARED = Path(__file__).resolve().parents[2] / "shared"


def _settings() -> Settings:
    if not (SHARED / "contract" / "extraction.schema.json").exists():
        pytest.skip(f"contract schema not found under {SHARED} (needs ../shared)")
    return Settings(shared_dir=SHARED)


@pytest.mark.slow
def test_the_check_finds_a_broken_record_and_a_false_quote() -> None:
    from docket.extract_only import extract_text

    settings = _settings()
    check = schema_check.validator(settings)
    record = extract_text(
        "Rebels shelled the town of Goma on Monday, killing three people, the army said.",
        settings,
    ).to_json()
    assert schema_check.problems(record, check) == []
    assert any(True for _ in schema_check._spans(record))
    broken = {**record, "incidents": [{"category": "shelling_or_artillery"}]}  # no evidence
    assert schema_check.problems(broken, check)
    path, span = next(schema_check._spans(record))
    span["quote"] = span["quote"] + "x"
    assert any("does not quote" in p for p in schema_check.problems(record, check))


@pytest.mark.slow
@pytest.mark.eval
def test_development_documents_give_valid_records() -> None:
    (report,) = schema_check.run(_settings(), limit=3)
    assert report.rows, report.render()
    for name, counts in report.rows.items():
        assert counts.tp == counts.gold > 0, f"{name}: {report.render()}"
