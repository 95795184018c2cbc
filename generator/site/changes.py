"""What a site build renders: every page, or only the pages that changed.

Only the changed pages are rendered when the site on disk was built, by this same code,
config, theme and packages, from the docs on disk: the new site starts as a copy of it made
of hard links, the changed pages are rendered into it afresh, and the pages that left are
removed (`mkdocs_build`). An unchanged page's HTML depends on nothing else that can change
between such builds: paper pages link by URL, not through MkDocs, and the navigation comes
from the config and from which top-level folders the docs have, both in the key.
What every build writes anew is not copied: the sitemap and the 404 page.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from generator.cache import Cache
from generator.site.config import SiteConfig
from generator.site.incremental import FileDigests, code_hash, site_state_hash, versions
from generator.site.output import Staged

# Top-level names every build writes anew.
REBUILT = re.compile(r"sitemap(-\d+)?\.xml(\.gz)?$|404\.html$")
# The key under which the cache's "sites" table keeps what the site was built from.
PREFIX = "base:"


@dataclass(frozen=True)
class Plan:
    """The docs paths to render (None: all) and the pages whose outputs go."""

    only: tuple[str, ...] | None
    removed: tuple[str, ...] = ()


EVERYTHING = Plan(None)


def base_key(config: SiteConfig, docs: Path, site: Path, digests: FileDigests) -> str:
    """Everything an unchanged page's HTML depends on besides its own source."""
    theme = [p for p in config.inputs if p != config.docs_dir]
    sections = sorted(e.name for e in docs.iterdir() if not e.name.startswith("."))
    data = [code_hash(), versions(), str(site.resolve()), sections, digests.content_hash(theme)]
    data.append(config.digest)
    return hashlib.sha256(json.dumps(data).encode("utf-8")).hexdigest()


def plan(
    cache: Cache | None,
    base: str,
    docs: Path,
    site: Path,
    date: str,
    staged: Staged | None,
    digests: FileDigests,
) -> Plan | None:
    """What to render into the site for the `staged` docs (None: docs/ unchanged): only the
    changed pages when the site is the one built from `docs` as it is, with the same `base`;
    None when that site was also built for the same `date`, so there is nothing to do;
    everything otherwise."""
    if cache is None or not site.is_dir():
        return EVERYTHING
    kept = cache.get_recent("sites", PREFIX + base)
    if not isinstance(kept, dict):
        return EVERYTHING
    if kept.get("docs") != digests.content_hash([docs]) or kept.get("site") != site_state_hash(
        site
    ):
        return EVERYTHING
    if staged is None:
        # The same pages; only the date MkDocs stamps on the sitemap may differ.
        return None if kept.get("date") == date else Plan(())
    return Plan(staged.changed, staged.removed)


def remember(
    cache: Cache | None, base: str, docs: Path, site: Path, date: str, digests: FileDigests
) -> str:
    """After a build: what the site now on disk was built from. Returns the site's
    `site_state_hash` (the whole build's record keeps it too), or '' without a cache."""
    if cache is None:
        return ""
    state = site_state_hash(site)
    record = {"docs": digests.content_hash([docs]), "site": state, "date": date}
    cache.put_recent("sites", PREFIX + base, record)
    return state


def link_copy(site: Path, fresh: Path) -> None:
    """The site under `fresh` as hard links, but for what every build writes anew. Nothing
    may be written through these links (`mkdocs_build`)."""
    fresh.mkdir(parents=True, exist_ok=True)
    entries = sorted(e for e in site.iterdir() if not REBUILT.match(e.name))
    if sys.platform.startswith("linux") and shutil.which("cp"):
        # GNU cp makes the links in C, twice as fast as a walk in Python at 35,000 pages.
        for start in range(0, len(entries), 200):
            part = [str(e) for e in entries[start : start + 200]]
            subprocess.run(["cp", "-al", "--", *part, str(fresh)], check=True)
        return
    for entry in entries:
        if entry.is_dir():
            shutil.copytree(entry, fresh / entry.name, copy_function=os.link)
        else:
            os.link(entry, fresh / entry.name)
