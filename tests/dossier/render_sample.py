"""Render a sample dossier in each captive language to PNG pages, to look at before a release.

    .venv/bin/python -m tests.dossier.render_sample OUT_DIR [--pages N] [--dpi D] [--final]

Builds a throwaway vault (fast KDF) in a temporary folder, imports vignette V05 three times (captive/
interviewer languages en/en, ko/uk, uk/en), exports each dossier and runs pdftoppm on it. The vignette
is fictional; nothing of a real interview is used.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
from pathlib import Path

from tests.dossier.dossiertools import LANGUAGE_PAIRS, sample_vault


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--pages", type=int, default=0, help="only the first N pages (0: all)")
    parser.add_argument("--dpi", type=int, default=60)
    parser.add_argument("--final", action="store_true", help="as sealed (no DRAFT marks), not as exported")
    args = parser.parse_args()
    os.environ.setdefault("VOLUNTAS_KDF_PROFILE", "fast")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    from desktop.core.dossier import build_dossier, export_dossier

    with tempfile.TemporaryDirectory() as tmp:
        vault, cases = sample_vault(Path(tmp) / "vault")
        try:
            for (captive, interviewer), case_id in zip(LANGUAGE_PAIRS, cases, strict=True):
                pdf = out / f"dossier-{captive}.pdf"
                if args.final:
                    result = build_dossier(vault, case_id, final=True)
                    pdf.write_bytes(result.pdf)
                else:
                    result = export_dossier(vault, case_id, pdf)
                cmd = ["pdftoppm", "-png", "-r", str(args.dpi)]
                if args.pages:
                    cmd += ["-l", str(args.pages)]
                subprocess.run([*cmd, str(pdf), str(out / f"{captive}")], check=True)
                print(f"{captive}/{interviewer}: {pdf} ({result.pages} pages, {len(result.pdf):,} bytes)")
        finally:
            vault.lock()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
