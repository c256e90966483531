"""Incident mentions in one sentence: a trigger with its arguments, before merging.

A :class:`Draft` holds character spans (never tokens) so merging and the final records need no
parse. :func:`drafts_of` turns each trigger in the parse into one draft.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from docket.extract.arguments import (
    EMPTY,
    NOT_AGENT,
    PRONOUNS,
    RESPONSIBILITY_VERBS,
    RESPONSIBILITY_WORDS,
    Frame,
    in_dateline,
    phrase,
    read_noun,
    read_verb,
    subject_of,
    verb_in,
    with_conjuncts,
)
from docket.extract.lexicons import (
    STATE_WEAPON_KINDS,
    Trigger,
    people_word,
    target_classes,
    triggers,
)
from docket.extract.numbers import number_alone, number_at
from docket.extract.weapons import WeaponHit
from docket.nlp.doc_text import doc_text
from docket.record import Number
from docket.resolve.actors.persons import TITLE_WORDS
from docket.resolve.times.reading import WEEKDAYS

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
# people words for those acting for an organisation ("police members", "army agents")
MEMBER_WORDS = {"member", "agent", "personnel", "unit", "element"}
# event nouns naming a death, not an attack: their "of" object is the victim only
HARM_NOUNS = {"killing", "murder"}
# single-word titles ("head" and "chief" are mostly other things: "the head of", "chief of")
PERSON_TITLES = {t for t in TITLE_WORDS if not t.endswith(".")} - {"head", "chief"}
# people demonstrating: violence they take part in is a riot (ACLED codebook 2023, "Riots")
PROTESTER_WORDS = {"protester", "protestor", "demonstrator", "rioter", "mob", "marcher"}
# bodies that "hit" or "target" people with measures, not weapons (a weak trigger with one of these
# for subject and no weapon in its sentence names no incident)
CIVIL_BODIES = {
    "administration",
    "ministry",
    "department",
    "treasury",
    "court",
    "company",
    "firm",
    "bank",
    "regulator",
    "parliament",
    "congress",
    "senate",
    "law",
    "sanction",
    "measure",
    "policy",
    "bill",
    "tariff",
    "tax",
    "campaign",
}
# what is threatened, planned or supposed has not happened: an event word governed by one of these
# verbs or nouns ("threatened to attack", "plans for an attack"), or under a modal ("would
# strike") or an "if", is no incident (ACLED and UCDP code events that took place; a threat stays
# a claim). Attempts ("tried to kill") are events, and "warn" mostly reports one ("warned of
# more attacks" aside), so neither is here.
INTENT_VERBS = {
    "threaten",
    "plan",
    "vow",
    "intend",
    "pledge",
    "promise",
    "plot",
    "prepare",
    "want",
    "hope",
    "expect",
    "consider",
    "propose",
    "contemplate",
    "mull",
}
INTENT_NOUNS = {"threat", "plan", "plot", "vow", "pledge", "promise", "warning", "call", "fear"}
MODALS = {"would", "could", "might", "may", "will", "shall", "should", "can", "'ll", "wo", "ca"}
DEFINITE = {"the", "this", "these", "that", "those"}
# words for a run of events ("the latest in a wave of attacks") and for the remembrance of one
# ("the anniversary of the bombings"): the event word under them names no one incident, and
# they act on nothing ("a wave of attacks hit the city": the wave is no perpetrator)
SERIES_WORDS = {"wave", "series", "spate", "string", "spree", "surge", "rise", "escalation"}
REMEMBRANCE_WORDS = {"anniversary", "commemoration", "memorial", "remembrance", "memory"}
# events named as a kind or as the past, not as the one told ("has carried out similar attacks",
# "such attacks", "previous attacks")
KIND_MODIFIERS = {"similar", "such", "previous", "past", "earlier", "frequent", "repeated"}
# a toll counted over a span ("have been killed since 2015", "so far this year") is a figure,
# not an event (ACLED and UCDP code events; the figure stays one, with its source)
TOLL_FRAMES = {"kill", "die", "injure"}
# a "since" this recent counts the days of one event's toll, not a span of many
RECENT_WORDS = {*WEEKDAYS, "yesterday", "dawn", "morning", "night", "weekend", "week"}
# how a report starts telling another event ("Separately, police found ...", "In another
# attack, ...", "Elsewhere, ...")
SEPARATE = re.compile(
    r"\s*(?:separately|elsewhere|in (?:a |an )?(?:separate|another|other|unrelated) "
    r"(?:incident|attack|development|violence)s?)\b",
    re.IGNORECASE,
)
# the words of a span too long for one event's toll ("killed in the past three years")
SPAN_WORDS = {"year", "years", "decade", "decades", "months"}
# words for a campaign's gathering, not a protest ("an election rally")
CAMPAIGN_WORDS = {"election", "electoral", "campaign", "presidential"}
# who speaks for a group ("Taliban spokesman Zabihullah Mujahid claimed the attack"): the group
# is the perpetrator, never its spokesman
SPEAKER_WORDS = {"spokesman", "spokeswoman", "spokesperson", "representative", "mouthpiece"}
UNREAL_MODIFIERS = {"possible", "potential", "future", "planned", "threatened", "imminent"}
STATE_WORDS = {"army", "force", "police", "guard", "brigade", "battalion", "regiment", "government"}
# forces whose "march" is a movement of troops, not a protest
MARCHING_FORCES = STATE_WORDS | {"troop", "soldier", "militant", "rebel"}
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
# The kinds MUC-4 templates (terrorist acts; combat between armed forces, "armed_clash", is
# excluded): what the MUC-4 role model and the learned reader were trained to read
MUC_CATEGORIES = (VIOLENT - {"armed_clash"}) | {
    "abduction",
    "arson_or_destruction",
    "damage_to_infrastructure",
}


@dataclass
class Party:
    """A perpetrator or victim phrase, with the sentence-level facts about it."""

    start: int
    end: int
    claimed: bool = False
    organisation: bool = False  # the organisation named inside a phrase ("fighters of the X front")
    people_end: int | None = None  # "members of the X front": where the people's own words end
    # "the attackers", "the gunmen": those of an attack told before, named by their part in it
    refers_back: bool = False
    modifier: bool = False  # named as the event's modifier ("a US drone strike"): kept only
    # when the actors registry knows it as a state or armed group (see extract.incidents)


@dataclass
class Target:
    start: int
    end: int
    target_class: str | None
    named: bool = False  # a proper name ("the assassination of Luis Carrero Blanco")


@dataclass
class Draft:
    category: str
    sentence: int  # index into the sentence list
    sentence_span: Spanned
    trigger: Spanned
    frame: str = "event"  # the trigger's argument frame (knowledge/event_triggers.csv)
    anaphoric: bool = False
    # what did it is an event or a weapon ("the blast destroyed several shops"): a consequence
    # of an event told before, not an act of its own
    by_event: bool = False
    # its sentence says it is another event ("Separately, ...", "In a separate incident, ...")
    separate: bool = False
    # its sentence is the report's headline (its first line, alone, with no final stop): it tells
    # the event of the lead below it ("Suicide bomber kills 14 at Kabul mosque")
    headline: bool = False
    void: bool = False  # a trigger word not naming an event here ("used the name")
    # a claim of responsibility naming no event ("The FMLN claimed responsibility."): it only
    # lends its claimant to the incident reported before it
    claim_only: bool = False
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
        return not self.void and bool(
            self.weapons
            or self.perpetrators
            or self.victims
            or self.killed
            or self.injured
            or any(t.target_class or t.named for t in self.targets)
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
    """A pronoun subject (or possessive: "its attack") stands for the nearest non-pronoun subject
    of a governing clause; None when there is none."""
    if token.lower_ not in PRONOUNS and token.tag_ != "PRP$":
        return token
    node = token.head
    while node.head.i != node.i:
        node = node.head
        for child in node.children:
            if child.dep_ == "nsubj" and child.i < token.i and child.lower_ not in PRONOUNS:
                return child
    return None


def counted_others(token: Any) -> bool:
    """ "killing five people and wounding 20 others", "three others were hurt": people, counted."""
    return token.lower_ == "others" and any(c.dep_ in ("nummod", "amod") for c in token.children)


def _animate(token: Any) -> bool:
    """Whether a victim phrase can name people: a person or group entity, a proper noun, or a
    word for people (knowledge/targets.csv)."""
    if token.ent_type_ in NOT_AGENT:
        return False
    if counted_others(token):
        return True
    return token.ent_type_ in ("PERSON", "NORP") or token.pos_ == "PROPN" or _victim_like(token)


def _can_act(token: Any) -> bool:
    """Whether a perpetrator head can name someone acting: not a date, time or number
    ("Saturday's attack"), not a word like "anyone", not a building, place or object, not negated
    ("no group has claimed ...")."""
    if token.ent_type_ in NOT_AGENT or token.lower_ in EMPTY or token.pos_ in ("VERB", "AUX"):
        return False  # "injured by what they had seen": a clause, not an agent
    if in_dateline(token):
        return False  # "MOGADISHU (AP) - A US drone strike killed ...": where it was filed
    if token.lemma_.lower() in SERIES_WORDS | REMEMBRANCE_WORDS:
        return False  # "a wave of attacks hit the city"
    entry = target_classes().get(token.lemma_.lower())
    if entry and not entry[1] and entry[0] not in ("military", "police"):
        return False  # a place or object ("the cafe which killed 13"): not someone acting
    return not any(c.dep_ == "det" and c.lower_ in ("no", "any") for c in token.children)


# people named by their part in an attack ("the attackers", "the gunmen", "the assailants")
ROLE_AGENTS = frozenset(
    {
        "attacker",
        "assailant",
        "gunman",
        "gunmen",
        "bomber",
        "raider",
        "kidnapper",
        "abductor",
        "perpetrator",
        "shooter",
        "hijacker",
    }
)


def refers_back(person: Any) -> bool:
    """Whether a perpetrator phrase names, with "the" or "these", people by their part in an
    attack ("the attackers stormed the village"): those of the attack told before it."""
    return person.lemma_.lower() in ROLE_AGENTS and any(
        c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in person.children
    )


def perpetrator_parties(person: Any, claimed: bool) -> list[Party]:
    """The perpetrator phrase headed by ``person`` and the organisations named inside it; for a
    group's spokesman, the group alone (``spoken_for``)."""
    speaker = _speaker(person)
    if speaker is not None:
        return [Party(*org, claimed=claimed, organisation=True) for org in spoken_for(speaker)]
    # a proper noun the model does not take for a person or place: usually a group's name
    whole = _organisation_like(person) and person.ent_type_ not in ("PERSON", "GPE", "NORP")
    own = phrase(person)
    members = with_organisation(person, own)
    whole = whole and members == own  # "members of the X front" are people, not the front
    out = [
        Party(
            *members,
            claimed=claimed,
            organisation=whole and not _victim_like(person),
            people_end=own[1] if members != own else None,
        )
    ]
    out += [Party(*org, claimed=claimed, organisation=True) for org in organisations_in(person)]
    return out


def _speaker(person: Any) -> Any:
    """The spokesperson word of a perpetrator phrase, if it names one: its head ("a Taliban
    spokesman"), or a title or apposition of the name it heads ("Taliban spokesman Zabihullah
    Mujahid", "Zabihullah Mujahid, a spokesman for the Taliban")."""
    if person.lemma_.lower() in SPEAKER_WORDS:
        return person
    # the title may hang from any word of the name ("Taliban spokesman Qari Yousuf Ahmadi":
    # the parser makes "spokesman" a compound of "Qari")
    names = [person]
    while names:
        word = names.pop()
        for child in word.children:
            if child.dep_ in ("compound", "appos") and child.lemma_.lower() in SPEAKER_WORDS:
                return child
            if child.dep_ == "compound" and child.pos_ == "PROPN":
                names.append(child)
    return None


def spoken_for(speaker: Any) -> list[Spanned]:
    """The group a spokesperson speaks for: a name before the word ("Taliban spokesman") or the
    object of its "for" or "of" ("a spokesman for the Islamic State"); none named, none."""
    out: list[Spanned] = []
    for child in speaker.children:
        if child.dep_ == "prep" and child.lower_ in ("for", "of"):
            out += [phrase(obj) for obj in child.children if obj.dep_ == "pobj"]
    # the words of the group's name stand before the spokesperson word, as compounds of it or,
    # where it titles a name, of that name
    near = [*speaker.children]
    if speaker.dep_ == "compound":
        near += speaker.head.children
    before = [
        t
        for t in near
        if t.i < speaker.i
        and t.dep_ in ("compound", "nmod", "amod")
        and (t.pos_ == "PROPN" or t.ent_type_ in ("ORG", "NORP"))
    ]
    if before:
        first, last = min(t.i for t in before), max(t.i for t in before)
        doc = speaker.doc
        out.append((doc[first].idx, doc[last].idx + len(doc[last].text)))
    return out


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
    return out + force_modifiers(head)


def force_modifiers(head: Any) -> list[Spanned]:
    """The forces named by the words modifying a people word: "army and police members" (the
    army, the police), "national police agents", "Atlacatl Battalion troops"."""
    if not (people_word(head.lemma_.lower()) or head.lemma_.lower() in MEMBER_WORDS):
        return []
    out: list[Spanned] = []
    mods = [c for c in head.lefts if c.dep_ in ("compound", "amod", "nmod") and c.pos_ != "DET"]
    for child in mods:
        if child.dep_ != "compound" or child.ent_type_ == "ORG":
            continue
        for t in with_conjuncts(child):
            if t.lemma_.lower() not in ORGANISATION_WORDS:
                continue
            start = mods[0].left_edge.idx if t is child else phrase(t)[0]
            out.append((start, t.idx + len(t.text)))
    return out


def with_organisation(token: Any, span: Spanned) -> Spanned:
    """``span`` (the phrase of ``token``) extended over an "of" phrase naming the organisation the
    people belong to ("members of the FMLN", "officers of the armed forces")."""
    if _organisation_like(token) and token.ent_type_ != "PERSON":
        return span
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ == "of" and child.idx >= span[1]:
            gap = doc_text(token.doc)[span[1] : child.idx]
            objects = [o for o in child.children if o.dep_ == "pobj"]
            if gap.strip() or len(objects) != 1 or not _organisation_like(objects[0]):
                return span
            return span[0], phrase(objects[0])[1]
    return span


def with_owner(token: Any, span: Spanned) -> Spanned:
    """``span`` (the phrase of a place or thing word) extended over the "of" phrase naming whose
    it is ("the offices of the telecommunications enterprise", "the residence of Francisco
    Merino"): the owner tells one building from another, and coders record the whole phrase."""
    entry = target_classes().get(token.lemma_.lower())
    if entry is None or entry[1] or token.pos_ != "NOUN":
        return span
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ == "of" and child.idx >= span[1]:
            if doc_text(token.doc)[span[1] : child.idx].strip():
                return span
            objects = [o for o in child.children if o.dep_ == "pobj"]
            if len(objects) != 1 or objects[0].tag_ in ("PRP", "PRP$"):
                return span
            return span[0], max(span[1], phrase(objects[0])[1])
    return span


def _organisation_like(token: Any) -> bool:
    return (
        token.ent_type_ == "ORG"
        or token.pos_ == "PROPN"
        or token.lemma_.lower() in ORGANISATION_WORDS
    )


def _victim_like(token: Any) -> bool:
    lemma = token.lemma_.lower()
    # a title names a person ("the minister murdered in Washington", "the judge was shot")
    return token.ent_type_ == "PERSON" or people_word(lemma) or lemma in PERSON_TITLES


def _target_class(tokens: list[Any]) -> str | None:
    table = target_classes()
    for token in tokens:
        entry = table.get(token.lemma_.lower())
        if entry is not None:
            return entry[0]
    return None


def is_headline(text: str, span: Spanned) -> bool:
    """Whether ``text[span]``, the first sentence, is a headline: the first line of the text,
    ending without a full stop and followed by a line break."""
    start, end = span
    line = text[start:end].strip()
    return (
        bool(line)
        and not text[:start].strip()
        and "\n" not in line
        and line[-1] not in ".!?\"'”"
        and text[end : end + 2].lstrip(" \t").startswith("\n")
    )


def draft_of(
    token: Any, trigger: Trigger, sentence: int, span: Spanned, weapons: dict[int, WeaponHit]
) -> Draft:
    """The draft for trigger ``token`` (or method weapon) with its arguments."""
    frame: Frame = read_noun(token) if trigger.pos == "NOUN" else read_verb(token, trigger.frame)
    doc = token.doc
    inside = lambda i: span[0] <= doc[i].idx < span[1]  # noqa: E731
    for name in ("perpetrators", "patients", "victims", "weapons", "places", "agents"):
        setattr(frame, name, [i for i in getattr(frame, name) if inside(i)])
    draft = Draft(trigger.category, sentence, span, (token.idx, token.idx + len(token.text)))
    draft.frame = trigger.frame
    draft.separate = bool(SEPARATE.match(doc.text, span[0]))
    # (a headline of two stories, "Drones hit energy sites; two killed in Kharkiv", is none)
    draft.headline = (
        sentence == 0 and is_headline(doc.text, span) and ";" not in doc.text[span[0] : span[1]]
    )
    draft.anaphoric = trigger.pos == "NOUN" and any(
        c.dep_ == "det" and c.lower_ in DEFINITE for c in token.children
    )
    seen: set[int] = set()
    for i in frame.weapons:
        hit = weapons.get(i)
        if hit is not None and hit.kind != "method" and id(hit) not in seen:
            seen.add(id(hit))
            draft.weapons.append(hit)
    if (trigger.frame == "use" and (not draft.weapons or _other_purpose(token, weapons))) or (
        trigger.weak and _figurative(token, weapons)
    ):
        # "used the name", "launched a campaign", "use drones to make deliveries", "hit them
        # with sanctions": no incident
        draft.void = True
        return draft
    tolled = _toll(token) if trigger.frame in TOLL_FRAMES else _in_toll(token)
    if unreal(token) or _no_one_event(token) or tolled or _scene(token, trigger):
        # "threatened to attack polling stations", "would strike again", "a wave of attacks",
        # "the anniversary of the bombings", "have been killed since 2015": no incident
        draft.void = True
        return draft
    for i in frame.perpetrators:
        person = resolve_pronoun(doc[i])
        if person is not None and (person.i in weapons or trigger_of(person) is not None):
            # "the blast destroyed shops", "it killed two": done by the event told before; "a
            # roadside bomb killed two soldiers" tells an event of its own
            told = person.pos_ == "PRON" or any(
                c.dep_ == "det" and c.lower_ in DEFINITE for c in person.children
            )
            draft.by_event = draft.by_event or (told and inside(person.i))
            continue
        if person is not None and trigger.category == "protest":
            if person.lemma_.lower() in MARCHING_FORCES:
                draft.void = True  # "troops marched into the town": no protest
                return draft
            crowd = _crowd(person)
            if crowd is not None and span[0] <= crowd[0] < span[1]:
                # "Hundreds of people protested", "Thousands marched": those who demonstrated
                draft.perpetrators.append(Party(*crowd))
                continue
        if person is None or not inside(person.i) or not _can_act(person):
            continue
        parties = perpetrator_parties(person, frame.claimed)
        if refers_back(person):
            for party in parties:
                party.refers_back = True
        draft.perpetrators += parties
        words = {person.lemma_.lower(), person.lower_.removesuffix("s")}  # "Protesters" in titles
        if words & PROTESTER_WORDS and draft.category in VIOLENT:
            draft.category = "riot"
    armed = trigger.category in VIOLENT | {"abduction"}
    if not draft.perpetrators and armed and token.lemma_.lower() not in HARM_NOUNS:
        # "a US drone strike", "an Israeli airstrike", "a Taliban attack": the attacker (a
        # state only before a state's weapons, "the Mali ambush" was in Mali; not of a
        # protest, "a London protest", nor of a harm noun, whose modifier tells whose harm:
        # "the U.S. killing of Muslims" in a bomber's grievance)
        draft.perpetrators += [
            Party(*phrase(doc[i]), modifier=True)
            for i in frame.agents
            if doc[i].ent_type_ == "ORG" or trigger.category in STATE_WEAPON_KINDS
        ]
    for i in frame.victims:
        person = resolve_pronoun(doc[i])
        if person is not None and person.like_num and trigger.frame in ("kill", "injure"):
            # "killing two people and injuring nine": a count of people, no words for them
            number = number_alone(person) if inside(person.i) else None
            if number is not None and trigger.frame == "kill":
                draft.killed = number
            elif number is not None:
                draft.injured = number
            continue
        empty = person is not None and person.lower_ in EMPTY and not counted_others(person)
        if person is None or empty or not _animate(person):
            continue
        if inside(person.i) and person.i not in weapons:
            draft.victims.append(Party(*phrase(person)))
            _casualties(draft, person, trigger.frame)
    # "shot dead two policemen": aimed at and killed, so counted among the dead
    killed_outright = _shot_dead(token)
    for i in frame.patients:
        _add_patient(draft, doc[i], weapons, aimed=token.lemma_.lower() not in HARM_NOUNS)
        if killed_outright and _animate(doc[i]):
            _casualties(draft, doc[i], "kill")
    if killed_outright:
        draft.targets = _without_dead(doc.text, draft.targets)
        draft.victims = _without_dead(doc.text, draft.victims)
    draft.places = [
        phrase(doc[i]) for i in frame.places if doc[i].ent_type_ in ("GPE", "LOC", "FAC")
    ]
    draft.count = _count(token)
    return draft


def unreal(token: Any) -> bool:
    """Whether event word ``token`` names what is threatened, planned, supposed or conditional
    rather than what happened: its own modifier ("a possible attack"), a modal or "if" on it or
    on the verb it is the object or complement of ("would launch attacks"; ``_supposed``), or a
    verb or noun of intent that governs it ("threatened to attack", "plans to strike", "the
    threat of attacks").
    An event named with "the", "this" or a possessive is one that took place ("could have
    carried out this attack" doubts who did it, not that it happened)."""
    if any(c.dep_ == "amod" and c.lower_ in UNREAL_MODIFIERS for c in token.children):
        return True
    if token.pos_ == "NOUN" and any(
        c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in DEFINITE) for c in token.children
    ):
        return False
    node = token
    for _ in range(4):
        if node.pos_ in ("VERB", "AUX") and _supposed(node):
            return True
        if node is not token and _intent(node):
            return True
        head = node.head
        if node.dep_ == "pobj" and head.dep_ == "prep":
            return _intent(head.head) and head.head.pos_ == "NOUN"
        infinitive = node.dep_ == "acl" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in node.children
        )
        if not (node.dep_ in ("xcomp", "dobj") or infinitive) or head is node:
            return False
        node = head
    return False


def _no_one_event(token: Any) -> bool:
    """Whether event noun ``token`` names a kind of event or past ones ("similar attacks"), or
    stands under a word for a run of events or a remembrance: "the latest in a wave of attacks",
    "marked the anniversary of the 2004 bombings" (and a verb telling it in a relative clause:
    "..., in which gunmen killed 149 people"); not where the run is what acted ("a wave of
    airstrikes hit the town")."""
    if token.pos_ == "NOUN" and any(
        c.dep_ in ("amod", "predet", "det") and c.lower_ in KIND_MODIFIERS for c in token.children
    ):
        return True
    if token.dep_ == "relcl" and token.head.pos_ in ("NOUN", "PROPN"):
        # "the anniversary of the 2014 massacre, in which gunmen killed 149 people": the
        # clause tells the event remembered
        noun = token.head
        return noun.lemma_.lower() in REMEMBRANCE_WORDS or _no_one_event(noun)
    head = token.head
    if token.dep_ != "pobj" or head.dep_ != "prep" or head.lower_ != "of":
        return False
    word = head.head.lemma_.lower()
    # "a wave of airstrikes hit the town" tells of one: the run is the subject of what happened
    return word in REMEMBRANCE_WORDS or (
        word in SERIES_WORDS and head.head.dep_ not in ("nsubj", "nsubjpass")
    )


def _toll(verb: Any) -> bool:
    """Whether a killing, death or injury is counted over a span rather than told as an event:
    "since" ("3,000 civilians have been killed since 2015"; not "since Monday"), "so far",
    "to date", a year or years ("4,000 people were killed in 2009", "in the past three years"),
    or a country ("killed at least 20 people across Iraq": the sum of a round-up's events,
    each told apart after it)."""
    if round_up_sum(verb):
        return True  # "killed at least 20 people across Iraq": a round-up's sum
    doc = verb.doc
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "since":
            return not any(t.lower_ in RECENT_WORDS for t in child.subtree)
        if child.dep_ == "prep" and child.lower_ in ("in", "during", "over", "throughout"):
            words = [t.lower_ for t in child.subtree][1:]
            if words and (
                all(w.isdigit() and len(w) == 4 for w in words if w not in ("the", "of"))
                or any(w in SPAN_WORDS for w in words)
            ):
                return True  # "4,000 people were killed in 2009", "in the past three years"
        before = doc[child.i - 1].lower_ if child.i else ""
        if (before, child.lower_) in (("so", "far"), ("to", "date")):
            return True
    return False


def round_up_sum(verb: Any) -> bool:
    """Whether killing verb ``verb`` sums a round-up's events over a country ("Bombs and
    shootings killed at least 20 people across Iraq on Tuesday"); the parse may hang "across" on
    the verb or on its object."""
    return any(
        c.dep_ == "prep" and c.lower_ == "across"
        for child in verb.children
        for c in (child, *(child.children if child.dep_ in ("dobj", "obj") else ()))
    )


def _in_toll(noun: Any) -> bool:
    """Whether event noun ``noun`` is what a toll counts ("Bombs and shootings killed at least
    20 people across Iraq"): the subject of a killing, death or injury told as a toll."""
    if noun.pos_ != "NOUN":
        return False
    near = [noun.head, *noun.children]
    if noun.dep_ == "conj":
        near += [noun.head.head, *noun.head.children]
    for verb in near:
        trigger = trigger_of(verb) if verb.pos_ == "VERB" else None
        if trigger is not None and trigger.frame in TOLL_FRAMES and _toll(verb):
            return True
    return False


def _supposed(verb: Any) -> bool:
    """A verb under a modal ("will attack", "would strike") or an "if"; a modal perfect ("may
    have been killed", "might have been detonated") doubts a past event, which stays one."""
    auxiliaries = {
        c.lower_
        for c in verb.children
        if c.dep_ == "aux" and not (c.i and c.doc[c.i - 1].like_num)  # "on 24 may" is a date
    }
    if auxiliaries & MODALS and not auxiliaries & {"have", "'ve"}:
        return True
    return any(c.dep_ == "mark" and c.lower_ == "if" for c in verb.children)


def _intent(token: Any) -> bool:
    if token.pos_ == "VERB":
        return verb_in(token, INTENT_VERBS)
    return token.pos_ == "NOUN" and token.lemma_.lower() in INTENT_NOUNS


def _other_purpose(verb: Any, weapons: dict[int, WeaponHit]) -> bool:
    """Whether a use verb states a purpose ("to make deliveries") with no weapon or event word in
    it: weapons used for something other than violence."""
    purposes = [
        c
        for c in verb.children
        if c.dep_ in ("xcomp", "advcl")
        and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
    ]
    return bool(purposes) and not any(
        t.i in weapons or trigger_of(t) is not None for p in purposes for t in p.subtree
    )


def _figurative(verb: Any, weapons: dict[int, WeaponHit]) -> bool:
    """Whether ``verb`` has a "with"/"using" object and none of them is a weapon or method, or
    has for subject a civil body acting without a weapon in the sentence ("the administration
    targeted 13 officials")."""
    objects = [
        obj
        for prep in verb.children
        if prep.dep_ == "prep" and prep.lower_ in ("with", "using")
        for obj in prep.children
        if obj.dep_ == "pobj"
    ]
    if objects:
        return not any(obj.i in weapons for obj in objects)
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return (
        subject is not None
        and subject.lemma_.lower() in CIVIL_BODIES
        and not any(t.i in weapons for t in verb.sent)
    )


def tokens_within(token: Any, start: int, end: int) -> list[Any]:
    """The tokens starting inside the characters [start, end) around ``token``, found by walking
    out from it (a pass over the whole Doc per phrase was quadratic in the document's length)."""
    doc = token.doc
    first = last = token.i
    while first > 0 and doc[first - 1].idx >= start:
        first -= 1
    while last + 1 < len(doc) and doc[last + 1].idx < end:
        last += 1
    return [t for t in doc[first : last + 1] if start <= t.idx < end]


def _add_patient(
    draft: Draft, token: Any, weapons: dict[int, WeaponHit], aimed: bool = True
) -> None:
    """An object of the trigger: a target, and also a victim when it names people; only a victim
    when the trigger is not ``aimed`` at it ("the killing of X")."""
    if token.i in weapons or token.lower_ in PRONOUNS | EMPTY or token.ent_type_ in NOT_AGENT:
        return
    if token.tag_ in ("PRP", "PRP$"):
        return  # "his assassination": the pronoun is no name for the one harmed
    if trigger_of(token) is not None:
        return
    start, end = phrase(token)
    if not aimed:
        if _animate(token):
            draft.victims.append(Party(start, end))
        return
    if _victim_like(token):
        # people attacked are the attack's target as well as its victims; people killed or hurt
        # (kill, injure, die frames) are victims only
        draft.victims.append(Party(start, end))
        draft.targets.append(Target(start, end, _target_class([token])))
        return
    words = tokens_within(token, start, end)
    while words and words[0].pos_ in ("SCONJ", "DET", "ADP"):
        words = words[1:]
    if not words:
        return
    start = words[0].idx
    classed = [
        (t, target_classes()[t.lemma_.lower()][0])
        for t in words
        if t.lemma_.lower() in target_classes() and t.pos_ != "PROPN"  # not "Oklahoma City"
    ]
    classes = {c for _, c in classed}
    if len(classes) > 2 or (len(classes) > 1 and any(t.pos_ == "CCONJ" for t in words)):
        # an unpunctuated list parsed as one phrase: "roads electricity gas and communication
        # networks"; but "power station", "police station" are one target
        for t, c in classed:
            draft.targets.append(Target(t.idx, t.idx + len(t.text), c))
    else:
        end = with_owner(token, (start, end))[1]
        draft.targets.append(
            Target(
                start,
                end,
                _target_class(words) or _target_class(list(token.subtree)),
                named=token.pos_ == "PROPN" and token.ent_type_ not in ("GPE", "LOC"),
            )
        )
    for sub in token.subtree:
        entry = target_classes().get(sub.lemma_.lower())
        # "areas where civilians live" adds civilians; "the cafe which killed 13 people" does not
        if (
            sub.i != token.i
            and entry
            and entry[0] == "civilians"
            and sub.pos_ == "NOUN"
            and trigger_of(sub.head) is None
        ):
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


def _scene(noun: Any, trigger: Trigger) -> bool:
    """Whether a campaign's gathering named as where something else happened is only the scene
    ("a bomb went off at a rally of President Ghani", "at an election rally"): it makes no
    protest of its own, and the one it was for is not its party. A rally of protesters stays one
    ("police fired tear gas during a rally in Nairobi")."""
    head = noun.head
    campaign = any(
        (c.dep_ in ("amod", "compound") and c.lower_ in CAMPAIGN_WORDS)
        or (
            c.dep_ == "prep"
            and c.lower_ in ("of", "for", "by")
            and any(o.ent_type_ == "PERSON" for o in c.subtree)
        )
        for c in noun.children
    )
    return (
        trigger.category == "protest"
        and trigger.pos == "NOUN"
        and campaign
        and noun.dep_ == "pobj"
        and head.lower_ in ("at", "near", "outside", "during")
    )


def _crowd(person: Any) -> Spanned | None:
    """The phrase of a crowd counted by a number ("Hundreds of people", "Thousands",
    "dozens of students"), which the perpetrator rules leave out as a quantity; else None."""
    if person.ent_type_ not in ("CARDINAL", "QUANTITY") and person.pos_ != "NUM":
        return None
    people = next(
        (o for c in person.children if c.lower_ == "of" for o in c.children if o.dep_ == "pobj"),
        None,
    )
    head = people if people is not None else person
    start, end = phrase(head)
    return (min(start, person.idx), end)


def _without_dead(text: str, phrases: list[Any]) -> list[Any]:
    """``phrases`` (parties or targets) without a leading "dead", which the parse takes into the
    phrase in "shot dead two policemen"."""
    return [
        replace(p, start=p.start + len("dead "))
        if text[p.start : p.start + 5].lower() == "dead "
        else p
        for p in phrases
    ]


def _shot_dead(verb: Any) -> bool:
    """Whether ``verb`` kills with "dead" beside it: "shot dead two policemen", "shot him dead",
    "gunned down" is read by its own lemma."""
    if verb.pos_ != "VERB":
        return False
    doc = verb.doc
    after = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
    if after is not None and after.lower_ == "dead":
        return True  # the parse hangs this "dead" on the verb or on the people after it
    return any(
        c.lower_ == "dead" and c.dep_ in ("advmod", "acomp", "oprd", "xcomp", "ccomp")
        for c in verb.children
    )


def _count(token: Any) -> Number | None:
    """'at least four incidents in which X attacked': the number of the governing event noun."""
    noun = token
    if token.dep_ == "relcl":
        noun = token.head
    if noun.lemma_.lower() not in COUNT_NOUNS or noun.pos_ != "NOUN":
        return None
    return number_at(noun)


def responsibility_drafts(doc: Any, units: list[Spanned]) -> list[Draft]:
    """Claims of responsibility that name no event of their own ("The FMLN claimed
    responsibility.", "They claimed responsibility in a communique"): one ``claim_only`` draft
    each, holding the claimant. A claim "for the attack" is read with the attack itself."""
    out: list[Draft] = []
    for token in doc:
        if token.lemma_.lower() not in RESPONSIBILITY_WORDS or token.dep_ != "dobj":
            continue
        verb = token.head
        if verb.lemma_.lower() not in RESPONSIBILITY_VERBS:
            continue
        named = [
            t
            for c in token.children
            if c.dep_ == "prep" and c.lower_ in ("for", "of")
            for t in c.subtree
        ]
        if any(trigger_of(t) is not None for t in named):
            continue
        subject = subject_of(verb)
        person = resolve_pronoun(subject) if subject is not None else None
        if person is None or person.lower_ in EMPTY or not _can_act(person):
            continue
        unit = next((k for k, (a, b) in enumerate(units) if a <= token.idx < b), None)
        if unit is None:
            continue
        draft = Draft("other_violence", unit, units[unit], (token.idx, token.idx + len(token.text)))
        draft.claim_only = True
        draft.perpetrators = perpetrator_parties(person, claimed=True)
        out.append(draft)
    return out


def attach_orphans(drafts: list[Draft], hits: list[WeaponHit], doc: Any) -> None:
    """Weapons in a sentence that no trigger took go to the nearest trigger of that sentence."""
    used = {id(h) for d in drafts for h in d.weapons}
    for hit in hits:
        if id(hit) in used or hit.kind == "method":
            continue
        same = [
            d for d in drafts if d.sentence_span[0] <= hit.start < d.sentence_span[1] and not d.void
        ]
        if same:
            best = min(same, key=lambda d: abs(d.trigger[0] - hit.start))
            if best.category in VIOLENT:
                best.weapons.append(hit)
