"""Passphrase policy: at least 16 characters or 5 words, with a strength estimate (zxcvbn).

No composition rules. A seized disk allows offline guessing, so length is what counts; the
estimate also refuses a long but trivially guessable phrase ("aaaaaaaaaaaaaaaa").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.core.errors import N_

MIN_CHARS = 16
MIN_WORDS = 5
MIN_SCORE = 3  # zxcvbn 0..4
ESTIMATE_CHARS = 64  # zxcvbn is slow on huge inputs; the first 64 characters decide the score


@dataclass(frozen=True)
class Strength:
    score: int  # 0..4
    acceptable: bool
    reasons: list[str] = field(default_factory=list)  # marked strings, translated where shown
    crack_time: str = ""


def estimate(passphrase: str, user_inputs: list[str] | None = None) -> Strength:
    from zxcvbn import zxcvbn

    reasons: list[str] = []
    words = len(passphrase.split())
    long_enough = len(passphrase) >= MIN_CHARS or words >= MIN_WORDS
    if not long_enough:
        reasons.append(N_("use at least 16 characters or 5 words"))
    score = 0
    crack = ""
    if passphrase:
        result = zxcvbn(passphrase[:ESTIMATE_CHARS], user_inputs=[u for u in (user_inputs or []) if u])
        score = int(result["score"])
        crack = str(result["crack_times_display"]["offline_slow_hashing_1e4_per_second"])
    if score < MIN_SCORE:
        reasons.append(N_("it is too easy to guess: avoid repeated letters, common phrases and names"))
    return Strength(score, long_enough and score >= MIN_SCORE, reasons, crack)
