"""Places: finding the place names in a text, choosing what each stands for, and the stage.

:mod:`.detect` finds the names, :mod:`.ranking` chooses each one's place from the document's
evidence (:mod:`.evidence`, :mod:`.hierarchy`), :mod:`.metonymy` marks names that stand for a
government, and :mod:`.stage` is the resolve.places stage. The gazetteer they read is data, in
:mod:`docket.knowledge.gazetteer`.
"""
