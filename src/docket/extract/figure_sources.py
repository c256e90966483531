"""Who gives a figure, and as of when, for the extract.figures stage.

A figure's attribution comes from the claim that contains it (``analysis.claims``) or else from
its sentence's own cue ("according to ...", "X said"); its as-of date from the time expression
of that attribution.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from docket.analysis import Analysis
from docket.extract.figure_measures import noun_measure, phrase_without_clauses
from docket.extract.figure_words import reporting_verbs
from docket.record import ActorRef, Span, When

ACCORDING = "according"
# dependents of a reporting verb that carry its date ("said on Tuesday", "revealed this Thursday")
TIME_DEPS = {"npadvmod", "prep", "advmod", "tmod", "obl"}


def actor_at(analysis: Analysis, doc: Any, head: Any, phrase: tuple[int, int]) -> ActorRef:
    """The actor at the source's head word: a resolved actor, an entity, or the phrase itself."""
    text = analysis.text
    lo, hi = head.idx, head.idx + len(head)
    refs = [a for a in analysis.actors if a.span and a.span.start <= lo and hi <= a.span.end]
    refs.sort(key=lambda a: (a.type != "person", a.actor is None))
    if refs:
        return refs[0]
    i, j = phrase
    start, end = doc[i].idx, doc[j - 1].idx + len(doc[j - 1])
    if head.ent_type_:
        ent = next(e for e in doc.ents if e.start <= head.i < e.end)
        start, end = ent.start_char, ent.end_char
    return ActorRef(text=text[start:end], actor=None, span=Span.of(text, start, end))


def time_between(analysis: Analysis, doc: Any, start: int, end: int) -> When | None:
    """The date of the first time expression inside ``[start, end)``."""
    for ref in sorted(analysis.times, key=lambda t: t.span.start):
        if start <= ref.span.start and ref.span.end <= end:
            when = ref.when.model_copy(update={"text": ref.span.quote})
            if when.start is None and ref.value and re.fullmatch(r"\d{4}-\d\d-\d\d", ref.value):
                day = date.fromisoformat(ref.value)
                when = when.model_copy(update={"start": day, "end": day, "precision": "day"})
            return when
    for ent in doc.ents:
        if ent.label_ in ("DATE", "TIME") and start <= ent.start_char and ent.end_char <= end:
            return When(text=ent.text, precision="unknown")
    return None


def same_paragraph(text: str, a: Any, b: Any) -> bool:
    """Whether tokens ``a`` and ``b`` stand in one paragraph (the parse may run across lines)."""
    lo, hi = sorted((a.idx, b.idx))
    return "\n" not in text[lo:hi]


def takes_lives(verb: Any, value: Any) -> bool:
    """ "the war has claimed 5000 deaths": claim with a casualty object is not a reporting verb."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return verb.lemma_.lower() == "claim" and any(
        noun_measure(o) == "killed" or o is value for o in objects
    )


def own_attribution(
    analysis: Analysis, doc: Any, value: Any
) -> tuple[ActorRef, When | None] | None:
    """The source of the sentence holding ``value``: a reporting verb above it, or "according to"."""
    verbs, text = reporting_verbs(), analysis.text
    for verb in value.ancestors:
        if verb.lemma_.lower() not in verbs or takes_lives(verb, value):
            continue
        if not same_paragraph(text, verb, value):
            break
        sources = [
            c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and value not in c.subtree
        ]
        sources += [
            p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"
        ]
        sources = [c for c in sources if same_paragraph(text, c, verb)]
        if not sources:
            continue
        source = sources[-1]
        when = None
        for child in verb.children:
            if child.dep_ in TIME_DEPS and value not in child.subtree:
                tokens = list(child.subtree)
                last = tokens[-1]
                when = when or time_between(analysis, doc, tokens[0].idx, last.idx + len(last))
        return actor_at(analysis, doc, source, phrase_without_clauses(source)), when
    sentence = value.sent
    for token in sentence:
        if token.lower_ != ACCORDING or token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != "to":
            continue
        if not same_paragraph(text, token, value):
            continue
        window = [
            t
            for t in doc[token.i + 2 : min(sentence.end, token.i + 16)]
            if same_paragraph(text, t, token)
        ]
        candidates = [t for t in window if t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")]
        candidates.sort(key=lambda t: t.ent_type_ != "PERSON")
        head = candidates[0] if candidates else next((t for t in window if t.dep_ == "pobj"), None)
        if head is None:
            continue
        ref = actor_at(analysis, doc, head, phrase_without_clauses(head))
        return ref, time_between(analysis, doc, token.idx, head.idx + len(head))
    return None


def claim_attribution(
    analysis: Analysis, doc: Any, value: Any, start: int, end: int
) -> tuple[ActorRef, When | None] | None:
    """The source and date of the narrowest claim whose content holds ``[start, end)``.

    A claim whose cue is "claimed" with the casualties as its object ("the war has claimed 300
    lives") is not an attribution of the figure and is passed over.
    """
    holding = []
    for claim in analysis.claims:
        content = claim.content_span or claim.span
        if claim.stance in ("denies", "retracts") or not (
            content.start <= start and end <= content.end
        ):
            continue  # a denial does not put a figure on record
        cue = claim.cue_span and doc.char_span(
            claim.cue_span.start, claim.cue_span.end, alignment_mode="expand"
        )
        if cue and any(takes_lives(t, value) for t in cue):
            continue
        holding.append((claim.source.actor is None, content.end - content.start, claim))
    if not holding:
        return None
    claim = min(holding, key=lambda h: (h[0], h[1]))[2]
    return claim.source, claim.when
