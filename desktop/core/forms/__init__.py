"""Declarative forms: the form model, the loader (YAML, JSON Schema, meaning), answer checks and the live
interview session.

Never imports Qt. The expression language is desktop.core.expr; translation and sign-off of the form's text
are desktop.core.translation. The rules engine and the dossier build on these modules.
"""
