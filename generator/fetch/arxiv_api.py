"""arXiv: a day's new submissions in chosen categories, through the `arxiv` package (the API's
query syntax, its paging, and the three seconds it asks between requests), saved as JSON Lines
in the arXiv corpus's shape, which `generator/sources/json_records.py` reads: `id`, `title`,
`authors`, `categories`, `comment`, `summary`, `abs`, `pdf` and `listed` (the day).

A day is a UTC calendar day of first submission (`submittedDate`, the API's own field).
"""

from __future__ import annotations

import datetime
import json
import re
import time
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlencode

import arxiv

from generator.errors import Problem
from generator.fetch.http import FetchError, Politeness, session
from generator.fetch.source import Answer, DayFiles
from generator.identifiers import arxiv_id
from generator.model import Origin, Paper
from generator.sources.json_records import paper_from_record

BASE_URL = "https://export.arxiv.org"
# `cs.CL`, `math.AG`, `hep-th`: letters, dots and dashes only, so a category cannot change the
# query around it.
CATEGORY = re.compile(r"^[a-z][a-z-]*(\.[A-Za-z][A-Za-z-]*)?$")
ATOM = "{http://www.w3.org/2005/Atom}"
PAGE_SIZE = 100
DELAY = 3.0


def search_query(categories: Sequence[str], day: datetime.date) -> str:
    either = " OR ".join(f"cat:{c}" for c in categories)
    stamp = day.strftime("%Y%m%d")
    return f"({either}) AND submittedDate:[{stamp}0000 TO {stamp}2359]"


def reported_error(root: ElementTree.Element) -> str:
    """The API's own words in a feed that reports an error, '' in any other feed: it answers a
    bad query with HTTP 400 and a feed of one entry whose id is the error's page."""
    for entry in root.iter(ATOM + "entry"):
        page = (entry.findtext(ATOM + "id") or "").strip()
        if "/api/errors" in page:
            summary = (entry.findtext(ATOM + "summary") or "").strip()
            return f"the API reported an error: {summary} ({page})"
    return ""


def check(body: bytes) -> str:
    """What is wrong with an answer, before the package reads it: it recovers from broken XML
    silently, and a broken first page would then look like a day without papers."""
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError as err:
        return f"malformed XML: {err}"
    if root.tag != ATOM + "feed":
        return f"expected an Atom feed, got <{root.tag}>"
    return reported_error(root)


def explain(body: bytes) -> str:
    """What an answer other than 200 says, when it is the API's error feed."""
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError:
        return ""
    return reported_error(root) if root.tag == ATOM + "feed" else ""


def record(result: Any, day: datetime.date) -> dict[str, Any]:
    """One paper in the corpus's shape; links from the id, without the version."""
    short = arxiv_id(result.entry_id) or result.get_short_id()
    return {
        "id": short,
        "title": result.title,
        "authors": [author.name for author in result.authors],
        "categories": list(result.categories),
        "comment": result.comment,
        "summary": result.summary,
        "abs": f"https://arxiv.org/abs/{short}",
        "pdf": f"https://arxiv.org/pdf/{short}",
        "listed": day.isoformat(),
    }


def jsonl(records: Sequence[dict[str, Any]]) -> bytes:
    """One record a line, by id: the same answer always gives the same bytes."""
    unique = {r["id"]: r for r in records}
    lines = (json.dumps(unique[k], ensure_ascii=False) + "\n" for k in sorted(unique))
    return "".join(lines).encode("utf-8")


class ArxivListings:
    """The arXiv API at the client's address, for `categories`."""

    name = "arxiv"
    folder = "arxiv"
    suffix = ".jsonl"

    def __init__(self, client: Any, categories: Sequence[str], base_url: str) -> None:
        self.client, self.categories, self.base_url = client, tuple(categories), base_url

    def fetch(self, day: datetime.date) -> Answer:
        query = search_query(self.categories, day)
        url = f"{self.base_url.rstrip('/')}/api/query?{urlencode({'search_query': query})}"
        search = arxiv.Search(
            query=query,
            max_results=None,
            sort_by=arxiv.SortCriterion.SubmittedDate,
            sort_order=arxiv.SortOrder.Ascending,
        )
        try:
            records = [record(r, day) for r in self.client.results(search)]
        except arxiv.ArxivError as err:
            raise FetchError(err.url, f"{err.message} ({err.retry + 1} tries)") from err
        return Answer(day, url, tuple(records))

    def read_item(
        self, day: datetime.date, item: Any, origin: Origin, number: int
    ) -> tuple[Paper | None, Problem | None]:
        paper, problem = paper_from_record(item, origin)
        if problem:
            problem = Problem(problem.file, problem.line, f"record {number}: {problem.message}")
        return paper, problem

    def item_id(self, item: Any) -> str:
        return str(item.get("id", "")) if isinstance(item, dict) else ""

    def day_files(self, day: datetime.date, items: Sequence[Any]) -> DayFiles:
        return DayFiles(jsonl(items))


def arxiv_listings(
    politeness: Politeness,
    categories: Sequence[str],
    base_url: str = BASE_URL,
    page_size: int = PAGE_SIZE,
    delay: float = DELAY,
    sleep: Callable[[float], None] = time.sleep,
    note: Callable[[str], None] = lambda text: None,
) -> ArxivListings:
    bad = [c for c in categories if not CATEGORY.match(c)]
    if bad or not categories:
        raise ValueError(f"not arXiv categories: {', '.join(bad) or '(none given)'}")
    client = arxiv.Client(page_size=page_size, delay_seconds=delay, num_retries=2)
    client.query_url_format = f"{base_url.rstrip('/')}/api/query?{{}}"
    # The package takes no session from outside; its requests all go through this one, so the
    # user agent, time-out, retries and answer check of `http` apply to them too.
    client._session = session(politeness, check, sleep, note, explain)
    return ArxivListings(client, categories, base_url)
