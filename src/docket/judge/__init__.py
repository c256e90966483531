"""Judgement: treaty status on a date, the legal flags the judge stage adds to incidents, and
the corroboration grade of each incident (docket.judge.grade)."""
