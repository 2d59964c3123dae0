"""`voluntas forms i18n [--json]`: per form and language, strings total, translated, fuzzy, untranslated,
reviewed, and whether the language may be the captive's language (the language rule); then the same counts
for the interface catalog (locales/<lang>/LC_MESSAGES/desktop.po)."""

from __future__ import annotations

import argparse
import io
import json
import sys

from desktop import i18n
from desktop.core.languages import TRANSLATED


def add_parser(forms_sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = forms_sub.add_parser("i18n", help="translation status of every shipped form and of the interface, in ko and uk")
    p.add_argument("--json", action="store_true", dest="as_json", help="one JSON document on stdout")
    p.set_defaults(func=run)


def interface_stats(lang: str) -> dict[str, object]:
    """Counts of the interface catalog of `lang`, with the same keys as a form's."""
    from babel.messages.pofile import read_po

    from desktop import paths
    from desktop.core.translation.signoff import is_reviewed, is_translated, load, review_path

    po = paths.locales_dir() / lang / "LC_MESSAGES" / "desktop.po"
    messages = [m for m in read_po(io.BytesIO(po.read_bytes()), locale=lang) if m.id] if po.is_file() else []
    approvals = load(review_path(po)) if po.is_file() else {}
    translated = [m for m in messages if is_translated(m) and not m.fuzzy]
    reviewed = sum(is_reviewed("desktop", m, approvals) for m in translated)
    fuzzy = sum(bool(m.fuzzy) for m in messages)
    return {"catalog": "desktop", "language": lang, "total": len(messages), "translated": len(translated),
            "fuzzy": fuzzy, "untranslated": len(messages) - len(translated) - fuzzy, "reviewed": reviewed,
            "unreviewed": len(translated) - reviewed}


def run(args: argparse.Namespace) -> int:
    from desktop.core.forms.loader import shipped_form_paths
    from desktop.core.translation.shown import captive_language, form_stats

    _ = i18n._
    rows = []
    langs = TRANSLATED
    for path in shipped_form_paths():
        form_id = path.parent.name
        for lang in langs:
            st = form_stats(form_id, lang)
            rule = captive_language(form_id, lang)
            rows.append({**st.to_json(), "captive_language": rule.allowed, "reason": rule.message()})
            if not args.as_json:
                sys.stdout.write(_("{form} {language}: {total} strings, {translated} translated, {fuzzy} fuzzy, "
                                   "{untranslated} untranslated, {reviewed} reviewed").format(**st.to_json()) + "\n")
                sys.stdout.write("  " + rule.message(_) + "\n")
                _unreviewed(st.translated - st.reviewed)
    interface = [interface_stats(lang) for lang in langs]
    if args.as_json:
        sys.stdout.write(json.dumps({"forms": rows, "interface": interface}, ensure_ascii=False, indent=2) + "\n")
        return 0
    for counts in interface:
        sys.stdout.write(_("interface {language}: {total} strings, {translated} translated, {fuzzy} fuzzy, "
                           "{untranslated} untranslated, {reviewed} reviewed").format(**counts) + "\n")
        _unreviewed(int(str(counts["unreviewed"])))
    return 0


def _unreviewed(count: int) -> None:
    if count > 0:
        sys.stdout.write("  " + i18n._("UNREVIEWED: {count} translated strings have no valid reviewer "
                                       "approval.").format(count=count) + "\n")
