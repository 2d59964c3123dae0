"""Voluntas: offline, encrypted interviews of captured soldiers."""

__version__ = "0.1.0"
