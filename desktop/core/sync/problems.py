"""Error codes of sealing, transport and the legal desk (S0xx), appended to the shared table."""

from __future__ import annotations

from desktop.core.errors import ERRORS, EXIT_NEGATIVE, EXIT_USAGE, N_

ERRORS.update({
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
})
