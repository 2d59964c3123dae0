"""The legal desk window (voluntas desk gui)."""
