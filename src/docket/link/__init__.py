"""Linking, pure: do two reports tell one incident (matching), one incident from several reports
(combine), near-duplicate texts (origins). What is linked is kept by the store (docket.store)."""
