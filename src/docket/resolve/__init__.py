"""Resolving mentions to canonical things: actors, places, times and quantities."""
