"""Error codes of the dossier (D0xx), appended to the shared table like rules/problems.py does."""

from __future__ import annotations

from desktop.core.errors import ERRORS, EXIT_NEGATIVE, EXIT_USAGE, N_

ERRORS.update({
    "D001": (N_("No interviews to put in a dossier: {what} {ident} is not in the vault."), EXIT_USAGE),
    "D002": (N_("The interviews of one dossier must belong to one case; {ident} belongs to another."), EXIT_USAGE),
    "D003": (N_("Cannot read the dossier {path}: {reason}."), EXIT_USAGE),
    "D004": (N_("Cannot read the trusted certificate {path}: {reason}."), EXIT_USAGE),
    "D005": (N_("Could not sign the dossier: {reason}."), EXIT_NEGATIVE),
    "D006": (N_("The extra manifest field {field} is reserved."), EXIT_USAGE),
})
