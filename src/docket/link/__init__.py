"""Linking documents and incidents: exact and near-duplicate sources, cross-document incidents."""
