"""A small on-disk cache for what the engine derives at start from data that rarely changes.

Reading pyspellchecker's dictionary and parsing every red-flag regex for the prefilter cost more than
the rest of the start together. Both are pure functions of their input, so the result is stored in the
user's cache folder (`$XDG_CACHE_HOME/ankle-bot`, else `~/.cache/ankle-bot`; `ANKLE_BOT_CACHE=off`
turns it off) under a name that includes a hash of the input and of the code's version: a changed
pattern or a new dictionary makes a new entry, never a stale answer. Anything that goes wrong with
the cache (no folder, no permission, a damaged file) falls back to computing: the cache can make the
start faster, never different.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any


def _folder() -> Path | None:
    if os.environ.get("ANKLE_BOT_CACHE", "").lower() in ("off", "0", "no"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "ankle-bot"


def key(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()[:32]


def cached(name: str, compute: Callable[[], Any]) -> Any:
    """`compute()`, or what it returned last time for the same `name` (JSON-serialisable results)."""
    folder = _folder()
    path = folder / f"{name}.json" if folder is not None else None
    if path is not None:
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass
    value = compute()
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Written whole, then renamed: a reader never sees half a file.
            with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False, encoding="utf-8") as tmp:
                json.dump(value, tmp)
            os.replace(tmp.name, path)
        except OSError:
            pass
    return value
