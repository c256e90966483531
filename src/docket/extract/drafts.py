"""Incident mentions in one sentence: a trigger with its arguments, before merging.

A :class:`Draft` holds character spans (never tokens) so merging and the final records need no
parse. :func:`drafts_of` turns each trigger in the parse into one draft.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from docket.extract.arguments import (
    EMPTY,
    NOT_AGENT,
    PRONOUNS,
    Frame,
    phrase,
    read_noun,
    read_verb,
    with_conjuncts,
)
from docket.extract.lexicons import Trigger, target_classes, triggers
from docket.extract.numbers import number_at
from docket.extract.weapons import WeaponHit
from docket.record import Number

Spanned = tuple[int, int]
COUNT_NOUNS = {"incident", "attack", "case", "strike", "time", "raid", "occasion", "bombing"}
# head nouns that name an organisation rather than the people acting for it
ORGANISATION_WORDS = {
    "army",
    "force",
    "front",
    "movement",
    "alliance",
    "party",
    "organization",
    "organisation",
    "cartel",
    "militia",
    "police",
    "guard",
    "command",
    "brigade",
    "battalion",
    "regiment",
    "government",
}
STATE_WORDS = {"army", "force", "police", "guard", "brigade", "battalion", "regiment", "government"}
VIOLENT = {
    "explosive_weapon_attack",
    "air_or_drone_strike",
    "shelling_or_artillery",
    "armed_clash",
    "attack_on_civilians",
    "bombing_or_ied",
    "mine_or_uxo",
    "chemical_attack",
    "other_violence",
}


@dataclass
class Party:
    """A perpetrator or victim phrase, with the sentence-level facts about it."""

    start: int
    end: int
    claimed: bool = False
    organisation: bool = False  # the organisation named inside a phrase ("fighters of the X front")


@dataclass
class Target:
    start: int
    end: int
    target_class: str | None


@dataclass
class Draft:
    category: str
    sentence: int  # index into the sentence list
    sentence_span: Spanned
    trigger: Spanned
    anaphoric: bool = False
    weapons: list[WeaponHit] = field(default_factory=list)
    perpetrators: list[Party] = field(default_factory=list)
    victims: list[Party] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    places: list[Spanned] = field(default_factory=list)
    count: Number | None = None
    killed: Number | None = None
    injured: Number | None = None

    def core(self) -> bool:
        """Whether the draft names enough to stand as an incident."""
        return bool(
            self.weapons
            or self.perpetrators
            or self.victims
            or self.killed
            or any(t.target_class for t in self.targets)
        )


def trigger_of(token: Any) -> Trigger | None:
    table = triggers()
    lemma = token.lemma_.lower()
    pos = (
        "VERB"
        if token.pos_ in ("VERB", "AUX")
        else "NOUN"
        if token.pos_ in ("NOUN", "PROPN")
        else ""
    )
    hit = table.get((lemma, pos)) or table.get((token.lower_, pos))
    if hit is None and pos == "NOUN" and token.tag_ in ("VBG",):
        hit = table.get((lemma, "VERB"))
    return hit


def resolve_pronoun(token: Any) -> Any:
    """A pronoun subject stands for the nearest non-pronoun subject of a governing clause."""
    if token.lower_ not in PRONOUNS:
        return token
    node = token.head
    while node.head.i != node.i:
        node = node.head
        for child in node.children:
            if child.dep_ == "nsubj" and child.i < token.i and child.lower_ not in PRONOUNS:
                return child
    return None


def _animate(token: Any) -> bool:
    """Whether a victim phrase can name people: a person or group entity, a proper noun, or a
    word for people (knowledge/targets.csv)."""
    if token.ent_type_ in NOT_AGENT:
        return False
    return token.ent_type_ in ("PERSON", "NORP") or token.pos_ == "PROPN" or _victim_like(token)


def organisations_in(head: Any) -> list[Spanned]:
    """Organisations named inside a perpetrator phrase besides its head: the object of "of"
    ("terrorists of the X front", "members of the armed forces") or a name modifying a people word
    ("X guerrillas"), when it is an organisation entity, a proper noun or an organisation word."""
    out: list[Spanned] = []
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj" and _organisation_like(obj) and not _victim_like(obj):
                    out.append(phrase(obj))
        elif (
            child.dep_ in ("compound", "nmod", "amod")
            and _victim_like(head)
            and child.ent_type_ == "ORG"
            and child.i == head.i - 1
        ):
            out.append((child.idx, child.idx + len(child.text)))
    return out


def _organisation_like(token: Any) -> bool:
    return (
        token.ent_type_ == "ORG"
        or token.pos_ == "PROPN"
        or token.lemma_.lower() in ORGANISATION_WORDS
    )


def _victim_like(token: Any) -> bool:
    entry = target_classes().get(token.lemma_.lower())
    return token.ent_type_ == "PERSON" or bool(entry and entry[1])


def _target_class(tokens: list[Any]) -> str | None:
    table = target_classes()
    for token in tokens:
        entry = table.get(token.lemma_.lower())
        if entry is not None:
            return entry[0]
    return None


def draft_of(
    token: Any, trigger: Trigger, sentence: int, span: Spanned, weapons: dict[int, WeaponHit]
) -> Draft:
    """The draft for trigger ``token`` (or method weapon) with its arguments."""
    frame: Frame = read_noun(token) if trigger.pos == "NOUN" else read_verb(token, trigger.frame)
    doc = token.doc
    inside = lambda i: span[0] <= doc[i].idx < span[1]  # noqa: E731
    for name in ("perpetrators", "patients", "victims", "weapons", "places"):
        setattr(frame, name, [i for i in getattr(frame, name) if inside(i)])
    draft = Draft(trigger.category, sentence, span, (token.idx, token.idx + len(token.text)))
    draft.anaphoric = trigger.pos == "NOUN" and any(
        c.dep_ == "det" and c.lower_ in ("the", "this", "these", "those", "that")
        for c in token.children
    )
    seen: set[int] = set()
    for i in frame.weapons:
        hit = weapons.get(i)
        if hit is not None and hit.kind != "method" and id(hit) not in seen:
            seen.add(id(hit))
            draft.weapons.append(hit)
    for i in frame.perpetrators:
        person = resolve_pronoun(doc[i])
        if (
            person is None
            or not inside(person.i)
            or person.i in weapons
            or trigger_of(person) is not None
        ):
            continue
        # a proper noun the model does not take for a person or place: usually a group's name
        whole = _organisation_like(person) and person.ent_type_ not in ("PERSON", "GPE", "NORP")
        draft.perpetrators.append(
            Party(
                *phrase(person),
                claimed=frame.claimed,
                organisation=whole and not _victim_like(person),
            )
        )
        for org in organisations_in(person):
            draft.perpetrators.append(Party(*org, claimed=frame.claimed, organisation=True))
    for i in frame.victims:
        person = resolve_pronoun(doc[i])
        if person is None or person.lower_ in EMPTY or not _animate(person):
            continue
        if inside(person.i) and person.i not in weapons:
            draft.victims.append(Party(*phrase(person)))
            _casualties(draft, person, trigger.frame)
    for i in frame.patients:
        _add_patient(draft, doc[i], weapons)
    draft.places = [
        phrase(doc[i]) for i in frame.places if doc[i].ent_type_ in ("GPE", "LOC", "FAC")
    ]
    draft.count = _count(token)
    return draft


def _add_patient(draft: Draft, token: Any, weapons: dict[int, WeaponHit]) -> None:
    if token.i in weapons or token.lower_ in PRONOUNS | EMPTY or token.ent_type_ in NOT_AGENT:
        return
    if trigger_of(token) is not None:
        return
    start, end = phrase(token)
    if _victim_like(token):
        draft.victims.append(Party(start, end))
        return
    words = [t for t in token.doc if start <= t.idx < end]
    while words and words[0].pos_ in ("SCONJ", "DET", "ADP"):
        words = words[1:]
    if not words:
        return
    start = words[0].idx
    classed = [
        (t, target_classes()[t.lemma_.lower()][0])
        for t in words
        if t.lemma_.lower() in target_classes()
    ]
    if len({c for _, c in classed}) > 1:
        # an unpunctuated list parsed as one phrase: "roads electricity gas and communication networks"
        for t, c in classed:
            draft.targets.append(Target(t.idx, t.idx + len(t.text), c))
    else:
        draft.targets.append(
            Target(start, end, _target_class(words) or _target_class(list(token.subtree)))
        )
    for sub in token.subtree:
        entry = target_classes().get(sub.lemma_.lower())
        if sub.i != token.i and entry and entry[0] == "civilians" and sub.pos_ == "NOUN":
            draft.targets.append(Target(*phrase(sub), "civilians"))
        if (
            sub.dep_ == "pobj"
            and sub.head.lower_ == "of"
            and sub.ent_type_ in ("GPE", "LOC", "FAC")
        ):
            draft.places.append(phrase(sub))


def _casualties(draft: Draft, person: Any, frame: str) -> None:
    number = number_at(person)
    if number is None:
        return
    if frame in ("kill", "die"):
        draft.killed = number
    elif frame == "injure":
        draft.injured = number


def _count(token: Any) -> Number | None:
    """'at least four incidents in which X attacked': the number of the governing event noun."""
    noun = token
    if token.dep_ == "relcl":
        noun = token.head
    if noun.lemma_.lower() not in COUNT_NOUNS or noun.pos_ != "NOUN":
        return None
    return number_at(noun)


def attach_orphans(drafts: list[Draft], hits: list[WeaponHit], doc: Any) -> None:
    """Weapons in a sentence that no trigger took go to the nearest trigger of that sentence."""
    used = {id(h) for d in drafts for h in d.weapons}
    for hit in hits:
        if id(hit) in used or hit.kind == "method":
            continue
        same = [d for d in drafts if d.sentence_span[0] <= hit.start < d.sentence_span[1]]
        if same:
            best = min(same, key=lambda d: abs(d.trigger[0] - hit.start))
            if best.category in VIOLENT:
                best.weapons.append(hit)


def conjunct_heads(token: Any) -> list[Any]:
    return with_conjuncts(token)
