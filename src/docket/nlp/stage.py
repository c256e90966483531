"""The nlp stage: sentences and named entities from the statistical model.

Long texts are parsed in paragraph chunks (``nlp_chunk_chars``) so memory stays bounded; the
chunks are joined back into one spaCy ``Doc`` whose text is the analysed text, offsets intact.
"""

from __future__ import annotations

from typing import Any

from docket.analysis import Analysis, Entity
from docket.pipeline import Context, Stage
from docket.record import Mention, MentionLabel, Span

# spaCy's OntoNotes labels -> the contract's mention labels (labels not listed are kept as "other"
# only in analysis.entities, not as mentions).
ENTITY_LABELS: dict[str, MentionLabel] = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "actor",
    "DATE": "time",
    "TIME": "time",
    "CARDINAL": "quantity",
    "QUANTITY": "quantity",
    "LAW": "treaty",
    "PRODUCT": "other",
    "EVENT": "other",
}


def chunks(text: str, size: int) -> list[str]:
    """``text`` cut at paragraph breaks into pieces of about ``size`` characters; their
    concatenation is exactly ``text``."""
    if len(text) <= size:
        return [text]
    pieces: list[str] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = text.rfind("\n", start + size // 2, end)
            if cut == -1:
                cut = text.rfind(" ", start + size // 2, end)
            end = cut + 1 if cut != -1 else end
        pieces.append(text[start:end])
        start = end
    return pieces


def parse(nlp: Any, text: str, chunk_chars: int) -> Any:
    """The spaCy ``Doc`` of ``text``, parsed in chunks when it is long."""
    from spacy.tokens import Doc

    parts = chunks(text, chunk_chars)
    if len(parts) == 1:
        return nlp(text)
    return Doc.from_docs(list(nlp.pipe(parts, batch_size=1)), ensure_whitespace=False)


def parse_any_case(nlp: Any, text: str, chunk_chars: int) -> Any:
    """The spaCy ``Doc`` of ``text``; a uniformly cased text is parsed in a truecased copy and
    the annotations are moved back onto a ``Doc`` of the original text (see nlp/truecase.py)."""
    from docket.nlp.truecase import truecase, uniform_case

    if not uniform_case(text):
        return parse(nlp, text, chunk_chars)
    cased = parse(nlp, truecase(text, nlp), chunk_chars)
    return restore_text(cased, text)


def restore_text(cased: Any, text: str) -> Any:
    """A ``Doc`` of ``text`` (same length as ``cased.text``) carrying ``cased``'s annotations."""
    from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, SENT_START, TAG
    from spacy.tokens import Doc

    words = [text[t.idx : t.idx + len(t.text)] for t in cased]
    spaces = [bool(t.whitespace_) for t in cased]
    doc = Doc(cased.vocab, words=words, spaces=spaces)
    attrs = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE]
    doc.from_array(attrs, cased.to_array(attrs))
    if not cased.has_annotation("DEP"):
        doc.from_array([SENT_START], cased.to_array([SENT_START]))
    return doc


def run(analysis: Analysis, context: Context) -> None:
    doc = parse_any_case(context.resources.nlp, analysis.text, context.settings.nlp_chunk_chars)
    analysis.doc = doc
    text = analysis.text
    analysis.sentences = [
        Span.of(text, s.start_char, s.start_char + len(s.text.rstrip()))
        for s in doc.sents
        if s.text.strip()
    ]
    analysis.entities = [Entity(e.start_char, e.end_char, e.text, e.label_) for e in doc.ents]
    analysis.mentions.extend(
        Mention(
            start=e.start, end=e.end, quote=e.text, label=ENTITY_LABELS[e.label], origin="model"
        )
        for e in analysis.entities
        if e.label in ENTITY_LABELS
    )


STAGE = Stage(
    name="nlp",
    help="Sentences, tokens and named entities from the statistical English model.",
    reads=("text",),
    writes=("doc", "sentences", "entities", "mentions"),
    run=run,
)
