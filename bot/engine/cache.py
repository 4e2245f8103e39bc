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
import pickle
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
        _write(path, json.dumps(value).encode("utf-8"))
    return value


def cached_object(name: str, compute: Callable[[], Any], kind: type) -> Any:
    """`compute()`, or what it returned last time for the same `name`: any picklable object of type
    `kind` (a file of another type, or one that does not unpickle, is computed again). For objects
    such as the loaded knowledge base, whose `name` must hash everything they were made from.
    Unpickling runs code, so a file is read only when it and its folder belong to this user and no one
    else may write to them (as ssh treats its keys); anything else is computed again."""
    folder = _folder()
    path = folder / f"{name}.pickle" if folder is not None else None
    if path is not None:
        try:
            if not (_private(path) and _private(path.parent)):
                raise PermissionError(path)
            value = pickle.loads(path.read_bytes())
            if isinstance(value, kind):
                return value
        except Exception:  # a damaged or outdated file is computed again, whatever broke in it
            pass
    value = compute()
    if path is not None:
        _write(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    return value


def _private(path: Path) -> bool:
    """True when `path` is this user's and neither group nor others may write to it."""
    info = path.stat()
    return info.st_uid == os.getuid() and not info.st_mode & 0o022


def _write(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # Written whole, then renamed: a reader never sees half a file.
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False) as tmp:
            tmp.write(data)
        os.replace(tmp.name, path)
    except OSError:
        pass
