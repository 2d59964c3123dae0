"""T16 for age through pyrage: a known answer (the age test-kit identity, 32 bytes of 0x42, and its
recipient), the v1 header with one X25519 stanza per recipient, and sign -> encrypt -> verify."""

from __future__ import annotations

import pyrage
import pytest
from pyrage import x25519

from desktop.core.errors import VoluntasError
from desktop.core.sync import bundle

KAT_IDENTITY = "AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX"
KAT_RECIPIENT = "age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj"


def test_known_identity_gives_known_recipient() -> None:
    assert str(x25519.Identity.from_str(KAT_IDENTITY).to_public()) == KAT_RECIPIENT


def test_header_and_round_trip_to_two_recipients() -> None:
    other = x25519.Identity.generate()
    data = pyrage.encrypt(b"payload", [x25519.Recipient.from_str(KAT_RECIPIENT), other.to_public()])
    header = data[: data.index(b"\n--- ")].decode("ascii")
    assert header.startswith("age-encryption.org/v1\n") and header.count("\n-> X25519 ") == 2
    assert pyrage.decrypt(data, [x25519.Identity.from_str(KAT_IDENTITY)]) == b"payload"
    assert pyrage.decrypt(data, [other]) == b"payload"
    with pytest.raises(VoluntasError) as err:
        bundle.decrypt("f.age", data, x25519.Identity.generate())
    assert err.value.code == "S020"


def test_recipient_parsing_and_fingerprint() -> None:
    assert str(bundle.parse_recipient(" " + KAT_RECIPIENT + "\n", "f")) == KAT_RECIPIENT
    fp = bundle.recipient_fingerprint(KAT_RECIPIENT)
    assert fp == bundle.recipient_fingerprint(KAT_RECIPIENT + "\n") and len(fp.replace(" ", "")) == 64
    with pytest.raises(VoluntasError) as err:
        bundle.parse_recipient(KAT_IDENTITY, "recipient.json")
    assert err.value.code == "S002" and "recipient.json" in err.value.message()
