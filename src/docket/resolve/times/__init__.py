"""Times: the rules that read dates and times in a text, and the resolve.times stage.

:mod:`.patterns` holds the regular expressions, :mod:`.rules` the reading each pattern gives
(:mod:`.dates` for calendar dates, :mod:`.relative` for expressions read against an anchor, both
built on :mod:`.reading` and :mod:`.calendar`), and :mod:`.stage` is the resolve.times stage.
"""
