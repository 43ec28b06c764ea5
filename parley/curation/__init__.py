"""Analyst curation: corrections over the extracted rows (edits.py), their YAML import and export and
the gazetteer form of accepted actors (transfer.py), and the ``curation`` command (cli.py).

The record and its application over extracted rows live in the store (parley/store/curation.py,
overlay.py, curation_kinds.py); this package checks values and moves curation between stores.
Kept free of imports so that the command line starts fast.
"""
