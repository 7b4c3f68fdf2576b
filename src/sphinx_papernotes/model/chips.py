"""One colour per tag, everywhere: a hue class from a stable hash of the tag's name.

Computed server-side so a tag has the same colour on every page, in every
build and under every theme, with no JavaScript. Plain Python, no Sphinx.
"""

from __future__ import annotations

import hashlib
import math

HUES = 12


def _digest(tag: str) -> bytes:
    return hashlib.sha1(tag.encode("utf-8")).digest()


def tag_hue(tag: str) -> int:
    """A number in ``range(HUES)``; the same for the same name in every build."""
    return int.from_bytes(_digest(tag)[:4], "big") % HUES


def hue_class(tag: str) -> str:
    """``pn-hue-<n>``: the CSS class that colours the tag's chips."""
    return f"pn-hue-{tag_hue(tag)}"


def chip_classes(tag: str) -> list[str]:
    """The classes every chip of ``tag`` carries besides its shape's. The
    client-side filter knows a chip's tag by its text, so no class names it:
    listings repeat every note's chips on many pages."""
    return [hue_class(tag)]


def tag_weight(count: int, top: int) -> int:
    """``1``-``5``: how large a tag with ``count`` notes is drawn in a cloud whose
    most used tag has ``top`` (the ``pn-weight-<n>`` class), on a log scale."""
    return 1 + round(4 * math.log(count) / math.log(top)) if top > 1 else 1


# The shapes, with sphinx-design's badge classes: a tag chip on a note and in
# listings, a tag of the theme's sidebar cloud, and a venue badge.
CHIP_CLASSES = ("pn-tag", "sd-badge")
CLOUD_CHIP_CLASSES = ("pn-tag", "pn-chip")
VENUE_BADGE_CLASSES = ("pn-venue", "sd-badge", "sd-bg-info", "sd-bg-text-info")
