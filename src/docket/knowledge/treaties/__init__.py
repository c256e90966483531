"""Treaty status tables (one CSV per instrument) and their sidecar ``treaties.json``.

The tables are written by hand from the public record; ``python -m docket.judge.treaty_build``
checks them, fills each state's date of entry into force from its consent date by the
instrument's rule, and sorts them. Loaders live in :mod:`docket.judge.treaties`.
"""
