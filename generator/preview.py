"""`make serve`: MkDocs' preview regenerates the pages, search index included, when the
library changes (overrides/hooks/preview.py wires this to MkDocs' events).
"""

from __future__ import annotations

import os
from pathlib import Path

from generator.errors import InputError
from generator.pipeline import Run, generate
from generator.site.incremental import files_state

# The library to preview: paths separated by os.pathsep (`make serve PAPERS=...` sets it),
# relative to the config's folder; papers/ without it.
LIBRARY = "PAPER_INDEX_PAPERS"


class PreviewError(Exception):
    pass


def library(config: Path) -> list[Path]:
    names = [n for n in os.environ.get(LIBRARY, "").split(os.pathsep) if n] or ["papers"]
    return [config.resolve().parent / name for name in names]


class Preview:
    """What the preview regenerated last, so that an edit of a hand-written page does not
    read the whole library again."""

    def __init__(self, config: Path, site_url: str) -> None:
        """`site_url`: the one MkDocs serves at, from the config it has read."""
        self.config = config
        self.site_url = site_url
        self.library = library(config)
        self.seen: object = None

    def regenerate(self, docs: Path) -> str:
        """The pages under `docs` from the library, if it changed since last time; returns
        what was done, for the preview's log."""
        if not any(p.exists() for p in self.library):
            return f"no library at {', '.join(map(str, self.library))}: {docs} served as it is"
        state = files_state(p for p in self.library if p.exists())
        if state == self.seen:
            return "library unchanged"
        try:
            # One process: the preview's own threads (server, watcher) make forking risky,
            # and an edit brings few new papers.
            run = Run(cache_dir=self.config.resolve().parent / ".cache", workers=1)
            _, summary = generate(self.library, docs, run, self.site_url)
        except InputError as err:
            problems = "\n".join(str(p) for p in err.problems)
            message = f"the library has problems; pages left as they were:\n{problems}"
            raise PreviewError(message) from err
        self.seen = state
        return summary.lines()[0]
