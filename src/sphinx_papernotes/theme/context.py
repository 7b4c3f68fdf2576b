"""What the theme's templates get from Python: labels, options and sidebar blocks.

Connected only when the ``papernotes`` theme (or a theme inheriting it) is
loaded, so other themes pay nothing.
"""

from __future__ import annotations

import re
from typing import Any

from sphinx.application import Sphinx

from ..domain import DOMAIN, get_domain
from ..translation import _
from .sidebar import SidebarBlocks, SidebarOptions, sidebar_blocks
from .sidebar_toctree import NavigationOptions, cached_navigation, caption_levels

MODES = ("auto", "light", "dark")
# A CSS colour as users write it (#2f6db5, rgb(…), oklch(…), teal): nothing that
# could close the style element or start another declaration.
_COLOUR_RE = re.compile(r"[#A-Za-z0-9(),.%/ +-]{1,64}")


def _int(value: Any, default: int) -> int:
    try:
        return max(0, int(str(value).strip()))
    except ValueError:
        return default


def _bool(value: Any, default: bool = True) -> bool:
    text = str(value).strip().lower()
    if text in ("true", "1", "yes", "on"):
        return True
    if text in ("false", "0", "no", "off", "none", ""):
        return False
    return default


def colour(value: Any) -> str:
    """The option as a safe CSS colour, or ``""`` (then the stylesheet's colour)."""
    text = str(value or "").strip()
    return text if _COLOUR_RE.fullmatch(text) else ""


def sidebar_options(context: dict[str, Any]) -> SidebarOptions:
    return SidebarOptions(
        tags=_int(context.get("theme_tag_cloud_size"), 30),
        venues=_int(context.get("theme_venue_count"), 10),
        recent=_int(context.get("theme_recent_count"), 5),
    )


def _blocks(app: Sphinx, context: dict[str, Any]) -> SidebarBlocks | None:
    if DOMAIN not in app.env.domains:  # the theme without the extension: no notes
        return None
    domain = get_domain(app.env)
    return sidebar_blocks(app.builder, domain.collection, sidebar_options(context))


def add_theme_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Give every page the theme's labels, options and the shared sidebar blocks."""
    context["pn_"] = _
    body = context.get("body")
    if isinstance(body, str):
        context["body"] = caption_levels(body)
    mode = str(context.get("theme_default_mode") or "auto").strip().lower()
    context["pn_default_mode"] = mode if mode in MODES else "auto"
    context["pn_accent"] = colour(context.get("theme_accent_color"))
    context["pn_accent_dark"] = colour(context.get("theme_accent_color_dark"))
    context["pn_show_navigation"] = _bool(context.get("theme_show_navigation"))
    context["pn_navigation_depth"] = _int(context.get("theme_navigation_depth"), 1) or 1
    context["pn_navigation_includehidden"] = _bool(
        context.get("theme_navigation_includehidden"), False
    )
    context["pn_navigation"] = None
    if context["pn_show_navigation"]:
        navigation = cached_navigation(
            app.builder,
            NavigationOptions(
                depth=context["pn_navigation_depth"],
                includehidden=context["pn_navigation_includehidden"],
                max_entries=_int(context.get("theme_navigation_max_entries"), 25),
            ),
        )
        if navigation is not None:
            context["pn_navigation"] = navigation.render(
                str(context.get("content_root") or ""), pagename
            )
    context["pn_show_mode_toggle"] = _bool(context.get("theme_show_mode_toggle"))
    context["pn_show_project_name"] = _bool(context.get("theme_show_project_name"))
    context["pn_show_prev_next"] = _bool(context.get("theme_show_prev_next"))
    blocks = _blocks(app, context)
    root = str(context.get("content_root") or "")
    for name in ("tags", "venues", "recent"):
        fragment = getattr(blocks, name) if blocks is not None else None
        context[f"pn_sidebar_{name}"] = fragment.render(root) if fragment is not None else ""


def setup_theme_context(app: Sphinx) -> None:
    app.connect("html-page-context", add_theme_context)
