"""Reading sources: encodings, binary and empty files, HTML boilerplate, batches, page furniture."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from docket.analysis import Analysis
from docket.errors import DocketError, Problem
from docket.pipeline import Context
from docket.read import stage as read_stage
from docket.read.decode import decode_bytes, normalise_text
from docket.read.sources import iter_sources
from docket.settings import Settings

LIMIT = 1_000_000


def read(raw: bytes, media_type: str = "text/plain", **meta: str) -> Analysis:
    analysis = Analysis(raw=raw, source="x", media_type=media_type, meta=dict(meta))
    read_stage.run(analysis, Context(Settings()))
    return analysis


def test_founding_article_loses_its_comment_form_and_repeated_caption(founding_text: str) -> None:
    text = read(founding_text.encode()).text
    assert "Leave a Reply" not in text
    assert "Your email address" not in text
    caption = "A medic treats a woman at an airraid shelter in Stepanakert"
    assert text.count(caption) == 1
    assert text.startswith("Denounces That Azerbaijan Uses Cluster Bombs")
    assert "Turkey denies it." in text


def test_document_id_is_sha256_of_raw_bytes() -> None:
    import hashlib

    raw = b"Shelling hit the town of Donetsk on Monday, officials said."
    assert read(raw).document is not None
    assert read(raw).document.id == hashlib.sha256(raw).hexdigest()  # type: ignore[union-attr]


def test_html_keeps_the_article_and_drops_scripts_and_navigation() -> None:
    html = (
        "<html><head><title>Strike</title></head><body><nav>Home | World | Sport</nav>"
        "<article><h1>Strike hits market</h1><p>"
        + "An air strike hit a crowded market in the town on Tuesday, killing at least nine "
        "people, local officials said. "
        * 4
        + "</p><script>alert('x')</script><p onclick=\"steal()\">Witnesses described a second "
        "explosion minutes later near the school.</p></article>"
        "<footer>Copyright 2024 All rights reserved</footer></body></html>"
    )
    text = read(html.encode(), "text/html").text
    assert "crowded market" in text
    assert "second explosion" in text
    assert "alert(" not in text and "steal()" not in text
    assert "Home | World" not in text


def test_charset_declared_in_html_is_honoured() -> None:
    html = '<html><head><meta charset="iso-8859-1"></head><body><p>Caf\xe9 bombing in the city centre killed two people on Sunday, police said, and wounded several others nearby.</p></body></html>'
    text = read(html.encode("latin-1"), "text/html").text
    assert "Café" in text


def test_undeclared_non_utf8_bytes_fail_with_e003() -> None:
    russian = "Обстрел Харькова 1 марта 2022 года унёс жизни мирных жителей".encode("koi8-r")
    with pytest.raises(DocketError) as error:
        decode_bytes(russian, "bad.txt")
    assert error.value.code == "E003"
    assert "bad.txt" in str(error.value) and "save the file as UTF-8" in str(error.value)


def test_binary_fails_with_e004() -> None:
    with pytest.raises(DocketError) as error:
        read(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    assert error.value.code == "E004"


def test_empty_fails_with_e005() -> None:
    with pytest.raises(DocketError) as error:
        read(b"   \n\n ")
    assert error.value.code == "E005"


def test_non_english_is_reported_not_analysed() -> None:
    analysis = read(
        b"Die Organisation hat mindestens vier Angriffe mit Streumunition auf Wohngebiete "
        b"dokumentiert, teilte sie am Freitag mit."
    )
    assert analysis.language == "de"
    assert [p.code for p in analysis.problems] == ["E009"]


def test_furniture_cut_and_duplicate_paragraph_kept_once() -> None:
    text = "Shelling continued overnight in the city.\n\nA photo caption of the ruined street\n\nA photo caption of the ruined street AP\n\nShare this:\nTwitter"
    assert normalise_text(text) == (
        "Shelling continued overnight in the city.\n\nA photo caption of the ruined street"
    )


def test_a_long_report_keeps_its_text_after_a_copyright_line() -> None:
    """Furniture ends a page only near its end: an NGO report's copyright page ("All rights
    reserved") once cut a 200-page report to its cover."""
    cover = "Human Rights Watch\n\nCluster Munitions in Nagorno-Karabakh\n\n"
    copyright_page = "Copyright 2020 Human Rights Watch\nAll rights reserved.\n\n"
    body = "\n\n".join(f"Section {n}: shelling struck the town at dawn." for n in range(400))
    text = normalise_text(cover + copyright_page + body + "\n\nShare this:\nTwitter")
    assert "Section 0:" in text and "Section 399:" in text
    assert "All rights reserved." in text and "Share this" not in text


def test_folder_batch_reports_bad_files_and_goes_on(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Rockets struck the village at dawn.")
    (tmp_path / "b.jsonl").write_text(
        '{"id": "1", "text": "A car bomb exploded in the capital."}\n'
        "{not json\n"
        '{"id": "3", "title": "no text"}\n'
        '{"id": "4", "text": "Militants ambushed a patrol.", "published": "2021-03-04"}\n'
    )
    (tmp_path / "c.csv").write_text("id,headline\n1,nothing\n")
    (tmp_path / "d.pdf").write_bytes(b"%PDF-1.4")  # unknown types inside folders are skipped
    items = list(iter_sources([str(tmp_path), str(tmp_path / "missing.txt")], LIMIT))
    problems = [i for i in items if isinstance(i, Problem)]
    analyses = [i for i in items if isinstance(i, Analysis)]
    assert [p.code for p in problems] == ["E007", "E007", "E008", "E001"]
    assert "b.jsonl:2" in problems[0].path
    assert [a.meta.get("id") for a in analyses] == [None, "1", "4"]
    assert analyses[2].meta["published"] == "2021-03-04"


def test_oversized_file_fails_with_e006_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: 200 MB on paper, nothing on disk
    (problem,) = list(iter_sources([str(big)], 20_000_000))
    assert isinstance(problem, Problem) and problem.code == "E006"
    assert "big.txt" in str(problem)


def test_stdin_jsonl_and_plain_text() -> None:
    batch = io.BytesIO(b'{"text": "Two soldiers were killed."}\n{"text": "Clashes erupted."}\n')
    assert len(list(iter_sources(["-"], LIMIT, stdin=batch))) == 2
    (one,) = list(iter_sources(["-"], LIMIT, stdin=io.BytesIO(b"Mortar fire hit the camp.")))
    assert isinstance(one, Analysis) and one.media_type == "text/plain"


def test_bad_published_date_is_e015() -> None:
    with pytest.raises(DocketError) as error:
        read(b"Fighting resumed near the border.", published="2020-03-32")
    assert error.value.code == "E015"


def _shown(items: list[Analysis | Problem]) -> list[tuple[str, ...]]:
    return [
        (i.source, i.raw.decode()) if isinstance(i, Analysis) else (i.path, i.code) for i in items
    ]


def test_a_shard_read_from_its_middle_gives_what_the_whole_read_gives_there(
    tmp_path: Path,
) -> None:
    """``docket batch`` reads a piece of a shard from document ``first`` on, without reading the
    documents before it: the same documents, line numbers and problems as the whole read."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from docket.read.sources import iter_shard, jsonl_starts

    lines = [f'{{"text": "report {k}"}}' for k in range(12)]
    lines[3] = "{not json"
    lines[6:6] = ["", "   "]  # blank lines are no documents
    jsonl = tmp_path / "shard.jsonl"
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    parquet = tmp_path / "shard.parquet"
    rows = [f"row {k}" for k in range(1000)]
    pq.write_table(pa.table({"text": rows}), parquet, row_group_size=300)
    for shard, firsts in ((jsonl, range(13)), (parquet, (0, 1, 299, 300, 301, 640, 999, 1000))):
        whole = list(iter_sources([str(shard)], LIMIT))
        for first in firsts:
            assert _shown(list(iter_shard(str(shard), LIMIT, first))) == _shown(whole[first:])
    assert _shown(list(iter_shard(str(jsonl), LIMIT, 3)))[0] == (f"{jsonl}:4", "E007")
    # and from where each piece of 4 begins, as docket batch's tasks read it
    whole = list(iter_sources([str(jsonl)], LIMIT))
    starts = jsonl_starts(str(jsonl), 4)
    assert len(starts) == 3
    for piece, start in enumerate(starts):
        read = list(iter_shard(str(jsonl), LIMIT, 4 * piece, start))
        assert _shown(read) == _shown(whole[4 * piece :])
