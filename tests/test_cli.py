"""The command line: every command has -h help and appears in the docs; extract honours the contract."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from docket.faces.cli import build_cli

REPO = Path(__file__).resolve().parents[1]
SCHEMA = REPO.parent / "shared" / "contract" / "extraction.schema.json"


def command_names() -> list[str]:
    return sorted(build_cli().commands)


@pytest.mark.parametrize("name", command_names())
def test_every_command_has_help(name: str) -> None:
    result = CliRunner().invoke(build_cli(), [name, "-h"])
    assert result.exit_code == 0, result.output
    assert "Usage: docket" in result.output


def test_every_command_is_documented() -> None:
    docs = (REPO / "docs" / "cli.md").read_text("utf-8")
    for name in command_names():
        assert f"docket {name}" in docs, f"docket {name} missing from docs/cli.md"


def test_stages_lists_the_pipeline_in_order() -> None:
    result = CliRunner().invoke(build_cli(), ["stages"])
    assert result.exit_code == 0
    assert (
        result.output.index("read:") < result.output.index("dedup:") < result.output.index("nlp:")
    )
    assert "store:" in result.output


def validator():  # type: ignore[no-untyped-def]
    from docket.evaluate.schema_check import validator as contract_validator
    from docket.settings import Settings

    if not SCHEMA.exists():
        pytest.skip(f"contract schema not found at {SCHEMA} (needs ../shared)")
    return contract_validator(Settings(shared_dir=REPO.parent / "shared"))


@pytest.mark.slow
def test_extract_founding_article_is_schema_valid(founding_text: str) -> None:
    path = REPO.parent / "shared" / "corpus" / "2020-10-23-karabakh-cluster-munitions.txt"
    result = CliRunner().invoke(build_cli(), ["extract", str(path), "--published", "2020-10-23"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    errors = sorted(validator().iter_errors(data), key=str)
    assert not errors, errors[:3]
    text = data["document"]["text"]
    assert "Leave a Reply" not in text and "Required fields are marked" not in text
    assert data["document"]["published"] == "2020-10-23"
    for mention in data["mentions"]:
        assert text[mention["start"] : mention["end"]] == mention["quote"]
    labels = {m["label"] for m in data["mentions"]}
    assert {"person", "place", "organisation"} <= labels
    quotes = {m["quote"] for m in data["mentions"]}
    assert "Vladimir Putin" in quotes and "Azerbaijan" in quotes


@pytest.mark.slow
def test_extract_jsonl_batch_keeps_batch_ids(tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    batch.write_text(
        '{"id": "a-1", "text": "Rebels shelled the town of Goma on Monday, the army said.", "published": "2023-02-01"}\n'
        '{"id": "a-2", "text": ""}\n'
    )
    result = CliRunner().invoke(build_cli(), ["extract", str(batch), "--format", "jsonl"])
    assert result.exit_code == 1  # the empty record is reported
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [d["document"]["id_in_batch"] for d in lines] == ["a-1"]
    assert "E005" in result.stderr and "batch.jsonl:2" in result.stderr
    assert not list(validator().iter_errors(lines[0]))


def test_bad_input_exits_with_a_coded_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(build_cli(), ["extract", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    assert "E001" in result.stderr and "nope.txt" in result.stderr


def test_extract_warns_of_what_it_did_not_read(tmp_path: Path) -> None:
    """A document docket stores but does not analyse (not English) is printed, with a warning
    that says why, and the command succeeds."""
    text = tmp_path / "article.txt"
    text.write_text(
        "Les bombardements ont repris lundi matin dans le nord de la ville, selon les autorités "
        "locales, qui ont fait état de plusieurs blessés parmi les civils et de dégâts importants "
        "dans un quartier résidentiel proche de la gare.",
        "utf-8",
    )
    result = CliRunner().invoke(build_cli(), ["extract", str(text), "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    (line,) = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert line["document"]["language"] == "fr" and line["incidents"] == []
    assert "warning: E009" in result.stderr and "article.txt" in result.stderr
