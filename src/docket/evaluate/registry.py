"""The evaluations ``docket eval NAME`` knows: name -> module with ``run(settings, limit)``.

Each module's ``run`` reads its data set from ``settings.shared_dir / 'eval'`` (raising
DocketError E018 when absent), runs the pipeline, and returns a list of
:class:`docket.evaluate.scores.Report`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from docket.evaluate.scores import Report
from docket.settings import Settings

EVALUATIONS: dict[str, str] = {
    "claims": "docket.evaluate.polnear",
    "case2021": "docket.evaluate.case2021",
    "muc4": "docket.evaluate.muc4",
    "re3d": "docket.evaluate.re3d",
    "schema": "docket.evaluate.schema_check",
    "geo": "docket.evaluate.geo",
    "seed": "docket.evaluate.seed",
    "timex": "docket.evaluate.timex",
    "wikievents": "docket.evaluate.wikievents",
}


def evaluation(name: str) -> Callable[[Settings, int | None], list[Report]]:
    run: Callable[[Settings, int | None], list[Report]] = importlib.import_module(
        EVALUATIONS[name]
    ).run
    return run
