"""Coded errors: a stable code, a message template with named {fields}, an exit code.

Templates are marked with N_ here and translated where shown (the CLI or the window).
Never put interview content, passphrases or keys in the fields.
"""

from __future__ import annotations

from typing import Any


def N_(text: str) -> str:
    """Mark a string for extraction; it is translated where it is shown."""
    return text


# Exit codes of docs/cli.md.
EXIT_OK = 0
EXIT_NEGATIVE = 1
EXIT_USAGE = 2
EXIT_LOCKED = 3
EXIT_INTERNAL = 70  # an unexpected error (E999); nothing was changed (sysexits' EX_SOFTWARE)
EXIT_INTERRUPTED = 130  # Ctrl+C (128 + SIGINT, as shells report it)

# code -> (template, exit code)
ERRORS: dict[str, tuple[str, int]] = {
    "V001": (N_("No vault in {path}. Create one with 'voluntas vault init'."), EXIT_USAGE),
    "V002": (N_("A vault already exists in {path}."), EXIT_USAGE),
    "V003": (N_("Wrong passphrase."), EXIT_LOCKED),
    "V004": (N_("Too many wrong tries. Wait {seconds} seconds before the next try."), EXIT_LOCKED),
    "V005": (N_("The key file {path} is missing. Without it the vault cannot be opened."), EXIT_USAGE),
    "V006": (N_("The key file {path} is damaged ({reason})."), EXIT_USAGE),
    "V007": (N_("The vault in {path} is in use by another process."), EXIT_USAGE),
    "V008": (N_("The vault database {path} cannot be read: {reason}."), EXIT_NEGATIVE),
    "V009": (N_("The passphrase is too weak: {reasons}."), EXIT_USAGE),
    "V010": (N_("The vault is locked."), EXIT_LOCKED),
    "V011": (N_("Could not write {path}: {reason}."), EXIT_NEGATIVE),
    "V012": (N_("The vault schema version {found} is newer than this app supports ({supported})."), EXIT_USAGE),
    "V013": (N_("No passphrase given: use --passphrase-file FILE, or run in a terminal."), EXIT_USAGE),
    "V014": (N_("Cannot read the passphrase file {path}: {reason}."), EXIT_USAGE),
    "V015": (N_("Not found: {what} {ident}."), EXIT_USAGE),
    "V016": (N_("Interview {ident} is {state}; only a draft can be changed."), EXIT_USAGE),
    "V017": (N_("Unknown KDF profile {profile}: use 'production' or 'fast'."), EXIT_USAGE),
    "C001": (N_("{file}: not valid JSON: {reason} (line {line}, column {column})."), EXIT_USAGE),
    "C002": (N_("{file}: {where}: {problem}"), EXIT_USAGE),
    "C003": (N_("Cannot read {file}: {reason}."), EXIT_USAGE),
    "C004": (N_("{file} is not a regular file (a folder, a device or a pipe); a case file is a regular file "
                "of at most {limit}."), EXIT_USAGE),
    "C005": (N_("{file} is larger than the limit for a case file, {limit}."), EXIT_USAGE),
    "C006": (N_("{file}: arrays and objects nested deeper than the limit of {limit} levels "
                "(line {line}, column {column})."), EXIT_USAGE),
    "C007": (N_("{file}: {where}: {problem}"), EXIT_USAGE),  # a free-text answer over its length limit
    "C008": (N_("{file}: a number longer than the limit of {limit} characters (line {line}, column {column})."),
             EXIT_USAGE),
    "F020": (N_("No form '{form}' is installed."), EXIT_USAGE),
    "F021": (N_("No forms catalog for the language '{lang}'."), EXIT_USAGE),
}


class VoluntasError(Exception):
    """A user-facing error with a stable code. str() gives the English message."""

    def __init__(self, code: str, **fields: Any) -> None:
        if code not in ERRORS:
            raise KeyError(code)
        self.code = code
        self.fields = fields
        super().__init__(self.message())

    @property
    def template(self) -> str:
        return ERRORS[self.code][0]

    @property
    def exit_code(self) -> int:
        return ERRORS[self.code][1]

    def message(self, translate: Any = None) -> str:
        """The message, translated by `translate` (a gettext function) when given."""
        template = translate(self.template) if translate else self.template
        return str(template.format(**self.fields))
