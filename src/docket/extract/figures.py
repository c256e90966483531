"""The extract.figures stage: aggregate numbers (deaths, injured, displaced, ceasefires, ...).

A figure is a number in the text tied to a *measure* word by the parse: the noun it counts
("5000 deaths"), the verb its noun is an argument of ("12 people were killed"), or the subject of
the clause it is the value of ("the death toll rose to 50"). Numbers with no measure (years, ages,
"one month old") are not figures. Each figure takes its scope from a prepositional phrase
("on each side", "from the Upper Karabakh region"), its attribution from the claim that contains
it (``analysis.claims``) or else from the sentence's own cue ("according to ...", "X said"), and
its as-of date from the time expression of that attribution, else the publication date.

Numbers and their qualifiers come from ``analysis.quantities`` (the resolve.quantities stage);
a number with no value (one too large for a 64-bit integer) makes no figure. A figure repeated in
one document (headline and body) is kept once, with its attribution when one copy has it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from docket.analysis import Analysis
from docket.extract.cues import load_lexicon
from docket.pipeline import Context, Stage
from docket.record import ActorRef, Figure, Number, Span, When, record_id

# Figures are stored as integers; a value beyond a signed 64-bit integer is not a count anyone
# reports and would not fit the store, so such a number is read as no figure at all.
MAX_VALUE = 2**63 - 1
YEAR = re.compile(r"^(1[0-9]|20)\d\d$")
FOLD = re.compile(r"^(\w+?)-?fold$", re.IGNORECASE)

# The words that give a number its measure. General English usage in conflict reporting
# (ACLED/UCDP fatality and displacement wording), compiled for docket; as of 2026-11-28.
MEASURE_NOUNS: dict[str, str] = {
    "death": "killed",
    "dead": "killed",
    "fatality": "killed",
    "victim": "killed",
    "life": "killed",
    "body": "killed",
    "killed": "killed",
    "killing": "killed",
    "injury": "injured",
    "injured": "injured",
    "wounded": "injured",
    "refugee": "displaced",
    "displaced": "displaced",
    "idp": "displaced",
    "idps": "displaced",
    "evacuee": "displaced",
    "missing": "missing",
    "disappeared": "missing",
    "detainee": "detained",
    "prisoner": "detained",
    "arrest": "detained",
    "hostage": "detained",
    "detention": "detained",
    "attack": "incidents",
    "incident": "incidents",
    "strike": "incidents",
    "airstrike": "incidents",
    "raid": "incidents",
    "bombing": "incidents",
    "explosion": "incidents",
    "clash": "incidents",
    "violation": "incidents",
    "ceasefire": "ceasefires",
    "truce": "ceasefires",
    "armistice": "ceasefires",
}
MEASURE_VERBS: dict[str, str] = {
    "kill": "killed",
    "die": "killed",
    "perish": "killed",
    "slay": "killed",
    "massacre": "killed",
    "execute": "killed",
    "wound": "injured",
    "injure": "injured",
    "hurt": "injured",
    "maim": "injured",
    "displace": "displaced",
    "flee": "displaced",
    "uproot": "displaced",
    "evacuate": "displaced",
    "disappear": "missing",
    "arrest": "detained",
    "detain": "detained",
    "jail": "detained",
    "imprison": "detained",
    "capture": "detained",
}
MEASURE_ADJECTIVES: dict[str, str] = {
    "dead": "killed",
    "injured": "injured",
    "wounded": "injured",
    "missing": "missing",
    "displaced": "displaced",
    "displace": "displaced",
    "injure": "injured",
    "wound": "injured",
    "kill": "killed",
}
# vague amounts (their tokens carry the number): "thousands of displaced people"
VAGUE = {"tens", "dozens", "scores", "hundreds", "thousands", "millions"}
SCOPE_PREPOSITIONS = {"on", "in", "from", "across", "throughout", "among", "inside"}
ACCORDING = "according"
# dependents of a reporting verb that carry its date ("said on Tuesday", "revealed this Thursday")
TIME_DEPS = {"npadvmod", "prep", "advmod", "tmod", "obl"}
# reporting verbs beyond the claims lexicon that put a number on record ("put the toll at")
FIGURE_VERBS = {"put", "count", "tally", "register", "cite", "give", "publish", "release"}


def reporting_verbs() -> set[str]:
    return set(load_lexicon().verbs) | FIGURE_VERBS


@dataclass
class Quantity:
    """A number in the parse: its tokens ``doc[i:j]`` and its value."""

    i: int
    j: int
    number: Number
    unit: str | None = None


# --- numbers ---------------------------------------------------------------------------------


def has_value(number: Number) -> bool:
    """Whether a number says how many: a bound within a 64-bit integer, or a vague amount."""
    bounds = [v for v in (number.low, number.best, number.high) if v is not None]
    return bool(bounds) and all(0 <= v <= MAX_VALUE for v in bounds)


def quantities_of(analysis: Analysis, doc: Any) -> list[Quantity]:
    """The resolve.quantities stage's numbers, as token ranges of the parse."""
    found: list[Quantity] = []
    for ref in analysis.quantities:
        span = doc.char_span(ref.span.start, ref.span.end, alignment_mode="expand")
        if span is None or len(span) == 0 or not has_value(ref.number):
            continue
        unit = extra_of(ref, "unit") or extra_of(ref.number, "unit")
        if unit is None and any(FOLD.match(t.lower_) for t in span):
            unit = "fold"
        found.append(Quantity(span.start, span.end, ref.number, unit=unit))
    return found


def extra_of(model: Any, name: str) -> Any:
    return (model.model_extra or {}).get(name)


# --- measure and scope ---------------------------------------------------------------------


def value_token(doc: Any, q: Quantity) -> Any:
    """The token that carries the number: the numeric or vague word of the quantity whose head
    lies outside it (in "between 10 and 15 civilians", "10", which modifies "civilians")."""
    numeric = [
        t for t in doc[q.i : q.j] if t.like_num or t.lower_ in VAGUE or FOLD.match(t.lower_)
    ] or [doc[q.j - 1]]
    outside = [t for t in numeric if not q.i <= t.head.i < q.j or t.head.i == t.i]
    return (outside or numeric)[-1]


def noun_measure(token: Any) -> str | None:
    """The measure a noun (with its compounds and modifiers) stands for: "death toll" -> killed."""
    words = [token, *(c for c in token.children if c.dep_ in ("compound", "amod", "nmod"))]
    for word in words:
        lemma, lower = word.lemma_.lower(), word.lower_
        if lemma in ("agreement", "deal") and any(
            c.lemma_.lower() in ("ceasefire", "truce") for c in words
        ):
            return "ceasefires"
        if word is token and lower in MEASURE_NOUNS or lemma in MEASURE_NOUNS:
            return MEASURE_NOUNS.get(lower) or MEASURE_NOUNS[lemma]
        if word.pos_ in ("ADJ", "VERB") and lemma in MEASURE_ADJECTIVES:
            return MEASURE_ADJECTIVES[lemma]
    return None


def verb_measure(token: Any) -> str | None:
    lemma = token.lemma_.lower()
    if token.pos_ in ("VERB", "ADJ", "AUX"):
        return MEASURE_VERBS.get(lemma) or MEASURE_ADJECTIVES.get(lemma)
    return None


def measure_of(doc: Any, q: Quantity) -> tuple[str, list[Any]] | None:
    """The measure of quantity ``q`` and the tokens that gave it, or None."""
    value = value_token(doc, q)
    if q.unit == "fold":
        return "other", [value.head]
    nouns = [value] if value.pos_ in ("NOUN", "PROPN") else []
    if value.dep_ in ("nummod", "quantmod", "amod", "compound", "nmod", "det"):
        nouns.append(value.head)
    for noun in list(nouns):  # "thousands of displaced people"
        nouns.extend(
            p for c in noun.children if c.lower_ == "of" for p in c.children if p.dep_ == "pobj"
        )
    for noun in nouns:
        measure = noun_measure(noun)
        if measure:
            return measure, [noun]
    for arg in [*nouns, value]:
        if arg.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "conj", "appos") and verb_measure(
            arg.head
        ):
            return str(verb_measure(arg.head)), [arg.head]
        for child in arg.children:  # "12 people killed in the raid"
            if child.dep_ in ("acl", "relcl", "amod") and verb_measure(child):
                return str(verb_measure(child)), [child]
    if value.dep_ == "pobj" and value.head.dep_ == "prep":  # "the toll rose to 50"
        clause = value.head.head
        for subject in (c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")):
            measure = noun_measure(subject)
            if measure:
                return measure, [subject]
    return None


def phrase_without_clauses(token: Any) -> tuple[int, int]:
    """Token range of ``token``'s phrase, leaving out relative clauses and trailing phrases."""
    skip = {
        t.i
        for c in token.children
        if c.dep_ in ("relcl", "acl", "prep", "punct")
        for t in c.subtree
    }
    kept = [t.i for t in token.subtree if t.i not in skip]
    return min(kept), max(kept) + 1


def scope_of(analysis: Analysis, doc: Any, tokens: list[Any]) -> tuple[str | None, int]:
    """The scope ("each side", a region) from a prepositional phrase, and where it ends."""
    for token in tokens:
        for prep in (
            c for c in token.children if c.dep_ == "prep" and c.lower_ in SCOPE_PREPOSITIONS
        ):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                i, j = phrase_without_clauses(obj)
                start, end = doc[i].idx, doc[j - 1].idx + len(doc[j - 1])
                if obj.lemma_.lower() == "side":
                    return doc[i:j].text, end
                for place in analysis.places:
                    if place.span and place.span.start < end and start < place.span.end:
                        return place.name or place.text, end
                if any(t.ent_type_ in ("GPE", "LOC", "FAC", "NORP") for t in doc[i:j]):
                    words = doc[i + 1 : j] if doc[i].lower_ == "the" else doc[i:j]
                    return words.text, end
    return None, 0


# --- attribution ---------------------------------------------------------------------------


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


# --- the stage -----------------------------------------------------------------------------


def figure_for(analysis: Analysis, doc: Any, q: Quantity, document_id: str) -> Figure | None:
    found = measure_of(doc, q)
    if found is None:
        return None
    measure, anchors = found
    value = value_token(doc, q)
    scope, scope_end = scope_of(analysis, doc, [*anchors, value])
    counted = [value.head] if value.dep_ == "nummod" else []  # "killed 7 soldiers"
    first = min([doc[q.i], *anchors, *counted], key=lambda t: t.i)
    last = max([doc[q.j - 1], *anchors, *counted], key=lambda t: t.i)
    start, end = first.idx, max(last.idx + len(last), scope_end)
    text = analysis.text
    from_claim = claim_attribution(analysis, doc, value, start, end)
    own = own_attribution(analysis, doc, value)
    attributions = [a for a in (from_claim, own) if a is not None]
    resolved = [a for a in attributions if a[0].actor]
    ranked = resolved or attributions[::-1]
    source = ranked[0][0] if ranked else None
    as_of = next((a[1] for a in attributions if a[1] is not None), None)
    if as_of is None and analysis.published is not None:
        day = analysis.published  # a figure given with no date of its own: as of publication
        as_of = When(start=day, end=day, precision="day")
    figure = Figure(
        id=record_id("fig", document_id, start, end),
        measure=measure,  # type: ignore[arg-type]
        value=q.number,
        scope=scope,
        attributed_to=source,
        as_of=as_of,
        span=Span.of(text, start, end),
    )
    if measure == "other":
        subject = next((c for c in anchors[0].children if c.dep_ in ("nsubj", "nsubjpass")), None)
        extra: dict[str, Any] = {"unit": q.unit}
        if subject is not None:
            extra["what"] = doc[slice(*phrase_without_clauses(subject))].text
        figure = figure.model_copy(update=extra)
    return figure


def key(figure: Figure) -> tuple[Any, ...]:
    """What makes a figure the same figure when a document repeats it (headline and body)."""
    v = figure.value
    return figure.measure, v.low, v.best, v.high, v.qualifier, figure.scope


def run(analysis: Analysis, context: Context) -> None:
    doc = analysis.doc
    if doc is None or not analysis.text:
        return
    document_id = analysis.document.id if analysis.document else ""
    time_spans = [(t.span.start, t.span.end) for t in analysis.times]
    kept: dict[tuple[Any, ...], int] = {}
    figures: list[Figure] = []
    for q in quantities_of(analysis, doc):
        start, end = doc[q.i].idx, doc[q.j - 1].idx + len(doc[q.j - 1])
        value = value_token(doc, q)
        year = bool(YEAR.match(value.text)) and value.ent_type_ in ("DATE", "TIME")
        in_time = year or any(s < end and start < e for s, e in time_spans)
        if in_time and not (value.dep_ == "nummod" and noun_measure(value.head)):
            continue  # "the 2008 treaty", "three decades"
        figure = figure_for(analysis, doc, q, document_id)
        if figure is None:
            continue
        n = kept.get(key(figure))
        if n is None:
            kept[key(figure)] = len(figures)
            figures.append(figure)
        elif figures[n].attributed_to is None and figure.attributed_to is not None:
            figures[n] = figure  # the repeat that says who gives the number
    analysis.figures.extend(figures)


STAGE = Stage(
    name="extract.figures",
    help="Aggregate numbers (killed, injured, displaced, missing, detained, incidents, "
    "ceasefires, growth) with low/best/high, qualifier, scope, attribution and as-of date.",
    reads=(
        "text",
        "doc",
        "published",
        "document",
        "quantities",
        "actors",
        "places",
        "times",
        "claims",
    ),
    writes=("figures",),
    run=run,
)
