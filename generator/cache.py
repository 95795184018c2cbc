"""Build cache: a paper whose text and settings are unchanged is never cleaned or fed to YAKE again.

Entries are keyed by a hash of the stage's fingerprint and the paper's text, so a change of
either simply misses; the file lives in a git-ignored folder and can be deleted at any time.
A file that is damaged (truncated, overwritten, not SQLite) or was written by another version
of this code is never trusted: it is deleted and started afresh, with a note on stderr.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TextIO, TypeVar

# Stored as SQLite's user_version: a file with another number has another layout or other
# value shapes. Raise it with any such change.
VERSION = 2
# Per paper: "clean", "keywords". Per build: "linked" (the themes and related stages' result)
# and "sites" (what each site folder was last built from), a few of each, and "digests" (the
# last build's file digests); see `incremental`.
TABLES = ("clean", "keywords", "linked", "memory", "sites", "digests")
# Per-build results kept: enough for a few libraries built in turn with one cache folder.
RECENT = 4
# How long a write waits for another build that holds the file (seconds).
BUSY_TIMEOUT = 120.0

FILE = "build-cache.sqlite"

T = TypeVar("T")


def cache_key(fingerprint: str, *texts: str) -> str:
    return hashlib.sha256("\0".join((fingerprint, *texts)).encode("utf-8")).hexdigest()


def is_damage(err: sqlite3.DatabaseError) -> bool:
    """A damaged file, as opposed to a busy one or a full disk."""
    name = getattr(err, "sqlite_errorname", "")
    return name.startswith("SQLITE_CORRUPT") or name == "SQLITE_NOTADB"


def decoded(data: Any) -> Any:
    """A stored value, or None for one that is not the JSON this code wrote."""
    try:
        return json.loads(data)
    except (TypeError, ValueError):
        return None


def open_cache(folder: Path | None, stream: TextIO | None = None) -> Cache | None:
    """The cache in `folder`; None without a folder, or (with a note) when it cannot be
    opened: a build never fails for its cache."""
    if folder is None:
        return None
    path = folder / FILE
    try:
        return Cache(path, stream)
    except (OSError, sqlite3.Error) as err:
        (stream or sys.stderr).write(f"cache: cannot use {path}: {err}; going on without it\n")
        return None


class Damaged(Exception):
    """Why a cache file is not to be trusted."""


class Cache:
    """JSON values by hash, one table per stage, in one SQLite file."""

    def __init__(self, path: Path, stream: TextIO | None = None) -> None:
        self.path = path
        self.stream = stream or sys.stderr
        self.broken = False
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = self.open()

    def open(self) -> sqlite3.Connection:
        try:
            return self.checked()
        except Damaged as why:
            self.discard(str(why))
            return self.checked()

    def checked(self) -> sqlite3.Connection:
        """A connection to a sound file of this version (a new file is made so)."""
        db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT)
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if tables and version != VERSION:
                raise Damaged(f"written by another version of paper-index (layout {version})")
            # Reads every page: a truncated or overwritten file shows here, not mid-build.
            found = db.execute("PRAGMA quick_check").fetchone()[0]
            if found != "ok":
                raise Damaged(f"damaged ({found})")
            with db:
                for table in TABLES:
                    db.execute(
                        f"CREATE TABLE IF NOT EXISTS {table} "
                        "(hash TEXT PRIMARY KEY, data TEXT NOT NULL, used INTEGER NOT NULL)"
                    )
                db.execute(f"PRAGMA user_version = {VERSION}")
        except sqlite3.DatabaseError as err:
            db.close()
            if is_damage(err):
                raise Damaged(f"damaged ({err})") from err
            raise
        except Damaged:
            db.close()
            raise
        return db

    def discard(self, why: str) -> None:
        self.stream.write(f"cache: {self.path} is {why}; starting it afresh\n")
        for suffix in ("", "-journal", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def guarded(self, action: Callable[[], T], fallback: T) -> T:
        """`action`, or `fallback` when the file fails: started afresh if it was damaged, else
        (a full disk, a file left locked) not used for the rest of the build."""
        if self.broken:
            return fallback
        try:
            return action()
        except sqlite3.DatabaseError as err:
            if not is_damage(err):
                self.stream.write(f"cache: {self.path}: {err}; going on without it\n")
                self.broken = True
                return fallback
            self.db.close()
            self.discard(f"damaged ({err})")
            self.db = self.checked()
            return fallback

    def get_many(self, table: str, hashes: Sequence[str]) -> dict[str, Any]:
        assert table in TABLES

        def read() -> dict[str, Any]:
            found: dict[str, Any] = {}
            unique = sorted(set(hashes))
            for start in range(0, len(unique), 900):
                chunk = unique[start : start + 900]
                marks = ",".join("?" * len(chunk))
                query = f"SELECT hash, data FROM {table} WHERE hash IN ({marks})"
                for key, data in self.db.execute(query, chunk):
                    value = decoded(data)
                    if value is not None:
                        found[key] = value
            return found

        return self.guarded(read, {})

    def put_many(self, table: str, items: Iterable[tuple[str, Any]]) -> None:
        assert table in TABLES
        rows = [(h, json.dumps(v, ensure_ascii=False)) for h, v in items]

        def write() -> None:
            with self.db:
                self.db.executemany(f"INSERT OR REPLACE INTO {table} VALUES (?, ?, 0)", rows)

        self.guarded(write, None)

    def get_recent(self, table: str, key: str) -> Any:
        """A per-build result, or None; one found counts as just used."""
        assert table in TABLES

        def read() -> Any:
            row = self.db.execute(f"SELECT data FROM {table} WHERE hash = ?", (key,)).fetchone()
            value = decoded(row[0]) if row else None
            if value is not None:
                with self.db:
                    self.db.execute(
                        f"UPDATE {table} SET used = (SELECT max(used) + 1 FROM {table}) "
                        "WHERE hash = ?",
                        (key,),
                    )
            return value

        return self.guarded(read, None)

    def put_recent(self, table: str, key: str, value: Any, keep: int = RECENT) -> None:
        """Stores a per-build result; only the `keep` most recently used stay."""
        assert table in TABLES
        # Escaped to ASCII: one character past the Basic Multilingual Plane makes a whole
        # text four bytes a character (90 MB for a 22 MB result at 35,000 papers).
        data = json.dumps(value)

        def write() -> None:
            with self.db:
                self.db.execute(
                    f"INSERT OR REPLACE INTO {table} VALUES "
                    f"(?, ?, (SELECT coalesce(max(used), 0) + 1 FROM {table}))",
                    (key, data),
                )
                self.db.execute(
                    f"DELETE FROM {table} WHERE hash NOT IN "
                    f"(SELECT hash FROM {table} ORDER BY used DESC LIMIT ?)",
                    (keep,),
                )

        self.guarded(write, None)

    def close(self) -> None:
        self.db.close()
