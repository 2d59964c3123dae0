"""What the captive view shows for a question, as (msgctxt, English) pairs, and the whole captive script.

One definition serves the captive view, the text hashed with each answer (session.shown_text: the audit log
and the dossier record the screen he saw), the unreviewed-text record and `voluntas forms captive-script`.
A question with `captive: none` (what the interviewer declares, observes, judges or signs) shows him only
the neutral page; no interviewer label, hint, coded list or note ever reaches these strings.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.forms.model import Choice, Form, Question, context

WAIT, DECLINE = "captive_page.wait", "captive_page.decline"
KEYS = "1234567890ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # the key that points at choice n is KEYS[n - 1]
Pair = tuple[str, str]  # (msgctxt, English)


def choice_pair(form: Form, list_id: str, c: Choice) -> Pair:
    """His wording of a choice: its captive_label when the form gives one, else the label."""
    if c.captive_label:
        return context(form, list_id, c.code, "captive_label"), c.captive_label
    return context(form, list_id, c.code, "label"), c.label


@dataclass(frozen=True)
class Screen:
    """One captive screen: the question, his hint, the choices (empty: he answers in his own words) and the
    cue that he may decline; or, for an interviewer item, only the neutral page (`wait`)."""

    question: Pair | None
    hint: Pair | None
    choices: tuple[Pair, ...]
    decline: Pair | None
    wait: Pair | None

    def pairs(self) -> list[Pair]:
        return [p for p in (self.question, self.hint, *self.choices, self.decline, self.wait) if p is not None]


def screen(form: Form, q: Question) -> Screen:
    if q.captive == "none" or q.captive_text is None:
        return Screen(None, None, (), None, (context(form, WAIT), form.captive_wait))
    hint = (context(form, q.id, "captive_hint"), q.captive_hint) if q.captive_hint else None
    choices: tuple[Pair, ...] = ()
    cl = form.choices(q.id)
    if q.captive == "choices" and cl is not None:
        choices = tuple(choice_pair(form, cl.id, c) for c in cl.choices)
    return Screen((context(form, q.id, "captive_text"), q.captive_text), hint, choices,
                  (context(form, DECLINE), form.captive_decline), None)


def captive_strings(form: Form, qid: str) -> list[Pair]:
    """(msgctxt, English) of every string the captive view shows while `qid` is asked, in screen order."""
    return screen(form, form.questions[qid]).pairs()


def script(form: Form) -> list[tuple[str, Screen]]:
    """Every screen the captive can ever see, in protocol order: (question id, screen). Interviewer items
    all show the same neutral page, listed once (id "")."""
    out: list[tuple[str, Screen]] = []
    for qid, q in form.questions.items():
        if q.type == "calculate":
            continue
        if q.captive == "none":
            if not any(i == "" for i, _s in out):
                out.append(("", screen(form, q)))
            continue
        out.append((qid, screen(form, q)))
    return out
