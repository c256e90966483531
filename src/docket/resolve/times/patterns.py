"""The regular expressions that find time expressions in English news text.

Each pattern has a name; :mod:`docket.resolve.times.rules` holds the function that turns a match
of that name into a TIMEX3 value. Patterns are matched case-insensitively; rules that would
misread a common word ("may", "march", "fall") check capitals or context themselves.
"""

from __future__ import annotations

import re
from functools import lru_cache

from docket.resolve.number_words import DIGIT_NUMBER, WORD_NUMBER

MONTH_NAMES = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november"
    r"|december|jan\.|feb\.|mar\.|apr\.|jun\.|jul\.|aug\.|sept\.|sep\.|oct\.|nov\.|dec\."
    r"|jan|feb|aug|sept|oct|nov|dec)"
)
MONTH = rf"(?P<month>{MONTH_NAMES})"
WEEKDAY = r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
PART_OF_DAY = r"(?P<pod>morning|afternoon|evening|night)"
YEAR = r"(?:1[0-9]|20)\d\d"
SPOKEN_YEAR = (
    r"(?:nineteen|twenty)[\s-]+(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
    r"|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?"
)
UNIT = r"(?P<unit>second|minute|hour|day|week|fortnight|month|quarter|year|decade|centur(?:y|ie))"
VAGUE = r"(?:a\s+few|a\s+couple\s+of|several|few|many|some|a\s+number\s+of|numerous)"
QUALIFIER = (
    r"(?:about|around|nearly|almost|approximately|roughly|more\s+than|less\s+than|over"
    r"|at\s+least|up\s+to|under|just|only|the\s+better\s+part\s+of)"
)
MOD = (
    r"(?P<mod>early|late|mid|earlier|later|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of"
    r"|the\s+middle\s+of|the\s+rest\s+of|the\s+remainder\s+of)"
)
NOT_NUMBER_AFTER = r"(?![\d,]*\d|\.\d|\s*%|\s*(?:percent|per\s+cent)\b)"

PATTERNS: tuple[tuple[str, str], ...] = (
    ("iso", rf"(?<![\d/-])(?P<year>{YEAR})-(?P<mnum>\d\d)-(?P<day>\d\d)(?![\d-])"),
    ("numeric", r"(?<![\d/.])(?P<mnum>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4}|\d\d)(?![\d/])"),
    (
        "month_date",
        rf"(?:{MOD}[\s-]+)?(?:(?P<rel>last|next|this|coming)\s+)?{MONTH}"
        rf"(?:\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?!\d))?"
        rf"(?:,?\s+(?:of\s+)?(?P<year>{YEAR}|{SPOKEN_YEAR})(?![\d-])"
        r"|,?\s+(?:of\s+)?(?P<ryear>this|last|next)\s+year)?"
        r"(?![\w])",
    ),
    (
        "day_month",
        rf"(?<![\d.,])(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}"
        rf"(?:,?\s+(?P<year>{YEAR})(?!\d))?(?![\w])",
    ),
    (
        "weekday",
        rf"(?:(?P<rel>last|next|this|coming|past|early|late)\s+)?{WEEKDAY}(?P<plural>s)?"
        rf"(?:\s+{PART_OF_DAY})?"
        rf"(?:,?\s+(?P<month2>{MONTH_NAMES})\s+(?P<day>\d{{1,2}})(?:,?\s+(?P<year>{YEAR}))?)?",
    ),
    (
        "relative_day",
        r"(?P<word>today|tonight|tomorrow|yesterday|the\s+day\s+before\s+yesterday"
        r"|the\s+day\s+after\s+tomorrow|last\s+night|this\s+(?:morning|afternoon|evening))"
        rf"(?:\s+{PART_OF_DAY})?",
    ),
    (
        "relative_unit",
        rf"(?:{MOD}[\s-]+(?:in\s+)?)?"
        r"(?P<rel>last|next|this|coming|previous|current|past|the\s+(?:previous|coming|current"
        r"|following|same|preceding|past|last|next))\s+"
        r"(?P<unit>week|weekend|month|quarter|year|decade|century|fiscal\s+year|spring|summer"
        r"|fall|autumn|winter|season)(?![\w-])",
    ),
    (
        "duration",
        rf"(?:{QUALIFIER}\s+)?"
        r"(?P<lead>(?:the\s+)?(?:(?:past|last|next|first|coming|previous|following|final|latest"
        r"|initial|remaining|same|other|recent)\s+)?)?"
        rf"(?P<n>{DIGIT_NUMBER}|{WORD_NUMBER}|{VAGUE}|an?)(?P<frac>\s+1/2|½)?"
        r"[\s-]+(?P<half>and[\s-]+a[\s-]+half[\s-]+)?"
        rf"{UNIT}(?P<plural>s)?(?![\w-])(?P<old>[\s-]+old)?"
        r"(?P<suffix>\s+(?:ago|earlier|later|from\s+now|hence|back))?",
    ),
    (
        "bare_units",
        r"(?P<pre>(?:in\s+)?recent\s+|for\s+)?(?P<unit>years|months|weeks|days|decades)(?![\w-])",
    ),
    (
        "year",
        rf"(?<![\d$£€.,/#-])(?:(?P<mod>early|mid|late|the\s+end\s+of|the\s+beginning\s+of"
        r"|the\s+start\s+of|the\s+middle\s+of)[\s-]+)?(?:(?P<fiscal>fiscal(?:\s+year)?|calendar(?:\s+year)?|FY)\s*)?"
        rf"(?P<year>{YEAR}){NOT_NUMBER_AFTER}(?![\w-])",
    ),
    (
        "decade",
        r"(?:the\s+)?(?:(?P<mod>early|mid|late)[\s-]+)?"
        r"(?:(?P<decade>(?:1[0-9]|20)\d0)|'(?P<short>\d0))'?s(?![\w])",
    ),
    (
        "quarter",
        rf"(?:the\s+)?(?:(?:fiscal\s+)?(?P<year>{YEAR})(?:'s)?\s+|(?P<ryear>this|last|next)\s+year's\s+)?"
        r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?:fiscal[\s-]+)?"
        rf"(?P<part>quarter|half)(?:\s+(?:of\s+)?(?:fiscal\s+)?(?P<year2>{YEAR}))?(?![\w-])",
    ),
    (
        "the_quarter",
        r"the\s+(?P<which>(?:latest|recent|most\s+recent|current|previous|year-earlier|year-ago"
        r"|same|comparable|fiscal)\s+)?(?:(?:year-earlier|year-ago)\s+)?(?P<part>quarter|period)(?![\w-])",
    ),
    (
        "the_unit",
        rf"(?:{MOD}\s+)?the\s+(?:(?P<full>full|whole|entire|calendar)\s+)?(?P<unit>year|month|week|weekend)"
        r"(?![\w-]|\s+(?:ended|ending|earlier|ago|before|after))",
    ),
    (
        "spoken_year",
        r"(?:the\s+year\s+)?(?:(?P<century>nineteen|twenty)[\s-]+(?P<rest>(?:ten|eleven|twelve"
        r"|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty"
        r"|fifty|sixty|seventy|eighty|ninety)(?:[\s-]+(?:one|two|three|four|five|six|seven|eight"
        r"|nine))?|hundred)|(?P<thousand>two\s+thousand(?:\s+and)?(?:\s+(?:one|two|three|four"
        r"|five|six|seven|eight|nine|ten))?))(?![\w-])"
        r"|the\s+(?P<decade_word>twenties|thirties|forties|fifties|sixties|seventies|eighties"
        r"|nineties)(?![\w-])",
    ),
    ("year_earlier", r"(?:the\s+)?(?:year-earlier|year-ago|prior-year|year-before)(?![\w-])"),
    (
        "generic",
        r"(?P<word>now|currently|nowadays|presently|at\s+present|these\s+days|the\s+present"
        r"|current|recently|lately|recent|formerly|in\s+the\s+past|the\s+past"
        r"|the\s+future|soon|shortly|in\s+the\s+coming\s+(?:days|weeks|months|years)"
        r"|(?:the\s+)?coming\s+(?:days|weeks|months|years|quarters)"
        r"|in\s+recent\s+(?:days|weeks|months|years)"
        r"|recent\s+(?:days|weeks|months|years))(?![\w-])",
    ),
    (
        "season",
        rf"(?:(?P<rel>last|next|this|early|late|mid|the)[\s-]+)?(?P<season>spring|summer|fall|autumn"
        rf"|winter)(?:\s+(?:of\s+)?(?P<year>{YEAR}|{SPOKEN_YEAR}))?(?![\w-])",
    ),
    (
        "clock",
        r"(?<![\d.:])(?P<hour>\d{1,2})(?::(?P<minute>\d\d))?\s*(?P<ampm>a\.m\.|p\.m\.|am|pm)(?!\w)"
        r"|(?P<word>noon|midday|midnight)",
    ),
    (
        "set",
        r"(?P<word>daily|weekly|monthly|annually|yearly|hourly|nightly)(?![\w-])"
        r"|(?:every|each|per)\s+(?:other\s+)?(?P<unit>day|week|month|quarter|year|hour|morning"
        r"|night|weekend|monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?![\w-])",
    ),
    (
        "century",
        r"(?:the\s+)?(?P<ord>\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh"
        r"|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth"
        r"|seventeenth|eighteenth|nineteenth|twentieth|twenty-first)[\s-]+century(?![\w-])",
    ),
    (
        "holiday",
        r"(?P<holiday>christmas(?:\s+(?:day|eve))?|new\s+year'?s(?:\s+(?:day|eve))?"
        r"|thanksgiving(?:\s+day)?|independence\s+day)(?![\w-])",
    ),
)


# Words one of which every match of a pattern contains ("#" stands for any number): a pattern
# runs only near them, which keeps the stage fast on long texts.
UNITS = "second seconds minute minutes hour hours day days week weeks fortnight fortnights month"
UNITS += " months quarter quarters year years decade decades century centuries"
MONTH_WORDS = "january february march april may june july august september october november"
MONTH_WORDS += " december jan feb mar apr jun jul aug sept sep oct nov dec"
DAYS = "monday tuesday wednesday thursday friday saturday sunday"
SEASONS = "spring summer fall autumn winter"
KEYWORDS: dict[str, str] = {
    "iso": "#",
    "numeric": "#",
    "day_month": "#",
    "year": "#",
    "decade": "#",
    "clock": "# noon midday midnight",
    "month_date": MONTH_WORDS,
    "weekday": DAYS + " mondays tuesdays wednesdays thursdays fridays saturdays sundays",
    "relative_day": "today tonight tomorrow yesterday night morning afternoon evening",
    "relative_unit": "week weekend month quarter year decade century season " + SEASONS,
    "duration": UNITS,
    "bare_units": "years months weeks days decades",
    "quarter": "quarter half",
    "the_quarter": "quarter period",
    "the_unit": "year month week weekend",
    "spoken_year": "nineteen twenty thousand twenties thirties forties fifties sixties seventies"
    " eighties nineties",
    "year_earlier": "year",
    "generic": "now currently nowadays presently present current recently lately recent"
    " formerly past future soon shortly coming days",
    "season": SEASONS,
    "set": "daily weekly monthly annually yearly hourly nightly every each per",
    "century": "century",
    "holiday": "christmas year years thanksgiving independence",
}
BEFORE, AFTER = 90, 60  # how far a match may reach before and after its keyword


@lru_cache(maxsize=1)
def compiled() -> tuple[tuple[str, re.Pattern[str], frozenset[str]], ...]:
    """The patterns and their keywords, compiled once per process."""
    return tuple(
        (name, re.compile(rf"\b(?:{source})", re.IGNORECASE), frozenset(KEYWORDS[name].split()))
        for name, source in PATTERNS
    )


def word_positions(text: str) -> dict[str, list[tuple[int, int]]]:
    """Where each word of the text is (lower case; every number under "#")."""
    positions: dict[str, list[tuple[int, int]]] = {}
    for word in re.finditer(r"[A-Za-z]+|\d+", text):
        key = "#" if word.group(0)[0].isdigit() else word.group(0).lower()
        positions.setdefault(key, []).append(word.span())
    return positions


def windows(
    text: str, keywords: frozenset[str], positions: dict[str, list[tuple[int, int]]]
) -> list[tuple[int, int]]:
    """The stretches of ``text`` around the keywords, merged where they touch."""
    hits = sorted(span for word in keywords for span in positions.get(word, ()))
    merged: list[tuple[int, int]] = []
    for hit_start, hit_end in hits:
        start, end = max(0, hit_start - BEFORE), min(len(text), hit_end + AFTER)
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
