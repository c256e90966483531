"""Reading numbers written in words or digits: "four", "twenty-four", "5,000", "2.5 million".

Shared by the times and quantities stages. Vague amounts ("a few", "several", "dozens") are not
numbers here; each stage gives them its own meaning.
"""

from __future__ import annotations

import re

UNITS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES: dict[str, int] = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}
ORDINALS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
}
# words that stand for 1 before a unit ("a year", "an hour")
ARTICLES = {"a": 1, "an": 1, "one": 1}

WORD_NUMBER = (
    r"(?:(?:" + "|".join(sorted([*UNITS, *TENS], key=len, reverse=True)) + r")"
    r"(?:[\s-]+(?:and[\s-]+)?(?:"
    + "|".join(sorted([*UNITS, *TENS, *SCALES], key=len, reverse=True))
    + r"))*)"
)
DIGIT_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"


def words_to_int(words: str) -> int | None:
    """The integer that ``words`` spell ("twenty-four" -> 24, "five thousand" -> 5000), or None."""
    tokens = [t for t in re.split(r"[\s-]+", words.lower().strip()) if t and t != "and"]
    if not tokens:
        return None
    total = 0
    current = 0
    seen = False
    for token in tokens:
        if token in UNITS:
            current += UNITS[token]
        elif token in TENS:
            current += TENS[token]
        elif token in ARTICLES and not seen:
            current += 1
        elif token == "hundred":
            current = max(current, 1) * 100
        elif token in SCALES:
            total += max(current, 1) * SCALES[token]
            current = 0
        else:
            return None
        seen = True
    return total + current


def to_number(text: str) -> float | None:
    """The value of a number in digits or words, with an optional scale word ("2.5 million").

    Returns None for anything that is not a number; never raises. Very long digit strings are
    read as they are (Python integers do not overflow).
    """
    cleaned = text.lower().strip()
    match = re.fullmatch(
        rf"({DIGIT_NUMBER})(?:\s*-?\s*(hundred|thousand|million|billion|trillion))?", cleaned
    )
    if match:
        digits = match.group(1).replace(",", "")
        try:
            value = float(digits) if "." in digits else int(digits)
        except ValueError:
            return None
        if match.group(2):
            value = value * SCALES[match.group(2)]
        return value
    return words_to_int(cleaned)
