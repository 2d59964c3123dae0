"""T7: every mutation of a signed dossier is rejected with a reason; clean dossiers verify."""

from __future__ import annotations

import random
import time
from pathlib import Path

from desktop.core.dossier import build_dossier
from desktop.core.dossier.verify import verify_bytes
from tests.core.vaulttools import kept_identity, make_vault
from tests.dossier import dossiertools as tools
from tests.dossier.dossiertools import import_case

SEED = 20261126
K = 5


def test_tamper_battery(tmp_path: Path) -> None:
    vault = make_vault(tmp_path / "v")
    try:
        ident = kept_identity(vault)  # signs after lock: lock zeroes the vault's own copy
        vignettes = ["V05", "V01", "V03", "V07", "V10"][:K]
        clean = [build_dossier(vault, import_case(vault, v, lang, "en")).pdf
                 for v, lang in zip(vignettes, ["ko", "uk", "en", "ko", "uk"], strict=True)]
    finally:
        vault.lock()
    trust = ident.certificate
    false_rejects = [i for i, pdf in enumerate(clean) if not verify_bytes(pdf, trust).ok]
    assert false_rejects == []
    rng = random.Random(SEED)
    print(f"seed {SEED}")
    mutations: list[tools.Mutation] = []
    for pdf in clean:
        mutations += tools.byte_flips(pdf, rng, 200 // K)
    mutations += tools.structured_flips(clean[0], rng)
    mutations += tools.crafted(clean[0], clean[1], ident)
    accepted, reasons, worst = [], set(), 0.0
    for name, data in mutations:
        start = time.perf_counter()
        result = verify_bytes(data, trust)
        worst = max(worst, time.perf_counter() - start)
        if result.ok or len(result.reasons) != 1:  # refused, with the first failed check's reason only
            accepted.append(name)
        reasons.update(result.reasons)
    rejected = len(mutations) - len(accepted)
    print(f"{len(mutations)} mutations, {rejected} rejected, {len(accepted)} accepted, worst {worst * 1000:.0f} ms")
    for reason in sorted(reasons):
        print("  reason:", reason)
    assert accepted == []


def test_each_crafted_attack_has_its_own_reason(tmp_path: Path) -> None:
    vault = make_vault(tmp_path / "v")
    try:
        ident = kept_identity(vault)  # signs after lock: lock zeroes the vault's own copy
        a = build_dossier(vault, import_case(vault, "V05", "ko", "en")).pdf
        b = build_dossier(vault, import_case(vault, "V01", "uk", "en")).pdf
    finally:
        vault.lock()
    expected = {
        "shadow: page content replaced": "after",
        "evil annotation": "after",
        "sneaky signature field": "after",
        "attachment added after": "after",
        "signature stripped (rendered revision only)": "no signature",
        "manifest swapped (another dossier's, its own signature)": "rendered hash differs",
        "Ed25519 signature swapped": "does not verify",
        "manifest field edited": "does not verify",
        "manifest not canonical": "canonical",
        "re-signed with an untrusted key": "not the trusted certificate",
        "pages of another dossier with this manifest": "rendered hash differs",
    }
    found = dict(tools.crafted(a, b, ident))
    for name, phrase in expected.items():
        reasons = verify_bytes(found[name], ident.certificate).reasons
        assert any(phrase in r for r in reasons), (name, reasons)


def test_a_changed_spelling_of_the_signature_hex_is_refused(tmp_path: Path) -> None:
    """Flipping a hex digit's case in /Contents leaves the signature's bytes as they were, but the file is not
    the one signed: the verifier must say so every time (it was accepted before, so T7 failed by chance)."""
    import re

    vault = make_vault(tmp_path / "v")
    try:
        ident = kept_identity(vault)
        pdf = build_dossier(vault, import_case(vault, "V05", "ko", "en")).pdf
    finally:
        vault.lock()
    assert verify_bytes(pdf, ident.certificate).ok
    match = re.search(rb"/Contents <([0-9A-F]+)>", pdf)
    assert match is not None
    pos = match.start(1) + next(i for i, c in enumerate(match.group(1)) if c in b"ABCDEF")
    flipped = pdf[:pos] + pdf[pos:pos + 1].lower() + pdf[pos + 1:]
    result = verify_bytes(flipped, ident.certificate)
    assert not result.ok
    assert any("not written as the signer wrote it" in r for r in result.reasons), result.reasons
