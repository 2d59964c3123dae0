"""The interview screen's own words (the form's text comes from the form catalogs)."""

from __future__ import annotations

from desktop.i18n import N_

T = {
    "captive": N_("Captive's language"),
    "interviewer": N_("Your language"),
    "stop": N_("Pause interview (Ctrl+Shift+S)"),
    "captive_view": N_("Captive view (F11)"),
    "review": N_("Review (Ctrl+R)"),
    "eval": N_("Evaluation (Ctrl+E)"),
    "back": N_("Back (Alt+Left)"),
    "next": N_("Next (Enter)"),
    "note": N_("Note (Ctrl+M)"),
    "note_hint": N_("Your note on this question. Never shown to the captive."),
    "saved": N_("Saved"),
    "saving": N_("Saving..."),
    "not_saved": N_("Not saved yet"),
    "failed": N_("NOT saved: {reason} The answer is still here; press Enter to try again."),
    "progress": N_("This section: {done} of {total} required questions answered. All sections: {all_done} of "
                   "{all_total} (questions that apply now)."),
    "section": N_("{title}\n    {done} of {total} answered"),
    "section_done": N_("{title}\n    complete"),
    "required": N_("required"),
    "neutral": N_("his screen: a neutral page"),
    "by_captive": N_("asked of him"),
    "by_interviewer": N_("you record"),
    "unreviewed": N_("Translation not yet reviewed: read it with the interpreter."),
    "gate_consent": N_("Consent: {state}"),
    "gate_capacity": N_("Capacity: {state}"),
    "given": N_("given"),
    "confirmed": N_("confirmed"),
    "not_yet": N_("not yet decided"),
    "no": N_("not given"),
    "no_cap": N_("not confirmed"),
    "stop_title": N_("The interview stops here ({reason})."),
    "stop_body": N_("From now on only the minimal record is completed: the session data, the setting, the "
                    "capacity and consent answers, the reason and the signatures. {removed} other answers "
                    "already given will be removed from this interview. Nothing else is asked."),
    "stop_apply": N_("Keep only the minimal record (Ctrl+K)"),
    "stop_done": N_("Only the minimal record is kept for this interview."),
    "reconsent": N_("Consent must be given again: a new interview record has started for this case."),
    "self_harm": N_("He said he may harm himself. Stop and follow the referral procedure now."),
    "end": N_("All questions asked. Press Ctrl+R to review."),
}
REASONS = {
    "capacity": N_("he cannot take part now"),
    "declined": N_("he declined"),
    "postponed": N_("he asked to postpone"),
    "consent_invalid": N_("consent is not valid"),
}
