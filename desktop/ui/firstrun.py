"""First run: interface language, passphrase (strength in words), interviewer and organisation, then the
key fingerprint to read out to the legal team. The legal team's recipient file is added in Settings."""

from __future__ import annotations

from collections.abc import Callable

from desktop import i18n
from desktop.core.languages import NATIVE_NAMES
from desktop.i18n import N_, _
from desktop.ui import tasks
from desktop.ui.base import Page, banner, heading, wrapped
from desktop.ui.qt import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)

STRENGTH = (N_("very weak"), N_("weak"), N_("fair"), N_("strong"), N_("very strong"))
T = {
    "title": N_("Set up Voluntas on this laptop"),
    "intro": N_("Everything you record stays on this laptop, encrypted with your passphrase. "
                "Nobody can recover it if the passphrase is lost."),
    "lang": N_("Interface language"),
    "pass": N_("Passphrase"),
    "again": N_("Passphrase again"),
    "name": N_("Interviewer name"),
    "org": N_("Organisation"),
    "strength": N_("Strength: {label}"),
    "ok": N_("This passphrase is accepted."),
    "mismatch": N_("The two passphrases differ."),
    "create": N_("Create the vault"),
    "why_pass": N_("Available once the passphrase is accepted and typed the same twice."),
    "why_names": N_("Available once the interviewer name and the organisation are filled in."),
    "working": N_("Creating the vault. This takes a few seconds..."),
    "done_title": N_("The vault is ready"),
    "done": N_("Read these fingerprints to the legal team, or print them, so they can recognise your "
               "signed records. Add the legal team's recipient file in Settings."),
    "ed": N_("Signing key (Ed25519)"),
    "cert": N_("Certificate"),
    "continue": N_("Continue to cases"),
}


class FirstRunPage(Page):
    created = Signal()

    def __init__(self, estimate: Callable[[str, list[str]], object], create: Callable[[str, str, str], object],
                 fingerprints: Callable[[], tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._estimate, self._create, self._fingerprints = estimate, create, fingerprints
        self.stack = QStackedWidget()
        form_page = QWidget()
        self.title = heading(1)
        self.intro = wrapped("muted")
        self.lang = QComboBox()
        for code in i18n.LANGUAGES:
            self.lang.addItem(NATIVE_NAMES[code], code)
        self.lang.setCurrentIndex(list(i18n.LANGUAGES).index(i18n.language()))
        self.lang.currentIndexChanged.connect(lambda _i: i18n.set_language(self.lang.currentData()))
        self.pass1, self.pass2 = QLineEdit(), QLineEdit()
        for f in (self.pass1, self.pass2):
            f.setEchoMode(QLineEdit.EchoMode.Password)
            f.textChanged.connect(self.update_strength)
        self.name, self.org = QLineEdit(), QLineEdit()
        self.meter = QProgressBar()
        self.meter.setRange(0, 4)
        self.meter.setTextVisible(False)
        self.strength = QLabel()
        self.reasons = banner("warn")
        self.create_btn = QPushButton()
        self.create_btn.clicked.connect(self.submit)
        self.status = wrapped("muted")
        self.form = QFormLayout()
        self.labels = {k: QLabel() for k in ("lang", "pass", "again", "name", "org")}
        self.form.addRow(self.labels["lang"], self.lang)
        self.form.addRow(self.labels["pass"], self.pass1)
        self.form.addRow(self.labels["again"], self.pass2)
        self.form.addRow("", self.meter)
        self.form.addRow("", self.strength)
        self.form.addRow(self.labels["name"], self.name)
        self.form.addRow(self.labels["org"], self.org)
        col = QVBoxLayout(form_page)
        col.addWidget(self.title)
        col.addWidget(self.intro)
        col.addLayout(self.form)
        col.addWidget(self.reasons)
        col.addWidget(self.create_btn)
        col.addWidget(self.status)
        col.addStretch(1)
        done_page = QWidget()
        self.done_title = heading(1)
        self.done_text = wrapped()
        self.ed_label, self.cert_label = QLabel(), QLabel()
        self.ed_value, self.cert_value = QLabel(), QLabel()
        for v in (self.ed_value, self.cert_value):
            v.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            v.setWordWrap(True)
            v.setObjectName("h2")
        self.continue_btn = QPushButton()
        self.continue_btn.clicked.connect(self.created.emit)
        dcol = QVBoxLayout(done_page)
        for w in (self.done_title, self.done_text, self.ed_label, self.ed_value, self.cert_label, self.cert_value,
                  self.continue_btn):
            dcol.addWidget(w)
        dcol.addStretch(1)
        self.stack.addWidget(form_page)
        self.stack.addWidget(done_page)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(self.stack, 3)
        outer.addStretch(1)
        for f in (self.pass1, self.pass2, self.name, self.org):
            f.returnPressed.connect(self.focusNextChild)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.title.setText(_(T["title"]))
        self.intro.setText(_(T["intro"]))
        for key, label in self.labels.items():
            label.setText(_(T[key]))
        self.create_btn.setText(_(T["create"]))
        self.done_title.setText(_(T["done_title"]))
        self.done_text.setText(_(T["done"]))
        self.ed_label.setText(_(T["ed"]))
        self.cert_label.setText(_(T["cert"]))
        self.continue_btn.setText(_(T["continue"]))
        self.update_strength()

    def update_strength(self) -> None:
        secret = self.pass1.text()
        if not secret:
            self.meter.setValue(0)
            self.strength.setText("")
            self.reasons.setText(_(T["intro"]))
            self._enable_create(False, True)
            return
        st = self._estimate(secret, [self.name.text(), self.org.text()])
        score = int(getattr(st, "score", 0))
        self.meter.setValue(score)
        self.strength.setText(_(T["strength"]).format(label=_(STRENGTH[score])))
        reasons = [_(r) for r in getattr(st, "reasons", [])]
        if secret and self.pass2.text() and self.pass2.text() != secret:
            reasons.append(_(T["mismatch"]))
        ok = bool(getattr(st, "acceptable", False)) and secret == self.pass2.text()
        self.reasons.setText("\n".join("- " + r for r in reasons) if reasons else _(T["ok"]))
        self.reasons.setObjectName("banner_warn" if reasons else "banner_info")
        self.reasons.setStyleSheet("")
        self._enable_create(ok, bool(self.name.text().strip()) and bool(self.org.text().strip()))

    def _enable_create(self, passphrase_ok: bool, names_ok: bool) -> None:
        """A disabled Create looks disabled (theme) and its tooltip says why."""
        self.create_btn.setEnabled(passphrase_ok and names_ok)
        why = "" if passphrase_ok and names_ok else _(T["why_pass"]) if not passphrase_ok else _(T["why_names"])
        self.create_btn.setToolTip(why)

    def submit(self) -> None:
        self.update_strength()
        if not self.create_btn.isEnabled():
            return
        secret, name, org = self.pass1.text(), self.name.text().strip(), self.org.text().strip()
        self.pass1.clear()
        self.pass2.clear()
        self.create_btn.setEnabled(False)
        self.status.setText(_(T["working"]))
        tasks.run(lambda: self._create(secret, name, org), self._done, self._failed)

    def _done(self, _vault: object) -> None:
        ed, cert = self._fingerprints()
        self.ed_value.setText(ed)
        self.cert_value.setText(cert)
        self.status.clear()
        self.stack.setCurrentIndex(1)
        self.continue_btn.setFocus()

    def _failed(self, err: BaseException) -> None:
        self.status.setText(err.message(_) if hasattr(err, "message") else type(err).__name__)

    def clear_sensitive(self) -> None:
        for f in (self.pass1, self.pass2):
            f.clear()
