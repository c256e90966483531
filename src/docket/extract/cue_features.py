"""The features of a verb for the learned cue model: is this verb a reporting cue here?

One row per verb token of a parsed ``Doc``, in the order of ``NAMES``: the learned weight of its
lemma in its complement frame (``models/cue_weights.csv``) and of its lemma over all frames, the
lexicon's word, the frame, the verb's place in the parse, its subject (found, passive, a pronoun,
a name, a person or organisation, a speaker at all), its complements, quotation marks around it,
negation and mood, and the weight of the verb it hangs from. ``training/train_cue_model.py``
fits the model on PolNeAR train; :mod:`docket.extract.cue_model` runs it.
"""

from __future__ import annotations

import math
from typing import Any

from docket.extract import attribution as a
from docket.extract.cues import CueWeights, Lexicon
from docket.nlp.doc_text import doc_text

FRAMES = ("pronoun", "ccomp", "xcomp", "dobj", "prep", "inverted", "none")
DEPS = ("ROOT", "ccomp", "conj", "advcl", "xcomp", "relcl", "pcomp", "acl", "parataxis", "amod")
TAGS = ("VB", "VBD", "VBG", "VBN", "VBP", "VBZ")
MODALS = {"would", "could", "may", "might", "should", "will", "can", "must"}
MARKS = {"that", "whether", "if"}

NAMES: tuple[str, ...] = (
    "weight_frame",
    "log_count_frame",
    "weight_lemma",
    "log_count_lemma",
    "in_lexicon",
    "lexicon_requests",
    "event_verb",
    *(f"frame_{f}" for f in FRAMES),
    *(f"dep_{d}" for d in DEPS),
    "dep_other",
    *(f"tag_{t}" for t in TAGS),
    "has_subject",
    "passive",
    "subject_pronoun",
    "subject_name",
    "subject_person",
    "subject_organisation",
    "subject_can_speak",
    "subject_after",
    "clause_with_mark",
    "infinitive_complement",
    "pronoun_object",
    "noun_object",
    "inside_quotation",
    "quotation_beside",
    "speaker_after",
    "negated",
    "to_infinitive",
    "modal",
    "head_weight",
    "head_is_verb",
    "position_in_sentence",
    "unrealised",
)


def lemma_weights(weights: CueWeights | None) -> dict[str, tuple[float, int]]:
    """Each lemma's cue rate over all its frames (count-weighted) and its count."""
    if weights is None:
        return {}
    sums: dict[str, list[float]] = {}
    for key, (rate, count) in weights.weights.items():
        if count < weights.min_count:
            continue
        lemma = key.split("|", 1)[0]
        entry = sums.setdefault(lemma, [0.0, 0.0])
        entry[0] += rate * count
        entry[1] += count
    return {lemma: (total / n, int(n)) for lemma, (total, n) in sums.items() if n}


def learned(weights: CueWeights | None, lemma: str, frm: str) -> tuple[float, float]:
    """The weight of ``lemma`` in frame ``frm`` and its log count; -1 and 0 where unseen."""
    if weights is None or not a.seen_often(lemma, frm, weights):
        return -1.0, 0.0
    rate, count = weights.weights[f"{lemma}|{frm}"]
    return rate, math.log1p(count)


def inside_quotation(token: Any) -> bool:
    """Whether an opening quotation mark before ``token`` on its line is still open."""
    text = doc_text(token.doc)
    low, _high = a.line_bounds(token)
    before = text[low : token.idx]
    return before.count('"') % 2 == 1 or before.count("\u201c") > before.count("\u201d")


def row(
    token: Any,
    lexicon: Lexicon,
    weights: CueWeights | None,
    by_lemma: dict[str, tuple[float, int]],
) -> list[float]:
    """The features of verb ``token`` in the order of ``NAMES``."""
    lemma = token.lemma_.lower()
    frm = a.frame(token)
    weight, log_count = learned(weights, lemma, frm)
    lemma_rate, lemma_count = by_lemma.get(lemma, (-1.0, 0))
    entry = lexicon.verbs.get(lemma)
    subject, passive = a.find_subject(token)
    children = list(token.children)
    objects = [c for c in children if c.dep_ == "dobj"]
    head = token.head
    head_weight = -1.0
    if head.i != token.i and head.pos_ in ("VERB", "AUX"):
        head_weight = learned(weights, head.lemma_.lower(), a.frame(head))[0]
    sent = token.sent
    near_start = min(token.idx, subject.idx) if subject is not None else token.idx
    near_end = max(token.idx + len(token), subject.idx + len(subject)) if subject else token.idx
    values: list[float] = [
        weight,
        log_count,
        lemma_rate,
        math.log1p(lemma_count),
        float(entry is not None),
        float(entry is not None and entry.stance == "requests"),
        float(lemma in lexicon.event_verbs),
        *(float(frm == f) for f in FRAMES),
        *(float(token.dep_ == d) for d in DEPS),
        float(token.dep_ not in DEPS),
        *(float(token.tag_ == t) for t in TAGS),
        float(subject is not None),
        float(passive),
        float(subject is not None and subject.pos_ == "PRON"),
        float(subject is not None and subject.pos_ == "PROPN"),
        float(subject is not None and subject.ent_type_ == "PERSON"),
        float(subject is not None and subject.ent_type_ in ("ORG", "GPE", "NORP")),
        float(subject is not None and a.can_speak(subject, lexicon)),
        float(subject is not None and subject.i > token.i),
        float(
            any(
                c.dep_ == "ccomp"
                and any(m.dep_ == "mark" and m.lower_ in MARKS for m in c.children)
                for c in children
            )
        ),
        float(any(c.dep_ == "xcomp" for c in children)),
        float(bool(objects) and objects[0].lower_ in a.PRONOUN_OBJECTS),
        float(bool(objects) and objects[0].pos_ in ("NOUN", "PROPN")),
        float(inside_quotation(token)),
        float(a.adjacent_quotation(token, near_start, near_end) is not None),
        float(a.inverted_source(token) is not None),
        float(any(c.dep_ == "neg" for c in children)),
        float(any(c.dep_ == "aux" and c.tag_ == "TO" for c in children)),
        float(any(c.dep_ == "aux" and c.lower_ in MODALS for c in children)),
        head_weight,
        float(head.i != token.i and head.pos_ in ("VERB", "AUX")),
        (token.i - sent.start) / max(len(sent), 1),
        float(a.unrealised(token, lexicon, weights)),
    ]
    return values
