"""Build cache: a paper whose text and settings are unchanged is never cleaned or fed to YAKE again.

Entries are keyed by a hash of the stage's fingerprint and the paper's text, so a change of
either simply misses; the file lives in a git-ignored folder and can be deleted at any time.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

# Per paper: "clean", "keywords". Per build: "linked" (the themes and related stages' last
# result) and "sites" (what each site folder was last built from); see `incremental`.
TABLES = ("clean", "keywords", "linked", "sites")


def cache_key(fingerprint: str, *texts: str) -> str:
    return hashlib.sha256("\0".join((fingerprint, *texts)).encode("utf-8")).hexdigest()


class Cache:
    """JSON values by hash, one table per stage, in one SQLite file."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path)
        for table in TABLES:
            self.db.execute(
                f"CREATE TABLE IF NOT EXISTS {table} (hash TEXT PRIMARY KEY, data TEXT)"
            )

    def get_many(self, table: str, hashes: Sequence[str]) -> dict[str, Any]:
        assert table in TABLES
        found: dict[str, Any] = {}
        unique = sorted(set(hashes))
        for start in range(0, len(unique), 900):
            chunk = unique[start : start + 900]
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(f"SELECT hash, data FROM {table} WHERE hash IN ({marks})", chunk)
            found.update((h, json.loads(d)) for h, d in rows)
        return found

    def put_many(self, table: str, items: Iterable[tuple[str, Any]]) -> None:
        assert table in TABLES
        rows = ((h, json.dumps(v, ensure_ascii=False)) for h, v in items)
        with self.db:
            self.db.executemany(f"INSERT OR REPLACE INTO {table} VALUES (?, ?)", rows)

    def keep_only(self, table: str, key: str, value: Any) -> None:
        """Stores one value as the table's only row: a build keeps its last result, no more."""
        assert table in TABLES
        with self.db:
            self.db.execute(f"DELETE FROM {table}")
            self.db.execute(
                f"INSERT INTO {table} VALUES (?, ?)", (key, json.dumps(value, ensure_ascii=False))
            )

    def close(self) -> None:
        self.db.close()
