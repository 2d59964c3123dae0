"""The core: plain Python, never imports Qt."""
