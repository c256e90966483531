"""Persons: slug ids from names, and the titles that tie them to a state or organisation.

"Russian President Vladimir Putin" -> ``vladimir-putin``, role "President", affiliation RUS;
"the Secretary of State of the United States Mike Pompeo" -> ``mike-pompeo``, "Secretary of
State", USA; "HRW researcher Jane Doe" -> affiliation ``hrw``. The affiliation is the registry
actor named in the title phrase just before the name (a demonym, a state, a capital or an
organisation), or in an apposition just after it ("Mike Pompeo, the US Secretary of State").
"""

from __future__ import annotations

import re
import unicodedata

from docket.knowledge.actors.registry import Registry

TITLES = (
    "president",
    "vice president",
    "vice-president",
    "prime minister",
    "deputy prime minister",
    "foreign minister",
    "defence minister",
    "defense minister",
    "interior minister",
    "minister",
    "secretary of state",
    "secretary of defense",
    "secretary of defence",
    "defense secretary",
    "defence secretary",
    "foreign secretary",
    "home secretary",
    "secretary-general",
    "secretary general",
    "secretary",
    "chancellor",
    "king",
    "queen",
    "prince",
    "crown prince",
    "emir",
    "sheikh",
    "sultan",
    "general",
    "gen.",
    "lieutenant general",
    "lt. gen.",
    "major general",
    "maj. gen.",
    "brigadier general",
    "brig. gen.",
    "colonel",
    "col.",
    "lieutenant colonel",
    "lt. col.",
    "major",
    "maj.",
    "captain",
    "capt.",
    "lieutenant",
    "lt.",
    "sergeant",
    "sgt.",
    "admiral",
    "adm.",
    "vice admiral",
    "rear admiral",
    "marshal",
    "field marshal",
    "commander",
    "chief of staff",
    "chief",
    "head",
    "leader",
    "supreme leader",
    "ambassador",
    "envoy",
    "special envoy",
    "special representative",
    "representative",
    "rapporteur",
    "special rapporteur",
    "high commissioner",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "director",
    "executive director",
    "director-general",
    "director general",
    "chairman",
    "chairwoman",
    "chair",
    "governor",
    "mayor",
    "senator",
    "sen.",
    "congressman",
    "congresswoman",
    "rep.",
    "deputy",
    "premier",
    "pope",
    "ayatollah",
    "cleric",
    "imam",
    "researcher",
    "senior researcher",
    "analyst",
    "investigator",
    "coordinator",
    "official",
    "officer",
    "diplomat",
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "dr",
    "dr.",
    "judge",
    "prosecutor",
    "chief prosecutor",
    "attorney general",
    "justice",
    "lawmaker",
    "mp",
)
HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "dame", "the"}
TITLE_WORDS = frozenset(t for t in TITLES if " " not in t)  # the one-word titles ("minister")
TITLE_PATTERN = re.compile(
    r"(?<!\w)(?:"
    + "|".join(re.escape(t) for t in sorted(TITLES, key=len, reverse=True))
    + r")(?!\w)",
    re.IGNORECASE,
)
# how far before a name a title phrase may start ("the Secretary of State of the United States")
WINDOW = 70
STOP = re.compile(r"[.;:!?\n\"“”()]|,(?!\s*(?:the|a)?\s*[A-Z])")


def slug(name: str) -> str:
    """The lower-case ASCII slug of a name: "Arayik Harutyunyan" -> "arayik-harutyunyan"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def clean_name(name: str) -> str:
    """The name without leading honorifics or titles and without a possessive ending."""
    name = re.sub(r"['’]s?$", "", name.strip())
    words = name.split()
    while len(words) > 1 and (
        words[0].lower() in HONORIFICS or TITLE_PATTERN.fullmatch(words[0]) is not None
    ):
        words = words[1:]
    return " ".join(words)


def title_before(text: str, start: int) -> str | None:
    """The title phrase ending just before ``start`` ("President", "Secretary of State of ...")."""
    window = text[max(0, start - WINDOW) : start]
    stops = list(STOP.finditer(window))
    if stops:
        window = window[stops[-1].end() :]
    titles = list(TITLE_PATTERN.finditer(window))
    if not titles:
        return None
    first = titles[0].start()
    lead = re.search(r"(?:[A-Z][\w.'’-]*\s+)*$", window[:first])
    if lead is not None:
        first = lead.start()  # "Russian President", "U.S. Secretary of State"
    return window[first:].strip() or None


def role_and_affiliation(
    text: str, start: int, end: int, registry: Registry
) -> tuple[str | None, str | None]:
    """The role and the affiliated actor id of the person named at ``text[start:end]``."""
    phrase = title_before(text, start)
    if phrase is None:
        after = re.match(r",\s*((?:the\s+)?[^,.;:\n]{3,80})", text[end : end + 90])
        phrase = after.group(1) if after and TITLE_PATTERN.search(after.group(1)) else None
    if phrase is None:
        return None, None
    titles = [m.group() for m in TITLE_PATTERN.finditer(phrase)]
    role = max(titles, key=len) if titles else None
    if role is not None and role.lower() in HONORIFICS:
        role = None
    affiliation = None
    for hit in registry.find(phrase):
        if hit.actor.type != "person":
            affiliation = hit.actor.id
            break
    return role, affiliation
