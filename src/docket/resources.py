"""The resources stages use, built once from the settings: one object, nothing loaded until asked.

:class:`Resources` holds what depends on the settings or is costly to load: the statistical
model, the gazetteer file, the learned models (place ranker, MUC-4 role filler, ACLED sub-event classifier,
attribution cue weights, the learned reader, the sentence encoder). Each is a cached property: built on first use, then kept for the
object's life. A pipeline run makes one (``docket.pipeline.Context`` does), and every stage of
that run asks it, so a process that reads a thousand documents loads each model once.

Small packaged tables that no setting changes (word lists, compiled patterns, the actor registry,
treaty tables) are not resources: their modules read them once on first use.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docket.errors import DocketError
from docket.settings import Settings

if TYPE_CHECKING:
    from docket.extract.acled import Classifier
    from docket.extract.cue_model import CueModel
    from docket.extract.cues import CueWeights
    from docket.extract.event_finder import Finder
    from docket.extract.reader import Reader
    from docket.extract.role_model import RoleModel
    from docket.extract.sentence_encoder import Encoder
    from docket.knowledge.gazetteer.store import Gazetteer
    from docket.resolve.places.detector import Detector
    from docket.resolve.places.ranker import Ranker

NAMES: tuple[str, ...] = (
    "nlp",
    "gazetteer",
    "place_ranker",
    "place_detector",
    "role_model",
    "acled_model",
    "cue_weights",
    "cue_model",
    "reader",
    "sentence_encoder",
    "event_finder",
)


class Resources:
    """Settings-dependent resources, each built on first use and kept."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def _chosen(self, setting: str, path: Path) -> Path:
        """``path``; a file named by a setting must exist (the shipped default may be absent)."""
        if getattr(self.settings, setting) is not None and not path.is_file():
            raise DocketError("E016", f"{setting}: no file at {path}", str(path))
        return path

    def loaded(self) -> list[str]:
        """The names of the resources built so far."""
        return [name for name in NAMES if name in self.__dict__]

    @cached_property
    def nlp(self) -> Any:
        """The spaCy pipeline named by ``spacy_model``."""
        from docket.nlp.model import load_model

        return load_model(self.settings.spacy_model)

    @cached_property
    def gazetteer(self) -> Gazetteer:
        """The gazetteer file at ``gazetteer_path``; E023 when it has not been built."""
        from docket.knowledge.gazetteer.store import load_gazetteer

        return load_gazetteer(self.settings.resolved_gazetteer_path)

    @cached_property
    def place_ranker(self) -> Ranker:
        """The learned place ranker (E040 when its model file is missing or out of date)."""
        from docket.resolve.places.ranker import load_ranker

        return load_ranker()

    @cached_property
    def place_detector(self) -> Detector:
        """The learned toponym detector (E040 when its model file is missing or out of date)."""
        from docket.resolve.places.detector import load_detector

        return load_detector()

    @cached_property
    def role_model(self) -> RoleModel | None:
        """The MUC-4 role-filler classifier at ``role_model_path`` (None: the rules alone)."""
        from docket.extract.role_model import load_model

        return load_model(self._chosen("role_model_path", self.settings.resolved_role_model_path))

    @cached_property
    def acled_model(self) -> Classifier | None:
        """The ACLED sub-event classifier at ``acled_model_path`` (None: the rules alone)."""
        from docket.extract.acled import load_model

        return load_model(self._chosen("acled_model_path", self.settings.resolved_acled_model_path))

    @cached_property
    def cue_weights(self) -> CueWeights | None:
        """The learned attribution cue weights (None: the lexicon alone)."""
        from docket.extract.cues import load_weights

        return load_weights()

    @cached_property
    def cue_model(self) -> CueModel | None:
        """The learned cue model (None: the cue weights decide alone)."""
        from docket.extract.cue_model import load_cue_model

        return load_cue_model()

    @cached_property
    def reader(self) -> Reader | None:
        """The learned reader (None: its weights are absent and the rules read alone)."""
        from docket.extract.reader import load

        return load()

    @cached_property
    def sentence_encoder(self) -> Encoder | None:
        """The sentence encoder (None: its files are absent; the classifiers that read its
        vectors then give way to the rules)."""
        from docket.extract.sentence_encoder import load

        return load()

    @cached_property
    def event_finder(self) -> Finder | None:
        """The learned event finder (None: its weights are absent; the rules find alone)."""
        from docket.extract.event_finder import load

        return load()
