"""`voluntas forms i18n [--json]`: per form and language, strings total, translated, fuzzy, untranslated,
reviewed; and whether the language may be the captive's language (the language rule)."""

from __future__ import annotations

import argparse
import json
import sys

from desktop import i18n


def add_parser(forms_sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = forms_sub.add_parser("i18n", help="translation status of every shipped form in ko and uk")
    p.add_argument("--json", action="store_true", dest="as_json", help="one JSON document on stdout")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from desktop.core.forms.loader import shipped_form_paths
    from desktop.core.forms.text import captive_language, form_stats

    _ = i18n._
    rows = []
    for path in shipped_form_paths():
        form_id = path.parent.name
        for lang in i18n.LANGUAGES:
            if lang == "en":
                continue
            st = form_stats(form_id, lang)
            rule = captive_language(form_id, lang)
            rows.append({**st.to_json(), "captive_language": rule.allowed, "reason": rule.message()})
            if not args.as_json:
                sys.stdout.write(_("{form} {language}: {total} strings, {translated} translated, {fuzzy} fuzzy, "
                                   "{untranslated} untranslated, {reviewed} reviewed").format(**st.to_json()) + "\n")
                sys.stdout.write("  " + rule.message(_) + "\n")
                if st.translated > st.reviewed:
                    sys.stdout.write("  " + _("UNREVIEWED: {count} translated strings have no valid reviewer "
                                              "approval.").format(count=st.translated - st.reviewed) + "\n")
    if args.as_json:
        sys.stdout.write(json.dumps({"forms": rows}, ensure_ascii=False, indent=2) + "\n")
    return 0
