"""The read stage: raw bytes to the analysed text, its language and the document record."""

from __future__ import annotations

from datetime import date

from docket.analysis import Analysis
from docket.errors import DocketError, Problem
from docket.pipeline import Context, Stage
from docket.read.decode import decode_bytes, html_to_text, normalise_text
from docket.read.language import identify
from docket.record import DocumentInfo, content_hash


def parse_date(value: str | None, where: str) -> date | None:
    """A date from ``YYYY-MM-DD`` (or a longer ISO timestamp); E015 when it is not one."""
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError as exc:
        raise DocketError("E015", f"bad date {value!r}", where) from exc


def run(analysis: Analysis, context: Context) -> None:
    where = analysis.source
    text, _ = decode_bytes(analysis.raw, where, analysis.meta.get("encoding"))
    title = analysis.meta.get("title")
    published = parse_date(analysis.meta.get("published"), where)
    if analysis.media_type == "text/html":
        page = html_to_text(text, where)
        text = page.text
        title = title or page.title
        if published is None and page.published:
            try:  # a page's own date is a hint, not an input the user gave: ignore a bad one
                published = parse_date(page.published, where)
            except DocketError:
                published = None
    else:
        text = normalise_text(text)
    if not text.strip():
        raise DocketError("E005", "no text after extraction", where)
    if len(text) > context.settings.max_text_chars:
        raise DocketError("E017", f"{len(text):,} characters of text", where)
    language, probability = identify(text)
    if language != "en" and probability < context.settings.min_english_confidence:
        language = "en"  # too little evidence to call it anything else
    if language != "en":
        analysis.problems.append(
            Problem("E009", f"language {language} (p={probability:.2f}), not analysed", where)
        )
    analysis.text = text
    analysis.language = language
    analysis.published = published or analysis.published
    analysis.document = DocumentInfo(
        id=content_hash(analysis.raw),
        text=text,
        id_in_batch=analysis.meta.get("id"),
        title=title,
        published=analysis.published,
        language=language,
        url=analysis.meta.get("url"),
        outlet=analysis.meta.get("outlet"),
        media_type=analysis.media_type,
    )


STAGE = Stage(
    name="read",
    help="Decode the raw bytes (encoding, HTML boilerplate removal, page furniture), identify the "
    "language, and make the document record whose id is the SHA-256 of the raw bytes.",
    reads=("raw", "source", "media_type", "meta", "published"),
    writes=("text", "language", "published", "document", "problems"),
    run=run,
    analyses_text=False,
    essential=True,
)
