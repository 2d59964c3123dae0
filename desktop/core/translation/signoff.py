"""Review status kept beside each catalog: who approved which source and which translation, when.

locales/<lang>/LC_MESSAGES/<domain>.review.json:
    {"format": "voluntas-review/1", "language": "ko", "domain": "forms",
     "approvals": {"<key>": {"source_sha256": ..., "translation_sha256": ..., "reviewer": ..., "date": ...}}}

The key is the msgctxt in the `forms` domain (one per string) and "<msgctxt>\\x04<msgid>" or the msgid in
`desktop`. A string counts as reviewed only while both hashes still match: a changed English source or a
changed translation makes it unreviewed again, whoever approved it before.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
from collections.abc import Collection, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from babel.messages.catalog import Message
from babel.messages.pofile import read_po

from desktop.core.atomic import write_atomic

FORMAT = "voluntas-review/1"


@dataclass(frozen=True)
class Approval:
    source_sha256: str
    translation_sha256: str
    reviewer: str
    date: str  # YYYY-MM-DD


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _joined(value: Any) -> str:
    return "\x00".join(value) if isinstance(value, (list, tuple)) else str(value or "")


def source_sha256(message: Message) -> str:
    """The English source: msgid (plural: msgid NUL msgid_plural)."""
    return sha256_text(_joined(message.id))


def translation_sha256(message: Message) -> str:
    """The translation: msgstr (plural: the forms joined by NUL)."""
    return sha256_text(_joined(message.string))


def entry_key(domain: str, context: str | None, msgid: str) -> str:
    if domain == "forms" and context:
        return context
    return f"{context}\x04{msgid}" if context else msgid


def message_key(domain: str, message: Message) -> str:
    msgid = message.id[0] if isinstance(message.id, (list, tuple)) else str(message.id)
    return entry_key(domain, message.context, msgid)


def review_path(po: Path) -> Path:
    """forms.po -> forms.review.json beside it."""
    return po.with_name(po.stem + ".review.json")


def load(path: Path) -> dict[str, Approval]:
    """The approvals in a review file (none when it does not exist)."""
    if not path.is_file():
        return {}
    doc = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ValueError(f"{path}: not a {FORMAT} file")
    out: dict[str, Approval] = {}
    for key, entry in dict(doc.get("approvals") or {}).items():
        out[str(key)] = Approval(str(entry["source_sha256"]), str(entry["translation_sha256"]),
                                 str(entry["reviewer"]), str(entry["date"]))
    return out


def save(path: Path, approvals: Mapping[str, Approval], language: str, domain: str) -> None:
    doc = {"format": FORMAT, "language": language, "domain": domain,
           "approvals": {k: asdict(approvals[k]) for k in sorted(approvals)}}
    # Atomic and durable: a sign-off is a record someone relies on (the file is committed, so 0644).
    write_atomic(path, (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8"), 0o644)


def is_translated(message: Message) -> bool:
    strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    return bool(message.id) and all(strings)


def is_reviewed(domain: str, message: Message, approvals: Mapping[str, Approval]) -> bool:
    """Approved, translated, not fuzzy, and neither the source nor the translation changed since."""
    approval = approvals.get(message_key(domain, message))
    return (approval is not None and is_translated(message) and not message.fuzzy
            and approval.source_sha256 == source_sha256(message)
            and approval.translation_sha256 == translation_sha256(message))


def sign_off(po: Path, reviewer: str, context_prefix: str = "", date: datetime.date | None = None,
             keys: Collection[str] | None = None) -> int:
    """Approve, in `reviewer`'s name, every translated, non-fuzzy string of `po` (only those whose key
    starts with `context_prefix` when given, and only those in `keys` when given: the strings a translator
    marked in the preview). Returns how many approvals were written or renewed."""
    if not reviewer.strip():
        raise ValueError("a reviewer name is needed")
    catalog = read_po(io.BytesIO(po.read_bytes()))
    domain = catalog.domain or po.stem
    path = review_path(po)
    approvals = load(path)
    day = (date or datetime.date.today()).isoformat()
    count = 0
    for message in catalog:
        if not message.id or message.fuzzy or not is_translated(message):
            continue
        key = message_key(po.stem, message)
        if not key.startswith(context_prefix) or (keys is not None and key not in keys):
            continue
        approvals[key] = Approval(source_sha256(message), translation_sha256(message), reviewer.strip(), day)
        count += 1
    save(path, approvals, str(catalog.locale or po.parent.parent.name), domain)
    return count
