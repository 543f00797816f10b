"""The kinds of source, one module each; every module registers its kind with
samenwerkingsmonitor/source_kinds.py, which imports them all on its first look-up. A new kind is
one new module here (docs/sources-collectors.md, "Adding a source kind")."""
