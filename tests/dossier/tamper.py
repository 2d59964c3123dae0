"""Mutations of a signed dossier for the T7 battery (security.md section 3), crafted with pyHanko."""

from __future__ import annotations

import datetime as dt
import io
import json
import random
import re
from collections.abc import Callable, Iterator

import rfc8785

from desktop.core import identity
from desktop.core.dossier import manifest as mf
from desktop.core.dossier.sign import sign_dossier

Mutation = tuple[str, bytes]


def first_revision(pdf: bytes) -> bytes:
    end = pdf.index(b"%%EOF") + 5
    return pdf[:end + 1] if pdf[end:end + 1] == b"\n" else pdf[:end]


def attachments(pdf: bytes) -> tuple[bytes, bytes]:
    from pyhanko.pdf_utils.reader import PdfFileReader

    from desktop.core.dossier.verify import _attachments

    files = _attachments(PdfFileReader(io.BytesIO(pdf)))
    return files[mf.NAME], files[mf.SIG_NAME]


def byte_range(pdf: bytes) -> tuple[int, int, list[int]]:
    """(start, end) of the /ByteRange array text of the last signature, and its four numbers."""
    m = list(re.finditer(rb"/ByteRange\s*\[([^\]]*)\]", pdf))[-1]
    return m.start(), m.end(), [int(x) for x in m.group(1).split()]


def flip(pdf: bytes, pos: int, mask: int = 0x01) -> bytes:
    return pdf[:pos] + bytes([pdf[pos] ^ mask]) + pdf[pos + 1:]


def byte_flips(pdf: bytes, rng: random.Random, count: int) -> Iterator[Mutation]:
    for _ in range(count):
        pos = rng.randrange(len(pdf))
        yield f"random flip at {pos}", flip(pdf, pos, 1 << rng.randrange(8))


def structured_flips(pdf: bytes, rng: random.Random) -> Iterator[Mutation]:
    start, end, br = byte_range(pdf)
    for pos in range(start, end):
        yield f"/ByteRange byte {pos}", flip(pdf, pos)
    hole = range(br[1], br[2])
    der_end = br[1] + 1 + len(pdf[br[1] + 1:br[2] - 1].rstrip(b"0"))
    for pos in [br[1], br[2] - 1, *rng.sample(range(br[1] + 1, der_end), 80),
                *rng.sample(range(der_end, br[2] - 1), 20)]:
        if pos in hole:
            yield f"/Contents byte {pos}", flip(pdf, pos)
    streams = [m.end() for m in re.finditer(rb"stream\r?\n", pdf[:br[1]])]
    for pos in rng.sample(streams, min(20, len(streams))):
        yield f"content stream byte {pos + 8}", flip(pdf, pos + 8)
    tail = pdf.rfind(b"startxref")
    for pos in range(tail, len(pdf)):
        yield f"trailer byte {pos}", flip(pdf, pos)


def _update(pdf: bytes, change: Callable[..., None]) -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def shadow_page(writer: object) -> None:
    from pyhanko.pdf_utils import generic

    page = writer.root["/Pages"]["/Kids"][0].get_object()  # type: ignore[attr-defined]
    stream = generic.StreamObject(stream_data=b"BT /F1 40 Tf 60 400 Td (ALTERED) Tj ET")
    page["/Contents"] = writer.add_object(stream)  # type: ignore[attr-defined]
    writer.update_container(page)  # type: ignore[attr-defined]


def evil_annotation(writer: object) -> None:
    from pyhanko.pdf_utils import generic

    page = writer.root["/Pages"]["/Kids"][0].get_object()  # type: ignore[attr-defined]
    annot = generic.DictionaryObject({
        generic.NameObject("/Type"): generic.NameObject("/Annot"),
        generic.NameObject("/Subtype"): generic.NameObject("/FreeText"),
        generic.NameObject("/Rect"): generic.ArrayObject([generic.NumberObject(n) for n in (50, 600, 500, 700)]),
        generic.NameObject("/Contents"): generic.TextStringObject("He wants to return."),
        generic.NameObject("/DA"): generic.TextStringObject("/Helv 24 Tf 0 g"),
    })
    annots = page.get("/Annots")
    items = list(annots.get_object()) if annots is not None else []
    page["/Annots"] = generic.ArrayObject([*items, writer.add_object(annot)])  # type: ignore[attr-defined]
    writer.update_container(page)  # type: ignore[attr-defined]


def sneaky_field(writer: object) -> None:
    from pyhanko.sign import fields

    fields.append_signature_field(writer, fields.SigFieldSpec("Sneaky", on_page=0, box=(50, 700, 200, 750)))


def added_attachment(writer: object) -> None:
    from pyhanko.pdf_utils import embed

    data = embed.EmbeddedFileObject.from_file_data(writer, b'{"wish":"o1"}')  # type: ignore[arg-type]
    embed.embed_file(writer, embed.FileSpec("extra.json", file_name="extra.json",  # type: ignore[arg-type]
                                            embedded_data=data))


def crafted(pdf: bytes, other: bytes, ident: identity.Identity) -> Iterator[Mutation]:
    """Updates after signing, re-signed forgeries, manifest edits, truncations, a stripped signature."""
    for name, change in (("shadow: page content replaced", shadow_page), ("evil annotation", evil_annotation),
                         ("sneaky signature field", sneaky_field), ("attachment added after", added_attachment)):
        yield name, _update(pdf, change)
    rendered, (body, sig) = first_revision(pdf), attachments(pdf)
    other_body, other_sig = attachments(other)
    yield "signature stripped (rendered revision only)", rendered
    yield "truncated by one byte", pdf[:-1]
    yield "truncated in half", pdf[: len(pdf) // 2]
    yield "truncated before the signature", pdf[: byte_range(pdf)[2][1]]
    yield "appended bytes", pdf + b"\n% trailing\n"
    swapped = sign_dossier(rendered, other_body, other_sig, ident)
    yield "manifest swapped (another dossier's, its own signature)", swapped
    yield "Ed25519 signature swapped", sign_dossier(rendered, body, other_sig, ident)
    doc = json.loads(body)
    doc["interviews"][0]["answers"][0]["value"] = "EDITED"
    yield "manifest field edited", sign_dossier(rendered, rfc8785.dumps(doc), sig, ident)
    key = ident.ed25519_key()
    loose = json.dumps(json.loads(body), indent=1).encode()
    yield "manifest not canonical", sign_dossier(rendered, loose, key.sign(loose), ident)
    stranger = identity.generate("Someone Else", "Elsewhere", "dev", dt.datetime.now(dt.UTC))
    yield "re-signed with an untrusted key", sign_dossier(rendered, body, sig, stranger)
    forged = dict(json.loads(body), keys={**json.loads(body)["keys"]})
    forged["keys"]["certificate_fingerprint"] = stranger.cert_fingerprint()
    forged_body = rfc8785.dumps(forged)
    yield "forged manifest re-signed with the interviewer's Ed25519 key, PDF with a stranger's certificate", \
        sign_dossier(rendered, forged_body, key.sign(forged_body), stranger)
    yield "pages of another dossier with this manifest", sign_dossier(first_revision(other), body, sig, ident)
