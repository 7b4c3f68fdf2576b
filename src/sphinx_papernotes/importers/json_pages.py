"""JSON files of API pages: one array, arrays back to back, or an array of arrays.

``gh api --paginate`` writes the pages of a listing one after the other
(``[...][...]``), ``--slurp`` wraps them in one array, and a search returns
``{"items": [...]}``. All of them are read the same way, item by item, with
where each item was for messages.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def load_json_values(path: Path) -> tuple[list[tuple[str, Any]], list[str]]:
    """Every item of a JSON file of pages, with where it was, and the errors.

    A page is a JSON array; a file holds one or more pages back to back, or
    one array of pages. A lone object counts as a page of one item, and a
    search result (``{"items": [...]}``) as the page of its items. A syntax
    error is reported with its line and column; the items before it are
    still returned.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        return [], [f"{path}: not UTF-8 text ({error.reason} at byte {error.start})"]
    decoder = json.JSONDecoder()
    items: list[tuple[str, Any]] = []
    errors: list[str] = []
    position = 0
    page = 0
    while True:
        while position < len(text) and text[position].isspace():
            position += 1
        if position >= len(text):
            break
        try:
            value, position = decoder.raw_decode(text, position)
        except json.JSONDecodeError as error:
            errors.append(f"{path}:{error.lineno}:{error.colno}: invalid JSON: {error.msg}")
            break
        page += 1
        for number, (sub, item) in enumerate(_page_items(value), start=1):
            where = f"{path.name} page {page}"
            where += f".{sub}" if sub else ""
            items.append((f"{where} item {number}", item))
    if page == 0 and not errors:
        errors.append(f"{path}: empty file, no JSON in it")
    return items, errors


def _page_items(value: Any) -> Iterator[tuple[int, Any]]:
    if isinstance(value, dict) and "number" not in value and isinstance(value.get("items"), list):
        value = value["items"]
    if not isinstance(value, list):
        yield 0, value
        return
    if value and all(isinstance(item, list) for item in value):
        for sub, page in enumerate(value, start=1):
            for item in page:
                yield sub, item
        return
    for item in value:
        yield 0, item
