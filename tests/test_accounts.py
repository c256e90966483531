"""Accounts: roles, password and token hashing at rest, sessions, audit, and `docket users`."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from docket.accounts import Accounts, check_password, hash_password
from docket.errors import DocketError
from docket.faces.api.serve import startup_message
from docket.faces.cli import build_cli
from docket.settings import Settings
from docket.store import account_tables as tables
from docket.store import open_store


def test_roles_rise_viewer_analyst_admin(settings: Settings) -> None:
    with open_store(settings) as store:
        accounts = Accounts(store)
        viewer = accounts.add("vera", "viewer", None, by="test")
        analyst = accounts.add("ana", "analyst", None, by="test")
        assert not viewer.can("analyst") and viewer.can("viewer")
        assert analyst.can("analyst") and not analyst.can("admin")
        with pytest.raises(DocketError) as bad_role:
            accounts.add("x", "owner", None, by="test")
        assert bad_role.value.code == "E033"
        with pytest.raises(DocketError) as twice:
            accounts.add("vera", "viewer", None, by="test")
        assert twice.value.code == "E033"


def test_secrets_are_hashed_at_rest(settings: Settings) -> None:
    with open_store(settings) as store:
        accounts = Accounts(store)
        accounts.add("ana", "analyst", "correct horse", by="test")
        token = accounts.make_token("ana", by="test", label="laptop")
        session_id, session = accounts.login("ana", "correct horse") or ("", None)
        with store.engine.connect() as conn:
            stored = " ".join(
                str(value)
                for table in (tables.users, tables.api_tokens, tables.sessions)
                for row in conn.execute(sa.select(table))
                for value in row
            )
        assert "correct horse" not in stored and token not in stored and session_id not in stored
        assert accounts.by_token(token) == accounts.get("ana")
        assert accounts.by_token(token + "x") is None
        assert session is not None and accounts.session(session_id) == session
        assert accounts.login("ana", "wrong") is None
        accounts.logout(session_id)
        assert accounts.session(session_id) is None
        actions = [entry.action for entry in store.audit_log()]
        assert {"user.add", "token.create", "login", "login.failed", "logout"} <= set(actions)


def test_password_hash_round_trip() -> None:
    stored = hash_password("s3cret")
    assert stored.startswith("scrypt$") and "s3cret" not in stored
    assert check_password("s3cret", stored)
    assert not check_password("s3cret ", stored)
    assert hash_password("s3cret") != stored  # salted
    assert not check_password("s3cret", None)


def test_users_command(clean_env: Path) -> None:
    runner = CliRunner()
    cli = build_cli()
    added = runner.invoke(
        cli, ["users", "add", "ana", "--role", "analyst"], input="pw-analyst\npw-analyst\n"
    )
    assert added.exit_code == 0, added.output
    assert "added ana (analyst)" in added.output
    runner.invoke(cli, ["users", "add", "vera", "--no-password"])
    listed = runner.invoke(cli, ["users", "list"])
    assert listed.output.splitlines() == ["ana\tanalyst", "vera\tviewer"]
    token = runner.invoke(cli, ["users", "token", "vera"]).output.strip()
    assert token.startswith("dkt_")
    with open_store(Settings()) as store:
        assert Accounts(store).by_token(token) is not None
    removed = runner.invoke(cli, ["users", "remove", "vera"])
    assert removed.exit_code == 0
    missing = runner.invoke(cli, ["users", "remove", "vera"])
    assert missing.exit_code == 2 and "E019" in missing.output
    assert runner.invoke(cli, ["users", "add", "-h"]).exit_code == 0


def test_startup_message_states_the_mode() -> None:
    local = "\n".join(startup_message(Settings(host="127.0.0.1")))
    assert "single-user local mode" in local and "no login" in local
    shared = "\n".join(startup_message(Settings(host="0.0.0.0")))
    assert "login required" in shared


def test_passwords_follow_nist_800_63b_lengths(settings: Settings) -> None:
    with open_store(settings) as store:
        accounts = Accounts(store)
        for bad in ("x", "7 chars", "y" * 1025):
            with pytest.raises(DocketError) as refused:
                accounts.add("ana", "analyst", bad, by="test")
            assert refused.value.code == "E052" and "8 to 1024" in str(refused.value)
        assert accounts.add("ana", "analyst", "8 chars!", by="test").name == "ana"
        assert store.user("ana") is not None


def test_a_huge_login_name_is_never_stored_whole(settings: Settings) -> None:
    with open_store(settings) as store:
        accounts = Accounts(store)
        accounts.add("ana", "analyst", "correct horse", by="test")
        huge = "a" * 2_000_000
        assert accounts.login(huge, huge) is None
        assert accounts.login("nobody", "correct horse") is None
        assert accounts.login("ana", "wrong password") is None
        failed = [e for e in store.audit_log() if e.action == "login.failed"]
        assert len(failed) == 3
        assert all(len(e.who) <= 64 and len(e.target or "") <= 64 for e in failed)
        assert any(e.detail == {"name_length": 2_000_000} for e in failed)


def test_logins_are_rate_limited_per_account_and_client(settings: Settings) -> None:
    from docket.login_limits import MAX_FAILURES

    with open_store(settings) as store:
        accounts = Accounts(store)
        accounts.add("ana", "analyst", "correct horse", by="test")
        for _ in range(MAX_FAILURES):
            assert accounts.login("ana", "guess", client="10.0.0.9") is None
        for name, client in (("ana", "10.0.0.1"), ("bob", "10.0.0.9")):
            with pytest.raises(DocketError) as limited:
                accounts.login(name, "correct horse", client=client)
            assert limited.value.code == "E053" and "try again in" in str(limited.value)
        assert accounts.login("vera", "x", client="10.0.0.2") is None  # others go on
