"""Exports: pure functions from a :class:`Collection` to text (no Sphinx here)."""
