"""Errors and problems with stable codes: each says what went wrong, where, and what to do.

Codes never change meaning once released; ``docs/errors.md`` lists them all (a test checks it).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

# code -> (what it means, what the user can do)
CODES: dict[str, tuple[str, str]] = {
    "E001": ("file or folder not found", "check the path"),
    "E002": ("cannot read the file", "check its permissions"),
    "E003": (
        "not UTF-8, not Western text, and no charset declared",
        "save the file as UTF-8 (for example: iconv -f koi8-r -t utf-8 FILE > FILE.txt), or "
        'declare its charset in the HTML (<meta charset="koi8-r">)',
    ),
    "E004": ("binary content, not text", "convert it to text or HTML first"),
    "E005": ("empty document: no text after extraction", "check that the file has content"),
    "E006": (
        "file larger than the limit",
        "split it, or raise DOCKET_MAX_DOCUMENT_BYTES if you trust it",
    ),
    "E007": ("malformed JSONL line", "each line must be one JSON object with a 'text' field"),
    "E008": ("malformed CSV", "the CSV needs a header row with a 'text' column"),
    "E009": ("not English", "docket analyses English only; the document is stored unanalysed"),
    "E010": ("archived copy does not match its hash", "restore the archive from a backup"),
    "E011": (
        "archived copy missing",
        "restore the archive from a backup or ingest the source again",
    ),
    "E012": ("unknown document id", "list documents with 'docket documents'"),
    "E013": ("database error", "check DOCKET_DATABASE_URL and that the database is reachable"),
    "E014": (
        "unsupported file type",
        "give .txt, .html, .htm, .jsonl, .csv or .parquet files, or a folder",
    ),
    "E015": ("bad date", "write dates as YYYY-MM-DD"),
    "E016": ("bad settings", "fix the setting named in the message"),
    "E017": ("text too long to analyse", "split the document or raise DOCKET_MAX_TEXT_CHARS"),
    "E018": (
        "evaluation data not found",
        "run from a checkout that has ../shared/eval, or set DOCKET_SHARED_DIR",
    ),
    "E019": ("unknown record id", "list records with 'docket incidents' or 'docket documents'"),
    "E020": (
        "invalid review action",
        "the actions are accept, edit (field and value), reject, merge (into) and split; see "
        "docs/api.md, or 'docket incidents -h' for merge and split",
    ),
    "E021": ("not allowed", "ask an admin for a role that permits this"),
    "E022": (
        "stored document incomplete",
        "restore the database from a backup, or delete the database and ingest the sources again",
    ),
    "E024": (
        "HTML nested too deep to read",
        "a page this deep is broken or hostile: save its text as a .txt file and ingest that",
    ),
    "E025": (
        "no store at this path",
        "create one with 'docket ingest PATH' (or 'docket demo'), or point --database or "
        "DOCKET_DATABASE_URL (or DOCKET_DATA_DIR) at an existing store",
    ),
    "E026": (
        "the database file's folder does not exist",
        "create the folder first, or correct the path in --database or DOCKET_DATABASE_URL "
        "(a typo would otherwise start an empty store there)",
    ),
    "E099": (
        "unexpected error while analysing",
        "the traceback is in the log (DATA_DIR/docket.log for ingest, standard error otherwise); "
        "please report it with the file that caused it",
    ),
    "E023": (
        "gazetteer not built",
        "run 'python -m docket.knowledge.gazetteer build' (make install does), or set "
        "DOCKET_GAZETTEER_PATH to a built gazetteer file",
    ),
    "E030": ("unknown treaty", "use one of the treaty ids that 'docket treaty -h' lists"),
    "E031": ("unknown state", "give an ISO 3166 code (AZ, AZE) or an English country name"),
    "E032": (
        "not signed in",
        "sign in, or send an API token as 'Authorization: Bearer TOKEN' (docket users token)",
    ),
    "E033": ("invalid request", "fix the parameter named in the message; see /api/openapi.json"),
    "E034": ("missing or wrong CSRF token", "reload the page and submit the form again"),
    "E035": (
        "the learned reader's files do not belong together",
        "reinstall docket, or retrain the reader with make train-reader",
    ),
    "E040": (
        "place model (ranker or toponym detector) missing or out of date",
        "reinstall docket, or retrain the place models with make train-places",
    ),
    "E041": (
        "bad geoparse record",
        "give each toponym integer start < end within the text (and a quote equal to the text there)",
    ),
    "E070": (
        "a worker process died reading this document",
        "the document is not stored; it may need more memory than a worker has: ingest it alone "
        "with --workers 1",
    ),
    "E071": (
        "cannot reach the Dask scheduler",
        "check the --scheduler address (tcp://host:8786) and that the scheduler is running",
    ),
    "E072": (
        "unreadable Parquet shard",
        "a Parquet shard needs a string column 'text' (and optionally id, title, published, url, "
        "outlet, format)",
    ),
    "E073": (
        "bad number of workers",
        "give --workers a whole number of at least 1 (default: the number of CPU cores)",
    ),
    "E080": (
        "treaty reference folder not found",
        "point the treaty build at the shared reference/treaties folder: python -m docket.judge.treaty_build -h (docs/judgement.md)",
    ),
    "E090": (
        "gazetteer place not found",
        "pick the place again from the place picker's answers (docs/web.md); an id is the "
        "gazetteer's own, such as geonames:1138958",
    ),
    "E050": (
        "the store is busy",
        "another writer holds the database; try again in a few seconds (the server says when "
        "in its Retry-After header)",
    ),
    "E051": (
        "host name not served",
        "open the server as http://localhost:PORT or http://127.0.0.1:PORT, or in team mode add "
        "the name to DOCKET_ALLOWED_HOSTS",
    ),
    "E052": (
        "password too short or too long",
        "choose a password of 8 to 1024 characters (a passphrase of several words is best)",
    ),
    "E053": (
        "too many failed logins",
        "wait the seconds the message (or the Retry-After header) gives, then sign in again",
    ),
    "E054": (
        "invalid field or value in a review edit",
        "name a field the record has (docs/api.md, 'Review') with a value of its type and range; "
        "nothing was changed",
    ),
    "E055": (
        "request body larger than the limit",
        "send a smaller request, or raise DOCKET_MAX_REQUEST_BYTES where docket serve runs",
    ),
    "E056": (
        "text field too long",
        "shorten the field the message names to the length it gives",
    ),
    "E057": (
        "document stored without part of its reading",
        "the rest of the document and of the batch is stored; the traceback is in "
        "DATA_DIR/docket.log; report it with the file",
    ),
    "E058": (
        "document stored but never linked",
        "link it with 'docket check --link' (or ingest its source again)",
    ),
    "E060": ("release name taken", "choose a new name; a release, once made, is never changed"),
    "E061": ("unknown release", "use a name that 'docket release --list' prints"),
    "E062": (
        "not an ACLED-shaped CSV file",
        "give a UTF-8 CSV with ACLED's header (event_id_cnty, event_date, event_type, latitude, "
        "longitude at least)",
    ),
    "E063": (
        "binary export to a terminal",
        "pass --output FILE (or redirect stdout) for --format parquet or gpkg",
    ),
    "E064": (
        "not an ACLED- or UCDP-shaped CSV file",
        "give a UTF-8 CSV whose header has the format's columns (docs/exports.md, Importing)",
    ),
    "E065": (
        "bad row in an imported file",
        "correct the cell the message names on that line and import again; nothing was stored",
    ),
}


@dataclass(frozen=True)
class Problem:
    """Something that went wrong with one input; the batch goes on."""

    code: str
    message: str
    path: str = ""
    hint: str = ""

    def __str__(self) -> str:
        where = f" {self.path}:" if self.path else ""
        hint = self.hint or CODES.get(self.code, ("", ""))[1]
        return f"{self.code}{where} {self.message}" + (f"; {hint}" if hint else "")


class DocketError(Exception):
    """An error a user can act on, with a stable code."""

    def __init__(self, code: str, message: str, path: str = "", hint: str = "") -> None:
        if code not in CODES:
            raise ValueError(f"unknown error code {code}")
        self.problem = Problem(code, message, path, hint)
        super().__init__(str(self.problem))

    @property
    def code(self) -> str:
        return self.problem.code


def unexpected(step: str, error: BaseException, source: str, code: str = "E099") -> Problem:
    """E099 (or ``code``: E057 where the document is stored without that step's reading) for a
    bug in ``step`` (a stage's name, or ``store``) while reading ``source``.

    The message names the step; the traceback goes to the ``docket`` log.
    """
    logging.getLogger("docket").error(
        "%s in %s while reading %s", code, step, source or "<input>", exc_info=error
    )
    return Problem(code, f"{step}: {type(error).__name__}: {error}", source)
