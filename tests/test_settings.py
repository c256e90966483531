"""Settings: every field documented; environment and config file override the defaults."""

from __future__ import annotations

from pathlib import Path

import pytest

from docket.errors import CODES, DocketError
from docket.settings import Settings, load_settings

REPO = Path(__file__).resolve().parents[1]


def test_every_setting_has_a_default_and_help() -> None:
    for name, field in Settings.model_fields.items():
        assert field.description, f"setting {name} has no help text"
        assert not field.is_required(), f"setting {name} has no default"


def test_every_setting_is_in_the_docs() -> None:
    docs = (REPO / "docs" / "settings.md").read_text("utf-8")
    for name in Settings.model_fields:
        assert f"DOCKET_{name.upper()}" in docs, (
            f"DOCKET_{name.upper()} missing from docs/settings.md"
        )


def test_every_error_code_is_in_the_docs() -> None:
    docs = (REPO / "docs" / "errors.md").read_text("utf-8")
    for code in CODES:
        assert code in docs, f"{code} missing from docs/errors.md"


def test_environment_beats_config_file(clean_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (clean_env / "docket.toml").write_text('[docket]\nport = 9001\nspacy_model = "from_file"\n')
    monkeypatch.setenv("DOCKET_PORT", "9002")
    settings = load_settings()
    assert settings.port == 9002
    assert settings.spacy_model == "from_file"
    assert settings.resolved_database_url.endswith("docket-data/docket.db")


def test_bad_setting_is_e016(clean_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOCKET_PORT", "not-a-port")
    with pytest.raises(DocketError) as error:
        load_settings()
    assert error.value.code == "E016"


def test_unknown_key_in_config_file_is_e016(clean_env: Path) -> None:
    (clean_env / "docket.toml").write_text("[docket]\ndatabase = 'typo'\n")
    with pytest.raises(DocketError) as error:
        load_settings()
    assert error.value.code == "E016" and "database" in str(error.value)
