"""Input errors that used to mislead: each bad input is read or refused with a message naming it."""

from __future__ import annotations

import os
import threading
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner

from docket.analysis import Analysis
from docket.errors import DocketError, Problem
from docket.faces.cli import build_cli
from docket.pipeline import Context
from docket.read import stage as read_stage
from docket.read.sources import iter_sources, read_one
from docket.settings import Settings, load_settings
from docket.store import open_store

LIMIT = 20_000_000
REPORT = (
    "An air strike hit a crowded market in the town on Tuesday, killing at least nine people, "
    "local officials said. Witnesses described a second explosion minutes later."
)


def read_file(path: Path) -> Analysis:
    """The file as ``docket ingest`` reads it: its source, then the read stage."""
    analysis = read_one(str(path), LIMIT)
    read_stage.run(analysis, Context(Settings()))
    return analysis


def nested(depth: int) -> str:
    return f"<html><body>{'<div>' * depth}<p>{REPORT}</p>{'</div>' * depth}</body></html>"


def test_a_csv_field_over_131072_characters_is_read_with_the_rows_after_it(
    tmp_path: Path,
) -> None:
    """The csv module's default field limit once dropped the long row and every row after it,
    with a hint about the header."""
    long_text = "Shelling hit the town. " * 7_000  # 161,000 characters
    batch = tmp_path / "reports.csv"
    batch.write_text(
        f'id,text\n1,Rockets struck the village.\n2,"{long_text}"\n3,A car bomb exploded.\n',
        "utf-8",
    )
    items = list(iter_sources([str(batch)], LIMIT))
    assert all(isinstance(item, Analysis) for item in items), [str(i) for i in items]
    assert [item.meta["id"] for item in items if isinstance(item, Analysis)] == ["1", "2", "3"]
    assert items[1].raw.decode("utf-8") == long_text  # type: ignore[union-attr]


def test_a_csv_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    with big.open("wb") as handle:
        handle.write(b"id,text\n")
        handle.truncate(50 * 1024 * 1024)  # 50 MB on paper, sparse on disk
    tracemalloc.start()
    try:
        (problem,) = list(iter_sources([str(big)], LIMIT))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(problem, Problem) and problem.code == "E006"
    assert problem.path == str(big)
    assert "52,428,800 bytes" in str(problem) and "DOCKET_MAX_DOCUMENT_BYTES" in str(problem)
    assert peak < 5_000_000, f"{peak:,} bytes allocated: the file was read"


@pytest.mark.parametrize("depth", [255, 300, 2000])
def test_html_nested_255_deep_keeps_its_text(tmp_path: Path, depth: int) -> None:
    """The HTML parser stopped at 256 levels and the page was reported as having no text (E005)."""
    page = tmp_path / "deep.html"
    page.write_text(nested(depth), "utf-8")
    assert REPORT in read_file(page).text


def test_html_nested_deeper_than_the_parser_reads_is_e024_naming_the_file(tmp_path: Path) -> None:
    page = tmp_path / "deeper.html"
    page.write_text(nested(5000), "utf-8")
    with pytest.raises(DocketError) as error:
        read_file(page)
    assert error.value.code == "E024"
    assert str(page) in str(error.value) and "2,048" in str(error.value)


def test_a_script_inside_the_headline_stays_out_of_the_title(tmp_path: Path) -> None:
    page = tmp_path / "script-title.html"
    page.write_text(
        "<html><body><article><h1>Strike hits <script>document.title='pwned'; alert(1)</script>"
        f"<style>h1 {{color: red}}</style>market</h1><p>{REPORT}</p></article></body></html>",
        "utf-8",
    )
    analysis = read_file(page)
    assert analysis.document is not None
    assert analysis.document.title == "Strike hits market"
    assert "pwned" not in analysis.text and "color: red" not in analysis.text


def test_a_named_pipe_is_refused_without_being_opened(tmp_path: Path) -> None:
    """Reading a FIFO blocks until something writes to it: ``docket ingest feed.txt`` hung."""
    fifo = tmp_path / "feed.txt"
    os.mkfifo(fifo)
    # A writer that waits for a reader: were the FIFO opened, it would read an empty document
    # (and this test fail) rather than hang. The test's own reader below lets the writer go.
    writer = threading.Thread(target=lambda: os.close(os.open(fifo, os.O_WRONLY)), daemon=True)
    writer.start()
    try:
        items = list(iter_sources([str(fifo)], LIMIT))
    finally:
        reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
        writer.join()
        os.close(reader)
    (problem,) = items
    assert isinstance(problem, Problem) and problem.code == "E014"
    assert problem.path == str(fifo)
    assert "named pipe" in str(problem) and "give -" in str(problem)


def test_an_unknown_docket_variable_is_warned_about_with_the_closest_known_ones(
    clean_env: Path,
) -> None:
    """A typo (DOCKET_HOME for DOCKET_HOST) was silently ignored."""
    database = f"sqlite:///{clean_env / 'docket.db'}"
    open_store(Settings(data_dir=clean_env, database_url=database)).close()
    result = CliRunner(env={"DOCKET_HOME": str(clean_env)}).invoke(
        build_cli(), ["check", "--database", database]
    )
    assert result.exit_code == 0, result.output
    warning = (
        "warning: DOCKET_HOME is not a docket setting and is ignored; did you mean DOCKET_HOST?"
    )
    assert warning in result.stderr
    assert "DOCKET_HOME" not in result.stdout


def test_an_unknown_variable_is_warned_about_once(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DOCKET_DATABSE_URL", "sqlite:///typo.db")
    monkeypatch.setenv("DOCKET_TEST_ANYTHING", "1")  # the test suite's own variables are known
    load_settings()
    load_settings()
    errors = capsys.readouterr().err
    assert errors.count("DOCKET_DATABSE_URL is not a docket setting") == 1
    assert "did you mean DOCKET_DATABASE_URL" in errors
    assert "DOCKET_TEST_ANYTHING" not in errors


READ_COMMANDS = [
    ["documents"],
    ["incidents"],
    ["incidents", "merge", "a", "b"],
    ["export"],
    ["release", "--list"],
    ["show", "0" * 64],
    ["check"],
]


@pytest.mark.parametrize("args", READ_COMMANDS, ids=lambda args: " ".join(args))
def test_a_read_command_on_a_missing_store_says_so_and_creates_nothing(
    clean_env: Path, args: list[str]
) -> None:
    """`docket incidents` on a mistyped store path made an empty store and listed nothing."""
    database = clean_env / "typo" / "docket.db"
    result = CliRunner().invoke(build_cli(), [*args, "--database", f"sqlite:///{database}"])
    assert result.exit_code == 2, result.output
    assert f"E025 {database}: no store at {database}" in result.stderr
    assert "docket ingest PATH" in result.stderr
    assert not (clean_env / "typo").exists()


def test_a_read_command_on_the_default_store_creates_no_data_folder(clean_env: Path) -> None:
    result = CliRunner().invoke(build_cli(), ["documents"])
    assert result.exit_code == 2, result.output
    assert str(clean_env / "docket-data" / "docket.db") in result.stderr
    assert list(clean_env.iterdir()) == []


def test_a_database_in_a_folder_that_does_not_exist_is_an_error(clean_env: Path) -> None:
    """`docket ingest --database sqlite:///typo/docket.db` made the folder and an empty store
    there; it now says the folder is missing and makes nothing. An existing folder still works."""
    sample = clean_env / "a.txt"
    sample.write_text("Shelling hit Kharkiv on 1 March 2022, officials said.", "utf-8")
    database = clean_env / "typo" / "docket.db"
    result = CliRunner().invoke(
        build_cli(), ["ingest", str(sample), "--database", f"sqlite:///{database}"]
    )
    assert result.exit_code != 0, result.output
    assert "E026" in result.stderr and str(clean_env / "typo") in result.stderr
    assert not (clean_env / "typo").exists()
    (clean_env / "here").mkdir()
    here = clean_env / "here" / "docket.db"
    made = CliRunner().invoke(
        build_cli(), ["ingest", str(sample), "--database", f"sqlite:///{here}"]
    )
    assert made.exit_code == 0, made.output
    assert here.exists()
