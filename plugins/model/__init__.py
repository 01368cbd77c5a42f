"""The content model both the engine (multilang) and the checker stand on.

Not a Pelican plugin: a library beside the plugins. Sources (`sources.py`),
declared content types (`types.py`), settings and registries validated once
(`config.py`), the site model (`site.py`), findings and their catalogue
(`findings.py`, `catalog.py`), text normalisation (`text.py`) and the catalogue
of the project's signals (`signals.py`).
"""
