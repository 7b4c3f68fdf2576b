"""Raw HTML in imported text: what is unsafe to serve, and pictures as images.

GitHub sanitises the HTML of an issue when it shows it; a Sphinx site
serves raw HTML as it is, and anyone may open an issue on a public
repository. So a tag that could run script (``<script>``, ``<iframe>``,
``onerror=``, ``javascript:`` addresses), submit a form or restyle the page
is turned into visible text. Other HTML (``<details>``, ``<sub>``, ``<img>``)
stays.
"""

from __future__ import annotations

import re

from .myst import option_value

UNSAFE_TAGS = frozenset(
    {
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet",
        "form", "input", "button", "textarea", "select", "link", "meta", "base",
        "svg", "math", "template", "noscript", "xmp", "plaintext", "title", "head",
        "body", "html",
    }
)  # fmt: skip
_TAG_RE = re.compile(r"<(?P<close>/?)(?P<name>[A-Za-z][A-Za-z0-9-]*)(?P<attrs>[^<>]*)>")
_UNSAFE_ATTRIBUTE_RE = re.compile(
    r"(?:^|[\s\"'/])(?:on[a-z]+|style|formaction)\s*="
    r"|(?:java|vb)script\s*:|data\s*:\s*text/html",
    re.IGNORECASE,
)
_IMG_TAG_RE = re.compile(r"<img\b(?P<attrs>[^<>]*?)/?>", re.IGNORECASE)
_ATTR_RE = re.compile(r"([A-Za-z][\w-]*)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s\"'>]+)")
_SIZE_RE = re.compile(r"\d{1,5}(?:px|%)?")


def defuse_html(html: str) -> tuple[str, bool]:
    """``html`` with every unsafe tag shown as text, and whether there was one."""
    found = False

    def defuse(match: re.Match[str]) -> str:
        nonlocal found
        if match.group("name").lower() in UNSAFE_TAGS or _UNSAFE_ATTRIBUTE_RE.search(
            match.group("attrs")
        ):
            found = True
            return "&lt;" + match.group(0)[1:]
        return match.group(0)

    return _TAG_RE.sub(defuse, html), found


def only_images(html: str) -> list[dict[str, str]] | None:
    """The attributes of each ``<img>`` of an HTML block that holds nothing else."""
    if _IMG_TAG_RE.sub("", html).strip():
        return None
    images = []
    for match in _IMG_TAG_RE.finditer(html):
        attributes = {
            name.lower(): value.strip("\"'")
            for name, value in _ATTR_RE.findall(match.group("attrs"))
        }
        if not attributes.get("src") or any(ch.isspace() for ch in attributes["src"]):
            return None
        images.append(attributes)
    return images or None


def image_directives(images: list[dict[str, str]]) -> list[str]:
    """MyST ``image`` directives for pictures (``src`` already absolute), size and text kept."""
    lines: list[str] = []
    for attributes in images:
        if lines:
            lines.append("")
        lines.append(f":::{{image}} {attributes['src']}")
        alt, _ = option_value(attributes.get("alt", ""))
        if alt:
            lines.append(f":alt: {alt}")
        for name in ("width", "height"):
            size = attributes.get(name, "").strip()
            if _SIZE_RE.fullmatch(size):
                lines.append(f":{name}: {size if size[-1] in 'x%' else size + 'px'}")
        lines.append(":::")
    return lines
