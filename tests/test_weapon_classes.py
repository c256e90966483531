"""One table of weapon classes (knowledge/weapon_classes.csv): it agrees with the record's enum
and the contract's, the weapon CSVs use only its classes, and the mappings the stages read from
it are those they held before the table."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import get_args

import pytest

from docket.knowledge.weapon_classes import TABLE, class_map, explosive_classes, weapon_classes
from docket.record import WeaponClass

KNOWLEDGE = TABLE.parent
CONTRACT = Path(__file__).resolve().parent.parent.parent / "shared" / "contract"
SHELLING = "Shelling/artillery/missile attack"
AIR = "Air/drone strike"


def classes() -> list[str]:
    return [r.weapon_class for r in weapon_classes()]


def rows(name: str) -> list[dict[str, str]]:
    with (KNOWLEDGE / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


def test_the_table_is_the_records_enum_in_order():
    assert classes() == list(get_args(WeaponClass))


def test_the_table_is_the_contracts_enum():
    schema_path = CONTRACT / "extraction.schema.json"
    if not schema_path.exists():
        pytest.skip("no contract schema beside the repository")
    found: list[list[str]] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            properties = node.get("properties", {})
            weapon = properties.get("class") if "text" in properties else None
            if isinstance(weapon, dict) and "enum" in weapon:
                found.append(weapon["enum"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(schema_path.read_text(encoding="utf-8")))
    assert found and all(enum == classes() for enum in found)


@pytest.mark.parametrize(
    ("name", "column"), [("weapons.csv", "class"), ("weapon_law.csv", "weapon_class")]
)
def test_the_weapon_csvs_use_only_known_classes(name: str, column: str):
    used = {r[column] for r in rows(name)}
    assert used and used <= set(classes()), used - set(classes())


def test_the_table_has_a_source_and_an_as_of_date():
    head = TABLE.read_text(encoding="utf-8").split("\nclass,")[0]
    assert "source:" in head and "ACLED" in head and "as_of:" in head


def test_defining_instruments_are_known_treaties():
    treaties = json.loads((KNOWLEDGE / "treaties" / "treaties.json").read_text(encoding="utf-8"))
    named = {r.defined_by for r in weapon_classes() if r.defined_by}
    assert named and named <= {t["id"] for t in treaties["treaties"]}


def test_the_mappings_are_those_the_stages_held():
    assert class_map("acled_sub_event") == {
        "chemical": "Chemical weapon",
        "uav": AIR,
        "air_dropped_bomb": AIR,
        "cluster_munition": SHELLING,
        "barrel_bomb": AIR,
        "artillery": SHELLING,
        "rocket_artillery": SHELLING,
        "mortar": SHELLING,
        "missile": SHELLING,
    }
    explosive = ("cluster_munition", "incendiary", "thermobaric", "explosive_unspecified")
    assert class_map("category") == {
        **dict.fromkeys(explosive, "explosive_weapon_attack"),
        **dict.fromkeys(
            ("artillery", "rocket_artillery", "mortar", "missile"), "shelling_or_artillery"
        ),
        **dict.fromkeys(("uav", "air_dropped_bomb", "barrel_bomb"), "air_or_drone_strike"),
        "ied": "bombing_or_ied",
        "anti_personnel_mine": "mine_or_uxo",
        "anti_vehicle_mine": "mine_or_uxo",
        "chemical": "chemical_attack",
        "biological": "chemical_attack",
    }
    delivered = (
        "cluster_munition", "missile", "rocket_artillery", "artillery", "mortar",
        "air_dropped_bomb", "barrel_bomb", "thermobaric", "uav", "incendiary",
        "explosive_unspecified",
    )  # fmt: skip
    assert class_map("family") == {
        **dict.fromkeys(delivered, "explosive"),
        "ied": "ied",
        "anti_personnel_mine": "mine",
        "anti_vehicle_mine": "mine",
        "chemical": "cbrn",
        "biological": "cbrn",
        "nuclear": "cbrn",
        "small_arms": "small_arms",
    }
    assert explosive_classes() == {
        "cluster_munition", "anti_personnel_mine", "anti_vehicle_mine", "ied", "incendiary",
        "air_dropped_bomb", "barrel_bomb", "thermobaric", "explosive_unspecified",
    }  # fmt: skip
    assert class_map("words")["cluster_munition"] == "cluster munitions"
    assert len(class_map("words")) == 14 and "uav" not in class_map("words")
