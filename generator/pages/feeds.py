"""Atom 1.0 feeds of the newest papers: one for the index, one per theme. Pure.

Written with ElementTree, so every field from input is XML-escaped; summaries are
`type="text"`, never HTML. Output depends on the index alone: an entry's `updated` is its
paper's date, else the month in its arXiv id, else a fixed day, never the time of the build.
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence

from generator.dates import library_time, paper_time, parse_date
from generator.model import Entry, Index, Theme
from generator.pages import caps
from generator.scale import pages_threshold

ATOM = "http://www.w3.org/2005/Atom"
# At the root: Material fetches sitemap.xml beside every <link rel="alternate"> target.
FEED = "feed.xml"
NEWEST = 50
# Ten per theme: feed readers poll often, and 1,000 feeds of twenty were 49 MB at 35,000 papers.
NEWEST_PER_THEME = 10
# Feeds for the larger themes only (one per theme was 380 MB at 35,000 papers).
ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/paper-index/paper-index")
# XML 1.0 allows these characters only; anything else (controls, lone surrogates) is dropped.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
RELATIVE_NOTE = (
    " site_url is not set in mkdocs.yml (nor SITE_URL, which it reads), so links here are "
    "relative to this feed's own address. Set either for absolute links. "
)


def xml_text(value: str) -> str:
    return NOT_XML.sub("", value)


def stable_id(kind: str, key: str) -> str:
    """A `urn:uuid:` that depends on the key alone: a paper keeps its id across builds."""
    return f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, f'{kind}:{key}')}"


def newest(entries: Sequence[Entry], count: int) -> list[Entry]:
    """Newest first; among equal times, later keys first (arXiv ids grow with time)."""
    return sorted(entries, key=lambda e: (paper_time(e), e.key), reverse=True)[:count]


def href(site_url: str, feed_path: str, target: str) -> str:
    """`target` (a path under the site) as absolute with `site_url`, else relative to the feed."""
    if site_url:
        return site_url.rstrip("/") + "/" + target
    return "../" * feed_path.count("/") + target


def page_url(path: str) -> str:
    """docs path → site path with directory URLs: `papers/x.md` → `papers/x/`."""
    return "" if path == "index.md" else path.removesuffix(".md").removesuffix("index") + "/"


def add(parent: ET.Element, tag: str, text: str = "", **attrs: str) -> ET.Element:
    child = ET.SubElement(parent, tag, {k: xml_text(v) for k, v in attrs.items()})
    if text:
        child.text = xml_text(text)
    return child


def entry_element(
    feed: ET.Element, entry: Entry, theme_labels: Mapping[str, str], link: str
) -> None:
    paper = entry.paper
    item = add(feed, "entry")
    add(item, "id", stable_id("paper", entry.key))
    add(item, "title", paper.title, type="text")
    add(item, "updated", paper_time(entry))
    date = parse_date(paper.date)
    if date:
        add(item, "published", date.timestamp())
    add(item, "link", rel="alternate", type="text/html", href=link)
    names, _ = caps.shown_authors(paper.authors)
    for name in names:
        if xml_text(name).strip():
            add(add(item, "author"), "name", name)
    for key in entry.themes:
        if key in theme_labels:
            add(item, "category", term=theme_labels[key])
    add(item, "summary", caps.shown_abstract(paper.abstract)[0], type="text")


def atom_feed(
    entries: Sequence[Entry],
    theme_labels: Mapping[str, str],
    title: str,
    path: str,
    feed_key: str,
    site_url: str = "",
    home: str = "index.md",
    publisher: str = "Paper index",
) -> str:
    """One feed as text: `path` is where it lives under the site, `home` the page it follows."""
    feed = ET.Element("feed", {"xmlns": ATOM})
    add(feed, "id", stable_id("feed", feed_key))
    add(feed, "title", title, type="text")
    add(feed, "updated", library_time(entries))
    add(feed, "link", rel="self", type="application/atom+xml", href=href(site_url, path, path))
    add(feed, "link", rel="alternate", type="text/html", href=href(site_url, path, page_url(home)))
    add(add(feed, "author"), "name", publisher)
    add(feed, "generator", "paper-index")
    for entry in entries:
        link = href(site_url, path, page_url(f"papers/{entry.slug}.md"))
        entry_element(feed, entry, theme_labels, link)
    ET.indent(feed, space="")  # a line an element; indenting them was 6% of the feeds
    note = "" if site_url else f"<!--{RELATIVE_NOTE}-->\n"
    body = ET.tostring(feed, encoding="unicode")
    return f'<?xml version="1.0" encoding="utf-8"?>\n{note}{body}\n'


def theme_feed_path(theme: Theme) -> str:
    return f"feeds/themes/{theme.slug}.xml"


def retired_feed(
    slug: str,
    label: str,
    successor: Theme | None,
    updated: str,
    site_url: str = "",
    publisher: str = "Paper index",
) -> str:
    """A retired theme's feed keeps answering its subscribers, with one entry that says the
    theme is no longer kept and, where there is one, which theme took its papers (its page
    and feed)."""
    path = f"feeds/themes/{slug}.xml"
    feed = ET.Element("feed", {"xmlns": ATOM})
    add(feed, "id", stable_id("feed", f"theme-slug:{slug}"))
    add(feed, "title", f"{publisher}: {label} (no longer kept)", type="text")
    add(feed, "updated", updated)
    add(feed, "link", rel="self", type="application/atom+xml", href=href(site_url, path, path))
    home = href(site_url, path, page_url(f"themes/{slug}.md"))
    add(feed, "link", rel="alternate", type="text/html", href=home)
    add(add(feed, "author"), "name", publisher)
    add(feed, "generator", "paper-index")
    item = add(feed, "entry")
    add(item, "id", stable_id("retired", f"{slug}:{successor.slug if successor else ''}"))
    add(item, "updated", updated)
    if successor is None:
        add(item, "title", f"The theme {label} is no longer kept", type="text")
        add(item, "link", rel="alternate", type="text/html", href=home)
        add(item, "summary", "Its papers are under other themes now.", type="text")
    else:
        add(item, "title", f"The theme {label} is now {successor.label}", type="text")
        target = href(site_url, path, page_url(f"themes/{successor.slug}.md"))
        add(item, "link", rel="alternate", type="text/html", href=target)
        add(
            item,
            "summary",
            f"Its papers are now under {successor.label}: follow "
            f"{href(site_url, path, theme_feed_path(successor))} for them.",
            type="text",
        )
    ET.indent(feed)
    body = ET.tostring(feed, encoding="unicode")
    return f'<?xml version="1.0" encoding="utf-8"?>\n{body}\n'


def followed_themes(themes: Sequence[Theme], papers: int) -> list[Theme]:
    """The themes that get a feed: every theme up to 10,000 papers, then those with 8 papers
    or more up to 20,000, 32 up to 40,000 (about 1,200 feeds at 35,000 papers), stepping as
    the library doubles. A kept theme only grows between re-fits, so once it has a feed it
    keeps it, and its subscribers theirs (a place among the largest came and went as other
    themes grew)."""
    least = pages_threshold(papers) ** 2 // 2
    return sorted((t for t in themes if len(t.papers) >= least), key=lambda t: t.key)


def feeds(index: Index, site_url: str = "", site_name: str = "Paper index") -> dict[str, str]:
    """Every feed by its path under docs/: the index's and one per theme."""
    labels = {t.key: t.label for t in index.themes}
    by_key = {e.key: e for e in index.entries}
    out = {
        FEED: atom_feed(
            newest(index.entries, NEWEST),
            labels,
            f"{site_name}: newest papers",
            FEED,
            "index",
            site_url,
        )
    }
    for theme in followed_themes(index.themes, len(index.entries)):
        path = theme_feed_path(theme)
        chosen = newest([by_key[k] for k in theme.papers], NEWEST_PER_THEME)
        title = f"{site_name}: {theme.label}"
        home = f"themes/{theme.slug}.md"
        key = f"theme:{theme.key}"
        out[path] = atom_feed(chosen, labels, title, path, key, site_url, home, site_name)
    by_slug = {t.slug: t for t in index.themes}
    updated = library_time(index.entries)
    for slug, label, successor in index.retired:
        path = f"feeds/themes/{slug}.xml"
        if path not in out:
            found = by_slug.get(successor)
            out[path] = retired_feed(slug, label, found, updated, site_url, site_name)
    return out
