"""Undeclared Western text is read as browsers read it: bytes that are not UTF-8 and declare no
charset are decoded as Windows-1252 (which browsers use for "Latin-1" too); bytes of another
script, or UTF-8 mixed with other bytes, fail with E003 naming the file. Real encoded bytes."""

from __future__ import annotations

from pathlib import Path

import pytest

from docket.analysis import Analysis
from docket.errors import DocketError, Problem
from docket.read.decode import decode_bytes
from docket.read.sources import iter_sources

LATIN = "Shelling near Zürich's café district and São Tomé, the Señora said; 3 hurt."
CP1252 = "“Artillery struck at dawn” – the mayor’s office said; damage put at €2m… ™"


def test_latin_1_bytes_are_read() -> None:
    raw = LATIN.encode("latin-1")
    assert raw != LATIN.encode("utf-8")
    assert decode_bytes(raw, "latin.txt") == (LATIN, "windows-1252")


def test_windows_1252_quotes_dashes_and_euro_are_read() -> None:
    raw = CP1252.encode("cp1252")
    assert b"\x93" in raw and b"\x80" in raw and b"\x96" in raw  # bytes Latin-1 has as controls
    assert decode_bytes(raw, "cp.txt") == (CP1252, "windows-1252")


@pytest.mark.parametrize(
    "raw",
    [
        "Обстрел Харькова унёс жизни мирных жителей".encode("koi8-r"),
        "Βομβαρδισμός στην πόλη σήμερα το πρωί".encode("iso-8859-7"),
        "ハルキウで砲撃があったと当局者が述べた".encode("shift_jis"),
        "Café ".encode() + "Zürich".encode("latin-1"),  # UTF-8 and Latin-1 in one file
        b"undefined in Windows-1252: \x81\x8d",
    ],
)
def test_other_bytes_fail_with_e003_naming_the_file(raw: bytes) -> None:
    with pytest.raises(DocketError) as error:
        decode_bytes(raw, "reports/other.txt")
    assert error.value.code == "E003"
    assert "reports/other.txt" in str(error.value) and "Windows-1252" in str(error.value)


def test_files_html_and_csv_in_windows_1252_are_ingested_as_text(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(LATIN.encode("latin-1"))
    html = f"<html><head><title>Zürich</title></head><body><p>{CP1252}</p></body></html>"
    (tmp_path / "b.html").write_bytes(html.encode("cp1252"))
    csv = f'text,title\n"{LATIN}",Señora\n"{CP1252}",Zoë\n'
    (tmp_path / "c.csv").write_bytes(csv.encode("cp1252"))
    (tmp_path / "d.txt").write_bytes("Обстрел Харькова унёс жизни".encode("koi8-r"))
    items = list(iter_sources([str(tmp_path)], 1_000_000))
    from docket.pipeline import Context
    from docket.read import stage as read_stage
    from docket.settings import Settings

    context = Context(Settings())
    texts, problems = [], []
    for item in items:
        if isinstance(item, Problem):
            problems.append(item)
            continue
        assert isinstance(item, Analysis)
        try:
            read_stage.run(item, context)
        except DocketError as exc:
            problems.append(exc.problem)
            continue
        texts.append(item.text)
    assert LATIN in texts and CP1252 in "\n".join(texts)
    assert texts.count(LATIN) == 2  # the file and the CSV row
    assert [(p.code, Path(p.path).name) for p in problems] == [("E003", "d.txt")]
