"""Near-duplicate origins: syndicated and lightly edited copies point to one origin document."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from docket.link import origins
from docket.read.decode import html_to_text
from docket.settings import Settings
from docket.store import open_store
from linking_helpers import extraction, filler, incident

CORPUS = Path(__file__).parent / "corpus" / "linking"
ARTICLE = (
    "Azerbaijani forces fired cluster munitions into residential neighbourhoods of Stepanakert on "
    "Sunday, Armenian officials said. Local authorities said the rockets scattered small bomblets "
    "across streets of apartment buildings, wounding several civilians and damaging homes. "
    "Journalists who visited the city saw unexploded submunitions lying in a courtyard near the "
    "central market. The fighting has continued despite calls for a ceasefire."
)


def test_shingles_ignore_case_and_punctuation() -> None:
    assert origins.shingles("One, two THREE four five six") == origins.shingles(
        "one two three four five six!"
    )
    assert origins.signature("too short to index") is None


def test_copies_with_other_page_furniture_are_near_duplicates() -> None:
    wire = html_to_text((CORPUS / "d02-wire-stepanakert.html").read_text()).text
    copy = html_to_text((CORPUS / "d03-courier-stepanakert-copy.html").read_text()).text
    edited = html_to_text((CORPUS / "d04-gazette-stepanakert-edited.html").read_text()).text
    other = html_to_text((CORPUS / "d13-wire-stepanakert-drone.html").read_text()).text
    base = origins.signature(wire)
    assert base is not None
    for text in (copy, edited):
        sig = origins.signature(text)
        assert sig is not None and origins.similarity(base, sig) >= origins.THRESHOLD
    sig = origins.signature(other)
    assert sig is not None and origins.similarity(base, sig) < 0.2


def test_copies_collapse_to_one_origin_in_any_order(tmp_path: Path) -> None:
    texts = {
        "wire": ARTICLE,
        "copy": "Daily Courier. " + ARTICLE + " This story was distributed by a news agency.",
        "edit": ARTICLE.replace("Local authorities", "Authorities") + " Armenia called it a crime.",
        "other": filler("unrelated", 80),
    }
    for n, order in enumerate(
        (["wire", "copy", "edit", "other"], ["edit", "other", "copy", "wire"])
    ):
        store = open_store(Settings(data_dir=tmp_path / str(n)))
        ids = {}
        for name in order:
            ext, raw = extraction(texts[name], [incident()] if name != "other" else [])
            assert store.save_linked(ext, raw, name)
            ids[name] = ext.document.id
        roots = {name: store.document(i).origin or i for name, i in ids.items()}
        first = ids[order[0]] if order[0] != "other" else ids[order[1]]
        assert roots["wire"] == roots["copy"] == roots["edit"] == first
        assert roots["other"] == ids["other"]
        # three copies of one article are one independent origin, not three
        heads = {s.incident.id for s in store.incidents() if s.status != "merged"}
        graded = [store.incident(h).incident for h in heads if len(store.incident(h).sources) == 3]
        assert graded and graded[0].model_extra["origins"] == 1  # type: ignore[index]
        store.close()


def test_lookup_uses_the_band_index_not_all_pairs(tmp_path: Path) -> None:
    store = open_store(Settings(data_dir=tmp_path))
    for n in range(30):
        ext, raw = extraction(filler(f"doc{n}", 80), [])
        store.save_linked(ext, raw, "x")
    with store.engine.connect() as conn:  # the index itself: one row per document and band
        rows = conn.scalar(sa.text("SELECT count(*) FROM minhash_bands"))
    assert rows == 30 * origins.BANDS
    probe = origins.signature(filler("doc7", 80) + " with a new closing line")
    assert probe is not None
    found = store.find_origin(probe)
    assert found is not None and found.similarity >= origins.THRESHOLD
    store.close()


def test_signatures_and_bands_are_datasketchs() -> None:
    """Stores written before were indexed with datasketch's MinHash and LSH: docket's own numpy
    signature gives the same values and the same band keys, so their copies are still found."""
    import hashlib

    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=origins.THRESHOLD, num_perm=origins.NUM_PERM)
    assert (lsh.b, lsh.r) == (origins.BANDS, origins.ROWS)
    texts = [html_to_text(p.read_text()).text for p in sorted(CORPUS.glob("*.html"))]
    texts += [ARTICLE, ARTICLE.upper(), " ".join(ARTICLE.split()[:21])]
    for text in texts:
        ours = origins.signature(text)
        assert ours is not None
        theirs = MinHash(num_perm=origins.NUM_PERM, seed=origins.SEED)
        theirs.update_batch(sorted(origins.shingles(text)))
        assert ours.hashvalues.tolist() == theirs.hashvalues.tolist()
        bands = [lsh._H(theirs.hashvalues[start:end]) for start, end in lsh.hashranges]
        keys = [
            int.from_bytes(hashlib.blake2b(band, digest_size=8).digest(), "little", signed=True)
            for band in bands
        ]
        assert origins.band_keys(ours) == keys
