"""How many papers a theme or an author needs for a page of its own, by library size.

Two shared papers make a theme in a reading list; at 35,000 papers that rule gave 30,000
theme pages and 34,000 author pages, and a site over GitHub Pages' 1 GB limit. One more
paper is asked for every `PAPERS_PER_STEP` papers in the library.
"""

from __future__ import annotations

import math

PAPERS_PER_STEP = 5000


def pages_threshold(papers: int, least: int = 2) -> int:
    """2 up to 10,000 papers, then one more per 5,000: 7 at 35,000."""
    return max(least, math.ceil(papers / PAPERS_PER_STEP))
