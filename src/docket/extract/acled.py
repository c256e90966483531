"""ACLED sub-event types for incidents: rules from the extracted facts combined with a small
learned text classifier (multinomial logistic regression over word unigrams and bigrams, the
rule features, weapon classes and the incident category, and the sentence encoder's vector of
the incident's evidence, which carries the meaning of wording the training snippets never used).

The weights ship in knowledge/models/acled_case2021.npz, trained by
``python training/train_acled.py`` (see docs/incidents.md). Without them, or without the
sentence encoder a model that reads vectors needs, the rules alone decide.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from docket.extract import logistic
from docket.extract.logistic import Classifier
from docket.knowledge.weapon_classes import class_map

MODEL_PATH = Path(__file__).resolve().parent.parent / "knowledge" / "models" / "acled_case2021.npz"

# CASE 2021 codes -> ACLED sub-event type names (ACLED codebook 2023)
CASE_CODES = {
    "ABDUCT_DISSAP": "Abduction/forced disappearance",
    "AGREEMENT": "Agreement",
    "AIR_STRIKE": "Air/drone strike",
    "ARMED_CLASH": "Armed clash",
    "ARREST": "Arrests",
    "ART_MISS_ATTACK": "Shelling/artillery/missile attack",
    "ATTACK": "Attack",
    "CHANGE_TO_GROUP_ACT": "Change to group/activity",
    "CHEM_WEAP": "Chemical weapon",
    "DISR_WEAP": "Disrupted weapons use",
    "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
    "GOV_REGAINS_TERIT": "Government regains territory",
    "GRENADE": "Grenade",
    "HQ_ESTABLISHED": "Headquarters or base established",
    "MOB_VIOL": "Mob violence",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory",
    "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory",
    "OTHER": "Other",
    "PEACE_PROTEST": "Peaceful protest",
    "PROPERTY_DISTRUCT": "Looting/property destruction",
    "PROTEST_WITH_INTER": "Protest with intervention",
    "REM_EXPLOS": "Remote explosive/landmine/IED",
    "SEX_VIOL": "Sexual violence",
    "SUIC_BOMB": "Suicide bomb",
    "VIOL_DEMONSTR": "Violent demonstration",
}
# incident category -> ACLED sub-event type, the rule used when no model is available
CATEGORY_TYPE = {
    "explosive_weapon_attack": "Shelling/artillery/missile attack",
    "air_or_drone_strike": "Air/drone strike",
    "shelling_or_artillery": "Shelling/artillery/missile attack",
    "armed_clash": "Armed clash",
    "attack_on_civilians": "Attack",
    "bombing_or_ied": "Remote explosive/landmine/IED",
    "mine_or_uxo": "Remote explosive/landmine/IED",
    "abduction": "Abduction/forced disappearance",
    "arson_or_destruction": "Looting/property destruction",
    "damage_to_infrastructure": "Looting/property destruction",
    "chemical_attack": "Chemical weapon",
    "other_violence": "Attack",
    "protest": "Peaceful protest",
    "riot": "Violent demonstration",
    "arrest": "Arrests",
    "agreement": "Agreement",
    "territory_change": "Non-state actor overtakes territory",
    "other": "Other",
}
# types the words alone may not give (a cut "gas" supply is no chemical weapon): the incident
# must carry one of these features, the weapon class or the word that defines the type
NEEDS = {
    "Chemical weapon": frozenset({"__class_chemical", "chemical", "chemicals"}),
    # the codebook's excessive force is lethal force or grave injury, not tear gas or arrests
    "Excessive force against protesters": frozenset({"__protest_lethal"}),
}
WORD = re.compile(r"[a-z][a-z'-]+|\d+")
# What tells the four demonstration types apart in the ACLED codebook (2023, "Protests" and
# "Riots"): a peaceful protest meets no intervention; with intervention, forces dispersed or
# arrested the protesters without lethal force; excessive force, they killed or gravely hurt
# them; a violent demonstration, the demonstrators did violence themselves. A linear model sees
# "tear gas" and "protest" apart; these features say that both are in one text.
_PROTEST = re.compile(
    r"\b(protest\w*|demonstrat\w*|rall(y|ies|ied)|march\w*|strik(e|es|ers|ing)|sit-in|"
    r"picket\w*)\b",
    re.IGNORECASE,
)
_DISPERSAL = re.compile(
    r"\b(tear ?gas|disperse\w*|water cannons?|rubber bullets?|batons?|baton-charged|lathi|"
    r"pepper spray|stun grenades?|arrest\w*|detain\w*)\b",
    re.IGNORECASE,
)
_LETHAL = re.compile(
    r"\b(killed|killing|shot dead|died|dead|deaths?|live (fire|ammunition|rounds)|opened fire|"
    r"fired (at|on)|wounded|injured|injuring)\b",
    re.IGNORECASE,
)
_RIOTING = re.compile(
    r"\b(pelt\w*|stones?|rocks|torch\w*|set (fire|ablaze)|burn\w*|vandali[sz]\w*|loot\w*|"
    r"clash\w*|attacked police|petrol bombs?|molotov\w*)\b",
    re.IGNORECASE,
)


def features(text: str, extra: list[str]) -> list[str]:
    """Lower-cased words, word bigrams, 5-letter word prefixes (a crude stemmer: "protest",
    "protesters", "protested" share one), what a protest met (:func:`protest_features`) and the
    rule features ``extra`` (prefixed ``__``)."""
    words = WORD.findall(text.lower())
    bigrams = (f"{a} {b}" for a, b in zip(words, words[1:], strict=False))
    return [*words, *bigrams, *extra, *protest_features(text), *(w[:5] for w in words)]


def protest_features(text: str) -> list[str]:
    """For a text that tells of a protest: whether it also tells of dispersal or arrests, of
    killing or wounding, of the protesters' own violence, or of none of these."""
    if not _PROTEST.search(text):
        return []
    found = [
        name
        for name, words in (
            ("__protest_dispersed", _DISPERSAL),
            ("__protest_lethal", _LETHAL),
            ("__protest_violence", _RIOTING),
        )
        if words.search(text)
    ]
    return ["__protest_words", *(found or ["__protest_only"])]


def rule_features(incident: Any) -> list[str]:
    """What the rules know about an incident, as classifier features."""
    out = [f"__cat_{incident.category}"]
    out += [f"__class_{w.weapon_class}" for w in incident.weapons]
    out += [f"__target_{t.target_class}" for t in incident.targets if t.target_class]
    if incident.victims:
        out.append("__victims")
    if incident.perpetrators:
        out.append("__perpetrator")
    return out


def train(
    rows: list[list[str]],
    labels: list[str],
    vectors: Any = None,
    l2: float = 1e-5,
    min_count: int = 2,
) -> Classifier:
    """Fit the classifier on feature lists ``rows`` with gold ``labels`` and, when given, the
    texts' sentence vectors (L-BFGS, L2 penalty, each row of features scaled to unit length)."""
    return logistic.fit(rows, labels, l2=l2, min_count=min_count, normalise=True, vectors=vectors)


def predict(model: Classifier, rows: list[list[str]], vectors: Any = None) -> list[str]:
    """The chosen type for each row of features (see :func:`choose`)."""
    return [
        choose(row, labels) for row, labels in zip(rows, ranked(model, rows, vectors), strict=True)
    ]


def ranked(model: Classifier, rows: list[list[str]], vectors: Any = None) -> list[list[str]]:
    """For each row, every label from the most to the least likely."""
    scores = model.probabilities(rows, vectors)
    return [[model.labels[i] for i in row] for row in (-scores).argsort(axis=1)]


def choose(extra: list[str], labels: list[str]) -> str:
    """The weapon rule's type where it decides, else the most likely of ``labels`` whose defining
    evidence (``NEEDS``) the incident carries."""
    decided = rule_type(extra)
    if decided is not None:
        return decided
    present = set(extra)
    allowed = (x for x in labels if x not in NEEDS or NEEDS[x] & present)
    return next(allowed, labels[0])


def rule_type(extra: list[str]) -> str | None:
    """The type the weapon classes alone decide, when they agree on one."""
    # the classes that fix the ACLED type whatever the words say (weapon_classes.csv)
    fixed = class_map("acled_sub_event")
    types = {fixed[f[8:]] for f in extra if f.startswith("__class_") and f[8:] in fixed}
    return types.pop() if len(types) == 1 else None


def classify(
    text: str, extra: list[str], model: Classifier | None, vector: Any = None
) -> str | None:
    """The ACLED sub-event type for ``text`` with rule features ``extra`` (and its sentence
    ``vector``, which a model that reads vectors needs): the weapon rule where it decides, else the
    learned model, else the category table."""
    if model is not None and (vector is not None or not model.dense):
        vectors = None if vector is None else [vector]
        return predict(model, [features(text, extra)], vectors)[0]
    decided = rule_type(extra)
    if decided is not None:
        return decided
    for feat in extra:
        if feat.startswith("__cat_"):
            return CATEGORY_TYPE.get(feat[len("__cat_") :])
    return None


def type_incidents(
    incidents: list[Any], model: Classifier | None, encoder: Any, categories: bool = True
) -> None:
    """Set every incident's ``acled_sub_event_type`` from its evidence and rule features (without
    the category when not ``categories``: the event finder's incidents take theirs from the type);
    the evidence of all of them goes through the sentence ``encoder`` in one call."""
    texts = [" ".join(e.quote for e in incident.evidence) for incident in incidents]
    vectors = (
        encoder.vectors(texts)
        if model is not None and model.dense and encoder is not None and texts
        else [None] * len(texts)
    )
    for incident, text, vector in zip(incidents, texts, vectors, strict=True):
        extra = [f for f in rule_features(incident) if categories or not f.startswith("__cat_")]
        incident.acled_sub_event_type = classify(text, extra, model, vector)


@lru_cache(maxsize=2)
def load_model(path: Path = MODEL_PATH) -> Classifier | None:
    """The shipped classifier, or None when its weights are absent (rules decide alone)."""
    return logistic.load(path, normalise=True)
