"""Hugging Face Daily Papers: `GET /api/daily_papers?date=YYYY-MM-DD`, a JSON list a day,
saved in the API's own shape (`generator/sources/daily_api.py` reads it) with three changes.

- Each item gets `listed`, the day asked for: answers before 2025 carry no
  `submittedOnDailyAt`, and the day is what the answer is for.
- The counts (`paper.upvotes`, `numComments`, `paper.githubStars`) go to the day's counts file
  (`sources.day_counts`), and the follower counts of the people and organisations named are
  left out (they describe no paper and no page shows them): asked again, a day whose papers
  are the same keeps its papers file byte for byte.
- Items are sorted by paper id, one a line: the API orders them by upvotes.
"""

from __future__ import annotations

import datetime
import json
import time
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlencode

import requests

from generator.errors import Problem
from generator.fetch.http import Politeness, session
from generator.fetch.source import Answer, DayFiles
from generator.model import Origin, Paper
from generator.sources import daily_api
from generator.sources.day_counts import Counts, counts_text

BASE_URL = "https://huggingface.co"
# The API answers 50 papers unless asked for more, and 100 at most; a busy day lists over 50.
LIMIT = 100
COUNTS_INSIDE = ("upvotes", "githubStars")
COUNTS_OUTSIDE = ("numComments",)
FOLLOWERS = "followerCount"


def day_url(base_url: str, day: datetime.date) -> str:
    query = urlencode({"date": day.isoformat(), "limit": LIMIT})
    return f"{base_url.rstrip('/')}/api/daily_papers?{query}"


def items(body: bytes) -> tuple[list[Any], str]:
    """The answer's list of papers, or what is wrong with it. Each item is read on its own
    later (`read_item`): one that cannot be read is skipped, not the whole day."""
    try:
        data = json.loads(body)
    except UnicodeDecodeError as err:
        return [], f"malformed JSON: not UTF-8 at byte {err.start}"
    except json.JSONDecodeError as err:
        return [], f"malformed JSON: {err.msg} at line {err.lineno} column {err.colno}"
    except RecursionError:
        return [], "malformed JSON: nested too deeply"
    if not isinstance(data, list):
        return [], f"expected a JSON list of papers, got a JSON {type(data).__name__}"
    return data, ""


def check(body: bytes) -> str:
    return items(body)[1]


def without_followers(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: without_followers(v) for k, v in value.items() if k != FOLLOWERS}
    if isinstance(value, list):
        return [without_followers(v) for v in value]
    return value


def saved_item(day: datetime.date, item: Any) -> Any:
    """An item as the day's file keeps it: its listing day added, its counts taken out."""
    if not isinstance(item, dict):
        return item
    kept = {k: v for k, v in without_followers(item).items() if k not in COUNTS_OUTSIDE}
    if isinstance(kept.get("paper"), dict):
        kept["paper"] = {k: v for k, v in kept["paper"].items() if k not in COUNTS_INSIDE}
    return {**kept, "listed": day.isoformat()}


def json_line(value: Any) -> str:
    """One item on one line, as UTF-8 where it can be: a lone surrogate (`\\ud800`, valid in
    JSON) has no UTF-8, and the line then escapes all it can."""
    line = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        line = json.dumps(value, sort_keys=True, separators=(",", ":"))
    return line


def item_counts(item: dict[str, Any]) -> Counts:
    """The counts an item carries: the paper's upvotes and its repository's stars inside,
    the comments on the listing outside."""
    inner = item.get("paper")
    inner = inner if isinstance(inner, dict) else {}
    return Counts(
        upvotes=daily_api.count(inner.get("upvotes")),
        comments=daily_api.count(item.get("numComments")),
        stars=daily_api.count(inner.get("githubStars")),
    )


def paper_id(item: Any) -> str:
    inner = item.get("paper") if isinstance(item, dict) else None
    return daily_api.paper_id(inner) if isinstance(inner, dict) else ""


class DailyPapers:
    """The Daily Papers API at `base_url`; a day without papers answers `[]` (weekends)."""

    name = "hf-daily"
    folder = "daily"
    suffix = ".json"

    def __init__(
        self, client: requests.Session, base_url: str, note: Callable[[str], None]
    ) -> None:
        self.client, self.base_url, self.note = client, base_url, note

    def fetch(self, day: datetime.date) -> Answer:
        url = day_url(self.base_url, day)
        body = self.client.get(url).content
        found, _ = items(body)  # the session's check has refused anything else
        if len(found) >= LIMIT:
            self.note(
                f"{url}: {len(found)} papers, as many as one answer holds; some may be missing"
            )
        return Answer(day, url, tuple(found))

    def read_item(
        self, day: datetime.date, item: Any, origin: Origin, number: int
    ) -> tuple[Paper | None, Problem | None]:
        return daily_api.paper_from_item(saved_item(day, item), origin, number)

    def item_id(self, item: Any) -> str:
        return paper_id(item)

    def day_files(self, day: datetime.date, items: Sequence[Any]) -> DayFiles:
        kept = sorted((saved_item(day, i) for i in items), key=paper_id)
        papers = "[\n" + ",\n".join(json_line(i) for i in kept) + "\n]\n"
        counts = {paper_id(i): item_counts(i) for i in items if paper_id(i)}
        counts = {k: c for k, c in counts.items() if c != Counts()}
        text = counts_text(counts) if counts else ""
        return DayFiles(papers.encode("utf-8"), text.encode("utf-8"))


def daily_papers(
    politeness: Politeness,
    base_url: str = BASE_URL,
    sleep: Callable[[float], None] = time.sleep,
    note: Callable[[str], None] = lambda text: None,
) -> DailyPapers:
    return DailyPapers(session(politeness, check, sleep, note), base_url, note)
