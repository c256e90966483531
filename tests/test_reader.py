"""The learned reader: the shipped weights load without torch, its reading of an attack differs
from its reading of a market report, spans decode to whole words, the pipeline uses the reading
as its record says, and a tokenizer that does not belong to the model is refused (E035)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest

from docket.errors import DocketError
from docket.extract import reader as runtime
from docket.extract import reader_fillers
from docket.record import Incident, Perpetrator, Span

ATTACK = (
    "SAN SALVADOR, 12 MAR 90 -- Urban guerrillas of the Farabundo Marti National Liberation "
    "Front today set off a car bomb outside the National Guard barracks in San Miguel, killing "
    "two soldiers and wounding a peasant, Jose Flores, military sources said."
)
SPORT = (
    "The striker shot twice and the visitors' defence was blown apart in the second half, as "
    "United beat City 3-0 in a match that killed off their rivals' title hopes."
)
MARKETS = (
    "LONDON, 12 MAR 90 -- Copper prices rose on the London Metal Exchange today as traders "
    "bought ahead of the quarterly figures; the dollar closed slightly higher against the yen."
)


def shipped() -> runtime.Reader:
    """The reader in knowledge/models; the test skips where no weights are there (this release
    ships none: docs/quality.md, "the learned reader")."""
    reader = runtime.load()
    if reader is None:
        pytest.skip("no reader weights in knowledge/models: make train-reader writes them")
    return reader


def test_the_reader_runs_without_torch() -> None:
    reader = shipped()
    reader.read(ATTACK)
    assert "torch" not in sys.modules


def test_an_attack_reads_as_an_incident_and_a_market_report_does_not() -> None:
    reader = shipped()
    attack, markets = reader.read(ATTACK), reader.read(MARKETS)
    assert attack.incident > markets.incident
    assert markets.incident < reader.thresholds.incident <= attack.incident
    bomb = ATTACK.index("car bomb")
    weapons = [s for s in attack.spans if s.role == "Weapon"]
    assert any(bomb <= s.start and s.end <= bomb + len("car bomb") for s in weapons)
    assert not [s for s in markets.spans if s.score >= reader.thresholds.span]


def test_every_span_is_whole_words_of_the_text() -> None:
    reading = shipped().read(ATTACK)
    assert reading.spans
    for span in reading.spans:
        assert span.start == 0 or not ATTACK[span.start - 1].isalnum()
        assert span.end == len(ATTACK) or not ATTACK[span.end].isalnum()
        assert span.role in runtime.ROLES and 0.0 <= span.score <= 1.0


def test_a_long_text_is_read_in_overlapping_windows() -> None:
    assert runtime.windows(10) == [(0, 10)]
    spans = runtime.windows(600)
    assert spans[0] == (0, runtime.WINDOW) and spans[-1][1] == 600
    assert all(b[0] < a[1] for a, b in zip(spans, spans[1:], strict=False))  # they overlap
    text = " ".join([ATTACK] * 12)  # far more word pieces than one window holds
    reading = shipped().read(text)
    assert len(reading.windows) > 1
    assert len(reading.inside) == len(reading.offsets)


def test_decoding_joins_the_pieces_of_one_filler_and_keeps_roles_apart() -> None:
    text = "rebels bombed the bridge"
    offsets = [(0, 6), (7, 13), (14, 17), (18, 24)]
    probs = np.full((4, len(runtime.TAGS)), 0.0, dtype=np.float32)
    probs[:, 0] = 1.0
    org, target = runtime.ROLES.index("PerpOrg"), runtime.ROLES.index("Target")
    probs[0] = 0.0
    probs[0, 1 + 2 * org] = 0.9  # B-PerpOrg
    probs[0, 0] = 0.1
    for i, tag in ((2, 1 + 2 * target), (3, 2 + 2 * target)):  # B-Target, I-Target
        probs[i] = 0.0
        probs[i, tag], probs[i, 0] = 0.7, 0.3
    tagging = runtime.Tagging(probs, offsets, [(0, len(text), 0.9)])
    spans = runtime.decode(text, tagging, piece=0.5).spans
    assert [(text[s.start : s.end], s.role) for s in spans] == [
        ("rebels", "PerpOrg"),
        ("the bridge", "Target"),
    ]
    assert runtime.decode(text, tagging, piece=0.8).spans == [spans[0]]


def test_a_document_below_the_gate_keeps_no_incident_and_fillers_are_added() -> None:
    text = "Rebels bombed the bridge."
    evidence = [Span.of(text, 0, len(text))]
    incident = Incident(id="inc-1", category="bombing_or_ied", evidence=evidence)
    clash = Incident(id="inc-2", category="armed_clash", evidence=evidence)
    low = runtime.Reading(incident=0.1, windows=[(0, len(text), 0.1)])
    gate = runtime.Use(document=0.5, add=False)
    # the gate judges the kinds the reader learned; a clash stays as the rules read it
    assert reader_fillers.apply(text, [incident, clash], low, [], 0.5, gate) == [clash]
    high = runtime.Reading(
        incident=0.9,
        windows=[(0, len(text), 0.9)],
        spans=[runtime.Span(0, 6, "PerpOrg", 0.8), runtime.Span(14, 24, "Target", 0.4)],
    )
    kept = reader_fillers.apply(text, [incident], high, [], 0.5, runtime.Use(add=True))
    assert [(p.text, p.origin, p.score) for p in kept[0].perpetrators] == [("Rebels", "model", 0.8)]
    assert kept[0].targets == []  # below the span threshold


def test_pruning_scores_a_rule_filler_the_reader_does_not_tag() -> None:
    text = "Rebels bombed the bridge, the minister said."
    incident = Incident(
        id="inc-1",
        evidence=[Span.of(text, 0, len(text))],
        perpetrators=[
            Perpetrator(text="Rebels", span=Span.of(text, 0, 6)),
            Perpetrator(text="the minister", span=Span.of(text, 26, 38)),
        ],
    )
    reading = runtime.Reading(
        incident=0.9, windows=[(0, len(text), 0.9)], spans=[runtime.Span(0, 6, "PerpOrg", 0.9)]
    )
    use = runtime.Use(add=False, prune=True)
    (kept,) = reader_fillers.apply(text, [incident], reading, [], 0.5, use)
    scores = {p.text: getattr(p, "score", None) for p in kept.perpetrators}
    assert scores == {"Rebels": None, "the minister": 0.0}


@pytest.mark.slow
def test_the_pipeline_uses_the_reading_as_the_record_says() -> None:
    from docket.evaluate.incident_runs import analyse_text, incident_stages
    from docket.pipeline import Context
    from docket.settings import Settings

    reader = shipped()
    record = json.loads((runtime.MODELS / runtime.RECORD_FILE).read_text("utf-8"))
    assert record["use"] == reader.use.__dict__
    assert reader.use.document is not None, "the shipped reader gates no document"
    rules = Context(Settings())
    rules.resources.reader = None
    assert analyse_text(SPORT, rules, incident_stages()).incidents  # "shot", "killed off"
    assert analyse_text(SPORT, Context(Settings()), incident_stages()).incidents == []
    attack = analyse_text(ATTACK, Context(Settings()), incident_stages())
    assert [i.category for i in attack.incidents] == ["bombing_or_ied"]


def test_a_tokenizer_that_is_not_the_readers_is_refused(tmp_path: Path) -> None:
    from tokenizers import Tokenizer, models, pre_tokenizers

    vocab = {"[UNK]": 0, "[CLS]": 1, "[SEP]": 2, "bomb": 3}  # not the reader's ids
    tokenizer = Tokenizer(models.WordLevel(vocab, unk_token="[UNK]"))
    tokenizer.pre_tokenizer = pre_tokenizers.Whitespace()
    path = tmp_path / runtime.TOKENIZER_FILE
    tokenizer.save(str(path))
    (tmp_path / runtime.MODEL_FILE).write_bytes(b"")
    with pytest.raises(DocketError) as caught:
        runtime.load(tmp_path)
    assert caught.value.code == "E035" and str(path) in str(caught.value)


def test_word_pieces_keep_their_offsets_into_the_text(tmp_path: Path) -> None:
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers

    vocab = {"[PAD]": 0, "[UNK]": 100, "[CLS]": 101, "[SEP]": 102, "car": 103, "bomb": 104}
    vocab.update({"##s": 105, "the": 106})
    tokenizer = Tokenizer(models.WordPiece(vocab, unk_token="[UNK]"))
    tokenizer.normalizer = normalizers.BertNormalizer(lowercase=True)
    tokenizer.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    path = tmp_path / runtime.TOKENIZER_FILE
    tokenizer.save(str(path))
    text = "The car  bombs"
    ids, offsets = runtime.pieces(runtime.load_tokenizer(path), text)
    assert ids == [106, 103, 104, 105]
    assert [text[s:e] for s, e in offsets] == ["The", "car", "bomb", "s"]


def test_without_its_weights_the_rules_read_alone(tmp_path: Path) -> None:
    assert runtime.load(tmp_path) is None
