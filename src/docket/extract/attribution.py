"""Finding attributions (source, cue, content) in a dependency-parsed spaCy ``Doc``.

Patterns, all read off the parse:
- a reporting verb with a subject (the source) and a clausal or object complement (the content):
  "HRW has documented that ...", '"...," he said', "X asked Y to ...";
- the passive: "it was reported by X that ..." (source X), "it was reported that ..." (no source,
  stance ``reports``);
- "according to X" (source X, extended over "the data revealed by Y"; content the rest of the clause);
- "X denies it": a pronoun object stands for the previous proposition;
- a subject the parser missed (run-on text): the noun phrase just left of the verb.

Not attributions: an event verb acting on something physical ("Baku has attacked residential
areas"), and a source that cannot speak (``can_speak``: "the hostilities have claimed ...").
A conjunct the parser put inside a relative clause on an object reports for the main subject.

Whether a verb is a cue is decided by the learned cue model (:mod:`docket.extract.cue_model`,
PolNeAR train) when its lemma and frame were seen often enough there, else by the lexicon
(``reporting_verbs.csv``) or the model; without the model file, by the learned weight of its
lemma in its frame (``models/cue_weights.csv``) and the lexicon. A cue with no complement takes
the quotation beside it, and a speaker named after the cue ('"...," said X') is the source.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from docket.extract.cues import CueWeights, Lexicon
from docket.extract.lexicons import target_classes, weapon_terms
from docket.nlp.doc_text import doc_text

if TYPE_CHECKING:
    from docket.extract.cue_model import CueModel

Range = tuple[int, int]

SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
COMPLEMENTS = {"ccomp", "xcomp", "dobj"}
CONTENT_PREPS = {"of", "for", "about", "on", "to", "that"}
PRONOUN_OBJECTS = {"it", "this", "that", "these", "those", "them", "so"}
RELATIVE = {"who", "which", "that", "whom"}
NP_POS = {"PROPN", "NOUN", "PRON", "DET", "ADJ", "NUM", "PART"}
AGENT_VERBS = {"reveal", "release", "publish", "compile", "provide", "announce", "issue", "give"}
# Nouns that name an event, state or period and so cannot speak ("the hostilities have claimed
# 5000 deaths", "the truces agreed ..."); with the event nouns of ``event_triggers.csv``.
# General English usage, hand-compiled for docket, as of 2026-11-28.
NON_SPEAKERS = {
    "war", "warfare", "hostility", "truce", "ceasefire", "cease-fire", "armistice", "conflict",
    "violence", "combat", "fight", "offensive", "escalation", "crisis", "confrontation", "unrest",
    "tension", "invasion", "occupation", "siege", "bloodshed", "incident", "accident", "disaster",
    "catastrophe", "pandemic", "epidemic", "disease", "outbreak", "earthquake", "flood", "storm",
    "fire", "famine", "drought", "day", "week", "month", "year", "decade",
}  # fmt: skip
PERIODS = {"day", "week", "month", "year", "decade"}
# Verbs of attempt, beginning and continuing, and the acts of law and treaty: they say what
# someone did, not what someone said or thinks ("tried to seize", "has not signed the treaty").
# General English usage, hand-compiled for docket, as of 2026-12-07.
ACTIONS = {
    "attempt", "try", "continue", "begin", "start", "stop", "cease", "keep", "manage", "fail",
    "seek", "strive", "resume", "proceed", "struggle", "tend", "happen", "get", "go", "come",
    "sign", "ratify", "accede", "join", "veto", "pass", "enact",
}  # fmt: skip
SPEAKING_ENTITIES = {"PERSON", "ORG", "GPE", "NORP"}


@dataclass(frozen=True)
class Attribution:
    """One attribution as character ranges into the document's text."""

    cue: Range
    source: Range | None
    content: Range | None
    stance: str
    lemma: str
    source_head: Range | None = None  # the token that names the speaker (for actor resolution)
    conjoined: bool = False  # the cue is conjoined to another verb ("documented ... and confirms")


def frame(token: Any) -> str:
    """The complement frame of a verb: pronoun, ccomp, xcomp, dobj, prep, inverted or none."""
    deps = {child.dep_ for child in token.children}
    objects = [c for c in token.children if c.dep_ == "dobj"]
    if objects and objects[0].lower_ in PRONOUN_OBJECTS and len(list(objects[0].subtree)) == 1:
        return "pronoun"  # "denies it": the object stands for a proposition
    for name in ("ccomp", "xcomp", "dobj"):
        if name in deps:
            return name
    if any(c.dep_ == "prep" and c.lower_ in CONTENT_PREPS for c in token.children):
        return "prep"
    if token.dep_ in ("parataxis", "ccomp") and token.head.i != token.i:
        return "inverted"
    return "none"


def subtree_range(token: Any, stop: Any = None) -> Range:
    """Characters covered by ``token``'s subtree (left of ``stop`` when given), punctuation trimmed."""
    tokens = [t for t in token.subtree if stop is None or t.i < stop.i]
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    while len(tokens) > 1 and tokens[0].is_punct:
        tokens.pop(0)
    if not tokens:
        return (token.idx, token.idx + len(token))
    return (tokens[0].idx, tokens[-1].idx + len(tokens[-1]))


def left_noun_phrase(token: Any) -> Any | None:
    """The noun phrase ending just left of ``token`` (skipping its auxiliaries and adverbs)."""
    doc = token.doc
    i = token.i - 1
    while i >= 0 and doc[i].head.i == token.i and doc[i].dep_ in ("aux", "neg", "advmod"):
        i -= 1
    if i < 0 or doc[i].pos_ not in ("PROPN", "NOUN", "PRON") or doc[i].is_space:
        return None
    end = i
    while i - 1 >= 0 and doc[i - 1].pos_ in NP_POS and not doc[i - 1].is_space:
        if doc[i - 1].pos_ == "PRON" and doc[i - 1].lower_ in RELATIVE:
            break
        i -= 1
    return doc[i : end + 1]


def physical_object(token: Any) -> bool:
    """Whether a verb acts on something physical: its object is a target ("residential areas",
    "the village", "civilians") or a place or facility, or it acts with a weapon ("with cluster
    bombs"). "Trump attacked Clinton for ..." has none of these."""
    targets = target_classes()
    for child in token.children:
        if child.dep_ == "dobj":
            words = [child, *(c for c in child.children if c.dep_ in ("amod", "compound"))]
            if child.ent_type_ in ("LOC", "FAC") or any(w.lemma_.lower() in targets for w in words):
                return True
        elif child.dep_ == "prep" and child.lower_ == "with":
            weapons = {term[-1] for term in weapon_terms()}
            if any(o.dep_ == "pobj" and o.lemma_.lower() in weapons for o in child.children):
                return True
    return False


def acts_with_force(token: Any, lexicon: Lexicon) -> bool:
    """Whether a verb's direct object is a weapon or an act of violence: "launched rockets",
    "fired tear gas", "launched an offensive", "carried out an attack" report an event."""
    weapons = {term[-1] for term in weapon_terms()}
    for child in token.children:
        if child.dep_ == "dobj":
            lemma = child.lemma_.lower()
            violent = lemma in lexicon.event_nouns or lemma in NON_SPEAKERS - PERIODS
            if lemma in weapons or child.lower_ in weapons or violent:
                return True
    return False


def can_speak(token: Any, lexicon: Lexicon) -> bool:
    """Whether ``token`` (the head of a source phrase) can name a speaker: a pronoun, a name, a
    person, organisation, state or group, a document; not an event, state or period noun."""
    if token.pos_ in ("PRON", "PROPN") or token.ent_type_ in SPEAKING_ENTITIES:
        return True
    lemma = token.lemma_.lower()
    return lemma not in NON_SPEAKERS and lemma not in lexicon.event_nouns


def main_clause_subject(clause: Any) -> Any | None:
    """For a relative clause on an object ("HRW documented incidents in which Baku attacked ..."),
    the subject of the clause that holds the object (HRW)."""
    noun = clause.head
    node = noun
    while node.dep_ in ("pobj", "prep", "conj", "appos", "compound") and node.head.i != node.i:
        node = node.head
    if node.dep_ not in ("dobj", "pobj", "attr", "dative") or node.head.pos_ not in ("VERB", "AUX"):
        return None
    verb = node.head
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < noun.i]
    return subjects[0] if subjects else None


def find_subject(token: Any) -> tuple[Any | None, bool]:
    """The speaker token (the head of the source phrase) of a verb, and whether it is passive."""
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)
    for child in token.children:
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0], True
    for child in token.children:
        if child.dep_ in SUBJECTS and not (passive and child.dep_ == "nsubjpass"):
            if child.lower_ in RELATIVE and token.dep_ == "relcl":
                return token.head, passive
            return child, passive
    if passive:
        return None, True
    left = left_noun_phrase(token)
    if left is not None:
        return left.root if left.root.i < token.i else left[-1], False
    if (
        token.dep_ == "pcomp"
        and token.head.dep_ == "prep"
        and token.head.head.pos_ in ("VERB", "AUX")
    ):
        # "by suggesting that ...", "in endorsing Ryan": the governing verb's subject speaks
        for child in token.head.head.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ not in RELATIVE:
                return child, False
    if token.dep_ in ("conj", "advcl", "xcomp") and token.head.pos_ in ("VERB", "AUX"):
        for child in token.head.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.i < token.i:
                if (
                    token.dep_ == "conj"
                    and token.head.dep_ == "relcl"
                    and child.lower_ not in RELATIVE
                ):
                    # "... incidents in which Baku attacked X and confirms Y": the conjunct the
                    # parser put in the relative clause reports for the main clause's subject
                    main = main_clause_subject(token.head)
                    if main is not None:
                        return main, False
                return child, False
    return None, False


def line_bounds(token: Any) -> Range:
    """The line (paragraph) of the text that holds ``token``."""
    text = doc_text(token.doc)
    start = text.rfind("\n", 0, token.idx) + 1
    end = text.find("\n", token.idx)
    return (start, len(text) if end == -1 else end)


def tidy_source(tokens: list[Any], cue: Any) -> Range:
    """Source tokens kept on the cue's line, without relative pronouns and punctuation, and cut to
    the proper-name run that ends them ("the conflict Human Rights Watch" -> "Human Rights Watch")."""
    low, high = line_bounds(cue)
    kept = [t for t in tokens if low <= t.idx < high and not t.is_space]
    while kept and (kept[-1].is_punct or kept[-1].lower_ in RELATIVE or kept[-1].dep_ == "case"):
        kept.pop()
    while len(kept) > 1 and kept[0].is_punct:
        kept.pop(0)
    if not kept:
        return (cue.idx, cue.idx)
    if kept[-1].pos_ == "PROPN":
        i = len(kept) - 1
        while i > 0 and kept[i - 1].pos_ == "PROPN":
            i -= 1
        if i > 0 and kept[i - 1].pos_ == "NOUN":
            kept = kept[i:]
    return (kept[0].idx, kept[-1].idx + len(kept[-1]))


def clip_to_line(token: Any, span: Range) -> Range:
    """``span`` cut to the line of ``token`` when it reaches across it (run-on text)."""
    low, high = line_bounds(token)
    start, end = max(span[0], low), min(span[1], high)
    if start >= end:
        return span
    text = doc_text(token.doc)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else span


def source_range(head: Any, cue: Any) -> Range:
    """The source phrase around ``head``: its subtree, cut before the cue, or the phrase on its left."""
    if head.i < cue.i and cue in head.subtree:
        return tidy_source([t for t in head.subtree if t.i < cue.i], cue)
    left = left_noun_phrase(cue)
    if left is not None and left[-1].i == head.i and head.head.i != cue.i:
        return tidy_source(list(left), cue)
    subtree = list(head.subtree)
    if subtree[0].i <= cue.i <= subtree[-1].i:
        return tidy_source([head], cue)
    return tidy_source(subtree, cue)


def previous_proposition(token: Any, source_start: int) -> Range | None:
    """What a pronoun object ("denies it") stands for: the text before the source in its
    sentence, or else the previous sentence."""
    sent = token.sent
    low, _high = line_bounds(token)
    before = [t for t in sent if low <= t.idx < source_start and not t.is_space]
    if len(before) >= 3:
        return (before[0].idx, before[-1].idx + len(before[-1]))
    if sent.start > 0:
        prev = token.doc[sent.start - 1].sent
        words = [t for t in prev if not t.is_space and not t.is_punct]
        if words:
            return (words[0].idx, words[-1].idx + len(words[-1]))
    return None


OPENING_QUOTES = {'"': '"', "\u201c": "\u201d"}
CLOSING_QUOTES = {'"': '"', "\u201d": "\u201c"}
QUOTE_GAP = " \t,:;\u2014-"  # what may stand between a quotation and its speaker and cue


def adjacent_quotation(token: Any, start: int, end: int) -> Range | None:
    """The quotation next to a cue that has no complement: ending just before ``start`` ('"We
    will win," Trump tweeted'), or beginning just after ``end`` ('She responded, "Well, ..."'),
    on the cue's line; its words without the quotation marks."""
    text = doc_text(token.doc)
    low, high = line_bounds(token)
    i = start
    while i > low and text[i - 1] in QUOTE_GAP:
        i -= 1
    if i > low and text[i - 1] in CLOSING_QUOTES:
        opening = text.rfind(CLOSING_QUOTES[text[i - 1]], low, i - 1)
        if opening != -1 and i - 1 - opening > 1:
            return strip_range(text, opening + 1, i - 1)
    j = end
    while j < high and text[j] in QUOTE_GAP:
        j += 1
    if j < high and text[j] in OPENING_QUOTES:
        closing = text.find(OPENING_QUOTES[text[j]], j + 1, high)
        if closing == -1:
            closing = high  # a quotation running on past its paragraph
        if closing - j > 1:
            return strip_range(text, j + 1, closing)
    return None


def strip_range(text: str, start: int, end: int) -> Range | None:
    """``(start, end)`` without the whitespace and punctuation at its edges; None when empty."""
    while start < end and (text[start].isspace() or text[start] in QUOTE_GAP):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in QUOTE_GAP + ".?!"):
        end -= 1
    return (start, end) if start < end else None


def inverted_source(token: Any) -> Any | None:
    """The speaker after the cue in an inversion ('"The risk," said Edward Leamer', "..., said
    the spokesman"): the noun phrase right after a verb that follows a comma or a closing quote."""
    doc = token.doc
    before = doc[token.i - 1] if token.i > 0 else None
    if before is None or before.text not in {",", '"', "\u201d"}:
        return None
    i = token.i + 1
    if i >= len(doc):
        return None
    if doc[i].pos_ == "PRON" and doc[i].lower_ in {"he", "she", "they", "we", "i"}:
        following = doc[i + 1] if i + 1 < len(doc) else None
        return doc[i : i + 1] if following is None or following.is_punct else None
    if doc[i].pos_ == "DET" and i + 1 < len(doc):
        i += 1
    words = []
    while i < len(doc) and doc[i].pos_ in ("PROPN", "NOUN", "ADJ", "NUM") and not doc[i].is_space:
        words.append(doc[i])
        i += 1
    if not words or words[-1].pos_ not in ("PROPN", "NOUN"):
        return None
    if i < len(doc) and not doc[i].is_punct:
        return None  # "..., said the campaign has opened": the phrase is the content's subject
    return doc[token.i + 1 : words[-1].i + 1]


def sentence_before(token: Any, source_start: int, upto_cue: bool = False) -> Range | None:
    """For a cue that closes its sentence ("Sorry, Sanders said."), the words before its source;
    with ``upto_cue``, the words before the cue whatever follows it (an inversion)."""
    sent = token.sent
    after = [t for t in sent if t.i > token.i and not t.is_space]
    if not upto_cue and any(not t.is_punct for t in after):
        return None
    low, _high = line_bounds(token)
    before = [t for t in sent if low <= t.idx < source_start and not t.is_space and not t.is_punct]
    if not before:
        return None
    return (before[0].idx, before[-1].idx + len(before[-1]))


def content_range(token: Any, subject: Any | None) -> Range | None:
    """The content of a reporting verb: its complements, or the clause it is inserted in."""
    parts = [c for c in token.children if c.dep_ in COMPLEMENTS and c is not subject]
    parts += [
        c
        for c in token.children
        if c.dep_ == "prep" and c.lower_ in CONTENT_PREPS and c.i > token.i
    ]
    if parts:
        ranges = [subtree_range(p) for p in parts]
        return (min(r[0] for r in ranges), max(r[1] for r in ranges))
    if token.dep_ in ("parataxis", "ccomp", "advcl") and token.head.i != token.i:
        head = token.head
        outside = [t for t in head.subtree if t not in set(token.subtree) and not t.is_punct]
        if outside:
            return (outside[0].idx, outside[-1].idx + len(outside[-1]))
    return None


def seen_often(lemma: str, frm: str, weights: CueWeights | None) -> bool:
    """Whether PolNeAR train showed ``lemma`` in frame ``frm`` often enough to learn from."""
    learned = weights.weight(lemma, frm) if weights is not None else None
    return learned is not None and weights is not None and learned[1] >= weights.min_count


def is_cue(lemma: str, frm: str, lexicon: Lexicon, weights: CueWeights | None) -> bool:
    if weights is not None and seen_often(lemma, frm, weights):
        return weights.weights[f"{lemma}|{frm}"][0] >= weights.threshold
    return lemma in lexicon.verbs and frm != "none"


def unrealised(token: Any, lexicon: Lexicon, weights: CueWeights | None) -> bool:
    """An infinitive the lexicon does not list as reporting, under a verb that is no cue: "draw
    Turkey to back Azerbaijan" says what Turkey might do, not what it said."""
    if token.lemma_.lower() in lexicon.verbs or token.dep_ not in ("xcomp", "advcl"):
        return False
    if not any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children):
        return False
    head = token.head
    return head.i == token.i or not is_cue(head.lemma_.lower(), frame(head), lexicon, weights)


def verb_attribution(
    token: Any, lexicon: Lexicon, weights: CueWeights | None, learned: set[int] | None = None
) -> Attribution | None:
    """The attribution a verb cues, or None. ``learned``: the verbs the cue model takes for cues
    (:mod:`docket.extract.cue_model`); without it the lemma's weight in its frame decides."""
    lemma = token.lemma_.lower()
    frm = frame(token)
    if lemma in lexicon.event_verbs and frm == "dobj" and physical_object(token):
        return None  # "Baku has attacked residential areas": an event, not a statement
    if (
        learned is not None
        and token.i in learned
        and not is_cue(lemma, frm, lexicon, weights)
        and (acts_with_force(token, lexicon) or lemma in ACTIONS)
    ):
        # what the model alone takes: it learnt political "attacks" and PolNeAR's efforts
        # ("tried to ..."); a weapon or an offensive is an event, an attempt or a signature
        # no statement
        return None
    if learned is not None and seen_often(lemma, frm, weights):
        if token.i not in learned:
            return None
    elif not (is_cue(lemma, frm, lexicon, weights) or (learned is not None and token.i in learned)):
        return None  # a verb PolNeAR seldom shows in this frame: the lexicon or the model
    if unrealised(token, lexicon, weights):
        return None
    cue_tokens = [c for c in token.children if c.dep_ in ("aux", "neg") and c.i < token.i]
    cue_tokens = [t for t in cue_tokens if t.i >= token.i - 3] + [token]
    cue = (cue_tokens[0].idx, token.idx + len(token))
    particles = [c for c in token.children if c.dep_ == "prt" and c.i == token.i + 1]
    if particles:
        cue = (cue[0], particles[0].idx + len(particles[0]))
    subject, passive = find_subject(token)
    inverted = inverted_source(token) if frm in ("none", "inverted", "ccomp") else None
    if inverted is not None and (subject is None or subject.i < token.i):
        # the parser gave the speaker after the cue to another verb, or took a word before it
        # for the subject: the speaker is the phrase after the cue, the content what precedes
        content = adjacent_quotation(token, inverted[0].idx, inverted[0].idx) or sentence_before(
            token, token.idx, upto_cue=True
        )
        if content is not None:
            entry = lexicon.verbs.get(lemma)
            last = inverted[-1]
            return Attribution(
                (token.idx, token.idx + len(token)),
                tidy_source(list(inverted), token),
                clip_to_line(token, content),
                entry.stance if entry else "asserts",
                lemma,
                (last.idx, last.idx + len(last)),
            )
    entry = lexicon.verbs.get(lemma)
    stance = entry.stance if entry else "asserts"
    if subject is None:
        if not passive:
            return None
        stance = "reports"
    source = source_range(subject, token) if subject is not None else None
    head = (subject.idx, subject.idx + len(subject)) if subject is not None else None
    if source is not None and source[0] == source[1]:
        left = left_noun_phrase(token)
        if left is None:
            return None
        source = tidy_source(list(left), token)
        head = (left[-1].idx, left[-1].idx + len(left[-1]))
    content = content_range(token, subject)
    objects = [c for c in token.children if c.dep_ == "dobj"]
    if objects and objects[0].lower_ in PRONOUN_OBJECTS and len(list(objects[0].subtree)) == 1:
        content = previous_proposition(token, source[0] if source else token.idx)
    if content is None and frm in ("none", "inverted"):
        # a cue with no complement: the quotation beside it, or the words its sentence opens with
        near = (
            min(cue[0], source[0]) if source else cue[0],
            max(cue[1], source[1]) if source else cue[1],
        )
        content = adjacent_quotation(token, *near) or (
            sentence_before(token, near[0]) if source else None
        )
    if content is None:
        return None
    content = clip_to_line(token, content)
    if content[0] < cue[1] < content[1] and content[0] <= token.idx:
        content = clip_to_line(token, (cue[1], content[1]))
    if stance == "requests" and not any(
        c.dep_ in ("xcomp", "prep", "ccomp") for c in token.children
    ):
        stance = "asserts"
    return Attribution(cue, source, content, stance, lemma, head, token.dep_ == "conj")


def agent_extension(doc: Any, end_token: Any) -> Any | None:
    """In "the data revealed this Thursday by X", the token X after the source phrase."""
    i = end_token.i + 1
    if (
        i >= len(doc)
        or doc[i].lemma_.lower() not in AGENT_VERBS
        or doc[i].tag_ not in ("VBN", "VBD")
    ):
        return None
    for j in range(i + 1, min(len(doc), i + 6)):
        if doc[j].lower_ == "by" and j + 1 < len(doc):
            k = j + 1
            while k + 1 < len(doc) and doc[k + 1].pos_ in ("PROPN", "NOUN", "ADJ"):
                k += 1
            return doc[j + 1 : k + 1]
    return None


def according_attribution(token: Any, lexicon: Lexicon) -> Attribution | None:
    doc = token.doc
    if token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != "to":
        return None
    to = doc[token.i + 1]
    objects = [c for c in to.children if c.dep_ == "pobj"]
    if not objects:
        return None
    obj = objects[0]
    source = subtree_range(obj)
    head = (obj.idx, obj.idx + len(obj))
    last = max(obj.subtree, key=lambda t: t.i)
    agent = agent_extension(doc, last)
    if agent is not None:
        source = (source[0], agent[-1].idx + len(agent[-1]))
        head = (agent[0].idx, agent[-1].idx + len(agent[-1]))
    cue = (token.idx, to.idx + len(to))
    clause = token.head if token.head.i != token.i else token
    tokens = [t for t in clause.subtree if not t.is_punct and not t.is_space]
    left = [t for t in tokens if t.idx < token.idx]
    right = [t for t in tokens if t.idx >= source[1]]
    if clause.i == token.i:
        side = left if len(left) >= len(right) else right
    else:  # the side holding the verb the phrase modifies
        side = left if clause.idx < token.idx else right
    content = clip_to_line(token, (side[0].idx, side[-1].idx + len(side[-1]))) if side else None
    stance = (
        lexicon.phrases["according to"].stance if "according to" in lexicon.phrases else "asserts"
    )
    return Attribution(cue, source, content, stance, "according to", head)


def find_attributions(
    doc: Any, lexicon: Lexicon, weights: CueWeights | None, model: CueModel | None = None
) -> list[Attribution]:
    """Every attribution in ``doc``, in text order, one per cue; the verbs that are cues decided
    by the cue ``model`` where given."""
    found: list[Attribution] = []
    learned = model.cues(doc, lexicon, weights) if model is not None else None
    for token in doc:
        if token.lower_ == "according":
            attribution = according_attribution(token, lexicon)
        elif token.pos_ == "VERB":
            attribution = verb_attribution(token, lexicon, weights, learned)
        else:
            continue
        if attribution is not None:
            found.append(attribution)
    sources = [a.source for a in found if a.source]
    return [a for a in found if not any(s[0] <= a.cue[0] and a.cue[1] <= s[1] for s in sources)]
