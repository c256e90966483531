"""Reading an event trigger's arguments from the dependency parse.

For a trigger token and its frame (see knowledge/event_triggers.csv) this finds the perpetrator,
the patients (targets or victims), the weapons and the place phrase, as token heads; the phrase of
a head is its noun phrase without determiners, relative clauses or prepositional phrases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from docket.extract.lexicons import people_word, target_classes, triggers

LEFT_KEEP = {"amod", "compound", "nummod", "poss", "nmod", "quantmod", "npadvmod", "case"}
RIGHT_KEEP = {"compound", "flat", "nummod"}
# hedges before a phrase: the doubt belongs to the claim (a perpetrator's status), not the name
HEDGES = {"alleged", "suspected", "presumed", "supposed", "purported", "reputed", "apparent"}
PRONOUNS = {"it", "they", "he", "she", "we", "who", "which", "that", "this", "these", "those"}
# words that never fill a role on their own ("killed him", "anyone", "one of them")
EMPTY = {
    "him",
    "her",
    "them",
    "us",
    "me",
    "you",
    "i",
    "one",
    "anyone",
    "someone",
    "everyone",
    "nobody",
    "none",
    "all",
    "some",
    "others",
    "other",
    "both",
    "each",
    "many",
    "several",
    "something",
    "anything",
    "everything",
    "what",
    "whom",
    "himself",
    "herself",
    "itself",
    "themselves",
    "myself",
    "ourselves",
    "yourself",
    "life",  # "an attack on his life"
}
MODIFIER_AGENTS = {"NORP", "GPE", "ORG"}  # entity types a modifier naming the attacker has
NOT_AGENT = {"QUANTITY", "CARDINAL", "MONEY", "DATE", "TIME", "PERCENT", "ORDINAL"}
CLAIM_VERBS = {"claim", "admit", "acknowledge"}
AGENT_VERBS = {
    "carry",
    "launch",
    "conduct",
    "stage",
    "mount",
    "perpetrate",
    "commit",
    "execute",
    "unleash",
    "order",
    "plan",
    "lead",
}
DENY_VERBS = {"deny", "reject", "disclaim"}
ATTRIBUTE_VERBS = {"attribute", "ascribe"}  # "the attack was attributed to X"
ATTRIBUTED = ("dobj", "nsubjpass")
# "X claimed / assumed / accepted responsibility": the verbs and nouns of a claim of responsibility
RESPONSIBILITY_VERBS = {"claim", "assume", "accept", "admit", "acknowledge"}
RESPONSIBILITY_WORDS = {"responsibility", "credit", "authorship"}
BLAME_VERBS = {"blame", "accuse", "hold"}  # "held X responsible for", "blamed X for"
# bringing someone to account for an act: whom is its alleged perpetrator ("arrested three men
# for the murder", "were charged with the killing", "the arrest of 45 soldiers for killing")
ACCOUNT_WORDS = {
    "arrest",
    "charge",
    "convict",
    "indict",
    "sentence",
    "prosecute",
    "detain",
    "try",
    "jail",
    "imprison",
    "capture",
}
ACCOUNT_PREPS = {"for", "with", "of", "over"}
SUFFER_VERBS = {"suffer", "sustain", "endure", "face", "experience", "survive"}
EXPLODE_VERBS = {"explode", "detonate", "blast", "blow"}
WITH_PREPS = {"with", "using", "by"}
# verbs whose "at" phrase is what they are aimed at ("fired at the soldiers"); elsewhere "at" is
# where it happened unless it names a target or people
AIM_VERBS = {"fire", "shoot", "throw", "hurl", "lob", "aim", "target", "strike", "hit", "launch"}
PATIENT_PREPS = {"on", "against", "at", "into", "upon"}
# event nouns whose possessive is the one harmed unless an "of" phrase names them ("Romero's
# assassination", but "the army's killing of peasants")
POSSESSIVE_PATIENT_NOUNS = {
    "assassination",
    "killing",
    "murder",
    "kidnapping",
    "abduction",
    "execution",
    "death",
    "disappearance",
}


# inflections the lemmatizer can cut wrongly ("staged" -> "stag"): suffix and what replaces it
INFLECTIONS = (("ed", "e"), ("ed", ""), ("d", ""), ("ing", "e"), ("ing", ""), ("s", ""), ("es", ""))


def verb_in(token: Any, verbs: set[str]) -> bool:
    """Whether ``token`` is a form of one of ``verbs``: by its lemma, or by its surface form
    with an inflection removed when the lemmatizer cut it wrongly ("staged" lemmatised "stag")."""
    if token.lemma_.lower() in verbs:
        return True
    word = token.lower_
    return any(
        word.endswith(suffix) and word[: len(word) - len(suffix)] + repl in verbs
        for suffix, repl in INFLECTIONS
    )


@dataclass
class Frame:
    """Argument heads (token indices) found for one trigger."""

    perpetrators: list[int] = field(default_factory=list)
    claimed: bool = False
    patients: list[int] = field(default_factory=list)
    victims: list[int] = field(default_factory=list)
    weapons: list[int] = field(default_factory=list)
    places: list[int] = field(default_factory=list)
    # a state, people or group named as the event noun's modifier ("a US drone strike", "an
    # Israeli airstrike", "a Taliban attack"): the attacker, when the actors registry knows it
    agents: list[int] = field(default_factory=list)


def phrase(token: Any) -> tuple[int, int]:
    """Character offsets of the noun phrase headed by ``token``, without determiners; a person's
    name alone when the phrase holds one ("Antioquia governor Antonio Roldan" -> the name)."""
    if token.ent_type_ == "PERSON":
        # the entity around the token, walked out from it (Doc.ents per call was quadratic)
        doc, first, last = token.doc, token.i, token.i
        while first > 0 and doc[first].ent_iob_ == "I":
            first -= 1
        while last + 1 < len(doc) and doc[last + 1].ent_iob_ == "I":
            last += 1
        return doc[first].idx, doc[last].idx + len(doc[last].text)
    left = token
    for child in token.lefts:
        if child.dep_ in LEFT_KEEP and child.pos_ != "DET":
            left = min(left, child.left_edge, key=lambda t: t.i)
            break
    right = token
    for child in token.rights:
        if child.dep_ in RIGHT_KEEP and child.i == right.i + 1:
            right = child
    while left.i < token.i and (
        left.is_punct
        or left.pos_ in ("DET", "ADP", "CCONJ", "PART")
        or left.lower_ in HEDGES
        or (left.lower_ in ("least", "most") and left.i > 0 and left.doc[left.i - 1].lower_ == "at")
    ):
        left = left.doc[left.i + 1]  # "at least 14 worshippers": the worshippers are "14 ..."
    return left.idx, right.idx + len(right.text)


def with_conjuncts(token: Any) -> list[Any]:
    """The token and the heads of the phrases coordinated with it ("roads, gas and networks")."""
    out = [token]
    for child in token.children:
        if child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN", "PRON", "ADJ"):
            out.extend(with_conjuncts(child))
    return out


def _pobjs(prep: Any) -> list[Any]:
    return [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]


def _is_passive(verb: Any) -> bool:
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return True
    if (
        verb.tag_ == "VBN"
        and verb.dep_ in ("ccomp", "oprd", "xcomp")
        and not any(c.dep_ == "aux" for c in verb.children)
    ):
        return True  # a participle clause: "left at least one student injured"
    # "130 more were mutilated, injured and ...": a participle coordinated with a passive verb
    return (
        verb.dep_ == "conj"
        and verb.tag_ == "VBN"
        and not any(c.dep_ == "nsubj" for c in verb.children)
        and _is_passive(verb.head)
    )


def _went_off(verb: Any) -> bool:
    """Whether ``verb`` says that something exploded ("the device detonated"): an explosion verb
    without an object."""
    return verb_in(verb, EXPLODE_VERBS) and not any(
        c.dep_ in ("dobj", "obj") for c in verb.children
    )


def _passive_subject(verb: Any) -> Any | None:
    """The passive subject of ``verb`` or of the passive verb it is coordinated with."""
    for child in verb.children:
        if child.dep_ == "nsubjpass":
            return child
    if verb.dep_ == "conj" and verb.tag_ == "VBN":
        return _passive_subject(verb.head)
    return None


# a dateline: the place in capitals, maybe its country and a date, maybe the agency, and a dash
# ("MOGADISHU (AP) -", "GUSAU, Nigeria (Reuters) -", "KYIV, Ukraine, March 3 (AP) --")
DATELINE = re.compile(
    r"[ \t]*[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+)*(?:,[ \t]*\w[\w.'’ -]{0,30}?){0,2}"
    r"(?:[ \t]*\([^)\n]{1,40}\))?[ \t]*(?:--|[-–—:])\s"
)


DATELINE_TOKENS = 16  # a dateline is shorter


def in_dateline(token: Any) -> bool:
    """Whether ``token`` lies in a dateline at the start of its line ("MOGADISHU (AP) -",
    "GUSAU, Nigeria (Reuters) -"): where and by whom the report was filed, no party to it."""
    doc = token.doc
    first = token.i  # the first token of its line, no further back than a dateline runs
    while first > 0 and token.i - first < DATELINE_TOKENS:
        if "\n" in doc[first - 1].text_with_ws:
            break
        first -= 1
    if first > 0 and "\n" not in doc[first - 1].text_with_ws:
        return False
    line = "".join(t.text_with_ws for t in doc[first : first + 2 * DATELINE_TOKENS])
    found = DATELINE.match(line)
    return found is not None and token.idx - doc[first].idx < found.end()


def _reports(verb: Any) -> bool:
    """Whether ``verb`` is a reporting verb of the claims lexicon ("said", "reported")."""
    from docket.extract.cues import load_lexicon

    return verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in load_lexicon().verbs


def _antecedent(noun: Any) -> Any:
    """What a relative pronoun stands for: ``noun``, or the event whose "on"/"against" phrase
    ``noun`` heads when it is a thing ("a rocket attack on a UN base that injured three": the
    attack injured them, not the base)."""
    prep = noun.head
    event = prep.head
    if (
        noun.dep_ == "pobj"
        and prep.lower_ in ("on", "against")
        and event.pos_ == "NOUN"
        and (event.lemma_.lower(), "NOUN") in triggers()
        and noun.ent_type_ not in ("PERSON", "NORP", "ORG")
        and not people_word(noun.lemma_.lower())
    ):
        return event
    return noun


def subject_of(verb: Any) -> Any | None:
    for child in verb.children:
        if child.dep_ == "nsubj" and not in_dateline(child):
            if child.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
                return _antecedent(verb.head)
            return child
    # "X attacked and killed": the subject of the first conjunct
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return subject_of(verb.head)
    if verb.dep_ in ("xcomp", "advcl") and verb.tag_ == "VBG":
        if _reports(verb.head):
            # "Russia launched 45 drones, the air force said, damaging energy facilities": the
            # participle goes on with what was reported, not with who reported it
            said = [c for c in verb.head.children if c.dep_ == "ccomp"]
            return subject_of(said[0]) if said else None
        return subject_of(verb.head)
    # "the army claimed to have hit three gunmen", "militants tried to plant a bomb"
    if verb.dep_ == "xcomp" and verb.head.pos_ in ("VERB", "AUX"):
        return subject_of(verb.head)
    return None


def read_verb(verb: Any, frame_kind: str) -> Frame:
    """Arguments of a verbal trigger."""
    frame = Frame()
    passive = _is_passive(verb) or (
        # "the neighbourhoods attacked with ...", "Chekatt – shot dead by police –"
        verb.dep_ == "acl"
        and (
            verb.tag_ == "VBN"
            or any(c.dep_ == "agent" for c in verb.children)
            # "two men shot dead": a participle the tagger takes for a past tense
            or (verb.tag_ == "VBD" and not any(c.dep_ in ("dobj", "obj") for c in verb.children))
        )
    )
    subject = (_passive_subject(verb) if passive else None) or subject_of(verb)
    patients: list[Any] = []
    agents: list[Any] = []
    has_object = any(c.dep_ in ("dobj", "obj") for c in verb.children)
    for child in verb.children:
        dep = child.dep_
        if dep in ("dobj", "obj") and not passive or dep == "nsubjpass":
            patients.append(child)
        elif dep == "agent":
            agents.extend(_pobjs(child))
        elif dep == "prep":
            word = child.lower_
            objs = _pobjs(child)
            if word in WITH_PREPS:
                frame.weapons.extend(o.i for o in objs)
                if word == "by" and passive:
                    agents.extend(objs)
            elif word == "at" and not verb_in(verb, AIM_VERBS) and not any(map(_target_word, objs)):
                # "detonated at places thronged with people": where, not what
                frame.places.extend(o.i for o in objs)
            elif word == "on" and has_object and not any(map(_target_word, objs)):
                # "targeted a bakery on the central street": the object is what, "on" where
                frame.places.extend(o.i for o in objs)
            elif word in PATIENT_PREPS:
                patients.extend(objs)
            elif word in ("in", "near", "outside", "inside", "across"):
                frame.places.extend(o.i for o in objs)
        elif dep in ("xcomp", "advcl") and child.lemma_.lower() in ("use", "employ"):
            frame.weapons.extend(c.i for c in child.children if c.dep_ == "dobj")
    if verb.dep_ == "acl" and passive:
        patients.append(verb.head)
    if subject is not None and not passive and _went_off(subject.head):
        # "the device detonated, killing three": what went off is the weapon
        frame.weapons.append(subject.i)
    elif not passive and subject is not None:
        agents.append(subject)
    if passive and subject is not None and subject not in patients:
        patients.append(subject)
    if frame_kind in ("die",):
        frame.victims.extend(
            t.i for p in ([subject] if subject is not None else []) for t in with_conjuncts(p)
        )
        return frame
    if frame_kind == "explode":
        frame.weapons.extend(t.i for a in agents for t in with_conjuncts(a))
        frame.weapons.extend(t.i for p in patients for t in with_conjuncts(p))
        return frame
    for agent in agents:
        frame.perpetrators.extend(t.i for t in with_conjuncts(agent))
    target_list = (
        frame.victims if frame_kind in ("kill", "injure", "abduct", "arrest") else frame.patients
    )
    if verb_in(verb, {"detonate"}):
        # what is detonated is the device ("explosive devices were detonated at ...")
        frame.weapons.extend(t.i for p in patients for t in with_conjuncts(p))
        patients = []
    if frame_kind == "use":
        # "used 1,000lb of explosives", "dropped dozens of bombs": the "of" object too
        heads = [t for p in patients for t in with_conjuncts(p)]
        heads += [o for h in heads for c in h.children if c.lower_ == "of" for o in _pobjs(c)]
        frame.weapons.extend(t.i for t in heads)
    else:
        target_list.extend(t.i for p in patients for t in with_conjuncts(p))
    if frame_kind == "clash":
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ == "with":
                frame.perpetrators.extend(o.i for o in _pobjs(child))
    frame.claimed = verb_in(verb, CLAIM_VERBS)
    _accused(verb, frame)
    return frame


def _accused(trigger: Any, frame: Frame) -> None:
    """Who is brought to account for the event (arrested, charged, convicted ... for it): its
    alleged perpetrators."""
    prep = trigger.head
    if trigger.dep_ not in ("pobj", "pcomp") or prep.lower_ not in ACCOUNT_PREPS:
        return
    owner = prep.head
    if not verb_in(owner, ACCOUNT_WORDS):
        return
    if _negated(owner):
        return  # "neither X nor Y were tried for the bombing", "was not charged with"
    if owner.pos_ in ("VERB", "AUX"):
        accused = (
            [_passive_subject(owner)]
            if _is_passive(owner)
            else [c for c in owner.children if c.dep_ in ("dobj", "obj")]
        )
    elif owner.pos_ == "NOUN":
        accused = [
            o
            for c in owner.children
            if c.dep_ == "prep" and c.lower_ == "of" and c.i != prep.i
            for o in _pobjs(c)
        ]
    else:
        return
    frame.perpetrators.extend(t.i for a in accused if a is not None for t in with_conjuncts(a))


def _negated(verb: Any) -> bool:
    """Whether a clause is negated ("was not charged", "neither X nor Y were tried", "no one
    was arrested")."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(
        c.lower_ in ("neither", "no", "nobody", "none") for s in subjects for c in [s, *s.children]
    )


def _target_word(token: Any) -> bool:
    """Whether a phrase names a possible target (knowledge/targets.csv) or people."""
    table = target_classes()
    return token.ent_type_ in ("PERSON", "NORP") or any(
        t.lemma_.lower() in table for t in token.subtree if t.i <= token.i
    )


def read_noun(noun: Any) -> Frame:
    """Arguments of a nominal trigger ("the attack on X by Y with Z", "X's attack"; but "X's
    assassination" is what X suffered)."""
    frame = Frame()
    suffered = noun.lemma_.lower() in POSSESSIVE_PATIENT_NOUNS and not any(
        c.dep_ == "prep" and c.lower_ == "of" for c in noun.children
    )
    for child in noun.children:
        dep = child.dep_
        if dep == "poss" and suffered:
            frame.patients.append(child.i)
        elif dep == "poss":
            frame.perpetrators.append(child.i)
        elif dep in ("compound", "amod", "nmod"):
            frame.weapons.append(child.i)
            if child.ent_type_ in MODIFIER_AGENTS:
                frame.agents.append(child.i)
        elif dep == "prep":
            word = child.lower_
            objs = _pobjs(child)
            if word == "by":
                frame.perpetrators.extend(o.i for o in objs)
                frame.weapons.extend(o.i for o in objs)
            elif word in ("with", "using"):
                frame.weapons.extend(o.i for o in objs)
            elif word == "at" and not any(_target_word(o) for o in objs):
                # "the explosion at Oxford Street": where it happened, not what was hit
                frame.places.extend(o.i for o in objs)
            elif word in PATIENT_PREPS or word == "of":
                frame.patients.extend(t.i for o in objs for t in with_conjuncts(o))
            elif word in ("in", "near", "outside", "inside"):
                frame.places.extend(o.i for o in objs)
            elif word == "between":
                # "a battle between troops and terrorists": the parties
                frame.perpetrators.extend(t.i for o in objs for t in with_conjuncts(o))
    head = noun.head
    if noun.dep_ in ("dobj", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
        subject = subject_of(head)
        if subject is not None and verb_in(head, AGENT_VERBS | CLAIM_VERBS):
            frame.perpetrators.append(subject.i)
            frame.claimed = verb_in(head, CLAIM_VERBS)
        elif subject is not None and verb_in(head, SUFFER_VERBS):
            frame.victims.append(subject.i)
    # "the attack, perpetrated by X", "the attack was carried out by X"
    verbs = [c for c in noun.children if c.dep_ == "acl"]
    if noun.dep_ == "nsubjpass" and head.pos_ in ("VERB", "AUX"):
        verbs.append(head)
    for verb in verbs:
        if verb_in(verb, AGENT_VERBS):
            agents = [o for c in verb.children if c.dep_ == "agent" for o in _pobjs(c)]
            frame.perpetrators.extend(t.i for o in agents for t in with_conjuncts(o))
    if noun.dep_ == "pobj" and head.lower_ in ("for", "of"):
        _blamed(noun, head.head, frame)
    elif noun.dep_ == "pobj" and head.lower_ == "behind" and head.head.pos_ in ("VERB", "AUX"):
        # "police said the front was behind the attack" (alleged)
        subject = subject_of(head.head)
        if subject is not None:
            frame.perpetrators.append(subject.i)
    if head.pos_ == "VERB" and verb_in(head, ATTRIBUTE_VERBS) and noun.dep_ in ATTRIBUTED:
        # "the attack was attributed to X", "police attributed the attack to X" (alleged)
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "to":
                frame.perpetrators.extend(t.i for o in _pobjs(child) for t in with_conjuncts(o))
    _accused(noun, frame)
    return frame


def _blamed(noun: Any, owner: Any, frame: Frame) -> None:
    """Who an event noun in a "for"/"of" phrase is laid on: "X claimed responsibility for the
    attack" (claimed), "X was responsible for the attack", "the group responsible for the
    attack", "held X responsible for", "they blamed X for the attack" and "accused X of the
    attack" (alleged); not "X denied responsibility"."""
    word = owner.lemma_.lower()
    if word == "responsible" and owner.dep_ in ("amod", "acl") and owner.head.pos_ != "VERB":
        # "the group responsible for the attack"
        frame.perpetrators.extend(t.i for t in with_conjuncts(owner.head))
        return
    if word in ("responsibility", "responsible"):
        verb = owner.head
        objects = [c for c in verb.children if c.dep_ == "dobj" and c.i != owner.i]
        if verb_in(verb, BLAME_VERBS) and objects:
            # "police held the front responsible for the attack"
            frame.perpetrators.extend(t.i for o in objects for t in with_conjuncts(o))
            return
        subject = subject_of(verb) if verb.pos_ in ("VERB", "AUX") else None
        if subject is not None and not verb_in(verb, DENY_VERBS):
            frame.perpetrators.append(subject.i)
            frame.claimed = word == "responsibility"
    elif owner.pos_ == "VERB" and verb_in(owner, BLAME_VERBS):
        frame.perpetrators.extend(
            t.i for c in owner.children if c.dep_ == "dobj" for t in with_conjuncts(c)
        )
