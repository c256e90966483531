"""The extract.claims stage: who says what, with what stance and hedges.

Attributions are found on the dependency parse (:mod:`docket.extract.attribution`); each becomes a
:class:`~docket.record.Claim` with spans for the whole attribution, the source, the cue and the
content. The speaker is resolved to an actor by ``docket.resolve.actors.stage.ActorFinder``, and a source
that cannot speak (an event noun: "the hostilities have claimed ...") drops the attribution; the
claim's date comes from a time expression in the same sentence (``analysis.times``); claims whose
content overlaps an incident's evidence are linked both ways.
"""

from __future__ import annotations

from typing import Any

from docket.analysis import Analysis
from docket.extract.attribution import Attribution, can_speak, find_attributions
from docket.extract.cues import Lexicon, load_lexicon
from docket.intervals import Intervals, index_at
from docket.nlp.doc_text import doc_text
from docket.pipeline import Context, Stage
from docket.record import ActorRef, Claim, Span, TimeRef, When, content_hash, record_id
from docket.resolve.actors.stage import ActorFinder


class Lookups:
    """What a claim looks up in its document (actors, sentences, times, incident evidence),
    indexed once so that a long document's thousands of claims stay linear."""

    def __init__(self, analysis: Analysis) -> None:
        self.actors = ActorFinder(analysis)
        self.sentences = analysis.sentences
        self.starts = [s.start for s in analysis.sentences]
        self.ends = [s.end for s in analysis.sentences]
        self.times = Intervals((t.span.start, t.span.end, t) for t in analysis.times)
        self.evidence = Intervals(
            (e.start, e.end, incident) for incident in analysis.incidents for e in incident.evidence
        )

    def sentence_of(self, offset: int) -> Span | None:
        i = index_at(self.starts, self.ends, offset)
        return None if i is None else self.sentences[i]


def resolve_source(analysis: Analysis, attribution: Attribution, lookups: Lookups) -> ActorRef:
    """The speaker as an actor reference: resolved on the head word first, then the phrase."""
    text = analysis.text
    if attribution.source is None:
        return ActorRef(text="", actor=None)
    start, end = attribution.source
    ref = ActorRef(text=text[start:end], actor=None, span=Span.of(text, start, end))
    for s, e in filter(None, (attribution.source_head, attribution.source)):
        found = lookups.actors.at(s, e)
        if found is not None and found.actor:
            return ref.model_copy(
                update={"actor": found.actor, "name": found.name, "type": found.type}
            )
    return ref


def speaks(
    analysis: Analysis, attribution: Attribution, lexicon: Lexicon, lookups: Lookups
) -> bool:
    """Whether the source can speak: an actor resolved on its head word, or a head word that is
    not an event, state or period noun ("the hostilities have claimed 5000 deaths" is no claim)."""
    if attribution.source_head is None or analysis.doc is None:
        return True
    start, end = attribution.source_head
    found = lookups.actors.at(start, end)
    if found is not None and found.actor:
        return True
    span = analysis.doc.char_span(start, end, alignment_mode="expand")
    return span is None or can_speak(span.root, lexicon)


def hedges_in(doc: Any, lexicon: Lexicon, start: int, end: int) -> list[str]:
    """The hedge words found in the content span, in text order, without repeats."""
    found: list[str] = []
    span = doc.char_span(start, end, alignment_mode="expand")
    tokens = list(span) if span is not None else []
    for token in tokens:
        word, lemma = token.lower_, token.lemma_.lower()
        if token.pos_ == "VERB":  # "have claimed" is a verb; "the claimed attack" a hedge
            hedge = lemma in lexicon.hedge_lemmas or (
                token.dep_ == "amod" and word in lexicon.hedge_words
            )
        else:
            hedge = word in lexicon.hedge_words
        if hedge and word not in found:
            found.append(word)
    lowered = doc_text(doc)[start:end].lower()
    found.extend(p for p in lexicon.hedge_phrases if f" {p} " in f" {lowered} " and p not in found)
    return found


def when_of(
    analysis: Analysis, attribution: Attribution, span: tuple[int, int], lookups: Lookups
) -> When | None:
    """The date of the claim: a time expression in the attribution but outside its content, else
    in its sentence, nearest to the cue."""
    if not analysis.times:
        return None
    cue = attribution.cue[0]
    content = attribution.content

    def dating(t: TimeRef) -> bool:
        # a time inside the content dates what is claimed, not the claim ("X said on Friday that
        # the attack happened last year")
        return content is None or not (content[0] <= t.span.start < content[1])

    inside = [t for t in lookups.times.inside(*span) if dating(t)]
    sentence = lookups.sentence_of(cue)
    if not inside and sentence is not None:
        inside = [t for t in lookups.times.starting_in(sentence.start, sentence.end) if dating(t)]
    dated = [t for t in inside if t.when.start is not None or t.value]
    if not dated:
        return None
    nearest = min(dated, key=lambda t: abs(t.span.start - cue))
    return nearest.when.model_copy(update={"text": nearest.when.text or nearest.span.quote})


def link_incidents(claim: Claim, lookups: Lookups) -> None:
    """Link the claim and every incident whose evidence overlaps the claim's content."""
    content = claim.content_span
    if content is None:
        return
    for incident in lookups.evidence.overlapping(content.start, content.end):
        if incident.id not in claim.about:
            claim.about.append(incident.id)
        if claim.id not in incident.claims:
            incident.claims.append(claim.id)


def build_claim(
    analysis: Analysis, attribution: Attribution, document_id: str, lookups: Lookups
) -> Claim:
    text = analysis.text
    ranges = [r for r in (attribution.cue, attribution.source, attribution.content) if r]
    start, end = min(r[0] for r in ranges), max(r[1] for r in ranges)
    content = attribution.content
    lexicon = load_lexicon()
    return Claim(
        id=record_id("clm", document_id, start, end),
        source=resolve_source(analysis, attribution, lookups),
        stance=attribution.stance,  # type: ignore[arg-type]
        cue=text[attribution.cue[0] : attribution.cue[1]],
        hedges=hedges_in(analysis.doc, lexicon, *content) if content else [],
        when=when_of(analysis, attribution, (start, end), lookups),
        span=Span.of(text, start, end),
        cue_span=Span.of(text, *attribution.cue),
        content_span=Span.of(text, *content) if content else None,
    )


def run(analysis: Analysis, context: Context) -> None:
    if analysis.doc is None:
        return
    document_id = analysis.document.id if analysis.document else content_hash(analysis.raw)
    lexicon = load_lexicon()
    resources = context.resources
    attributions = find_attributions(
        analysis.doc, lexicon, resources.cue_weights, resources.cue_model
    )
    seen: dict[str, tuple[int, int]] = {}  # claim id -> its cue
    lookups = Lookups(analysis)
    for attribution in attributions:
        if not speaks(analysis, attribution, lexicon, lookups):
            continue
        claim = build_claim(analysis, attribution, document_id, lookups)
        if claim.id in seen:
            if seen[claim.id] == attribution.cue or not attribution.conjoined:
                continue  # the same words again, or a verb inside the first claim's content
            # two conjoined cues over the same words ("X documented A and confirms B")
            unique = record_id(
                "clm", document_id, claim.span.start, claim.span.end, *attribution.cue
            )
            claim = claim.model_copy(update={"id": unique})
        seen[claim.id] = attribution.cue
        link_incidents(claim, lookups)
        analysis.claims.append(claim)


STAGE = Stage(
    name="extract.claims",
    help="Claims: who says what (source, cue, content spans), with stance, hedges and date.",
    reads=("doc", "text", "sentences", "actors", "times", "incidents", "document", "raw"),
    writes=("claims", "incidents"),
    run=run,
)
