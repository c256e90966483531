"""MUC-4 scoring: normalisation, best template alignment, and a floor on a dev subset."""

from __future__ import annotations

from pathlib import Path

import pytest

from docket.errors import DocketError
from docket.evaluate import muc4
from docket.evaluate.muc4 import core, normalise, score_document, template_of
from docket.evaluate.scores import Report
from docket.settings import Settings

SHARED = Path(__file__).resolve().parents[2] / "shared"


def test_normalise_drops_case_articles_and_punctuation() -> None:
    assert normalise('The "Santo Tomas" Farm') == "santo tomas farm"
    assert normalise("a car-bomb") == "car bomb"


def test_core_drops_leading_quantities() -> None:
    assert core("about 50 peasants") == "peasants"
    assert core("More than 100 people") == "people"
    assert core("three") == "three"
    assert core("at least 10 buses") == core("least 10 buses") == "buses"


def test_core_drops_possessive_determiners() -> None:
    # MUC-4 fillers are written without determiners, possessive ones included
    assert core("his car") == "car"
    assert core("Their offices") == "offices"
    assert core("history museum") == "history museum"


def test_organisations_fill_perporg_and_people_perpind() -> None:
    from docket.record import Incident, Perpetrator

    incident = Incident(id="i")
    incident.perpetrators = [
        Perpetrator(text="terrorists"),
        Perpetrator(text="FMLN", type="armed_group"),
    ]
    roles = template_of(incident, set())
    assert roles["PerpInd"] == {"terrorists"} and roles["PerpOrg"] == {"fmln"}


def test_any_organisation_is_perporg_and_people_attacked_are_victims() -> None:
    from docket.record import Incident, Perpetrator, Target

    incident = Incident(id="i")
    incident.perpetrators = [
        Perpetrator(text="members of the national liberation front"),
        Perpetrator(text="national liberation front", type="other"),  # unknown organisation
    ]
    incident.targets = [Target(text="two policemen"), Target(text="the power substation")]
    roles = template_of(incident, set())
    assert roles["PerpInd"] == {"members of the national liberation front"}
    assert roles["PerpOrg"] == {"national liberation front"}
    assert roles["Victim"] == {"policemen"} and roles["Target"] == {"power substation"}


def _gold(**roles: list[str]) -> dict[str, object]:
    template: dict[str, object] = {role: [] for role in muc4.ROLES}
    for role, names in roles.items():
        template[role] = [[[name, 0]] for name in names]
    return template


def test_best_alignment_pairs_templates_to_maximise_matches() -> None:
    gold = [_gold(PerpInd=["guerrillas"], Target=["farm"]), _gold(Victim=["peasant"])]
    empty: dict[str, set[str]] = {role: set() for role in muc4.ROLES}
    predicted = [
        empty | {"Victim": {"peasant"}},
        empty | {"PerpInd": {"guerrillas"}, "Target": {"bus"}},
    ]
    report = Report("t")
    score_document(predicted, gold, report)  # type: ignore[arg-type]
    micro = report.micro()
    assert (micro.tp, micro.predicted, micro.gold) == (2, 3, 3)


def test_unaligned_predictions_are_false_positives() -> None:
    report = Report("t")
    score_document([{role: {"x"} for role in muc4.ROLES}], [], report)
    assert report.micro().predicted == 5 and report.micro().tp == 0


def test_missing_data_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DocketError) as err:
        muc4.run(Settings(shared_dir=tmp_path), limit=1)
    assert err.value.code == "E018"


@pytest.mark.slow
@pytest.mark.eval
def test_floor_on_dev_subset() -> None:
    if not (SHARED / "eval" / "muc4" / "dev.json").exists():
        pytest.skip("MUC-4 data not found at ../shared/eval/muc4")
    (report,) = muc4.run(Settings(shared_dir=SHARED), limit=30)
    assert report.summary["micro F1"] >= FLOOR


# regression floor for the first 30 dev documents (37.5 on 2026-11-28; docs/quality.md)
FLOOR = 30.0
