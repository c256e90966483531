"""Hand-built extractions for the linking tests: documents with incidents and claims, no model."""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from docket.record import (
    ActorRef,
    Claim,
    DocumentInfo,
    Extraction,
    Incident,
    Perpetrator,
    PlaceRef,
    Span,
    Weapon,
    When,
    content_hash,
    record_id,
)
from docket.settings import Settings
from docket.store import Store, open_store

STEPANAKERT = PlaceRef(
    text="Stepanakert",
    name="Stepanakert",
    precision="town",
    lat=39.8153,
    lon=46.7519,
    country="AZ",
    gazetteer_id="geonames:174875",
)
MARTUNI = PlaceRef(
    text="Martuni",
    name="Martuni",
    precision="town",
    lat=39.7950,
    lon=47.1144,
    country="AZ",
    gazetteer_id="geonames:174972",
)


def day(value: date) -> When:
    return When(precision="day", start=value, end=value)


def incident(**fields: Any) -> dict[str, Any]:
    """Incident fields for a cluster-munition attack on Stepanakert on 4 Oct 2020, overridable."""
    base: dict[str, Any] = {
        "category": "explosive_weapon_attack",
        "weapons": [Weapon(text="cluster munitions", weapon_class="cluster_munition")],
        "perpetrators": [Perpetrator(text="Azerbaijani forces", actor="AZE")],
        "location": STEPANAKERT,
        "when": day(date(2020, 10, 4)),
    }
    return base | fields


def claim_spec(actor: str | None, kind: str | None, stance: str, words: str = "") -> dict[str, Any]:
    return {"actor": actor, "type": kind, "stance": stance, "words": words}


def extraction(
    text: str,
    incidents: list[dict[str, Any]],
    claims: list[dict[str, Any]] = (),  # type: ignore[assignment]
    published: date = date(2020, 10, 5),
) -> tuple[Extraction, bytes]:
    """A document with ``incidents``; every claim is about the document's first incident."""
    raw = text.encode()
    doc_id = content_hash(raw)
    found = [Incident(id=record_id("inc", doc_id, n), **spec) for n, spec in enumerate(incidents)]
    made = []
    for n, spec in enumerate(claims):
        words = spec["words"] or text[:40]
        start = text.find(words)
        span = Span.of(text, max(start, 0), max(start, 0) + len(words))
        made.append(
            Claim(
                id=record_id("clm", doc_id, n),
                source=ActorRef(
                    text=spec["actor"] or "someone", actor=spec["actor"], type=spec["type"]
                ),
                stance=spec["stance"],
                about=[found[0].id] if found else [],
                span=span,
            )
        )
    document = DocumentInfo(id=doc_id, text=text, published=published, language="en")
    return Extraction(document=document, incidents=found, claims=made), raw


def filler(seed: str, words: int = 60) -> str:
    """Distinct filler prose so that unrelated test documents are not near-duplicates."""
    import random

    rng = random.Random(seed)
    vocab = [
        "river",
        "market",
        "road",
        "school",
        "night",
        "town",
        "people",
        "city",
        "army",
        "report",
        "house",
        "field",
        "water",
        "bridge",
        "council",
        "winter",
        "police",
        "hospital",
        "station",
        "village",
        "morning",
    ]
    return " ".join(rng.choice(vocab) for _ in range(words))


def ingest(settings: Settings, docs: list[tuple[Any, bytes]]) -> Store:
    """A store with ``docs`` saved and linked in that order."""
    store = open_store(settings)
    for ext, raw in docs:
        assert store.save_linked(ext, raw, "test")
    return store


def in_orders(
    path: Path, docs: list[tuple[Any, bytes]], read: Callable[[Store], Any], count: int, seed: int
) -> set[Any]:
    """What ``read`` says of stores filled with ``docs`` in ``count`` random orders (one store
    each under ``path``): one element when the order changes nothing."""
    seen = set()
    orders = list(itertools.permutations(range(len(docs))))
    for n, order in enumerate(random.Random(seed).sample(orders, count)):
        store = ingest(Settings(data_dir=path / str(n)), [docs[i] for i in order])
        seen.add(read(store))
        store.close()
    return seen
