"""The actor registry: states (ISO 3166-1), their names, demonyms and capitals, and non-state actors.

Data files live beside this module (``states.tsv``, ``capitals.tsv``, ``capital_notes.tsv``,
``organisations.tsv``), each with its source and as-of date in its header; ``build.py`` writes
``capitals.tsv``; :func:`docket.knowledge.actors.registry.load_registry` reads them all.
"""
