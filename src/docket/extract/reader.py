"""The learned reader: a fine-tuned MiniLM encoder run by onnxruntime, one pass a window.

The model (``knowledge/models/reader.onnx``, int8, trained by ``training/train_reader.py`` on
MUC-4 TRAIN, its record in ``reader.json``) reads a document in overlapping windows of word
pieces and gives two things:

- spans tagged with an incident role (perpetrator individual or organisation, target, victim,
  weapon), each with its probability; a word piece seen by two windows takes the reading of the
  window where it stands further from the edge;
- for every window, how likely it is to hold a filler of an incident; the document's
  ``incident`` score is its best window's. Text that reports no attack scores low throughout.

Tokenised by ``tokenizers`` from the shipped ``reader_tokenizer.json``; no torch, nothing
downloaded. :func:`load` returns None when the weights are absent (the rules then read alone).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from docket.errors import DocketError

ROLES: tuple[str, ...] = ("PerpInd", "PerpOrg", "Target", "Victim", "Weapon")
TAGS: tuple[str, ...] = ("O", *(f"{p}-{role}" for role in ROLES for p in ("B", "I")))
MODELS = Path(__file__).resolve().parent.parent / "knowledge" / "models"
MODEL_FILE = "reader.onnx"
TOKENIZER_FILE = "reader_tokenizer.json"
RECORD_FILE = "reader.json"
CLS, SEP = 101, 102  # all-MiniLM-L6-v2's uncased BERT vocabulary
WINDOW = 254  # word pieces a window, [CLS] and [SEP] aside (256 in all)
STRIDE = 192  # a window starts this many pieces after the one before (62 pieces overlap)
BATCH = 8

Runner = Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]


@dataclass(frozen=True)
class Thresholds:
    """Scores a reading needs: a document to report an incident, a span to count as a filler."""

    incident: float = 0.5
    span: float = 0.5
    piece: float = 0.5  # a word piece is inside a filler when 1 - P(outside) reaches this


@dataclass(frozen=True)
class Use:
    """How the reading changes the drafted incidents (docket.extract.reader_fillers). The
    default changes nothing: ``training/choose_reader_use.py`` writes the use into the record."""

    document: float | None = None
    evidence: float | None = None
    add: bool = False
    prune: bool = False
    blend: float = 0.0  # a rule filler's score moves this far towards the reader's (0: stays)

    @property
    def active(self) -> bool:
        """Whether the reading changes anything (when not, the pipeline does not read)."""
        return (
            self.document is not None
            or self.evidence is not None
            or self.add
            or self.prune
            or bool(self.blend)
        )


@dataclass(frozen=True)
class Span:
    """A tagged span: character offsets into the text, its role and its probability."""

    start: int
    end: int
    role: str
    score: float


@dataclass
class Reading:
    """What the reader found in one text."""

    incident: float = 0.0
    windows: list[tuple[int, int, float]] = field(default_factory=list)  # (start, end, score)
    spans: list[Span] = field(default_factory=list)
    # every word piece's character offsets and its chance of standing inside some filler
    offsets: list[tuple[int, int]] = field(default_factory=list)
    inside: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.float32))

    def filler_score(self, start: int, end: int) -> float:
        """The best chance, over the word pieces of ``start:end``, that the piece stands inside
        a filler (0 when no piece lies there)."""
        chances = [
            float(self.inside[i]) for i, (s, e) in enumerate(self.offsets) if s < end and start < e
        ]
        return max(chances, default=0.0)

    def incident_near(self, start: int, end: int) -> float:
        """The best score of a window overlapping ``start:end`` (0 when none does)."""
        return max((s for lo, hi, s in self.windows if lo < end and hi > start), default=0.0)


def tag_id(role: str, begin: bool) -> int:
    return TAGS.index(f"{'B' if begin else 'I'}-{role}")


def load_tokenizer(path: Path, owner: str = "reader") -> Any:
    """The uncased BERT word-piece tokenizer at ``path`` (MiniLM's: the reader's and the sentence
    encoder's), without padding or truncation; E035 when it is another vocabulary."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    if tokenizer.token_to_id("[CLS]") != CLS or tokenizer.token_to_id("[SEP]") != SEP:
        raise DocketError("E035", f"{path} is not the {owner}'s tokenizer", str(path))
    return tokenizer


def pieces(tokenizer: Any, text: str) -> tuple[list[int], list[tuple[int, int]]]:
    """Word piece ids and their character offsets, without [CLS] and [SEP]."""
    encoding = tokenizer.encode(text, add_special_tokens=False)
    return list(encoding.ids), [tuple(o) for o in encoding.offsets]


def windows(count: int) -> list[tuple[int, int]]:
    """(first, past-last) piece of every window over ``count`` pieces."""
    if count <= WINDOW:
        return [(0, count)]
    out = []
    start = 0
    while True:
        out.append((start, min(start + WINDOW, count)))
        if start + WINDOW >= count:
            return out
        start += STRIDE


def onnx_runner(path: Path, threads: int = 1) -> Runner:
    """A runner over the exported model: (ids, mask) -> (tag logits, window logits)."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])

    def run(ids: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        tags, window = session.run(None, {"input_ids": ids, "attention_mask": mask})
        return tags, window

    return run


@dataclass
class Tagging:
    """The encoder's reading of one text before decoding: the tag probabilities of every word
    piece, the pieces' character offsets and every window's (start, end, incident score)."""

    probs: np.ndarray
    offsets: list[tuple[int, int]]
    windows: list[tuple[int, int, float]]


def tag_text(tokenizer: Any, run: Runner, text: str) -> Tagging:
    """Run the encoder over ``text`` window by window; a word piece seen by two windows takes
    the reading of the window where it stands further from the edge."""
    ids, offsets = pieces(tokenizer, text)
    spans = windows(len(ids)) if ids else []
    probs = np.zeros((len(ids), len(TAGS)), dtype=np.float32)
    margin = np.full(len(ids), -1, dtype=np.int64)
    scored: list[tuple[int, int, float]] = []
    for k in range(0, len(spans), BATCH):
        group = spans[k : k + BATCH]
        width = max(hi - lo for lo, hi in group) + 2
        batch_ids = np.zeros((len(group), width), dtype=np.int64)
        mask = np.zeros((len(group), width), dtype=np.int64)
        for row, (lo, hi) in enumerate(group):
            batch_ids[row, : hi - lo + 2] = [CLS, *ids[lo:hi], SEP]
            mask[row, : hi - lo + 2] = 1
        tag_logits, window_logits = run(batch_ids, mask)
        for row, (lo, hi) in enumerate(group):
            logits = tag_logits[row, 1 : hi - lo + 1]
            exp = np.exp(logits - logits.max(axis=1, keepdims=True))
            window_probs = exp / exp.sum(axis=1, keepdims=True)
            edge = np.minimum(np.arange(hi - lo), np.arange(hi - lo)[::-1])
            better = edge > margin[lo:hi]
            margin[lo:hi][better] = edge[better]
            probs[lo:hi][better] = window_probs[better]
            score = float(1 / (1 + np.exp(-window_logits[row])))
            scored.append((offsets[lo][0], offsets[hi - 1][1], score))
    return Tagging(probs, offsets, scored)


def decode(text: str, tagging: Tagging, piece: float = 0.5) -> Reading:
    """Spans from a tagging: a run of word pieces whose chance of standing inside a filler
    reaches ``piece``, all of one role (the role most likely over B and I), widened to whole
    words and scored by the mean probability of that role over its pieces."""
    probs, offsets = tagging.probs, tagging.offsets
    if not len(probs):
        return Reading()
    role_probs = probs[:, 1::2] + probs[:, 2::2]  # (pieces, roles): B + I of each role
    inside = (1.0 - probs[:, 0]) >= piece
    role = role_probs.argmax(axis=1)
    begins = probs[np.arange(len(probs)), 1 + 2 * role] > probs[np.arange(len(probs)), 2 + 2 * role]
    out: list[Span] = []
    first = -1
    for i in range(len(probs) + 1):
        continues = (
            i < len(probs) and inside[i] and first >= 0 and role[i] == role[first] and not begins[i]
        )
        if first >= 0 and not continues:
            start, end = _whole_words(text, offsets[first][0], offsets[i - 1][1])
            score = float(role_probs[first:i, role[first]].mean())
            out.append(Span(start, end, ROLES[role[first]], score))
            first = -1
        if i < len(probs) and inside[i] and first < 0:
            first = i
    merged: list[Span] = []
    for span in out:  # pieces of one word tagged apart become one span
        if merged and merged[-1].role == span.role and span.start <= merged[-1].end:
            last = merged.pop()
            span = Span(last.start, max(last.end, span.end), span.role, max(last.score, span.score))
        merged.append(span)
    windows_scored = tagging.windows
    return Reading(
        incident=max((s for _, _, s in windows_scored), default=0.0),
        windows=windows_scored,
        spans=merged,
        offsets=offsets,
        inside=1.0 - probs[:, 0],
    )


def read_with(tokenizer: Any, run: Runner, text: str, piece: float = 0.5) -> Reading:
    """Read ``text`` with ``run`` (the ONNX session, or torch while training)."""
    return decode(text, tag_text(tokenizer, run, text), piece)


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return start, end


@dataclass
class Reader:
    """The shipped reader: its tokenizer, its ONNX session and the thresholds it was chosen at."""

    tokenizer: Any
    run: Runner
    thresholds: Thresholds
    use: Use

    def read(self, text: str) -> Reading:
        return read_with(self.tokenizer, self.run, text, self.thresholds.piece)


def load(directory: Path = MODELS) -> Reader | None:
    """The shipped reader, or None when its weights are absent."""
    model = directory / MODEL_FILE
    if not model.is_file():
        return None
    record_path = directory / RECORD_FILE
    record: dict[str, Any] = (
        json.loads(record_path.read_text("utf-8")) if record_path.is_file() else {}
    )
    thresholds = Thresholds(**record.get("thresholds", {}))
    use = Use(**record.get("use", {}))
    return Reader(load_tokenizer(directory / TOKENIZER_FILE), onnx_runner(model), thresholds, use)
