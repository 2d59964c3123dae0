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

# code -> (template, exit code): every coded error of the app, here and nowhere else (no module adds to it).
# A code never changes meaning once shipped. The located problems of a form or rules file (E1xx, E2xx,
# F001-F008, F1xx, F2xx, R1xx) are a different thing: forms/codes.py and rules/problems.py.
ERRORS: dict[str, tuple[str, int]] = {
    # the vault (V0xx)
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
    "V018": (N_("The vault database {path} is older than its key file (state {found}, the key file expects "
                "{expected}): an earlier copy of vault.db was put back, or it was altered. Nothing was "
                "opened. Put the latest vault.db back, or report this to your security officer."), EXIT_NEGATIVE),
    "V019": (N_("Cannot record this try in {path} ({reason}): nothing was tried. Free some space or make the "
                "folder writable, then try again."), EXIT_NEGATIVE),
    "V020": (N_("A passphrase change was interrupted after it took effect: open the vault with the new "
                "passphrase."), EXIT_LOCKED),
    "V021": (N_("This vault uses the fast test KDF profile, which {what} refuses: it is for tests only. "
                "Make a vault with the production profile."), EXIT_USAGE),
    "V022": (N_("The data folder {path} cannot be used: {reason}."), EXIT_USAGE),
    "V023": (N_("A case with the code {case_code} already exists in the vault: nothing was imported. Use "
                "another case code or the existing case."), EXIT_USAGE),
    "V024": (N_("Not a valid case code: {problem}"), EXIT_USAGE),
    "V025": (N_("The key file {path} does not open the database: it is older than the database (the passphrase "
                "was changed since) or the database is damaged."), EXIT_LOCKED),
    "V026": (N_("A note can hold at most {limit} characters; this one has {count}. It was not saved."),
             EXIT_USAGE),
    # case files (C0xx)
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
    # installed forms and catalogs (F02x)
    "F020": (N_("No form '{form}' is installed."), EXIT_USAGE),
    "F021": (N_("No forms catalog for the language '{lang}'."), EXIT_USAGE),
    # the ruleset (R0xx)
    "R001": (N_("{file}: the ruleset is not valid ({count} problem(s)); first: {first}"), EXIT_USAGE),
    # the rules sign-off file (rules/signoff.py)
    "R020": (N_("{file}: not a rules sign-off file ({reason})."), EXIT_USAGE),
    "R021": (N_("No rule {rule} in the ruleset."), EXIT_USAGE),
    "R022": (N_("The {field} must not be empty."), EXIT_USAGE),
    # the dossier (D0xx)
    "D001": (N_("No interviews to put in a dossier: {what} {ident} is not in the vault."), EXIT_USAGE),
    "D002": (N_("The interviews of one dossier must belong to one case; {ident} belongs to another."), EXIT_USAGE),
    "D003": (N_("Cannot read the dossier {path}: {reason}."), EXIT_USAGE),
    "D004": (N_("Cannot read the trusted certificate {path}: {reason}."), EXIT_USAGE),
    "D005": (N_("Could not sign the dossier: {reason}."), EXIT_NEGATIVE),
    "D006": (N_("The extra manifest field {field} is reserved."), EXIT_USAGE),
    # sealing, transport and the legal desk (S0xx)
    "S001": (N_("No legal-team recipient is configured: add one with 'voluntas keys add-recipient FILE' "
                "(two are recommended)."), EXIT_USAGE),
    "S002": (N_("{file}: {field}: {problem}"), EXIT_USAGE),
    "S003": (N_("Nothing to seal in case {ident}: no draft or finalized interview."), EXIT_USAGE),
    "S004": (N_("Interview {ident} changed while it was being sealed; nothing was sealed. Try again."),
             EXIT_NEGATIVE),
    "S006": (N_("Cannot read {path}: {reason}."), EXIT_USAGE),
    "S007": (N_("This vault is not a legal desk vault: run 'voluntas desk init' first."), EXIT_USAGE),
    "S008": (N_("Recipient {fingerprint} is already configured."), EXIT_USAGE),
    "S009": (N_("The bundle would be {size} MiB; the desk accepts at most {limit} MiB. Seal fewer interviews or "
                "attachments at a time."), EXIT_USAGE),
    "S010": (N_("The folder {path} does not exist: plug in the stick or create the folder, then try again."),
             EXIT_USAGE),
    "S011": (N_("{path} is not a folder."), EXIT_USAGE),
    "S012": (N_("At most {limit} legal-team recipients can be configured."), EXIT_USAGE),
    "S013": (N_("Only a recipient from a signed recipient file (voluntas desk recipient) can be the primary desk."),
             EXIT_USAGE),
    "S014": (N_("Interviewer key {fingerprint} is already enrolled with another certificate or name. If the "
                "interviewer really has a new one, compare it out of band and enrol again with --replace "
                "(the desk logs it)."), EXIT_NEGATIVE),
    "S015": (N_("{path} already exists: choose a new file name (nothing was written)."), EXIT_USAGE),
    "S016": (N_("This case code cannot be sent to the legal desk: {problem}. Give the case another code; nothing "
                "was sealed."), EXIT_USAGE),
    # Rejections of a received bundle or receipt: the reason shown beside the file name.
    "S020": (N_("{file}: not addressed to this desk (wrong recipient)."), EXIT_NEGATIVE),
    "S021": (N_("{file}: damaged or incomplete (truncated, altered or still being copied)."), EXIT_NEGATIVE),
    "S022": (N_("{file}: unsafe archive entry {entry}: {problem}."), EXIT_NEGATIVE),
    "S023": (N_("{file}: the archive is not valid: {problem}."), EXIT_NEGATIVE),
    "S024": (N_("{file}: signed by an unknown interviewer key {fingerprint}."), EXIT_NEGATIVE),
    "S025": (N_("{file}: the manifest signature does not verify."), EXIT_NEGATIVE),
    "S026": (N_("{file}: this desk is not among the recipients named in the signed manifest."), EXIT_NEGATIVE),
    "S027": (N_("{file}: {entry} does not match the signed manifest ({problem})."), EXIT_NEGATIVE),
    "S028": (N_("{file}: bundle {bundle} was already received with other content (replay)."), EXIT_NEGATIVE),
    "S029": (N_("{file}: the dossier does not verify: {reason}."), EXIT_NEGATIVE),
    "S030": (N_("{file}: the manifest is not valid: {problem}."), EXIT_NEGATIVE),
    "S031": (N_("{file}: bundle {bundle} was already received (duplicate copy)."), EXIT_NEGATIVE),
    "S032": (N_("{file}: cannot be read ({kind})."), EXIT_NEGATIVE),
    "S033": (N_("{file}: refused before decryption: {problem}."), EXIT_NEGATIVE),
    "S034": (N_("{file}: the case code is not valid: {problem}."), EXIT_NEGATIVE),
    "S035": (N_("{file}: the parts of the bundle disagree: {problem}."), EXIT_NEGATIVE),
    "S036": (N_("Case code {case} is used by too many interviewer keys to file it apart."), EXIT_NEGATIVE),
    "S037": (N_("Cases {case} and {other} are already evaluated together."), EXIT_USAGE),
    "S038": (N_("Case {case} is not linked to another case."), EXIT_USAGE),
    "S040": (N_("{file}: the receipt signature does not verify against any configured legal desk."),
             EXIT_NEGATIVE),
    "S041": (N_("{file}: the receipt is not valid: {problem}."), EXIT_NEGATIVE),
    "S042": (N_("{file}: the receipt names bundle {bundle} with other content than was sent."), EXIT_NEGATIVE),
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
