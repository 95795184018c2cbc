"""How many papers a theme or an author needs for a page of its own, by library size.

Two shared papers make a theme in a reading list; at 35,000 papers that rule gave 30,000
theme pages and 34,000 author pages, and a site over GitHub Pages' 1 GB limit. So the
threshold grows with the library, but in steps that come rarely: it doubles each time the
library does, past `FIRST_STEP` papers. Each step removes every page just under it and
rewrites the pages that link to them, so a library that grows by a day at a time pays for a
near-whole rebuild only on the days it doubles (a threshold of one more paper per 5,000
papers paid for it every 5,000 papers).
"""

from __future__ import annotations

FIRST_STEP = 10_000


def pages_threshold(papers: int, least: int = 2) -> int:
    """2 up to 10,000 papers, 4 up to 20,000, 8 up to 40,000, and so on."""
    needed, size = 2, FIRST_STEP
    while papers > size:
        needed, size = needed * 2, size * 2
    return max(least, needed)
