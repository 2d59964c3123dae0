"""Seal, outbox, legal desk and receipts: dossiers travel encrypted (age), arrive verified, and the
field copy is purged once the desk's signed receipt comes back. See docs/transport.md."""
