"""Merging incident mentions of one document that describe the same event.

A draft joins an earlier group when nothing conflicts (weapon classes, perpetrators against
victims, categories) and something links them: the same sentence, a shared specific weapon class,
an anaphoric trigger ("the attacks") or perpetrator ("the attackers"), the same named victim or
target, a draft with no perpetrator or weapon of its own that follows the group closely, the lead
below a headline that tells an event, or a consequence of an event told just before ("The blast
destroyed several shops", which may be of another category; "a roadside bomb killed two" tells
an event of its own). A sentence that says it tells another event ("Separately, ...", "In another
attack, ...") starts a new incident. A claim of responsibility naming no event lends its claimant
to the last incident someone may claim. A group that only says people died (no attack word,
weapon or perpetrator) is a death toll, not an incident, and is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from docket.extract.drafts import VIOLENT, Draft

GENERIC_CLASSES = {"explosive_unspecified", "other"}
# incidents someone may claim: attacks, kidnappings, arson and sabotage
CLAIMABLE = VIOLENT | {"abduction", "arson_or_destruction", "damage_to_infrastructure"}
FOLLOW_SENTENCES = 2
# a round-up's item opens with its place: "In Taji, a car bomb killed six soldiers."
OPENER = re.compile(r"(?:In|At|Near|Outside)\s+((?:[A-Z][\w'\u2019.-]*\s?){1,4}),")


@dataclass
class Group:
    drafts: list[Draft] = field(default_factory=list)
    perpetrator_keys: set[str] = field(default_factory=set)
    victim_keys: set[str] = field(default_factory=set)
    target_keys: set[str] = field(default_factory=set)

    @property
    def last_sentence(self) -> int:
        return self.drafts[-1].sentence

    def classes(self) -> set[str]:
        return {w.weapon_class for d in self.drafts for w in d.weapons} - GENERIC_CLASSES

    def categories(self) -> set[str]:
        return {d.category for d in self.drafts}


def _compatible_categories(group: Group, draft: Draft) -> bool:
    cats = group.categories()
    if draft.category in cats:
        return True
    if draft.by_event and cats & VIOLENT:
        return True  # "The blast destroyed several shops": what the bombing did
    return draft.category in VIOLENT and cats <= VIOLENT


CALENDAR = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "spring", "summer", "autumn", "winter",
}  # fmt: skip


def opener_span(text: str, draft: Draft) -> tuple[int, int] | None:
    """Where the place a draft's sentence opens with ("In Taji, ...") stands; None without (or
    when the words are a month or a day: "In January, ...")."""
    start, end = draft.sentence_span
    sentence = text[start:end]
    lead = len(sentence) - len(sentence.lstrip())
    found = OPENER.match(sentence, lead)
    if found is None:
        return None
    name = found.group(1).rstrip()
    if name.split()[0].casefold() in CALENDAR:
        return None
    return (start + found.start(1), start + found.start(1) + len(name))


def opener(text: str, draft: Draft) -> str | None:
    """The place a draft's sentence opens with, case-folded; None without."""
    found = opener_span(text, draft)
    return text[found[0] : found[1]].casefold() if found else None


def elsewhere(text: str, group: Group, where: str) -> bool:
    """Whether a round-up item opening with place ``where`` tells of another place than every
    place ``group`` names ("In Taji, ..." after "In Baghdad, ..."): another incident."""
    names = {text[s:e].casefold() for d in group.drafts for s, e in d.places}
    names |= {o for d in group.drafts if (o := opener(text, d))}
    return bool(names) and not any(where in n or n in where for n in names)


def merge_drafts(
    drafts: list[Draft],
    key: dict[tuple[int, int], str],
    named: frozenset[str] = frozenset(),
    text: str = "",
) -> list[Group]:
    """Group ``drafts`` (in document order); ``key`` maps a party span to its actor key.

    Only ``named`` keys (a resolved actor, a proper name) link drafts far apart: two attacks on
    "civilians" in one report are not thereby one attack. With the document's ``text``, a
    sentence opening with a place ("In Taji, ...") that no earlier draft of a group names starts
    an incident of its own, unless it refers back ("the attack") or tells a consequence."""
    groups: list[Group] = []
    for draft in drafts:
        perps = {key[(p.start, p.end)] for p in draft.perpetrators}
        victims = {key[(v.start, v.end)] for v in draft.victims}
        classes = {w.weapon_class for w in draft.weapons} - GENERIC_CLASSES
        targets = {key.get((t.start, t.end), "") for t in draft.targets} - {""}
        if draft.claim_only:
            # a claim of responsibility naming no event: the claimant of the incident reported
            # last (not one of its victims); else nothing
            last = next((g for g in reversed(groups) if g.categories() & CLAIMABLE), None)
            if last is not None and not perps & last.victim_keys:
                last.drafts.append(draft)
                last.perpetrator_keys |= perps
            continue
        # "the attackers stormed the village": the attack told before, as "the attack" is
        back = bool(draft.perpetrators) and all(p.refers_back for p in draft.perpetrators)
        anaphoric = draft.anaphoric or back
        where = opener(text, draft) if text and not anaphoric and not draft.by_event else None
        chosen = None
        for group in reversed(groups):
            if draft.separate and group.last_sentence != draft.sentence:
                break  # "Separately, ...": another event, whatever it shares with those before
            if not _compatible_categories(group, draft):
                continue
            if perps & group.victim_keys or victims & group.perpetrator_keys:
                continue
            # "the attack" refers back even when it names the group behind the people who acted
            if (
                perps
                and group.perpetrator_keys
                and not perps & group.perpetrator_keys
                and not anaphoric
            ):
                continue
            gclasses = group.classes()
            if classes and gclasses and not classes & gclasses:
                continue
            if (
                where
                and group.last_sentence != draft.sentence
                and not all(d.headline for d in group.drafts)
                and elsewhere(text, group, where)
            ):
                continue  # a round-up's next item: "In Baghdad, ..." after "In Taji, ..."
            same_sentence = group.last_sentence == draft.sentence
            shared_weapon = bool(classes & gclasses)
            follows = (
                not perps
                and not classes
                and draft.sentence - group.last_sentence <= FOLLOW_SENTENCES
            )
            # the same victim or target named again later in the document: the same event
            shared_party = bool((victims & group.victim_keys | targets & group.target_keys) & named)
            # "the blast destroyed ...": done by an event, so by the one told just before
            consequence = (
                draft.by_event and draft.sentence - group.last_sentence <= FOLLOW_SENTENCES
            )
            # a headline tells the event of the lead below it
            headline = (
                all(d.headline for d in group.drafts)
                and not draft.headline
                and draft.sentence - group.last_sentence <= FOLLOW_SENTENCES
            )
            linked = (
                same_sentence or shared_weapon or anaphoric or follows or shared_party or headline
            )
            if linked or consequence:
                chosen = group
                break
        if chosen is None:
            chosen = Group()
            groups.append(chosen)
        chosen.drafts.append(draft)
        chosen.perpetrator_keys |= perps
        chosen.victim_keys |= victims
        chosen.target_keys |= targets
    return [g for g in groups if not _deaths_only(g)]


def _deaths_only(group: Group) -> bool:
    """Whether the group only says that people died ("about 100 people have died in three months
    of protests"), with no attack, weapon or perpetrator: a death toll, not an incident."""
    return all(d.frame == "die" and not d.weapons and not d.perpetrators for d in group.drafts)
