"""Actors: who acts in a document, and the resolve.actors stage.

:mod:`.spans` finds registry names (capitals standing for governments by :mod:`.metonymy`),
:mod:`.organisations` and :mod:`.person_actors` the names the registry does not know
(:mod:`.persons` makes their ids and titles), :mod:`.coref` binds descriptions and acronyms;
:mod:`.refs` and :mod:`.words` are shared by them, and :mod:`.stage` is the resolve.actors stage.
"""
