"""``docket eval schema``: the output of ``docket extract`` checked against the contract's JSON
schema (``shared/contract/extraction.schema.json``) for every development document of the
evaluation sets and for the founding article.

Each text goes through the same reading as ``docket extract`` (``docket.extract_only.extract_text``,
every stage from read to grade) and its record is validated with jsonschema (Draft 2020-12,
formats checked); every evidence span is also checked to quote the text (``text[start:end] ==
quote``). One row per data set: ``gold`` counts its documents, ``tp`` the valid records (so
recall is the share of valid records); the first errors are listed under the table. A data set
that is absent is skipped with a note.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from docket.errors import DocketError
from docket.evaluate.scores import Report
from docket.extract_only import extract_text
from docket.pipeline import Context
from docket.settings import Settings

Texts = Iterator[tuple[str, str, date | None]]  # (document id, text, publication date)
MAX_NOTES = 5


def _muc4(settings: Settings) -> Texts:
    from docket.evaluate import muc4

    for doc in muc4.documents(settings, "dev"):
        yield doc["docid"], doc["doctext"], None


def _wikievents(settings: Settings) -> Texts:
    from docket.evaluate import wikievents

    for number, doc in enumerate(wikievents.documents(settings)):
        yield str(doc.get("doc_id", number)), wikievents.document_text(doc), None


def _case2021(settings: Settings) -> Texts:
    from docket.evaluate import case2021

    for number, row in enumerate(case2021.snippets(settings)):
        yield f"row {number + 1}", row["EventSnippet"], None


def _polnear(settings: Settings) -> Texts:
    from docket.evaluate import polnear

    for stem, text, _annotation in polnear.documents(polnear.split_dir(settings, "dev")):
        yield stem, text, None


def _re3d(settings: Settings) -> Texts:
    from docket.evaluate import re3d

    for key, text, _gold in re3d.load(settings.shared_dir / "eval" / "re3d"):
        yield key, text, None


def _timex(settings: Settings) -> Texts:
    from docket.evaluate import timex

    for doc in timex.documents(settings, None):
        yield doc.name, doc.text, doc.dct


def _founding(settings: Settings) -> Texts:
    name = "2020-10-23-karabakh-cluster-munitions"
    path = settings.shared_dir / "corpus" / f"{name}.txt"
    yield name, path.read_text("utf-8"), date(2020, 10, 23)


SETS: dict[str, Callable[[Settings], Texts]] = {
    "founding article": _founding,
    "MUC-4 dev": _muc4,
    "WikiEvents dev": _wikievents,
    "CASE 2021 dev": _case2021,
    "PolNeAR dev": _polnear,
    "re3d": _re3d,
    "TimeBank/AQUAINT": _timex,
}


def validator(settings: Settings) -> Any:
    """The contract's schema as a jsonschema validator, or DocketError E018 when it is absent."""
    import jsonschema

    path = settings.shared_dir / "contract" / "extraction.schema.json"
    if not path.is_file():
        raise DocketError("E018", f"no contract schema at {path}", str(path))
    schema = json.loads(path.read_text("utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def problems(record: dict[str, Any], check: Any) -> list[str]:
    """What is wrong with one ``docket extract`` record: schema errors (with the path of the
    offending value) and evidence spans that do not quote the document's text."""
    out = [
        f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message[:160]}"
        for e in sorted(check.iter_errors(record), key=str)
    ]
    text = record["document"]["text"]
    for path, span in _spans(record):
        if text[span["start"] : span["end"]] != span["quote"]:
            out.append(f"{path}: the span does not quote the text")
    return out


def _spans(value: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every evidence span in a record (an object with start, end and quote), with its path."""
    if isinstance(value, dict):
        if {"start", "end", "quote"} <= value.keys() and isinstance(value["quote"], str):
            yield path, value
        for key, item in value.items():
            if key != "document":
                yield from _spans(item, f"{path}/{key}")
    elif isinstance(value, list):
        for number, item in enumerate(value):
            yield from _spans(item, f"{path}/{number}")


def run(settings: Settings, limit: int | None = None) -> list[Report]:
    check = validator(settings)
    context = Context(settings)
    report = Report(
        "docket extract against the contract schema (gold: documents, tp: valid records)"
    )
    for name, texts in SETS.items():
        try:
            items = list(texts(settings))
        except (DocketError, OSError) as exc:
            report.notes.append(f"{name}: skipped ({exc})")
            continue
        for number, (key, text, published) in enumerate(items[:limit] if limit else items):
            record = extract_text(text, settings, published, context).to_json()
            wrong = problems(record, check)
            report.row(name).add(0 if wrong else 1, 1, 1)
            if wrong and len(report.notes) < MAX_NOTES:
                report.notes.append(f"{name} {key} (#{number + 1}): {wrong[0]}")
    total = report.micro()
    report.summary["documents"] = total.gold
    report.summary["valid records (%)"] = 100 * total.recall
    return [report]
