"""General word lists the judge reads incidents' sentences with: protected objects and persons,
populated places, attack words, and statements that no military objective was found.

They are general English usage for reporting on armed conflict, not fitted to any document.
Patterns are compiled on first use.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

# What IHL specially protects, by kind, as reporting names it.
PROTECTED = {
    "medical": r"hospitals?|clinics?|medical (?:facilit(?:y|ies)|cent(?:re|er)s?|staff|workers?|teams?|units?)"
    r"|health (?:cent(?:re|er)s?|facilit(?:y|ies)|posts?|workers?)|ambulances?|maternity wards?|paramedics?",
    "school": r"schools?|kindergartens?|nurser(?:y|ies) schools?|universit(?:y|ies)|colleges?",
    "worship": r"mosques?|churche?s?|cathedrals?|synagogues?|temples?|monaster(?:y|ies)|shrines?"
    r"|places? of worship",
    "humanitarian": r"humanitarian (?:workers?|convoys?|premises|offices?|staff|aid|warehouses?|corridors?)"
    r"|aid (?:workers?|convoys?|agenc(?:y|ies)|distribution (?:points?|sites?))"
    r"|(?:International )?Committee of the Red Cross|ICRC|Red Cross|Red Crescent|M[ée]decins Sans Fronti[èe]res"
    r"|MSF|UNRWA|UNICEF|World Food Programme|WFP|UN (?:compound|premises|shelter|school|base)s?"
    r"|refugee camps?|camps? for (?:the )?displaced|IDP camps?",
    "journalists": r"journalists?|reporters?|media (?:workers?|crews?|offices?)|press (?:vehicles?|offices?)"
    r"|camera(?:man|men|woman|women)|photojournalists?",
    "cultural": r"museums?|heritage sites?|historic monuments?|libraries|library",
}

# Target classes (extraction schema) that name a protected object or person.
PROTECTED_TARGETS = {
    "hospital": "medical",
    "medical": "medical",
    "clinic": "medical",
    "ambulance": "medical",
    "school": "school",
    "education": "school",
    "place_of_worship": "worship",
    "mosque": "worship",
    "church": "worship",
    "humanitarian": "humanitarian",
    "aid_workers": "humanitarian",
    "journalists": "journalists",
    "media": "journalists",
    "cultural_property": "cultural",
}

# Target classes that place an attack among civilians.
POPULATED_TARGETS = {
    "residential_area",
    "civilians",
    "market",
    "homes",
    "houses",
    "village",
    "town",
    "city",
    "neighbourhood",
    "neighborhood",
    "school",
    "hospital",
    "place_of_worship",
    "shelter",
    "refugee_camp",
    "camp",
    "shop",
    "bus",
    "civilian_vehicle",
}

POPULATED = (
    r"residential|neighbou?rhoods?|homes?|houses?|apartments?|apartment blocks?|blocks? of flats"
    r"|markets?|marketplace|bazaars?|city cent(?:re|er)|town cent(?:re|er)|villages?|towns?|cit(?:y|ies)"
    r"|civilians?|populated|densely|streets?|suburbs?|shops?|refugee camps?|shelters?"
)

ATTACK = (
    r"attack(?:s|ed|ing)?|strikes?|struck|hit|hits|shell(?:s|ed|ing)|bomb(?:s|ed|ing)|shot|fired|firing"
    r"|explo(?:sion|sions|ded)|blasts?|missiles?|rockets?|munitions?|raids?|damag(?:ed|ing)|destroy(?:ed|ing)"
    r"|targeted|killed|wounded|injured|landed"
)

NEAR = r"near|nearby|next to|close to|metres from|meters from|yards from|outside|beside|opposite|by"

# A source says no military objective was there. Each pattern stays within one sentence.
NO_MILITARY = (
    r"\bno (?:sign|signs|trace|evidence) of (?:any |a )?(?:military|armed|army)\b",
    r"\bno (?:legitimate |apparent |obvious )?military (?:targets?|objectives?|equipment|bases?|presence"
    r"|positions?|installations?|activity|personnel|vehicles?)\b",
    r"\b(?:not|never|n't|unable to|failed to)\b[^.;]{0,40}\b(?:identify|identified|find|found|locate|located"
    r"|see|seen|detect|detected|observe|observed)\b[^.;]{0,20}\bany\b[^.;]{0,20}\b(?:military|army|armed)\b"
    r"[^.;]{0,20}\b(?:targets?|objectives?|equipment|bases?|presence|positions?|installations?|personnel"
    r"|forces|fighters|soldiers|troops|vehicles?)\b",
    r"\bno (?:soldiers|fighters|combatants|troops|armed men|military personnel)\b[^.;]{0,40}\b(?:present"
    r"|nearby|in the (?:area|vicinity|neighbou?rhood)|were (?:there|present|seen))\b",
    r"\b(?:was|were|is|are) not (?:a )?(?:legitimate |lawful )?military (?:targets?|objectives?)\b",
)

CONFLICT = (
    r"conflict|war|wars|confrontations?|fighting|hostilities|clashes|offensive|ceasefire|truce"
)

REPORTED_BY = r"(?:according to|said|says|told|reported|stated|confirmed)"


@cache
def pattern(name: str) -> re.Pattern[str]:
    """The compiled pattern for a word list: protected:<kind>, populated, attack, near, conflict."""
    if name.startswith("protected:"):
        source = PROTECTED[name.split(":", 1)[1]]
    else:
        source = {"populated": POPULATED, "attack": ATTACK, "near": NEAR, "conflict": CONFLICT}[
            name
        ]
    return re.compile(rf"\b(?:{source})\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def no_military() -> list[re.Pattern[str]]:
    return [re.compile(p, re.IGNORECASE) for p in NO_MILITARY]


def protected_in(sentence: str) -> list[tuple[str, re.Match[str]]]:
    """Protected objects or persons the sentence places under attack or near one.

    A protected word counts when the sentence also speaks of an attack, and the word is not only
    the source of a report ('according to hospital staff', 'the ICRC said').
    """
    if not pattern("attack").search(sentence):
        return []
    found = []
    for kind in PROTECTED:
        for match in pattern(f"protected:{kind}").finditer(sentence):
            before = sentence[max(0, match.start() - 25) : match.start()]
            after = sentence[match.end() : match.end() + 25]
            if re.search(r"according to\s+(?:the\s+)?\S*\s*$", before, re.IGNORECASE):
                continue
            if re.match(
                rf"\s*(?:staff|officials?|spokes\w+)?\s*{REPORTED_BY}\b", after, re.IGNORECASE
            ):
                continue
            found.append((kind, match))
    return found


def says_no_military(sentence: str) -> re.Match[str] | None:
    """The words in which the sentence says no military objective was found, if it does."""
    for compiled in no_military():
        match = compiled.search(sentence)
        if match:
            return match
    return None
