"""Gazetteer load time, mean resolution time per toponym after load, and toponym detection time.

Run: .venv/bin/python benchmarks/geo.py [--documents N]
Reads the LGL corpus (../shared/eval/geoparsing/lgl.xml) for real toponyms in their documents;
targets: load < 2 s, < 1 ms per toponym, with the learned ranker deciding (the rules' reading
alone, which gives the ranker its features, is timed too). Detection: the learned detector over
documents already parsed by the spaCy model (the parse itself is the pipeline's, timed apart),
per document and per 1,000 characters, against the rules' detection alone.
"""

from __future__ import annotations

import argparse
import time

from docket.evaluate.geo import load_corpus
from docket.knowledge.gazetteer.store import Gazetteer, built
from docket.resolve.places.detect import detect
from docket.resolve.places.detector import load_detector
from docket.resolve.places.ranker import load_ranker, resolve
from docket.resolve.places.ranking import rule_reading
from docket.settings import load_settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=200, help="LGL documents to resolve")
    args = parser.parse_args()
    path = built()
    started = time.perf_counter()
    gazetteer = Gazetteer(path)
    gazetteer.lookup("Paris")  # first read: opens the file and its index
    load = time.perf_counter() - started
    docs = load_corpus(load_settings(), "LGL", args.documents)
    spans = [[(t.start, t.end) for t in d.toponyms] for d in docs]
    started = time.perf_counter()
    ranker = load_ranker()
    ranker_load = time.perf_counter() - started
    started = time.perf_counter()
    for doc, doc_spans in zip(docs, spans, strict=True):
        resolve(gazetteer, doc.text, doc_spans, ranker=ranker)
    cold = time.perf_counter() - started
    started = time.perf_counter()
    for doc, doc_spans in zip(docs, spans, strict=True):
        resolve(gazetteer, doc.text, doc_spans, ranker=ranker)
    warm = time.perf_counter() - started
    started = time.perf_counter()
    for doc, doc_spans in zip(docs, spans, strict=True):
        rule_reading(gazetteer, doc.text, doc_spans)
    rules = time.perf_counter() - started
    n = sum(map(len, spans))
    print(f"gazetteer load: {load * 1000:.1f} ms ({path})")
    print(f"place ranker load: {ranker_load * 1000:.1f} ms")
    print(f"toponyms resolved: {n} in {len(docs)} LGL documents, in context")
    print(f"mean resolution time, first reading of each name: {cold / n * 1000:.3f} ms per toponym")
    print(f"mean resolution time, names already read: {warm / n * 1000:.3f} ms per toponym")
    print(
        f"the rules' reading alone (the ranker's features): {rules / n * 1000:.3f} ms per toponym"
    )
    from docket.resources import Resources

    nlp = Resources(load_settings()).nlp
    started = time.perf_counter()
    parsed = [nlp(d.text) for d in docs]
    parse = time.perf_counter() - started
    started = time.perf_counter()
    detector = load_detector()
    detector_load = time.perf_counter() - started
    started = time.perf_counter()
    for doc in parsed:
        detector.detect(doc, gazetteer)
    learned = time.perf_counter() - started
    started = time.perf_counter()
    for doc in parsed:
        detect(doc, gazetteer)
    plain = time.perf_counter() - started
    chars = sum(len(d.text) for d in docs) / 1000
    print(f"toponym detector load: {detector_load * 1000:.1f} ms")
    print(
        f"spaCy parse (the pipeline's, for scale): {parse / chars * 1000:.1f} ms per 1,000 characters"
    )
    print(
        f"learned detection: {learned / len(docs) * 1000:.2f} ms per document, "
        f"{learned / chars * 1000:.2f} ms per 1,000 characters "
        f"(the rules alone: {plain / chars * 1000:.2f} ms)"
    )


if __name__ == "__main__":
    main()
