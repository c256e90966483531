"""When a place name stands for a government: "Baku said" (Azerbaijan) against "shelling in Baku".

The rule reads the dependency parse around the name's head token:
- subject of a verb other than "be" ("Baku has attacked", "Moscow aspires"), agent of a passive
  ("financed by Ankara"), possessor ("Moscow's mediation");
- object of a preposition governed by a noun of agency or relation ("the mediation of Moscow",
  "the foreign ministers of Yerevan", "the conflict between Baku and Yerevan", "relations with
  Baku", "sanctions against Moscow");
- direct object of a verb that takes a political actor ("urged Ankara", "accused Moscow");
- a conjunct, apposition or compound modifier shares the role of its head ("Baku and Yerevan",
  "by Ankara Turkey").
Locative prepositions ("in", "at", "near", "from", ...) make it a place. :func:`role` returns
``"actor"``, ``"place"`` or ``None`` (no evidence either way); callers choose the default: a
capital is a place unless the role is "actor"; a country name is an actor unless it is "place".
"""

from __future__ import annotations

from typing import Any, Literal

Role = Literal["actor", "place"]

LOCATIVE = frozenset(
    [
        "in",
        "at",
        "into",
        "near",
        "inside",
        "within",
        "throughout",
        "across",
        "around",
        "outside",
        "through",
        "toward",
        "towards",
        "from",
        "onto",
        "over",
        "beyond",
        "along",
        "via",
        "off",
        "to",
        "on",
        "under",
        "above",
        "below",
        "behind",
        "north",
        "south",
        "east",
        "west",
        "outskirts",
    ]
)
# nouns whose "of"/"from"/"for" complement is an agent or party: "the mediation of Moscow"
AGENCY_NOUNS = frozenset(
    [
        "mediation",
        "position",
        "positions",
        "government",
        "support",
        "ally",
        "allies",
        "influence",
        "decision",
        "statement",
        "statements",
        "refusal",
        "policy",
        "demand",
        "demands",
        "request",
        "proposal",
        "offer",
        "response",
        "reaction",
        "role",
        "stance",
        "minister",
        "ministers",
        "president",
        "leader",
        "leaders",
        "leadership",
        "ambassador",
        "envoy",
        "officials",
        "official",
        "authorities",
        "forces",
        "army",
        "troops",
        "military",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "side",
        "interests",
        "accusation",
        "accusations",
        "claim",
        "claims",
        "denial",
        "consent",
        "approval",
        "participation",
        "involvement",
        "intervention",
        "aggression",
        "backing",
        "efforts",
        "attempt",
        "plan",
        "plans",
        "threat",
        "threats",
        "representative",
        "representatives",
        "delegation",
        "embassy",
        "regime",
        "administration",
        "ministry",
        "diplomats",
        "diplomacy",
        "help",
        "assistance",
        "aid",
        "pressure",
        "warning",
        "condemnation",
        "criticism",
        "recognition",
        "sovereignty",
        "counterpart",
        "counterparts",
        "agreement",
        "commitment",
        "responsibility",
        "behalf",
        "part",
        "hands",
        "actions",
        "action",
        "conduct",
        "violation",
        "violations",
    ]
)
# nouns whose "between"/"with"/"against"/"among" complements are parties: "the conflict between ..."
RELATION_NOUNS = frozenset(
    [
        "conflict",
        "war",
        "talks",
        "relations",
        "relationship",
        "ties",
        "tension",
        "tensions",
        "agreement",
        "deal",
        "ceasefire",
        "truce",
        "dispute",
        "negotiations",
        "fighting",
        "clashes",
        "hostilities",
        "contacts",
        "dialogue",
        "meeting",
        "summit",
        "rapprochement",
        "rivalry",
        "confrontation",
        "confrontations",
        "treaty",
        "accord",
        "alliance",
        "cooperation",
        "partnership",
        "mediation",
        "sanctions",
        "war",
        "struggle",
        "rift",
        "standoff",
        "deals",
        "normalisation",
        "normalization",
        "peace",
        "exchange",
        "feud",
        "differences",
        "pact",
    ]
)
# words whose "to" complement is a recipient: "exports to Azerbaijan", "appealed to Moscow"
TRANSFER_WORDS = frozenset(
    [
        "export",
        "exports",
        "sale",
        "sales",
        "delivery",
        "deliveries",
        "supply",
        "supplies",
        "shipment",
        "shipments",
        "transfer",
        "transfers",
        "aid",
        "assistance",
        "support",
        "letter",
        "appeal",
        "message",
        "sell",
        "send",
        "give",
        "provide",
        "deliver",
        "offer",
        "hand",
        "lend",
        "pledge",
        "donate",
        "grant",
        "report",
        "complain",
        "write",
        "say",
        "speak",
        "talk",
        "turn",
        "submit",
        "surrender",
        "cede",
        "apologise",
        "apologize",
        "announce",
    ]
)
PARTY_PREPOSITIONS = frozenset(["between", "with", "against", "among", "versus", "vs", "vs."])
AGENCY_PREPOSITIONS = frozenset(["of", "from", "for", "by", "to"])
# verbs whose direct object is a political actor: "urged Ankara"
ACTOR_VERBS = frozenset(
    [
        "accuse",
        "urge",
        "ask",
        "call",
        "warn",
        "condemn",
        "criticize",
        "criticise",
        "blame",
        "support",
        "back",
        "sanction",
        "pressure",
        "invite",
        "tell",
        "persuade",
        "thank",
        "praise",
        "oppose",
        "help",
        "arm",
        "fund",
        "finance",
        "recognize",
        "recognise",
        "draw",
        "push",
        "press",
        "join",
        "defeat",
        "trust",
        "convince",
        "allow",
        "force",
        "lobby",
        "reassure",
        "congratulate",
        "implore",
        "request",
        "demand",
        "answer",
        "respond",
        "deter",
        "threaten",
        "punish",
        "engage",
    ]
)


def role(token: Any, depth: int = 0) -> Role | None:
    """Whether the name whose head is ``token`` (a spaCy token) acts, is a place, or neither."""
    if depth > 4:
        return None
    dep, head = token.dep_, token.head
    if across_paragraphs(token, head):
        return None  # the parser ran two paragraphs together: no evidence
    if dep in ("conj", "appos") and head is not token:
        return role(head, depth + 1)
    if dep == "compound" and head is not token:
        if head.ent_type_ in ("GPE", "NORP", "ORG") or head.pos_ == "PROPN":
            return role(head, depth + 1)
        if head.lemma_.lower() in AGENCY_NOUNS:
            return "actor"
        return None
    if dep == "nsubj":
        return None if head.lemma_ == "be" else "actor"
    if dep in ("poss", "agent"):
        return "actor"
    if dep == "pobj":
        return _object_of(head, depth)
    if dep == "dobj":
        return "actor" if head.lemma_.lower() in ACTOR_VERBS else None
    if dep == "nsubjpass":
        return None
    return None


def across_paragraphs(token: Any, head: Any) -> bool:
    lo, hi = sorted((token.i, head.i))
    return any("\n" in t.text_with_ws for t in token.doc[lo:hi])


def _object_of(prep: Any, depth: int) -> Role | None:
    word = prep.lower_
    governor = prep.head
    governor_lemma = governor.lemma_.lower()
    governor_words = {governor_lemma, governor.lower_}
    if prep.dep_ == "agent" or (word == "by" and governor.tag_ == "VBN"):
        return "actor"
    if prep.dep_ == "conj" and prep.head is not prep:
        return _object_of(prep.head, depth + 1)
    if word in PARTY_PREPOSITIONS:
        if word == "against" or governor_words & (RELATION_NOUNS | AGENCY_NOUNS):
            return "actor"
        if governor.pos_ in ("VERB", "AUX") and any(
            c.dep_ == "dobj" and c.lemma_.lower() in RELATION_NOUNS for c in governor.children
        ):
            return "actor"  # "defined relations with Baku"
        return "place" if word in LOCATIVE else None
    if word == "to" and (governor_lemma in TRANSFER_WORDS or governor.lower_ in TRANSFER_WORDS):
        return "actor"
    if word in AGENCY_PREPOSITIONS and (
        governor_lemma in AGENCY_NOUNS or governor.lower_ in AGENCY_NOUNS
    ):
        return "actor"
    if word in LOCATIVE or word == "of":
        return "place"
    return None
