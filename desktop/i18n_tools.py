"""Catalog tooling: `python -m desktop.i18n_tools extract|update|compile|check|sync|signoff`.

    extract   write locales/desktop.pot (desktop/**.py: _ N_ ngettext pgettext) and locales/forms.pot
              (forms/*/form.yaml and rules.yaml, babel.cfg's methods)
    update    extract, then merge the templates into locales/{ko,uk}/LC_MESSAGES/{desktop,forms}.po;
              a string whose English changed becomes fuzzy, a new one untranslated
    compile   write <domain>.mo beside each .po (gitignored; stamped with the .po's sha256, so the app
              never uses a stale one and compiles the .po in memory instead)
    check     templates up to date; every string translated, none fuzzy; placeholders and plural forms
              right; exit 1 with one line per problem
    sync      update, compile, check: the one command after adding UI strings or editing a form
    signoff   --lang ko --domain forms --reviewer NAME [--context PREFIX]: record a reviewer's approval of
              the current translations in the review file beside the catalog (translators use the same
              thing as `voluntas forms signoff`, which needs no source checkout)
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import io
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from desktop import paths
from desktop.core.languages import TRANSLATED
from desktop.core.translation.signoff import review_path
from desktop.core.translation.signoff import save as save_review

DOMAINS = ("desktop", "forms")
NPLURALS = {"ko": 1, "uk": 3}
SOURCE_HEADER = "X-Voluntas-Source-SHA256"
FIXED_DATE = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
FORMS_METHODS = [("**/form.yaml", "desktop.core.translation.catalog:extract_form"),
                 ("**/rules.yaml", "desktop.core.translation.extract:extract_rules_yaml")]
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")


def po_path(locales: Path, lang: str, domain: str) -> Path:
    return locales / lang / "LC_MESSAGES" / f"{domain}.po"


def template(domain: str, root: Path | None = None) -> Catalog:
    """The template of `domain` extracted from the sources now (nothing written)."""
    root = root or paths.root()
    cat = Catalog(domain=domain, project="voluntas", version="1", creation_date=FIXED_DATE,
                  charset="utf-8", fuzzy=False)
    if domain == "desktop":
        keywords = dict(DEFAULT_KEYWORDS)
        found = extract_from_dir(root / "desktop", [("**.py", "python")], keywords=keywords,
                                 comment_tags=("TRANSLATORS:",), strip_comment_tags=True)
        base = "desktop/"
    else:
        found = extract_from_dir(root / "forms", FORMS_METHODS, keywords=DEFAULT_KEYWORDS)
        base = "forms/"
    for filename, lineno, message, comments, context in found:
        cat.add(message, None, [(base + filename.replace("\\", "/"), lineno)], auto_comments=comments,
                context=context)
    return cat


def extract(root: Path | None = None, locales: Path | None = None,
            domains: Iterable[str] = DOMAINS) -> dict[str, Catalog]:
    locales = locales or paths.locales_dir()
    out = {}
    for domain in domains:
        cat = template(domain, root)
        _write(locales / f"{domain}.pot", cat)
        out[domain] = cat
    return out


def _write(path: Path, cat: Catalog) -> None:
    buf = io.BytesIO()
    write_po(buf, cat, width=100, ignore_obsolete=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.is_file() or path.read_bytes() != buf.getvalue():
        path.write_bytes(buf.getvalue())


def read(path: Path, lang: str | None = None, domain: str | None = None) -> Catalog:
    with path.open("rb") as fh:
        return read_po(fh, locale=lang, domain=domain)


def update(root: Path | None = None, locales: Path | None = None, domains: Iterable[str] = DOMAINS) -> None:
    locales = locales or paths.locales_dir()
    templates = {d: c for d, c in extract(root, locales, domains).items()}
    for lang in TRANSLATED:
        for domain, tmpl in templates.items():
            path = po_path(locales, lang, domain)
            cat = read(path, lang, domain) if path.is_file() else Catalog(locale=lang, domain=domain,
                                                                         creation_date=FIXED_DATE)
            cat.update(tmpl, update_header_comment=False, update_creation_date=False)
            cat.revision_date = FIXED_DATE
            cat.fuzzy = False
            _write(path, cat)
            if not review_path(path).is_file():  # every catalog has its review file, empty until sign-off
                save_review(review_path(path), {}, lang, domain)


class _StampedCatalog(Catalog):
    source_sha256 = ""

    @property
    def mime_headers(self) -> list[tuple[str, str]]:
        return [*Catalog.mime_headers.fget(self), (SOURCE_HEADER, self.source_sha256)]  # type: ignore[attr-defined]

    @mime_headers.setter
    def mime_headers(self, headers: Iterable[tuple[str, str]]) -> None:
        Catalog.mime_headers.fset(self, headers)  # type: ignore[attr-defined]


def compile_mo(po: Path) -> Path:
    """Write po's .mo beside it, stamped with the sha256 of the .po bytes."""
    data = po.read_bytes()
    cat = read_po(io.BytesIO(data))
    stamped = _StampedCatalog(locale=cat.locale, domain=cat.domain)
    stamped.mime_headers = cat.mime_headers
    stamped.source_sha256 = hashlib.sha256(data).hexdigest()
    for m in cat:
        if m.id:
            stamped[m.id] = m
    buf = io.BytesIO()
    write_mo(buf, stamped, use_fuzzy=False)
    mo = po.with_suffix(".mo")
    mo.write_bytes(buf.getvalue())
    return mo


def compile_all(locales: Path | None = None) -> list[Path]:
    locales = locales or paths.locales_dir()
    return [compile_mo(po) for po in sorted(locales.glob("*/LC_MESSAGES/*.po"))]


def _msg_key(m: Message) -> tuple[str, str | None]:
    return (m.id if isinstance(m.id, str) else m.id[0]), m.context


def template_problems(root: Path | None = None, locales: Path | None = None) -> list[str]:
    """The committed .pot files differ from what the sources give now."""
    locales = locales or paths.locales_dir()
    out = []
    for domain in DOMAINS:
        path = locales / f"{domain}.pot"
        fresh = io.BytesIO()
        write_po(fresh, template(domain, root), width=100, ignore_obsolete=True)
        if not path.is_file() or path.read_bytes() != fresh.getvalue():
            out.append(f"{path}: out of date; run python -m desktop.i18n_tools update")
    return out


def catalog_problems(po: Path, lang: str, tmpl: Catalog | None = None) -> list[str]:
    """Untranslated, fuzzy, missing or obsolete strings, wrong placeholders, wrong plural counts."""
    cat = read(po, lang)
    out = []
    if cat.num_plurals != NPLURALS.get(lang, cat.num_plurals):
        out.append(f"{po}: Plural-Forms has {cat.num_plurals} forms, expected {NPLURALS[lang]}")
    have = {_msg_key(m) for m in cat if m.id}
    if tmpl is not None:
        want = {_msg_key(m) for m in tmpl if m.id}
        out += [f"{po}: missing {ctx or ''} {mid!r}" for mid, ctx in sorted(want - have, key=str)]
        out += [f"{po}: not in the template {ctx or ''} {mid!r}" for mid, ctx in sorted(have - want, key=str)]
    for m in cat:
        if not m.id:
            continue
        where = f"{po}:{m.lineno}: {m.context or ''}"
        strings = [str(x or "") for x in (m.string if isinstance(m.string, (list, tuple)) else [m.string])]
        if m.fuzzy:
            out.append(f"{where} fuzzy")
        if not all(strings):
            out.append(f"{where} untranslated")
            continue
        if m.pluralizable and len(strings) != cat.num_plurals:
            out.append(f"{where} has {len(strings)} plural forms, expected {cat.num_plurals}")
        ids = [str(x) for x in (m.id if isinstance(m.id, (list, tuple)) else [m.id])]
        want_fields = sorted(set(PLACEHOLDER.findall(" ".join(ids))))
        for s in strings:
            if sorted(set(PLACEHOLDER.findall(s))) != want_fields:
                out.append(f"{where} placeholders {PLACEHOLDER.findall(s)} differ from {want_fields}")
    return out


def check(root: Path | None = None, locales: Path | None = None) -> list[str]:
    locales = locales or paths.locales_dir()
    out = template_problems(root, locales)
    for domain in DOMAINS:
        tmpl_path = locales / f"{domain}.pot"
        tmpl = read(tmpl_path) if tmpl_path.is_file() else None
        for lang in TRANSLATED:
            po = po_path(locales, lang, domain)
            out += catalog_problems(po, lang, tmpl) if po.is_file() else [f"{po}: missing"]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m desktop.i18n_tools", description=__doc__.splitlines()[0],
                                     allow_abbrev=False)
    parser.add_argument("command", choices=("extract", "update", "compile", "check", "sync", "signoff"))
    parser.add_argument("--lang", choices=TRANSLATED)
    parser.add_argument("--domain", choices=DOMAINS, default="forms")
    parser.add_argument("--reviewer")
    parser.add_argument("--context", default="", help="signoff: only msgctxt starting with this prefix")
    args = parser.parse_args(argv)
    if args.command == "extract":
        extract()
    if args.command in ("update", "sync"):
        update()
    if args.command in ("compile", "sync"):
        for mo in compile_all():
            sys.stdout.write(f"compiled {mo}\n")
    if args.command == "signoff":
        from desktop.core.translation.signoff import sign_off

        if not args.lang or not args.reviewer:
            parser.error("signoff needs --lang and --reviewer")
        n = sign_off(po_path(paths.locales_dir(), args.lang, args.domain), args.reviewer, args.context)
        sys.stdout.write(f"{n} string(s) approved by {args.reviewer}\n")
    if args.command in ("check", "sync"):
        problems = check()
        for p in problems:
            sys.stdout.write(p + "\n")
        sys.stderr.write(f"{len(problems)} problem(s)\n")
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
