"""The case report as a PDF, made and signed by the desk (PAdES with the desk's certificate, and an
Ed25519-signed manifest in the dossier manifest format, kind "case-report"), so `voluntas dossier
verify REPORT.pdf --trust desk-cert.pem` and pdfsig check it like a dossier. It names each dossier it
summarises by SHA-256, so the report and the received files stay tied together.
"""

from __future__ import annotations

import base64
import hashlib
import io
from typing import Any

from reportlab.platypus import BaseDocTemplate, Flowable, Frame, NextPageTemplate, PageTemplate, Spacer

from desktop.core.dossier.cover import NOTICE, grid
from desktop.core.dossier.manifest import FORMAT, canonical, sha256_json
from desktop.core.dossier.summary import DECISION_SUPPORT
from desktop.core.errors import N_
from desktop.core.identity import fingerprint
from desktop.core.sync.report import CaseStory
from desktop.core.typeset import fonts, layout
from desktop.core.typeset.layout import BODY, H1, H3, para
from desktop.core.vault import Vault

KIND = "case-report"
STAMP = "Signed by the legal desk (PAdES B-B, ECDSA P-256)"  # pyHanko's stamp font is Latin only


def render(s: CaseStory, desk: str, made: str) -> bytes:
    fonts.register()
    _ = s.words.ui
    buf = io.BytesIO()
    doc = BaseDocTemplate(buf, pagesize=layout.PAGE, leftMargin=layout.MARGIN, rightMargin=layout.MARGIN,
                          topMargin=layout.MARGIN, bottomMargin=layout.MARGIN + 4, title="Voluntas case report",
                          author="", subject="", creator="Voluntas", keywords="")
    width = layout.PAGE[0] - 2 * layout.MARGIN
    top = layout.SIG_BOX[3] + 20
    caption = _(N_("Electronic signature of the legal desk (PAdES)."))
    doc.addPageTemplates([
        PageTemplate("first", [Frame(layout.MARGIN, top, width, layout.PAGE[1] - layout.MARGIN - top)],
                     onPage=lambda c, _d: layout.cover_signature_area(c, caption)),
        PageTemplate("body", [Frame(layout.MARGIN, layout.MARGIN + 4, width, layout.PAGE[1] - 2 * layout.MARGIN - 4)]),
    ])
    story: list[Flowable] = [NextPageTemplate("body"), para(_(N_("Case report")), H1),
                             grid([[_(N_("Case")), s.case_code], [_(N_("Made by")), desk], [_(N_("Made")), made],
                                   [_(N_("Ruleset")), s.ruleset]], [width * 0.24, width * 0.76])]
    if s.ruleset_note:
        story.append(para(s.ruleset_note, NOTICE))
    story.append(para(_(N_("Interviews")), H3))
    rows: list[list[Any]] = [[_(N_("Interview")), _(N_("Date")), _(N_("Interviewer")), _(N_("Wish")),
                              _(N_("Reliability at this interview"))]]
    rows += [[str(i.index), i.date, f"{i.interviewer}\n{i.languages}", i.wish, i.reliability] for i in s.interviews]
    story.append(grid(rows, [width * f for f in (0.1, 0.14, 0.26, 0.3, 0.2)]))
    story.append(para(_(N_("Evaluation over time")), H3))
    rows = [[_(N_("After interview")), _(N_("POW status")), _(N_("Wish")), _(N_("Reliability of the wish"))]]
    rows += [[f"{t.index} ({t.date})", t.status, t.wish, t.reliability] for t in s.steps]
    story.append(grid(rows, [width * f for f in (0.2, 0.25, 0.3, 0.25)]))
    story.append(para(_(N_("Case-level result and why")), H3))
    if s.summary is None:
        story.append(para(s.problem, BODY))
    else:
        m = s.summary
        story.append(grid([
            [_(N_("POW status")), f"{m.status}\n{m.grounds}"],
            [_(N_("His wish, as chosen")), "\n".join(f"{q}: {a}" for q, a in m.chosen) or "-"],
            [_(N_("Reliability of the wish")), "\n".join([m.reliability, *m.reasons])],
            [_(N_("Risk on return")), "\n".join(f"{d}: {r}" for d, r in m.risk)],
            [_(N_("Options")), "\n".join(f"{o}: {r}" + (f" ({c})" if c else "") for o, r, c in m.options)],
            [_(N_("Flags")), m.flags],
            [_(N_("Legal sign-off of the rules")), _(N_("Not recorded by this ruleset version."))
             if m.unsigned_rules is None else ", ".join(r.split(":", 1)[0] for r in m.unsigned_rules) or "-"],
        ], [width * 0.24, width * 0.76]))
    story.append(para(_(N_("Sign-offs")), H3))
    signed = [[o.signed_at, o.reviewer, o.note] for o in s.signoffs] or [["-", "-", _(N_("none"))]]
    story.append(grid(signed, [width * 0.22, width * 0.22, width * 0.56]))
    story.append(para(_(N_("Dossiers received")), H3))
    story.append(grid([[d.received, d.ruleset or "-", d.sha256] for d in s.dossiers],
                      [width * 0.22, width * 0.22, width * 0.56]))
    story += [Spacer(1, 6), para(_(DECISION_SUPPORT), NOTICE)]
    doc.build(story, canvasmaker=layout.canvas_class(s.case_code, _(N_("Case report of the legal desk"))))
    return buf.getvalue()


def build_report(vault: Vault, s: CaseStory) -> bytes:
    """The signed case report (PDF bytes); nothing is written."""
    from desktop.core.dossier.sign import sign_dossier

    ident = vault.records.identity()
    made = vault.clock.iso_now()
    desk = f"{ident.interviewer}, {ident.organisation}" if ident.organisation else ident.interviewer
    rendered = render(s, desk, made)
    doc = {
        "format": FORMAT, "kind": KIND,
        "case": {"id": "", "code": s.case_code},
        "interviews": [{"index": i.index, "date": i.date} for i in s.interviews],
        "dossiers": [{"bundle_id": d.bundle_id, "sha256": d.sha256} for d in s.dossiers],
        "ruleset": s.ruleset,
        "evaluation_sha256": sha256_json(s.evaluation) if s.evaluation is not None else None,
        "signoffs": len(s.signoffs),
        "keys": {"ed25519": base64.b64encode(ident.ed25519_public()).decode("ascii"),
                 "ed25519_fingerprint": fingerprint(ident.ed25519_public()),
                 "certificate_fingerprint": fingerprint(ident.certificate), "device_id": ident.device_id},
        "rendered_sha256": hashlib.sha256(rendered).hexdigest(),
        "created": made,
    }
    data = canonical(doc)
    return sign_dossier(rendered, data, ident.ed25519_key().sign(data), ident, stamp_title=STAMP,
                        field_name="LegalDeskSignature")
