"""Fixtures for the API and accounts tests: a real store (SQLite file, or PostgreSQL through
``store_fixtures``) holding hand-built records, and the app over it.

The records are built by hand (no model needed) but saved and read through the real store, so
every API call goes through the same code a deployment runs. One article carries a ``<script>``
and an ``onerror=`` attribute, to show they are printed, never run.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from fastapi.testclient import TestClient

from docket.accounts import Accounts
from docket.faces.api import create_app
from docket.record import (
    ActorRef,
    Claim,
    DocumentInfo,
    Extraction,
    Figure,
    Flag,
    Incident,
    Number,
    Perpetrator,
    PlaceRef,
    Span,
    Weapon,
    When,
    content_hash,
)
from docket.settings import Settings
from docket.store import Store, open_store

pytest_plugins = ["store_fixtures"]

HOSTILE = '<script>window.__pwned = 1; alert("x")</script><img src=x onerror="window.__pwned=2">'
KARABAKH = (
    "Cluster munitions hit Stepanakert on 4 October 2020, killing 2 civilians, Human Rights Watch "
    "said. Azerbaijan denied using cluster munitions. Shelling struck Ganja on 11 October 2020. "
    "Putin put the dead at about 5000. " + HOSTILE
)
KHARKIV = "Artillery shelled Kharkiv on 1 March 2022, a local official said."


def _span(text: str, quote: str) -> Span:
    start = text.index(quote)
    return Span.of(text, start, start + len(quote))


def karabakh() -> Extraction:
    text = KARABAKH
    doc = content_hash(text.encode())
    stepanakert = Incident(
        id="inc-stepanakert",
        category="explosive_weapon_attack",
        weapons=[
            Weapon(
                text="Cluster munitions",
                weapon_class="cluster_munition",
                span=_span(text, "Cluster munitions"),
            )
        ],  # fmt: skip
        perpetrators=[Perpetrator(text="Azerbaijan", actor="AZE", span=_span(text, "Azerbaijan"))],
        location=PlaceRef(
            text="Stepanakert",
            name="Stepanakert",
            gazetteer_id="174875",
            precision="town",
            lat=39.8153,
            lon=46.752,
            country="AZ",
            span=_span(text, "Stepanakert"),
        ),  # fmt: skip
        when=When(
            precision="day", text="4 October 2020", start=date(2020, 10, 4), end=date(2020, 10, 4)
        ),  # fmt: skip
        killed=Number(best=2, low=2, high=2, qualifier="exact", text="2"),
        claims=["clm-hrw", "clm-aze"],
        flags=[
            Flag(
                code="CCM_NOT_PARTY",
                treaty="ccm",
                actor="AZE",
                explanation="Azerbaijan is not party to the Convention on Cluster Munitions.",
            )
        ],  # fmt: skip
        grade="contested",
        evidence=[_span(text, "Cluster munitions hit Stepanakert on 4 October 2020")],
    )
    ganja = Incident(
        id="inc-ganja",
        category="shelling_or_artillery",
        location=PlaceRef(
            text="Ganja",
            name="Ganja",
            gazetteer_id="586523",
            precision="town",
            lat=40.6828,
            lon=46.3606,
            country="AZ",
            span=_span(text, "Ganja"),
        ),  # fmt: skip
        when=When(precision="day", start=date(2020, 10, 11), end=date(2020, 10, 11)),
        grade="single_source",
        evidence=[_span(text, "Shelling struck Ganja on 11 October 2020")],
    )
    claims = [
        Claim(
            id="clm-hrw",
            source=ActorRef(text="Human Rights Watch", actor="hrw", type="ngo"),
            stance="asserts",
            cue="said",
            about=["inc-stepanakert"],
            span=_span(text, text.split(". ")[0]),
        ),  # fmt: skip
        Claim(
            id="clm-aze",
            source=ActorRef(text="Azerbaijan", actor="AZE", type="state"),
            stance="denies",
            cue="denied",
            about=["inc-stepanakert"],
            span=_span(text, "Azerbaijan denied using cluster munitions"),
        ),  # fmt: skip
    ]
    info = DocumentInfo(id=doc, text=text, title="Cluster munitions <b>in</b> Karabakh",
                        published=date(2020, 10, 23), language="en", outlet="test")  # fmt: skip
    figures = [
        Figure(
            id="fig-hrw",
            measure="killed",
            value=Number(low=2, best=2, high=2),
            attributed_to=ActorRef(text="Human Rights Watch", actor="hrw"),
            span=_span(text, "killing 2 civilians"),
        ),  # fmt: skip
        Figure(
            id="fig-putin",
            measure="killed",
            value=Number(best=5000, qualifier="about"),
            attributed_to=ActorRef(text="Putin", actor="vladimir-putin"),
            span=_span(text, "the dead at about 5000"),
        ),  # fmt: skip
    ]
    return Extraction(document=info, incidents=[stepanakert, ganja], claims=claims, figures=figures)


def kharkiv() -> Extraction:
    text = KHARKIV
    incident = Incident(
        id="inc-kharkiv",
        category="shelling_or_artillery",
        weapons=[Weapon(text="Artillery", weapon_class="artillery", span=_span(text, "Artillery"))],
        location=PlaceRef(
            text="Kharkiv",
            name="Kharkiv",
            gazetteer_id="706483",
            precision="town",
            lat=49.9935,
            lon=36.2304,
            country="UA",
            span=_span(text, "Kharkiv"),
        ),  # fmt: skip
        when=When(precision="day", start=date(2022, 3, 1), end=date(2022, 3, 1)),
        evidence=[_span(text, "Artillery shelled Kharkiv on 1 March 2022")],
    )
    info = DocumentInfo(id=content_hash(text.encode()), text=text, title="Kharkiv shelled",
                        published=date(2022, 3, 2), language="en")  # fmt: skip
    return Extraction(document=info, incidents=[incident])


def fill(store: Store) -> None:
    for extraction in (karabakh(), kharkiv()):
        store.save(extraction, extraction.document.text.encode(), "test")


@pytest.fixture(scope="module")
def read_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """One app in local mode over one filled SQLite file, shared by a module's read-only tests."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("read") / "data")
    with open_store(settings) as store:
        fill(store)
    with TestClient(create_app(settings, local=True), base_url="http://localhost") as client:
        yield client


@pytest.fixture
def filled_settings(store_settings: Settings) -> Settings:
    with open_store(store_settings) as store:
        fill(store)
    return store_settings


@pytest.fixture
def local_client(filled_settings: Settings) -> Iterator[TestClient]:
    """The app in single-user local mode (as when bound to 127.0.0.1)."""
    with TestClient(create_app(filled_settings, local=True), base_url="http://localhost") as client:
        yield client


@pytest.fixture
def team(filled_settings: Settings) -> dict[str, str]:
    """API tokens of a viewer, an analyst and an admin."""
    with open_store(filled_settings) as store:
        accounts = Accounts(store)
        tokens = {}
        for role in ("viewer", "analyst", "admin"):
            accounts.add(f"{role}1", role, "pw-" + role, by="test")
            tokens[role] = accounts.make_token(f"{role}1", by="test")
    return tokens


@pytest.fixture
def team_client(filled_settings: Settings, team: dict[str, str]) -> Iterator[TestClient]:
    """The app with login required (as when bound beyond loopback)."""
    with TestClient(create_app(filled_settings, local=False)) as client:
        yield client


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, TestClient]]:
    """A filled SQLite store (inc-ganja merged into inc-kharkiv), its URL and the app over it."""
    data = tmp_path_factory.mktemp("filled") / "data"
    settings = Settings(data_dir=data)
    with open_store(settings) as store:
        fill(store)
        merged = store.incident("inc-ganja").incident.to_json() | {"merged_into": "inc-kharkiv"}
        store.revise("incident", "inc-ganja", "merge", merged, "test")
    with TestClient(create_app(settings, local=True), base_url="http://localhost") as client:
        yield f"sqlite:///{data / 'docket.db'}", client


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture(scope="session")
def karabakh_text() -> str:
    """The text of the article with the script in it."""
    return KARABAKH


@pytest.fixture(scope="session")
def hostile() -> str:
    """The markup inside that article that must never run."""
    return HOSTILE
