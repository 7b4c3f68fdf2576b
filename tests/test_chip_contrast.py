"""Every tag colour is readable: WCAG AA contrast (4.5:1) of chip text and count.

Read from the CSS as shipped, with tinycss2: the hue of each class that
``model/chips.py`` gives out, the chip's colour rules, the light and dark
values of their custom properties, and the count's opacity in the theme's
sidebar chips. No browser needed, so every hue is checked in every scheme,
whatever tags a test collection happens to have.
"""

from __future__ import annotations

import colorsys
import re
from pathlib import Path

import pytest
import tinycss2
from tinycss2.ast import AtRule, Declaration, QualifiedRule

import sphinx_papernotes
from sphinx_papernotes.model.chips import HUES

PACKAGE = Path(sphinx_papernotes.__file__).parent
EXTENSION_CSS = PACKAGE / "static" / "papernotes.css"
THEME_CSS = PACKAGE / "theme" / "papernotes" / "static" / "papernotes-theme.css"
AA = 4.5  # normal-size text: chips are small

# Where each scheme's values come from: light is the page default; dark is
# the explicit switch and the system preference of themes in "auto" mode.
DARK = 'html[data-theme="dark"], body[data-theme="dark"]'
AUTO_DARK = ("@media (prefers-color-scheme: dark)", 'body[data-theme="auto"]')

Rules = dict[tuple[str, ...], dict[str, str]]


def _declarations(content: list[object]) -> dict[str, str]:
    found = {}
    for item in tinycss2.parse_declaration_list(content, skip_whitespace=True, skip_comments=True):
        if isinstance(item, Declaration):
            found[item.name] = tinycss2.serialize(item.value).strip()
    return found


def _rules(css: str) -> Rules:
    """Selector (with any @media prelude in front) -> its declarations."""
    rules: Rules = {}

    def walk(items: list[object], context: tuple[str, ...]) -> None:
        for rule in items:
            if isinstance(rule, QualifiedRule):
                key = (*context, " ".join(tinycss2.serialize(rule.prelude).split()))
                rules.setdefault(key, {}).update(_declarations(rule.content))
            elif isinstance(rule, AtRule) and rule.content is not None:
                prelude = " ".join(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}".split())
                walk(tinycss2.parse_rule_list(rule.content, True, True), (*context, prelude))

    walk(tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True), ())
    return rules


@pytest.fixture(scope="module")
def rules() -> Rules:
    merged: Rules = {}
    for path in (EXTENSION_CSS, THEME_CSS):  # the order pages load them in
        for key, values in _rules(path.read_text(encoding="utf-8")).items():
            merged.setdefault(key, {}).update(values)
    return merged


def _scheme(rules: Rules, name: str) -> dict[str, str]:
    values = dict(rules[(":root",)])
    values.update(rules.get((':root, html[data-theme="light"]',), {}))
    if name == "dark":
        values.update(rules[(DARK,)])
    elif name == "auto-dark":
        values.update(rules[AUTO_DARK])
    return values


def _hsl(value: str, variables: dict[str, str]) -> tuple[int, int, int]:
    """``hsl(var(--a) var(--b) var(--c)) !important`` -> sRGB, as a browser rounds it."""
    text = re.sub(r"var\((--[\w-]+)\)", lambda m: variables[m.group(1)], value)
    match = re.fullmatch(r"hsl\(([\d.]+) ([\d.]+)% ([\d.]+)%\)(?: !important)?", text)
    assert match, text
    hue, saturation, lightness = (float(part) for part in match.groups())
    channels = colorsys.hls_to_rgb(hue / 360, lightness / 100, saturation / 100)
    red, green, blue = (round(channel * 255) for channel in channels)
    return red, green, blue


def _luminance(colour: tuple[int, int, int]) -> float:
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in colour)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """The WCAG 2 contrast ratio of two opaque colours."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _over(fg: tuple[int, int, int], bg: tuple[int, int, int], alpha: float) -> tuple[int, ...]:
    return tuple(round(alpha * f + (1 - alpha) * b) for f, b in zip(fg, bg, strict=True))


def test_contrast_formula_matches_known_pairs() -> None:
    assert contrast((0, 0, 0), (255, 255, 255)) == pytest.approx(21)
    # The count the issue measured in a light chip: #378744 on #e4fbe8.
    assert contrast((0x37, 0x87, 0x44), (0xE4, 0xFB, 0xE8)) == pytest.approx(4.08, abs=0.01)


def test_every_hue_class_has_a_hue(rules: Rules) -> None:
    hues = {key[-1]: values.get("--pn-hue") for key, values in rules.items()}
    for number in range(HUES):
        assert hues.get(f".pn-hue-{number}"), f"no --pn-hue for .pn-hue-{number}"
    assert f".pn-hue-{HUES}" not in hues


@pytest.mark.parametrize("scheme", ["light", "dark", "auto-dark"])
def test_chip_text_and_count_pass_aa_for_every_hue(rules: Rules, scheme: str) -> None:
    chip = rules[('.pn-tag[class*="pn-hue-"], .pn-tag.sd-badge[class*="pn-hue-"]',)]
    count_opacity = float(rules[(".pn-chip .pn-count, .pn-side-list .pn-count",)]["opacity"])
    failures = []
    for number in range(HUES):
        variables = _scheme(rules, scheme) | rules[(f".pn-hue-{number}",)]
        background = _hsl(chip["background-color"], variables)
        text = _hsl(chip["color"], variables)
        count = _over(text, background, count_opacity)
        for what, colour in (("text", text), ("count", count)):
            ratio = contrast(colour, background)  # type: ignore[arg-type]
            if ratio < AA:
                failures.append(f"pn-hue-{number} {what}: {ratio:.2f}:1")
    assert failures == []
