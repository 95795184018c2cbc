"""A paper's page: made from its entry, with the titles of its related papers and the labels
of its themes (`library.Site`), its authors line, links and citation (`browse`)."""

from __future__ import annotations

from generator.model import Entry, Link
from generator.pages import caps
from generator.pages import markdown as md
from generator.pages.browse import authors_line, cite_section, date_text, link_buttons
from generator.pages.days import listed_block
from generator.pages.library import Site
from generator.pages.listing import paper_anchor, theme_anchor

# Paper pages' heading ids, fixed (`paper_page`); the sections' are what the `toc` extension
# made of their text, so links to them kept working. `browse.cite_section` writes `cite`.
TITLE_ID = "paper"
SECTIONS = {
    "Abstract": "abstract",
    "Keywords": "keywords",
    "Themes": "themes",
    "Related papers": "related-papers",
}
NO_ABSTRACT = (
    "<p><em>The library has no abstract for this paper; its keywords come from the title.</em>"
    "</p>\n"
)


def meta_line(entry: Entry) -> str:
    paper = entry.paper
    parts = []
    if paper.date:
        parts.append(f"<strong>Date:</strong> {date_text(entry)}")
    if paper.id:
        parts.append(f"<strong>Id:</strong> {md.html_text(paper.id)}")
    return " · ".join(parts)


def related_item(site: Site, link: Link, here: str) -> str:
    why = ", ".join(site.themes[t].label for t in link.shared_themes)
    because = f"shared themes: {why}" if why else "similar wording"
    anchor = paper_anchor(site.entries[link.paper], here)
    return f"<li>{anchor}<br>\n<em>{md.html_text(because)}</em></li>"


def section(label: str) -> str:
    """A paper page's section heading (see `paper_page`)."""
    return md.heading(2, label, SECTIONS[label])


def paper_page(site: Site, entry: Entry) -> str:
    """Raw HTML blocks only, which Markdown passes through as they are (see `markdown.block`).

    The headings too: paper pages show no table of contents (overrides/main.html), and the
    permalink ¶ the `toc` extension adds to Markdown headings was 430 bytes a page. Their ids
    are fixed: `paper` for the title (its slug was as long as the title, 8 MB at 35,000
    papers) and `SECTIONS` for the sections, the ids the `toc` extension gave them."""
    here = f"papers/{entry.slug}.md"
    paper = entry.paper
    out = [md.title_matter(paper.title), md.heading(1, md.html_text(paper.title), TITLE_ID)]
    if paper.authors:
        out.append(md.block("p", authors_line(entry, site.browse)))
    meta = meta_line(entry)
    if meta:
        out.append(md.block("p", meta))
    placings = site.placings.get(entry.key)
    if placings:
        out.append(listed_block(placings, site.entries, here))
    buttons = link_buttons(entry)
    if buttons:
        out.append(md.block("p", buttons))
    if paper.tags:
        tags = " · ".join(md.html_text(t) for t in paper.tags)
        out.append(md.block("p", f"<strong>Tags:</strong> {tags}"))
    if paper.note:
        note = f"<p><strong>Note:</strong> {md.html_prose(paper.note)}</p>"
        out.append(md.block("blockquote", note))
    out.append(section("Abstract"))
    abstract, shortened = caps.shown_abstract(paper.abstract)
    out.append(md.block("p", md.html_prose(abstract)) if abstract else NO_ABSTRACT)
    if shortened:
        out.append(md.block("p", f"<em>{md.html_text(shortened)}</em>"))
    if entry.keywords:
        out.append(section("Keywords"))
        words = " · ".join(md.html_text(k.text) for k in entry.keywords)
        out.append(md.block("p", words))
    if entry.themes:
        out.append(section("Themes"))
        links = (theme_anchor(site.themes[t], here) for t in entry.themes)
        out.append(md.block("p", " · ".join(links)))
    out.append(section("Related papers"))
    if entry.related:
        items = "\n".join(related_item(site, link, here) for link in entry.related)
        out.append(md.block("ol", f"\n{items}\n"))
    else:
        out.append(md.block("p", "No other paper in this index is close to this one."))
    out.append(cite_section(entry, site.browse))
    return "\n".join(out)
