"""Treaty tables: the anchors a researcher would check, date sensitivity, the build, the CLI."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from docket.errors import DocketError
from docket.faces.cli import build_cli
from docket.judge.dates import entry_into_force
from docket.judge.lookup import answer
from docket.judge.treaties import rules_for_weapon, treaties, treaty_status, wide_area
from docket.judge.treaty_build import build


def status(state: str, treaty: str, on: str) -> str:
    return treaty_status(state, treaty, date.fromisoformat(on)).status


def test_ccm_anchors() -> None:
    assert status("AZE", "ccm", "2020-10-23") == "not_party"
    assert status("ARM", "ccm", "2020-10-23") == "not_party"
    assert status("GBR", "ccm", "2020-10-23") == "party"
    assert status("FRA", "ccm", "2020-10-23") == "party"


def test_lithuania_left_the_ccm_in_2025() -> None:
    assert status("LTU", "ccm", "2024-12-31") == "party"
    after = treaty_status("LTU", "ccm", date(2025, 6, 1))
    assert after.status == "withdrawn"
    assert after.row is not None and after.row.withdrawal_effective == "2025-03-06"
    assert not after.bound


def test_mine_ban_anchors() -> None:
    for state in ("USA", "RUS", "CHN"):
        assert status(state, "apmbc", "2024-01-01") == "not_party"
    assert status("UKR", "apmbc", "2024-01-01") == "party"


def test_mine_ban_withdrawals_are_recorded_with_their_news_sources() -> None:
    for state in ("LTU", "LVA", "EST", "FIN", "POL"):
        before = treaty_status(state, "apmbc", date(2024, 1, 1))
        later = treaty_status(state, "apmbc", date(2026, 11, 28))
        assert before.status == "party"
        assert later.status == "withdrawn"
        assert later.row is not None and "https://" in later.row.source
    assert status("LTU", "apmbc", "2025-12-26") == "party"
    assert status("LTU", "apmbc", "2025-12-27") == "withdrawn"


def test_status_depends_on_the_date() -> None:
    # the United Kingdom signed the CCM in 2008, ratified 2010-05-04; in force for it 2010-11-01
    assert status("GBR", "ccm", "2008-06-01") == "not_party"
    assert status("GBR", "ccm", "2009-06-01") == "signatory"
    assert status("GBR", "ccm", "2010-10-31") == "signatory"
    assert status("GBR", "ccm", "2010-11-01") == "party"
    # Ukraine joined the Rome Statute in 2024; in force for it 2025-01-01
    assert status("UKR", "rome", "2024-12-31") == "signatory"
    assert status("UKR", "rome", "2025-01-01") == "party"


def test_rome_statute_withdrawals() -> None:
    assert status("BDI", "rome", "2017-10-26") == "party"
    assert status("BDI", "rome", "2017-10-27") == "withdrawn"
    assert status("PHL", "rome", "2019-03-16") == "party"
    assert status("PHL", "rome", "2019-03-17") == "withdrawn"
    assert status("USA", "rome", "2010-01-01") == "not_party"
    assert status("MYS", "rome", "2019-06-01") == "not_party"  # accession withdrawn in time


def test_entry_into_force_rules() -> None:
    rule = treaties()["ccm"].eif_rule
    assert entry_into_force(date(2009, 7, 8), rule) == date(2010, 8, 1)
    assert entry_into_force(date(2010, 5, 4), rule) == date(2010, 11, 1)
    cwc = treaties()["cwc"].eif_rule
    assert entry_into_force(date(2013, 9, 14), cwc) == date(2013, 10, 14)
    assert entry_into_force(date(1997, 4, 25), cwc) == date(1997, 4, 29)
    rome = treaties()["rome"].eif_rule
    assert entry_into_force(date(2023, 11, 14), rome) == date(2024, 2, 1)


def test_tables_without_a_source_say_not_recorded() -> None:
    for treaty in ("ccw_p3", "ewipa"):
        assert not treaties()[treaty].complete
        missing = treaty_status("AZE", treaty, date(2024, 1, 1))
        assert missing.status == "unknown" and "not recorded" in missing.reason
    assert treaties()["ccw"].complete
    assert status("RUS", "ccw", "2020-01-01") == "party"


def test_absence_after_the_sources_date_says_as_of_when() -> None:
    # the CCW's source is the UNTC scrape of 2014-01-27: before it absence means not a party;
    # after it the answer says as of when
    assert status("AZE", "ccw", "2010-01-01") == "not_party"
    later = treaty_status("AZE", "ccw", date(2020, 1, 1))
    assert later.status == "not_party" and "as of 2014-01-27" in later.reason


def test_weapon_law() -> None:
    prohibiting = {r.treaty for r in rules_for_weapon("cluster_munition", "prohibits")}
    assert prohibiting == {"ccm"}
    assert {r.treaty for r in rules_for_weapon("anti_personnel_mine", "prohibits")} == {"apmbc"}
    assert {r.treaty for r in rules_for_weapon("chemical", "prohibits")} == {"cwc"}
    assert wide_area("cluster_munition") and wide_area("artillery")
    assert not wide_area("small_arms")
    assert all(r.treaty in treaties() for r in rules_for_weapon("incendiary"))


def test_tables_are_normal_and_sourced() -> None:
    report = build(check=True)
    assert all(line.endswith(" ok") for line in report), report
    for treaty in treaties().values():
        assert treaty.source and treaty.as_of


def test_answer_accepts_codes_and_names() -> None:
    for given in ("AZ", "AZE", "Azerbaijan"):
        assert answer(given, None, date(2020, 10, 23))["state"] == "AZE"
    with pytest.raises(DocketError) as error:
        answer("Narnia", None, date(2020, 1, 1))
    assert error.value.code == "E031"


def test_cli_treaty() -> None:
    runner = CliRunner()
    result = runner.invoke(build_cli(), ["treaty", "Lithuania", "--on", "2025-06-01"])
    assert result.exit_code == 0, result.output
    assert "Convention on Cluster Munitions: withdrew" in result.output
    result = runner.invoke(
        build_cli(),
        ["treaty", "--weapon", "cluster_munition", "--state", "GB", "--on", "2015-06-01"],
    )
    assert result.exit_code == 0, result.output
    assert "ccm" in result.output and "party" in result.output
    assert runner.invoke(build_cli(), ["treaty", "-h"]).exit_code == 0


def parties_on(treaty: str, on: str) -> int:
    """States that had deposited consent by ``on`` and not withdrawn (the UNTC's count)."""
    from docket.judge.dates import bounds
    from docket.judge.treaties import table

    day = date.fromisoformat(on)
    count = 0
    for row in table(treaty).values():
        consent, left = bounds(row.consent), bounds(row.withdrawal_effective)
        if consent and consent[1] <= day and not (left and left[0] <= day):
            count += 1
    return count


# the count of parties each source gives on its date (the UNTC scrape's files, counted)
SOURCE_FIGURES = [
    ("ccm", "2014-01-27", 84),
    ("apmbc", "2014-01-27", 161),
    ("ccw", "2014-01-27", 117),
    ("ccw_p2a", "2014-01-27", 100),
    ("ccw_p5", "2013-09-27", 84),
    ("cwc", "2014-01-27", 190),
    ("att", "2014-07-10", 41),
    ("rome", "2014-01-27", 122),
]


@pytest.mark.parametrize(("treaty", "on", "figure"), SOURCE_FIGURES)
def test_count_of_states_parties_matches_the_source(treaty: str, on: str, figure: int) -> None:
    assert parties_on(treaty, on) == figure


def test_ccw_table_lists_its_parties_with_dates() -> None:
    from docket.judge.treaties import table

    dated = [r for r in table("ccw").values() if len(r.consent) == 10]
    assert len(dated) >= 115


def test_republic_of_korea_is_kor() -> None:
    from docket.judge.states import iso3

    assert iso3("Republic of Korea") == "KOR"
    assert iso3("Democratic People's Republic of Korea") == "PRK"


def test_cli_answers_in_words_with_source() -> None:
    result = CliRunner().invoke(build_cli(), ["treaty", "AZE", "--on", "2020-10-23"])
    assert result.exit_code == 0, result.output
    assert "Convention on Cluster Munitions: not a party" in result.output
    assert "source: " in result.output and "as of 2026" in result.output
    assert "Incomplete tables:" in result.output and "CCW Protocol III" in result.output
    assert " ccm " not in result.output


REFERENCE = Path(__file__).resolve().parents[1] / ".." / "shared" / "reference" / "treaties"


def test_tables_are_what_the_reference_builds() -> None:
    if not REFERENCE.is_dir():
        pytest.skip("../shared/reference/treaties is absent")
    report = build(check=True, reference=REFERENCE)
    assert all(line.endswith((" ok", "; dropped")) for line in report), report


def test_every_row_names_its_source_and_the_later_source_wins() -> None:
    from docket.judge.treaties import table

    for treaty in treaties():
        for row in table(treaty).values():
            assert row.source and row.as_of, (treaty, row.state)
            assert row.unsure or not row.source.startswith("none")
    # Guinea: a CCM signatory in the 2014 scrape, a party (2014) in the 2026 list
    guinea = table("ccm")["GIN"]
    assert guinea.consent == "2014" and "later status list" in guinea.note
    # an entry-into-force answer cites the article it applied
    assert "Art. 17(2)" in treaty_status("GBR", "ccm", date(2015, 6, 1)).reason
