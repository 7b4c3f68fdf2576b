"""Short labels for links to posts on X (Twitter), which are long and say nothing.

``https://x.com/some_user/status/1790000000000000000?s=46&t=…`` is shown as
``@some_user on X``, linking to the same address.
"""

from __future__ import annotations

import re

_POST_RE = re.compile(
    r"https?://(?:www\.|mobile\.)?(?:x|twitter)\.com/(?P<user>[A-Za-z0-9_]{1,15})/status(?:es)?/\d+"
    r"(?:[/?#]\S*)?",
    re.IGNORECASE,
)


def post_label(url: str) -> str | None:
    """``@user on X`` for the address of a post, else ``None``."""
    match = _POST_RE.fullmatch(url)
    return f"@{match.group('user')} on X" if match else None
