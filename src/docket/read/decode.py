"""Bytes to text: encodings, binary detection, HTML boilerplate removal, page furniture."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from docket.errors import DocketError

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-]+)""", re.I)

# Lines that end an article's body on web pages: comment forms, sharing widgets, newsletter boxes.
# General page furniture seen across publishing platforms (WordPress, Blogger, news CMSs).
FURNITURE_STARTS = (
    "leave a reply",
    "leave a comment",
    "post a comment",
    "your email address will not be published",
    "required fields are marked",
    "share this:",
    "like this:",
    "related posts",
    "subscribe to our newsletter",
    "sign up for our newsletter",
    "click to share",
    "you may also like",
    "comments are closed",
    "posted in ",
    "filed under",
    "all rights reserved",
)


@dataclass(frozen=True)
class Decoded:
    """The text of a source and what the page said about itself."""

    text: str
    title: str | None = None
    published: str | None = None
    encoding: str = "utf-8"


def looks_binary(raw: bytes) -> bool:
    """True when the bytes are not text: NUL bytes (outside UTF-16) or many control bytes."""
    head = raw[:8192]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return bool(head) and controls / len(head) > 0.05


def decode_bytes(raw: bytes, path: str, encoding: str | None = None) -> tuple[str, str]:
    """The text of ``raw`` and the encoding used: the one given, a BOM, a declared charset, UTF-8,
    then Windows-1252 (Latin-1) as browsers read undeclared Western text.

    Raises E004 for binary content and E003 when the bytes are none of these.
    """
    if looks_binary(raw):
        raise DocketError("E004", "binary content, not text", path)
    if encoding:
        try:
            return raw.decode(encoding), encoding
        except (LookupError, UnicodeDecodeError) as exc:
            raise DocketError("E003", f"cannot decode as {encoding}: {exc}", path) from exc
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if raw.startswith(bom):
            return raw.decode(name), name
    declared = _META_CHARSET.search(raw[:4096]) or _XML_ENCODING.search(raw[:4096])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        try:
            return raw.decode(name), name
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        legacy = western(raw)
        if legacy is not None:
            return legacy, "windows-1252"
        raise DocketError(
            "E003",
            f"not UTF-8 (byte {exc.start}), not Western (Windows-1252/Latin-1) text either, "
            "and no charset declared",
            path,
        ) from exc


# UTF-8's two-byte sequences for U+0080..U+00FF: in undeclared bytes they mean UTF-8 mixed with
# another encoding, which a Windows-1252 reading would turn into mojibake ("CafÃ©").
_UTF8_LATIN = re.compile(rb"[\xC2\xC3][\x80-\xBF]")
MAX_HIGH_SHARE = 0.2  # Western text is mostly ASCII; more high bytes mean another script


def western(raw: bytes) -> str | None:
    """The text of undeclared non-UTF-8 bytes read as Windows-1252 (the superset of Latin-1 that
    browsers use for both labels), or None where they are not that: a byte Windows-1252 leaves
    undefined, more than a fifth of the bytes above ASCII (Cyrillic, Greek or CJK encodings), or
    UTF-8 sequences mixed in."""
    high = sum(1 for byte in raw if byte > 0x7F)
    if not raw or high / len(raw) > MAX_HIGH_SHARE or _UTF8_LATIN.search(raw):
        return None
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return None


def normalise_text(text: str) -> str:
    """Plain text with unified newlines, page furniture at the end cut off and repeated
    paragraphs dropped.

    A paragraph that repeats the one before it (a photo caption printed twice, perhaps with a credit
    such as "AP" appended) is kept once.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    lines = [line.rstrip() for line in text.split("\n")]
    kept: list[str] = []
    offset = 0
    for line in lines:
        offset += len(line) + 1
        lowered = line.strip().lower()
        if lowered.startswith(FURNITURE_STARTS) and ends_the_page(len(text) - offset, len(text)):
            break
        previous = next((k for k in reversed(kept) if k.strip()), "")
        if lowered and previous and _repeats(previous.strip(), line.strip()):
            continue
        kept.append(line)
    joined = "\n".join(kept).strip()
    return re.sub(r"\n{3,}", "\n\n", joined)


FURNITURE_TAIL = 3000  # characters after a furniture line that may still be the page's end


def ends_the_page(rest: int, whole: int) -> bool:
    """Whether a furniture line with ``rest`` characters after it ends the body: only near the
    end (at most 3,000 characters or a quarter of the text follow), so a long report whose
    copyright page says "All rights reserved" keeps its text."""
    return rest <= max(FURNITURE_TAIL, whole // 4)


def _repeats(previous: str, line: str) -> bool:
    """True when ``line`` is ``previous`` again, possibly followed by a short credit."""
    if len(previous) < 20 or not line.startswith(previous):
        return False
    rest = line[len(previous) :].strip()
    return len(rest.split()) <= 3


MAX_HTML_DEPTH = 2048  # libxml2's nesting limit with XML_PARSE_HUGE (256 without it)
NOT_TEXT_ELEMENTS = ("script", "style", "noscript", "template")


def html_to_text(html: str, path: str = "") -> Decoded:
    """The article text of an HTML page, without navigation, scripts, comments and footers.

    Raises E024 for a page nested deeper than the HTML parser reads (``MAX_HTML_DEPTH``).
    """
    import trafilatura
    from lxml import etree
    from lxml.html import HTMLParser, fromstring

    # trafilatura's own parser stops at 256 levels and then finds no text at all; scripts and
    # styles go before extraction so that none leaks into the title (a <script> in the <h1>).
    parser = HTMLParser(
        encoding="utf-8",
        huge_tree=True,
        collect_ids=False,
        default_doctype=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        tree = fromstring(html.encode("utf-8", "surrogatepass"), parser=parser)
    except etree.ParserError:  # "Document is empty"
        return Decoded(text="")
    if any(error.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT for error in parser.error_log):
        raise DocketError("E024", f"elements nested more than {MAX_HTML_DEPTH:,} deep", path)
    etree.strip_elements(tree, *NOT_TEXT_ELEMENTS, with_tail=False)
    result = trafilatura.bare_extraction(
        tree, with_metadata=True, include_comments=False, include_tables=False, favor_recall=True
    )
    if result is None:
        return Decoded(text="")
    page = result if isinstance(result, dict) else result.as_dict()
    body = (page.get("text") or "").replace("\n", "\n\n")
    return Decoded(text=normalise_text(body), title=page.get("title"), published=page.get("date"))
