"""Extraction stages: incidents, claims and figures from a parsed, resolved document."""
