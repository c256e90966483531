"""Judgement: treaty status on a date, and the legal flags the judge stage adds to incidents."""
