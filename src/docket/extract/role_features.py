"""Candidate role fillers of a parsed document and the features the role classifier reads.

A candidate is a noun phrase: one per nominal head of the parse (the head's phrase as the
argument reader cuts it, or the named entity around it), a word for people modifying an event
word ("a terrorist attack"), a force named before its people ("army troops") and the possessor
of an event noun ("the cartel's attack"). Its features are lower-cased and never
use casing, so they mean the same in mixed-case news and in uniformly cased telex text: the head
lemma and words, the syntactic slot (dependency label, the governing verb or noun through a
preposition, voice), the nearest event trigger and weapon of the sentence, the entity label, the
sentence's place in the document, how often the head recurs, the role docket's rules gave the
span, if any, and the event slots and rule roles of the other mentions of the same name or phrase.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from docket.extract.arguments import EMPTY, NOT_AGENT, PRONOUNS, phrase
from docket.extract.drafts import force_modifiers, trigger_of, with_organisation, with_owner
from docket.extract.full_names import Names
from docket.extract.lexicons import people_word, target_classes
from docket.extract.weapons import WeaponHit
from docket.intervals import Intervals
from docket.nlp.doc_text import doc_text

NOMINAL = {"NOUN", "PROPN"}
SKIP_DEPS = {"compound", "flat", "poss", "nmod"}
NAMED = {"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC", "PRODUCT", "EVENT"}
# features one mention lends the other mentions of the same name or phrase (prefixed "co_")
SHARED = ("gov_frame=", "gov_frame_voice=", "rule=", "trig_frame=")


@dataclass
class Candidate:
    """A noun phrase of the document (character offsets into the text) and its features; ``text``
    is the phrase, or the full name the document gives when the phrase is part of a name."""

    start: int
    end: int
    text: str
    head: int  # token index
    sentence: int
    features: list[str] = field(default_factory=list)


def _bucket(value: int, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if value <= edge:
            return str(edge)
    return f">{edges[-1]}"


def _span_of(token: Any) -> tuple[int, int]:
    """The candidate's span: the named entity holding the head, else the head's phrase."""
    if token.ent_type_ in NAMED and _entity_end(token):
        # Walk back to the entity's first token (Doc.ents builds every entity: quadratic here).
        doc, first = token.doc, token.i
        while first > 0 and doc[first].ent_iob_ == "I":
            first -= 1
        return doc[first].idx, token.idx + len(token.text)
    return phrase(token)


def _entity_end(token: Any) -> bool:
    """Whether the token ends a named entity."""
    if token.ent_type_ not in NAMED:
        return False
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return following is None or following.ent_iob_ != "I"


def _slot(token: Any) -> list[str]:
    """Where the phrase sits: its dependency label and governing word (through a preposition)."""
    node = token
    while node.dep_ in ("conj", "appos") and node.head.i != node.i:
        node = node.head
    dep = node.dep_
    head = node.head
    out = [f"dep={dep}"]
    if dep in ("pobj", "pcomp"):
        prep = head.lower_
        gov = head.head
        out += [
            f"prep={prep}",
            f"prep_gov={prep}|{gov.lemma_.lower()}",
            f"prep_pos={prep}|{gov.pos_}",
        ]
        governing = gov
        role = f"prep:{prep}"
    else:
        out.append(f"dep_gov={dep}|{head.lemma_.lower()}")
        governing = head
        role = dep
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in governing.children)
    out.append(f"voice={role}|{'pass' if passive else 'act'}")
    trigger = trigger_of(governing) if governing.i != node.i else None
    if trigger is not None:
        out += [f"gov_frame={role}|{trigger.frame}", f"gov_cat={trigger.category}"]
        out.append(f"gov_frame_voice={role}|{trigger.frame}|{'pass' if passive else 'act'}")
    return out


def _kind(token: Any, lemma: str, weapon_at: dict[int, WeaponHit]) -> str:
    """A coarse semantic class of the head: weapon, people word, place word, entity label."""
    if token.i in weapon_at:
        return "weapon"
    entry = target_classes().get(lemma)
    if entry is not None:
        return "people" if entry[1] else "thing"
    return token.ent_type_.lower() or "other"


def _people_modifier(token: Any) -> bool:
    """Whether a modifier names the people behind the event it modifies ("a terrorist attack",
    "the guerrilla offensive")."""
    return people_word(token.lemma_.lower()) and trigger_of(token.head) is not None


def _last_token(doc: Any, end: int) -> int:
    """The index of the token ending at character offset ``end``."""
    token = doc.char_span(end - 1, end, alignment_mode="expand")
    return token.start if token is not None else -1


def _left_word(doc: Any, start: int, sentence_start: int) -> str:
    """The word just before the phrase (within its sentence)."""
    token = doc.char_span(start, start + 1, alignment_mode="expand")
    i = token.start if token is not None else 0
    return doc[i - 1].lower_ if i - 1 >= sentence_start else "<s>"


def _rule_roles(incidents: list[Any]) -> list[tuple[int, int, str, str]]:
    """Spans the rules filled: (start, end, role, incident category)."""
    out: list[tuple[int, int, str, str]] = []
    for incident in incidents:
        cat = str(incident.category)
        for role, items in (
            ("perp", incident.perpetrators),
            ("victim", incident.victims),
            ("target", incident.targets),
            ("weapon", incident.weapons),
        ):
            for item in items:
                if item.span is not None:
                    kind = role
                    if role == "perp":
                        kind = "perp_org" if item.type not in (None, "person") else "perp"
                    out.append((item.span.start, item.span.end, kind, cat))
    return out


def candidates(doc: Any, incidents: list[Any], hits: list[WeaponHit]) -> list[Candidate]:
    """Every candidate filler of ``doc`` with its features; ``incidents`` are the rules' reading
    of the document and ``hits`` its weapon terms."""
    text = doc_text(doc)
    sentences = list(doc.sents)
    starts = [s.start for s in sentences]
    trig_tokens = [t.i for t in doc if trigger_of(t) is not None]
    weapon_at = {i: h for h in hits for i in range(h.i, h.j)}
    weapon_tokens = sorted(weapon_at)
    rules = Intervals((rs, re_, (role, cat)) for rs, re_, role, cat in _rule_roles(incidents))
    lemmas = Counter(t.lemma_.lower() for t in doc if t.pos_ in NOMINAL)
    first_seen: dict[str, int] = {}
    names = Names(doc)
    # "army and police members": the forces named inside a people phrase, by their last token
    forces = {_last_token(doc, b): (a, b) for token in doc for a, b in force_modifiers(token)}
    out: list[Candidate] = []
    for token in doc:
        if token.lower_ in PRONOUNS | EMPTY:
            continue
        if token.pos_ not in NOMINAL and not (token.pos_ == "ADJ" and _people_modifier(token)):
            continue
        if token.ent_type_ in NOT_AGENT:
            continue
        hit = weapon_at.get(token.i)
        if token.dep_ in SKIP_DEPS:
            # a modifier stands on its own when it is a name or a weapon ("shining path
            # terrorists", "bomb explosion")
            if hit is not None and hit.head == token.i and hit.kind != "method":
                start, end = hit.start, hit.end
            elif _entity_end(token):
                start, end = _span_of(token)
            elif _people_modifier(token):
                start, end = token.idx, token.idx + len(token.text)
            elif token.i in forces:
                start, end = forces[token.i]
            elif token.dep_ == "poss" and trigger_of(token.head) is not None:
                start, end = phrase(token)  # "the drug cartel's attack"
            else:
                continue
        else:
            start, end = _span_of(token)
        start, end = with_owner(token, with_organisation(token, (start, end)))
        words = text[start:end].lower().split()
        name = names.full(start, end) if token.pos_ == "PROPN" else None
        label_text = text[start:end]
        if name is not None:
            start, end, label_text = name
        sentence = bisect_right(starts, token.i) - 1
        sent = sentences[sentence]
        lemma = token.lemma_.lower()
        first_seen.setdefault(lemma, sentence)
        feats = [f"head={lemma}", f"suffix={lemma[-3:]}", f"pos={token.pos_}"]
        feats += [f"word={w}" for w in words]
        feats.append(f"len={_bucket(len(words), (1, 2, 3, 5))}")
        feats.append(f"ent={token.ent_type_ or 'none'}")
        slot = _slot(token)
        feats += slot
        kind = _kind(token, lemma, weapon_at)
        feats.append(f"kind={kind}")
        feats += [
            f"kind_{s}|{kind}"
            for s in slot
            if s.startswith(("dep_gov=", "prep_gov=", "gov_frame="))
        ]
        feats.append(f"prev={_left_word(doc, start, sent.start)}")
        feats.append(f"next={doc[token.i + 1].lower_ if token.i + 1 < sent.end else '</s>'}")
        feats.append(f"doc_trigs={_bucket(len(trig_tokens), (0, 2, 5, 10))}")
        feats.append(f"sent={_bucket(sentence, (0, 1, 2, 4, 8))}")
        feats.append(f"first={_bucket(first_seen[lemma], (0, 1, 3, 8))}")
        feats.append(f"freq={_bucket(lemmas[lemma], (1, 2, 4))}")
        near = trig_tokens[
            bisect_left(trig_tokens, sent.start) : bisect_left(trig_tokens, sent.end)
        ]
        if near:
            closest = min(near, key=lambda i: abs(i - token.i))
            trig = trigger_of(doc[closest])
            side = "before" if token.i < closest else "after"
            feats.append(f"trig_dist={side}|{_bucket(abs(closest - token.i), (1, 3, 6, 10))}")
            if trig is not None:
                feats.append(f"trig_frame={trig.frame}|{side}")
                feats.append(f"trig={doc[closest].lemma_.lower()}")
        else:
            feats.append("trig=none")
        if bisect_left(weapon_tokens, sent.start) < bisect_left(weapon_tokens, sent.end):
            feats.append("sent_weapon")
        if hit is not None:
            feats.append(f"weapon={hit.kind}|{hit.weapon_class}")
        entry = target_classes().get(lemma)
        if entry is not None:
            feats.append(f"tclass={entry[0]}|{int(entry[1])}")
        for role, cat in rules.overlapping(token.idx, token.idx + 1):
            feats += [f"rule={role}", f"rule_cat={role}|{cat}"]
        out.append(Candidate(start, end, label_text, token.i, sentence, feats))
    _share_across_mentions(out)
    return out


def _share_across_mentions(cands: list[Candidate]) -> None:
    """Give each candidate what the document says about the other mentions of the same name or
    phrase (same lower-cased text): how they fill an event's slot and the rules' role for them,
    prefixed ``co_`` ("Oqueli" killed in one sentence, "Hector Oqueli Colindres" named in another)."""
    by_text: dict[str, list[Candidate]] = {}
    for cand in cands:
        by_text.setdefault(cand.text.lower(), []).append(cand)
    for group in by_text.values():
        if len(group) < 2:
            continue
        # what the others say is what the group says less the candidate's own features
        said = {f for cand in group for f in cand.features if f.startswith(SHARED)}
        for cand in group:
            shared = {"co_" + f for f in said - set(cand.features)}
            cand.features += sorted(shared)
            cand.features.append(f"co_mentions={_bucket(len(group), (2, 3, 5))}")
