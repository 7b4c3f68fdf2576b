"""Exported text of each note kept from the last build.

After one note is edited, the JSON and BibTeX exports must be written again,
and each depends on every note. Rendering 5,000 records and entries takes
longer than the rest of such a rebuild, yet all but one come out the same.
So each note's text is kept, by everything it was rendered from (the note
itself and what other notes contribute: its BibTeX key, its references and
backlinks, its address), beside the doctrees, and only what is new is
rendered. A different configuration or version starts an empty cache.

The inputs are kept as a digest of their pickle: loading 5,000 pickled notes
back would cost more than rendering them. Equal bytes mean equal inputs; two
equal inputs pickled differently only cost a render.

The file is a small pickled header, then one record per text (its digest,
its length, its UTF-8 bytes), each encoded as it is written. Pickling the
texts themselves would leave a UTF-8 copy cached inside every string that
holds Japanese, for as long as the string lives: tens of megabytes at the
end of a large build, when memory peaks.
"""

from __future__ import annotations

import hashlib
import pickle
import struct
from collections.abc import Callable
from pathlib import Path
from typing import Any

_DIGEST = 16
_RECORD = struct.Struct(f"<{_DIGEST}sI")  # a text's digest and byte length


class RenderCache:
    """Texts by the inputs they were rendered from; only those used survive.

    It also remembers which note each text was for (when told), so that a
    caller who knows a note's inputs are unchanged can take its text back by
    the note's key without digesting them again (:meth:`reuse`), and free
    ``meta`` values the caller uses to know that.
    """

    def __init__(self, path: Path, signature: str) -> None:
        self.path = path
        self.signature = signature
        self.meta: dict[str, Any] = {}
        self._old_keys: dict[str, bytes] = {}
        self._old = self._load()
        self._new: dict[bytes, str] = {}
        # Note key -> the digest of the inputs its text came from, this build.
        self.digests: dict[str, bytes] = {}

    def _load(self) -> dict[bytes, str]:
        try:
            with self.path.open("rb") as stream:
                data: Any = pickle.load(stream)
                if not isinstance(data, dict) or data.get("signature") != self.signature:
                    return {}
                texts = _read_texts(stream.read(), data.get("count"))
        except Exception:  # a missing, partial or foreign file is an empty cache
            return {}
        keys, meta = data.get("keys"), data.get("meta")
        self._old_keys = keys if isinstance(keys, dict) else {}
        self.meta = meta if isinstance(meta, dict) else {}
        return texts

    def text(self, inputs: object, render: Callable[[], str], key: str | None = None) -> str:
        """The text rendered from ``inputs``: kept from the last build, or rendered now."""
        digest = hashlib.blake2b(pickle.dumps(inputs, protocol=5), digest_size=_DIGEST).digest()
        found = self._new.get(digest)
        if found is None:
            found = self._old.get(digest)
            if found is None:
                found = render()
            self._new[digest] = found
        if key is not None:
            self.digests[key] = digest
        return found

    def reuse(self, key: str) -> str | None:
        """The text the last build had for the note ``key``, or ``None``; only for
        a caller that knows the note's inputs have not changed since."""
        digest = self._old_keys.get(key)
        found = None if digest is None else self._old.get(digest)
        if found is not None and digest is not None:
            self._new[digest] = found
            self.digests[key] = digest
        return found

    def save(self, **meta: Any) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        header = {
            "signature": self.signature,
            "count": len(self._new),
            "keys": self.digests,
            "meta": meta,
        }
        with self.path.open("wb") as stream:
            pickle.dump(header, stream, protocol=pickle.HIGHEST_PROTOCOL)
            for digest, text in self._new.items():
                data = text.encode("utf-8")
                stream.write(_RECORD.pack(digest, len(data)))
                stream.write(data)


def _read_texts(data: bytes, count: object) -> dict[bytes, str]:
    """The records after the header; any mismatch raises (an empty cache)."""
    texts: dict[bytes, str] = {}
    view = memoryview(data)
    offset = 0
    while offset < len(view):
        digest, length = _RECORD.unpack_from(view, offset)
        offset += _RECORD.size
        if offset + length > len(view):
            raise ValueError("a truncated cache file")
        texts[digest] = str(view[offset : offset + length], "utf-8")
        offset += length
    if len(texts) != count:
        raise ValueError("a cache file with records missing")
    return texts
