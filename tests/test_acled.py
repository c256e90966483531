"""ACLED sub-event types: the learned classifier may not give a type whose defining evidence the
incident lacks."""

from __future__ import annotations

from docket.extract import acled


def test_chemical_weapon_needs_a_chemical_weapon_or_the_word() -> None:
    ranked = ["Chemical weapon", "Shelling/artillery/missile attack", "Attack"]
    gas_supply = ["shelling", "cut", "the", "gas", "supply", "__cat_damage_to_infrastructure"]
    assert acled.choose(gas_supply, ranked) == "Shelling/artillery/missile attack"
    chlorine = ["helicopters", "dropped", "chlorine", "__class_chemical"]
    assert acled.choose(chlorine, ranked) == "Chemical weapon"
    reported = ["a", "suspected", "chemical", "attack", "on", "the", "town"]
    assert acled.choose(reported, ranked) == "Chemical weapon"


def test_weapon_class_decides_before_the_words() -> None:
    ranked = ["Peaceful protest", "Attack"]
    assert acled.choose(["protest", "__class_cluster_munition"], ranked) == (
        "Shelling/artillery/missile attack"
    )
    assert acled.choose(["protest"], ranked) == "Peaceful protest"


def test_shipped_model_does_not_call_a_gas_supply_cut_a_chemical_attack() -> None:
    from docket.extract import sentence_encoder

    model = acled.load_model()
    encoder = sentence_encoder.load()
    assert model is not None, "the shipped ACLED model is missing from knowledge/models"
    assert encoder is not None, "the sentence encoder is missing from knowledge/models"
    text = "Shelling damaged roads and cut the gas, water and electricity supply of the town."
    extra = ["__cat_damage_to_infrastructure", "__target_infrastructure"]
    vector = encoder.vectors([text])[0]
    assert acled.classify(text, extra, model, vector) != "Chemical weapon"
