"""Hypothesis strategies over the record models, for the store's round-trip tests.

``extractions()`` draws a whole Extraction (document, incidents, claims, figures, mentions) with
spans into its own text, together with the raw bytes it was read from.
"""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime
from typing import Any, get_args

from hypothesis import strategies as st

from docket.record import (
    ActorRef,
    Category,
    Claim,
    DocumentInfo,
    Extraction,
    Figure,
    Flag,
    Incident,
    Mention,
    MentionLabel,
    Number,
    Perpetrator,
    PlaceRef,
    Precision,
    Qualifier,
    Span,
    Stance,
    Target,
    TimePrecision,
    Victim,
    Weapon,
    WeaponClass,
    When,
    content_hash,
    record_id,
)

# Any Unicode a document may hold, except NUL, which PostgreSQL text cannot store.
TEXT_CHARS = st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00")
SHORT = st.text(TEXT_CHARS, max_size=20)
DATES = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
LAT = st.floats(min_value=-90, max_value=90, allow_nan=False, allow_infinity=False)
COORD = st.floats(min_value=-180, max_value=180, allow_nan=False, allow_infinity=False)
ACTOR_IDS = st.sampled_from(["AZE", "ARM", "RUS", "TUR", "hrw", "un-ohchr"])
SCALARS = st.none() | st.booleans() | st.integers(-(10**9), 10**9) | SHORT
JSON_VALUES = SCALARS | st.lists(SCALARS, max_size=3) | st.dictionaries(SHORT, SCALARS, max_size=2)
# Makes every drawn document's raw bytes (so its id) unique, even when a text is drawn twice.
_SERIAL = itertools.count()


def spans(text: str) -> st.SearchStrategy[Span]:
    return st.tuples(st.integers(0, len(text)), st.integers(0, len(text))).map(
        lambda ends: Span.of(text, min(ends), max(ends))
    )


def maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


def numbers() -> st.SearchStrategy[Number]:
    count = maybe(st.integers(0, 10**7))
    return st.builds(
        Number,
        low=count,
        best=count,
        high=count,
        qualifier=maybe(st.sampled_from(get_args(Qualifier))),
        text=maybe(SHORT),
    )


def whens() -> st.SearchStrategy[When]:
    return st.builds(
        When,
        precision=st.sampled_from(get_args(TimePrecision)),
        text=maybe(SHORT),
        start=maybe(DATES),
        end=maybe(DATES),
    )


def actor_refs(text: str, cls: type[ActorRef] = ActorRef) -> st.SearchStrategy[Any]:
    return st.builds(
        cls,
        text=SHORT,
        actor=maybe(ACTOR_IDS),
        name=maybe(SHORT),
        type=maybe(st.sampled_from(["state", "armed_group", "ngo", "person"])),
        span=maybe(spans(text)),
    )


@st.composite
def extractions(draw: st.DrawFn) -> tuple[Extraction, bytes]:
    text = draw(st.text(TEXT_CHARS, min_size=1))
    raw = text.encode("utf-8") + f"\n-- drawn document {next(_SERIAL)}".encode()
    doc_id = content_hash(raw)
    document = DocumentInfo(
        id=doc_id,
        text=text,
        id_in_batch=draw(maybe(SHORT)),
        title=draw(maybe(SHORT)),
        published=draw(maybe(DATES)),
        language=draw(st.sampled_from([None, "en", "fr", "ru"])),
        url=draw(maybe(st.just("https://example.org/report"))),
        outlet=draw(maybe(SHORT)),
        media_type=draw(st.sampled_from([None, "text/plain", "text/html"])),
        ingested_at=draw(
            maybe(st.datetimes(datetime(1990, 1, 1), datetime(2100, 1, 1), timezones=st.just(UTC)))
        ),
        **draw(st.dictionaries(st.sampled_from(["licence", "batch"]), JSON_VALUES, max_size=2)),
    )
    n_incidents = draw(st.integers(0, 2))
    n_claims = draw(st.integers(0, 2))
    incident_ids = [record_id("inc", doc_id, i) for i in range(n_incidents)]
    claim_ids = [record_id("clm", doc_id, i) for i in range(n_claims)]
    span = spans(text)
    incidents = [
        Incident(
            id=incident_id,
            category=draw(st.sampled_from(get_args(Category))),
            weapons=draw(
                st.lists(
                    st.builds(
                        Weapon,
                        text=SHORT,
                        weapon_class=st.sampled_from(get_args(WeaponClass)),
                        span=maybe(span),
                    ),
                    max_size=2,
                )
            ),
            perpetrators=draw(
                st.lists(
                    st.builds(
                        Perpetrator,
                        text=SHORT,
                        actor=maybe(ACTOR_IDS),
                        status=st.sampled_from(["alleged", "claimed_responsibility", "unknown"]),
                        span=maybe(span),
                    ),
                    max_size=2,
                )
            ),
            targets=draw(
                st.lists(st.builds(Target, text=SHORT, target_class=maybe(SHORT)), max_size=2)
            ),
            victims=draw(
                st.lists(st.builds(Victim, text=SHORT, actor=maybe(ACTOR_IDS)), max_size=2)
            ),
            location=draw(
                maybe(
                    st.builds(
                        PlaceRef,
                        text=SHORT,
                        precision=st.sampled_from(get_args(Precision)),
                        name=maybe(SHORT),
                        gazetteer_id=maybe(st.sampled_from(["174979", "587084"])),
                        lat=maybe(LAT),
                        lon=maybe(COORD),
                        country=maybe(st.sampled_from(["AZ", "AM"])),
                        span=maybe(span),
                    )
                )
            ),
            when=draw(whens()),
            killed=draw(maybe(numbers())),
            injured=draw(maybe(numbers())),
            claims=draw(
                st.lists(st.sampled_from(claim_ids), unique=True) if claim_ids else st.just([])
            ),
            flags=draw(
                st.lists(
                    st.builds(
                        Flag,
                        code=st.sampled_from(["CCM_PARTY_USE", "EWIPA"]),
                        treaty=maybe(SHORT),
                        explanation=SHORT,
                        facts=st.lists(SHORT, max_size=2),
                    ),
                    max_size=2,
                )
            ),
            grade=draw(maybe(st.sampled_from(["confirmed", "weak", "single_source"]))),
            evidence=draw(st.lists(span, max_size=3)),
        )
        for incident_id in incident_ids
    ]
    claims = [
        Claim(
            id=claim_id,
            source=draw(actor_refs(text)),
            stance=draw(st.sampled_from(get_args(Stance))),
            cue=draw(maybe(SHORT)),
            hedges=draw(st.lists(SHORT, max_size=2)),
            when=draw(maybe(whens())),
            about=draw(
                st.lists(st.sampled_from(incident_ids), unique=True)
                if incident_ids
                else st.just([])
            ),
            span=draw(span),
            cue_span=draw(maybe(span)),
            content_span=draw(maybe(span)),
        )
        for claim_id in claim_ids
    ]
    figures = [
        Figure(
            id=draw(st.sampled_from([None, record_id("fig", doc_id, i)])),
            measure=draw(st.sampled_from(["killed", "injured", "displaced", "other"])),
            value=draw(numbers()),
            scope=draw(maybe(SHORT)),
            attributed_to=draw(maybe(actor_refs(text))),
            as_of=draw(maybe(whens())),
            span=draw(span),
        )
        for i in range(draw(st.integers(0, 2)))
    ]
    mentions = [
        Mention(
            **draw(span).model_dump(),
            label=draw(st.sampled_from(get_args(MentionLabel))),
            canonical=draw(maybe(SHORT)),
            origin=draw(st.sampled_from(["model", "rule", "gazetteer"])),
            **draw(st.dictionaries(st.just("score"), JSON_VALUES, max_size=1)),
        )
        for _ in range(draw(st.integers(0, 4)))
    ]
    extraction = Extraction(
        document=document,
        incidents=incidents,
        claims=claims,
        figures=figures,
        mentions=mentions,
        **draw(st.dictionaries(st.just("notes"), JSON_VALUES, max_size=1)),
    )
    return extraction, raw
