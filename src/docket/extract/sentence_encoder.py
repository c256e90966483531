"""A sentence encoder: one unit-length vector for a short text, run by onnxruntime.

The model is all-MiniLM-L6-v2 as pretrained (not fine-tuned), exported with its mean pooling by
``training/export_sentence_encoder.py`` to ``knowledge/models/sentence_encoder.onnx`` (int8), its
record in ``sentence_encoder.json``. Texts that say the same thing in other words get nearby
vectors, which is what the small learned classifiers on top of it (the ACLED sub-event types)
need to hold on wording they were not trained on. A text is read up to its first 254 word pieces
(the model's 256 with [CLS] and [SEP]); incidents' evidence is much shorter.

Tokenised by ``tokenizers`` from the shipped ``sentence_encoder_tokenizer.json``; no torch,
nothing downloaded. :func:`load` returns None when the files are absent.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from docket.extract import reader

MODELS = Path(__file__).resolve().parent.parent / "knowledge" / "models"
MODEL_FILE = "sentence_encoder.onnx"
TOKENIZER_FILE = "sentence_encoder_tokenizer.json"
RECORD_FILE = "sentence_encoder.json"
CLS, SEP = reader.CLS, reader.SEP  # the uncased BERT vocabulary of all-MiniLM-L6-v2
PIECES = 254  # word pieces read of a text, [CLS] and [SEP] aside
WIDTH = 384


def load_tokenizer(path: Path) -> Any:
    return reader.load_tokenizer(path, "sentence encoder")


class Encoder:
    """The encoder over an ONNX file: :meth:`vectors` of texts."""

    def __init__(self, tokenizer: Any, model: Path, threads: int = 1) -> None:
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self.tokenizer = tokenizer
        self.session = onnxruntime.InferenceSession(
            str(model), options, providers=["CPUExecutionProvider"]
        )

    def vectors(self, texts: list[str]) -> np.ndarray:
        """One unit-length float32 vector a text, in order ((0, 384) for no texts). Each text
        is read alone: the int8 model quantises its activations over the whole input, so in a
        padded batch a text's vector would depend on its neighbours (measured: cosine 0.99), and
        alone it is as fast for texts of a sentence or two."""
        out = np.zeros((len(texts), WIDTH), dtype=np.float32)
        for i, text in enumerate(texts):
            ids = np.array([self._ids(text)], dtype=np.int64)
            (vector,) = self.session.run(
                None, {"input_ids": ids, "attention_mask": np.ones_like(ids)}
            )
            out[i] = vector[0]
        return out

    def _ids(self, text: str) -> list[int]:
        pieces = self.tokenizer.encode(text, add_special_tokens=False).ids[:PIECES]
        return [CLS, *pieces, SEP]


def load(directory: Path = MODELS) -> Encoder | None:
    """The shipped encoder, or None when its model or tokenizer file is absent."""
    model, tokenizer = directory / MODEL_FILE, directory / TOKENIZER_FILE
    if not model.is_file() or not tokenizer.is_file():
        return None
    return Encoder(load_tokenizer(tokenizer), model)
