"""Error codes of the vault's integrity checks (issue 13), appended to the shared table."""

from __future__ import annotations

from desktop.core.errors import ERRORS, EXIT_LOCKED, EXIT_NEGATIVE, EXIT_USAGE, N_

ERRORS.update({
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
    "V025": (N_("The key file {path} does not open the database: it is older than the database (the passphrase "
                "was changed since) or the database is damaged."), EXIT_LOCKED),
    "V024": (N_("Not a valid case code: {problem}"), EXIT_USAGE),
    "V026": (N_("A note can hold at most {limit} characters; this one has {count}. It was not saved."),
             EXIT_USAGE),
})
