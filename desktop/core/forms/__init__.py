"""Declarative forms: the expression language, the form model, the loader and answer checks.

Never imports Qt. The rules engine and the interview session build on these modules.
"""
