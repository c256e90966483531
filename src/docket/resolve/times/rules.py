"""Which rule reads a match of which pattern: pattern name -> function from the match and its
anchor (DCT, tense) to a TIMEX3 reading.

News conventions (as in TimeBank and HeidelTime): a bare weekday is the DCT itself when the names
agree, else the most recent one, or the next one in a future-tense clause; "this Thursday" is the
Thursday of the DCT's week; a month without a year is the most recent such month, or the coming
one when it is at most two months ahead; "the quarter" in a financial report is the last
completed quarter. Without a DCT, relative expressions keep no value. The rules are in
:mod:`docket.resolve.times.dates` and :mod:`docket.resolve.times.relative`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from docket.resolve.times.dates import (
    r_century,
    r_clock,
    r_day_month,
    r_decade,
    r_generic,
    r_iso,
    r_month,
    r_numeric,
    r_quarter,
    r_set,
    r_spoken_year,
    r_the_quarter,
    r_year,
    r_year_earlier,
)
from docket.resolve.times.reading import Anchor, Reading, Tense
from docket.resolve.times.relative import (
    r_bare_units,
    r_duration,
    r_holiday,
    r_relative_day,
    r_relative_unit,
    r_season,
    r_the_unit,
    r_weekday,
)

__all__ = ["RULES", "Anchor", "Reading", "Tense"]

RULES: dict[str, Callable[[re.Match[str], Anchor], Reading | None]] = {
    "iso": r_iso,
    "numeric": r_numeric,
    "month_date": r_month,
    "day_month": r_day_month,
    "weekday": r_weekday,
    "relative_day": r_relative_day,
    "relative_unit": r_relative_unit,
    "duration": r_duration,
    "bare_units": r_bare_units,
    "year": r_year,
    "decade": r_decade,
    "quarter": r_quarter,
    "the_quarter": r_the_quarter,
    "year_earlier": r_year_earlier,
    "generic": r_generic,
    "season": r_season,
    "clock": r_clock,
    "set": r_set,
    "century": r_century,
    "the_unit": r_the_unit,
    "spoken_year": r_spoken_year,
    "holiday": r_holiday,
}
