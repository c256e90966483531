"""Multinomial logistic regression over binary string features, fitted with L-BFGS.

The shared optimiser of docket's small learned components: rows are lists of feature names, the
design matrix is sparse, weights are stored as float32 in a ``.npz`` file beside a JSON sidecar.
A model may also read a dense vector a row (a sentence encoder's): its weights follow the named
features' in ``weights``. Only numpy and scipy are needed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np


@dataclass
class Classifier:
    """Weights of a fitted model: ``vocabulary`` maps feature names to rows of ``weights``."""

    vocabulary: dict[str, int]
    labels: list[str]
    weights: Any  # (features, labels)
    bias: Any  # (labels,)
    normalise: bool = False  # rows scaled to unit length (short and long texts weigh alike)

    @property
    def dense(self) -> int:
        """The width of the dense vector a row that the model reads (0: none)."""
        return int(self.weights.shape[0]) - len(self.vocabulary)

    def matrix(self, rows: Sequence[Sequence[str]], vectors: Any = None) -> Any:
        """The design matrix of ``rows``, with their dense ``vectors`` where the model reads them."""
        return with_vectors(design(rows, self.vocabulary, self.normalise), vectors, self.dense)

    def probabilities(self, rows: Sequence[Sequence[str]], vectors: Any = None) -> Any:
        """Class probabilities, one row per feature list (columns in ``labels`` order)."""
        if not rows:
            return np.zeros((0, len(self.labels)))
        z = self.matrix(rows, vectors) @ self.weights + self.bias
        return softmax(np.asarray(z))


def with_vectors(x: Any, vectors: Any, width: int) -> Any:
    """The sparse matrix ``x`` with the dense ``vectors`` (one row each) beside it; ``width`` is
    what the model reads (0: ``x`` alone; a model that reads vectors must be given them)."""
    if not width:
        return x
    from scipy.sparse import csr_matrix, hstack

    if vectors is None or np.shape(vectors) != (x.shape[0], width):
        raise ValueError(f"the model reads a vector of {width} a row: give one for each row")
    return hstack([x, csr_matrix(np.asarray(vectors, dtype=np.float64))]).tocsr()


def softmax(z: Any) -> Any:
    z = z - z.max(axis=1, keepdims=True)
    p = np.exp(z)
    return p / p.sum(axis=1, keepdims=True)


def design(
    rows: Sequence[Sequence[str]], vocabulary: dict[str, int], normalise: bool = False
) -> Any:
    """The sparse binary design matrix of ``rows`` (unknown features are ignored), each row
    scaled to unit length when ``normalise``."""
    from scipy.sparse import csr_matrix

    indptr = [0]
    indices: list[int] = []
    data: list[float] = []
    for feats in rows:
        cols = sorted({vocabulary[f] for f in feats if f in vocabulary})
        indices.extend(cols)
        value = 1.0 / np.sqrt(len(cols)) if normalise and cols else 1.0
        data.extend([value] * len(cols))
        indptr.append(len(indices))
    values = np.asarray(data, dtype=np.float64)
    return csr_matrix((values, indices, indptr), shape=(len(rows), len(vocabulary)))


def fit(
    rows: Sequence[Sequence[str]],
    labels: Sequence[str],
    l2: float = 1e-4,
    min_count: int = 2,
    max_iter: int = 300,
    normalise: bool = False,
    vectors: Any = None,
) -> Classifier:
    """Fit on feature lists ``rows`` with gold ``labels``: features seen in fewer than
    ``min_count`` rows are pruned; L2 penalty ``l2`` on the weights (not the bias); rows scaled
    to unit length when ``normalise``; ``vectors`` (one dense row each) read beside them when
    given."""
    counts: Counter[str] = Counter(f for feats in rows for f in set(feats))
    vocab = {f: i for i, f in enumerate(sorted(f for f, c in counts.items() if c >= min_count))}
    names = sorted(set(labels))
    width = 0 if vectors is None else int(np.shape(vectors)[1])
    x = with_vectors(design(rows, vocab, normalise), vectors, width)
    weights, bias = fit_matrix(x, labels, names, l2, max_iter)
    return Classifier(vocab, names, weights, bias, normalise)


def fit_matrix(
    x: Any, labels: Sequence[str], names: Sequence[str], l2: float = 1e-4, max_iter: int = 300
) -> tuple[Any, Any]:
    """Weights (columns of ``x`` by classes ``names``) and bias minimising the mean log-loss of
    ``labels`` given the rows of the sparse matrix ``x``, with L2 penalty ``l2`` on the weights."""
    from scipy.optimize import minimize

    names = list(names)
    xt = x.T.tocsr()
    n, d, k = x.shape[0], x.shape[1], len(names)
    y = np.zeros((n, k))
    y[np.arange(n), [names.index(label) for label in labels]] = 1.0

    def loss(theta: Any) -> tuple[float, Any]:
        w, b = theta[: d * k].reshape(d, k), theta[d * k :]
        p = softmax(np.asarray(x @ w) + b)
        value = -np.sum(y * np.log(p + 1e-12)) / n + l2 * np.sum(w * w)
        g = (p - y) / n
        grad_w = np.asarray(xt @ g) + 2 * l2 * w
        return value, np.concatenate([grad_w.ravel(), g.sum(axis=0)])

    result = minimize(
        loss, np.zeros(d * k + k), jac=True, method="L-BFGS-B", options={"maxiter": max_iter}
    )
    theta = result.x
    return theta[: d * k].reshape(d, k), theta[d * k :]


def save(model: Classifier, path: Path, dtype: Any = np.float32) -> None:
    """Write the weights as ``dtype`` (the bias as float32) with the vocabulary and labels (no
    pickles)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    words = sorted(model.vocabulary, key=model.vocabulary.__getitem__)
    np.savez_compressed(
        path,
        vocabulary=np.array(words),
        labels=np.array(model.labels),
        weights=np.asarray(model.weights, dtype=dtype),
        bias=np.asarray(model.bias, dtype=np.float32),
    )


def load(path: Path, normalise: bool = False) -> Classifier | None:
    """The model stored at ``path``, or None when the file is absent; ``normalise`` as it was
    fitted."""
    if not path.is_file():
        return None
    data = np.load(path, allow_pickle=False)
    words = [str(w) for w in data["vocabulary"]]
    return Classifier(
        {w: i for i, w in enumerate(words)},
        [str(label) for label in data["labels"]],
        data["weights"].astype(np.float64),
        data["bias"].astype(np.float64),
        normalise,
    )
