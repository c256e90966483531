"""``docket check`` names the documents a stopped run saved but never linked (E058) and
``docket check --link`` links them; documents linked whole, or too short to sign, are not named."""

from __future__ import annotations

from datetime import date

from click.testing import CliRunner

from docket.faces.cli import build_cli
from docket.record import DocumentInfo, Extraction, Incident, Span, When, content_hash
from docket.settings import Settings
from docket.store import open_store

LONG = (
    "Artillery shelling struck the eastern districts of Kharkiv on the morning of 1 March 2022, "
    "destroying several apartment blocks and a school, a regional official told reporters, "
    "adding that rescue teams were still searching the rubble for survivors late in the day."
)


def extraction(text: str, incident: str | None) -> tuple[Extraction, bytes]:
    raw = text.encode()
    doc = DocumentInfo(id=content_hash(raw), text=text, language="en", published=date(2022, 3, 2))
    incidents = []
    if incident:
        incidents.append(
            Incident(
                id=incident,
                category="shelling_or_artillery",
                when=When(precision="day", start=date(2022, 3, 1), end=date(2022, 3, 1)),
                evidence=[Span.of(text, 0, 30)],
            )
        )
    return Extraction(document=doc, incidents=incidents), raw


def test_check_names_unlinked_documents_and_links_them(settings: Settings) -> None:
    store = open_store(settings)
    linked, raw_linked = extraction(LONG, "inc-linked")
    store.save_linked(linked, raw_linked, "linked.txt")
    # Saved and never linked: the state a kill between the two transactions leaves.
    with_incident, raw1 = extraction(LONG + " A second report.", "inc-unlinked")
    store.save(with_incident, raw1, "unlinked.txt")
    unsigned, raw2 = extraction(LONG + " A third report, with no incident.", None)
    store.save(unsigned, raw2, "unsigned.txt")
    short, raw3 = extraction("Shelling in Kharkiv.", None)  # too short to sign: nothing to link
    store.save(short, raw3, "short.txt")
    assert store.check() == []  # every document is whole; only the linking is missing

    cli = build_cli()
    database = ["--database", settings.resolved_database_url]
    runner = CliRunner(env={"DOCKET_DATA_DIR": str(settings.data_dir)})
    found = runner.invoke(cli, ["check", *database])
    assert found.exit_code == 1, found.output
    for missing in (with_incident, unsigned):
        assert f"E058 document {missing.document.id} is stored but was never linked" in found.output
    for fine in (linked, short):
        assert fine.document.id not in found.output
    assert "docket check --link" in found.output and "2 problems" in found.output

    fixed = runner.invoke(cli, ["check", *database, "--link"])
    assert fixed.exit_code == 0, fixed.output
    assert "linked 2 documents" in fixed.output and "all whole and linked" in fixed.output
    assert store.unlinked() == []
    assert store.incident("inc-unlinked").incident.id == "inc-unlinked"
    again = runner.invoke(cli, ["check", *database])
    assert again.exit_code == 0 and "linked 2" not in again.output
