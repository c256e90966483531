"""Scoring docket against annotated data written by others (read from ../shared/eval)."""
