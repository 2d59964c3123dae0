"""Render every desk screen to PNG, offscreen: `python -m desktop.ui.desk.screenshots OUTDIR [LANG ...]`.

Works on the throwaway demo desk (fictional cases, built in a temporary folder and deleted afterwards):
unlock, cases, the inbox after receiving, a case, the sign-off recorded, interviewer keys with a key's
fingerprints shown for comparison. Default languages: en, ko, uk.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from desktop.core.languages import LANGUAGES

SIZE = (1366, 768)


def shoot(out: Path, langs: tuple[str, ...] = LANGUAGES) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desktop import i18n
    from desktop.desk_app import make_demo_core
    from desktop.ui import tasks
    from desktop.ui.app_window import ensure_app
    from desktop.ui.desk.window import DeskWindow

    app = ensure_app()
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for lang in langs:
        folder = Path(tempfile.mkdtemp(prefix="voluntas-desk-shots-"))
        try:
            i18n.set_language(lang)
            core = make_demo_core(folder)
            win = DeskWindow(core, opener=lambda _p: None)
            win.resize(*SIZE)
            win.show()

            def snap(name: str, win: Any = win, lang: str = lang) -> None:
                tasks.wait()
                for _ in range(3):
                    app.processEvents()
                path = out / f"desk-{name}-{lang}.png"
                win.grab().save(str(path))
                written.append(path)

            snap("01-unlock")
            win.unlock_page.submit()
            tasks.wait()
            snap("02-cases")
            win.go("inbox")
            junk = folder / "inbox" / "0f1e2d3c4b5a69788796a5b4c3d2e1f0.age"  # damaged: refused, with its reason
            junk.write_bytes(b"age-encryption.org/v1\n-> X25519 AAAA\nAAAA\n--- AAAA\n")
            win.pages["inbox"].receive()
            snap("03-inbox")
            win.open_case("DEMO-V06")
            snap("04-case")
            case = win.pages["case"]
            case.reviewer.setText("Demo reviewer (fictional)")
            case.note.setPlainText("Fictional demo note: repeat the interview with an independent interpreter.")
            case.sign()
            tasks.wait()
            case.view.verticalScrollBar().setValue(case.view.verticalScrollBar().maximum())
            snap("05-case-signed-off")
            win.go("keys")
            keys = win.pages["keys"]
            keys.folder.edit.setText(str(folder / "f1" / "keys"))
            keys.read()
            snap("06-keys")
            win.lock()
            win.close()
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    return written


def main(argv: list[str]) -> int:
    if not argv:
        sys.stdout.write(str(__doc__))
        return 2
    written = shoot(Path(argv[0]), tuple(argv[1:]) or LANGUAGES)
    sys.stdout.write(f"{len(written)} screenshots in {argv[0]}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
