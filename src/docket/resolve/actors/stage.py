"""The resolve.actors stage: who acts in a document, with canonical ids.

States get ISO 3166-1 alpha-3 ids, everything else a lower-case slug. Sources, in order:
registry names (:mod:`docket.knowledge.actors`), with capitals and government seats standing for
states only where the grammar says so (:mod:`.metonymy`) and demonyms standing for states when they
modify an institution ("Turkish exports", "the Azerbaijani Army"); organisations the statistical
model found that the registry does not know; persons, with the title that ties them to a state
("Russian President Vladimir Putin"); then coreference (:mod:`.coref`). Registry decisions replace
the model's mention for the same span in ``analysis.mentions``.

The finders live in their own modules of this package: registry spans in :mod:`.spans`,
organisations in :mod:`.organisations`, persons in :mod:`.person_actors`; the deciding words in
:mod:`.words`.
"""

from __future__ import annotations

from docket.analysis import Analysis
from docket.intervals import Intervals
from docket.knowledge.actors.registry import load_registry
from docket.pipeline import Context, Stage
from docket.record import ActorRef, Mention
from docket.resolve.actors import coref
from docket.resolve.actors.person_actors import person_actors
from docket.resolve.actors.refs import head_token, label_for
from docket.resolve.actors.spans import registry_actors
from docket.resolve.actors.words import NAME_KIND_ORDER

__all__ = ["STAGE", "ActorFinder", "actor_at", "resolve_name", "run"]

# what found an actor found by other means than a registry name, as a mention origin
RULE_ORIGINS = {"person": "model", "model": "rule", "institution": "rule"}
NER_LABELS = frozenset(["person", "organisation", "place", "actor", "other"])


def acronym_actors(analysis: Analysis, named: list[ActorRef]) -> list[ActorRef]:
    text, doc = analysis.text, analysis.doc
    taken = {(a.span.start, a.span.end) for a in named if a.span}
    found = []
    groups = coref.by_initials(named)
    for token in doc or ():
        span = (token.idx, token.idx + len(token.text))
        if span in taken or token.pos_ != "PROPN":
            continue
        target = coref.acronym_target(token.text, groups, token.idx)
        if target is not None:
            found.append(coref.refer(text, span, target, "acronym"))
    return found


def merge_mentions(
    analysis: Analysis, decided: list[tuple[int, int, ActorRef | None, str]]
) -> None:
    """Put the stage's decisions into analysis.mentions, replacing the model's for those spans."""
    text = analysis.text
    # The model's mentions by start, so each decision finds the ones it overlaps by bisection
    # (a scan of every mention per decision was quadratic in the length of the document).
    model = sorted(
        (m for m in analysis.mentions if m.origin == "model" and m.label in NER_LABELS),
        key=lambda m: m.start,
    )
    spans = Intervals((m.start, m.end, m) for m in model)
    removed: set[int] = set()
    added: list[Mention] = []
    for start, end, ref, label in decided:
        overlapping = [m for m in spans.overlapping(start, end) if id(m) not in removed]
        if ref is None and label == "place":
            if all(m.label == "place" for m in overlapping) and overlapping:
                continue  # the model already reads it as a place; the places stage refines it
            new = Mention(
                start=start, end=end, quote=text[start:end], label="place", origin="registry"
            )
        elif ref is None:  # a nationality: "Syrian mercenaries"
            new = Mention(
                start=start,
                end=end,
                quote=text[start:end],
                label="actor",
                canonical=label,
                origin="registry",
            )
        else:
            origin = (
                "coref"
                if getattr(ref, "via", "") in ("description", "pronoun", "acronym")
                else RULE_ORIGINS.get(getattr(ref, "via", ""), "registry")
            )
            new = Mention(
                start=start,
                end=end,
                quote=text[start:end],
                label=label,
                canonical=ref.actor,
                origin=origin,
            )
        removed.update(id(m) for m in overlapping)
        added.append(new)
    analysis.mentions = [m for m in analysis.mentions if id(m) not in removed] + added


def run(analysis: Analysis, context: Context) -> None:
    found, decided = registry_actors(analysis)
    taken = [(s, e) for s, e, _, _ in decided]
    people = person_actors(analysis, taken)
    named = sorted(found + people, key=lambda a: a.span.start if a.span else 0)
    named += acronym_actors(analysis, named)
    named.sort(key=lambda a: a.span.start if a.span else 0)
    bound = coref.bind(analysis.text, analysis.doc, named) if analysis.doc is not None else []
    decided += [
        (a.span.start, a.span.end, a, label_for(a.type))
        for a in people + named[len(found) + len(people) :] + bound
        if a.span is not None
    ]
    analysis.actors = sorted(named + bound, key=lambda a: a.span.start if a.span else 0)
    merge_mentions(analysis, decided)


class ActorFinder:
    """The resolved actor at a span of the analysis, the actors indexed once for many lookups
    (a long document asks for thousands)."""

    def __init__(self, analysis: Analysis) -> None:
        self._doc = analysis.doc
        self._actors = Intervals(
            (a.span.start, a.span.end, a) for a in analysis.actors if a.span is not None
        )

    def at(self, start: int, end: int) -> ActorRef | None:
        """The actor covering ``[start, end)`` or, inside it, the one heading it."""
        covering = self._actors.containing(start, end)
        if covering:
            return covering[0]
        inside = self._actors.inside(start, end)
        if not inside:
            return None
        token = head_token(self._doc, start, end)
        if token is not None:
            for actor in inside:
                if actor.span and actor.span.start <= token.idx < actor.span.end:
                    return actor
        return inside[0]


def actor_at(analysis: Analysis, start: int, end: int) -> ActorRef | None:
    """The resolved actor covering ``[start, end)`` or, inside it, the one heading it (for one
    lookup; :class:`ActorFinder` indexes the actors once for many)."""
    return ActorFinder(analysis).at(start, end)


def resolve_name(text: str) -> ActorRef | None:
    """The registry actor a name stands for ("Human Rights Watch", "Baku", "Turkish"), if any."""
    found = load_registry().lookup(text)
    if not found:
        return None
    actor, kind = min(found, key=lambda f: (NAME_KIND_ORDER[f[1]], not f[0].sovereign))
    ref = ActorRef(text=text, actor=actor.id, name=actor.name, type=actor.type)
    ref.via = kind  # type: ignore[attr-defined]
    return ref


STAGE = Stage(
    name="resolve.actors",
    help="Actors with canonical ids: registry names, capitals standing for states, demonyms, "
    "organisations, persons with their titles, and coreference within the document.",
    reads=("text", "doc", "entities", "mentions"),
    writes=("actors", "mentions"),
    run=run,
)
