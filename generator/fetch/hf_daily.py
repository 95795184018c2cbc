"""Hugging Face Daily Papers: `GET /api/daily_papers?date=YYYY-MM-DD`, a JSON list a day,
saved byte for byte as the API sent it (`generator/sources/daily_api.py` reads that shape)."""

from __future__ import annotations

import datetime
import json
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import requests

from generator.fetch.http import Politeness, session
from generator.fetch.source import Answer

BASE_URL = "https://huggingface.co"
# The API answers 50 papers unless asked for more, and 100 at most; a busy day lists over 50.
LIMIT = 100


def day_url(base_url: str, day: datetime.date) -> str:
    query = urlencode({"date": day.isoformat(), "limit": LIMIT})
    return f"{base_url.rstrip('/')}/api/daily_papers?{query}"


def items(body: bytes) -> tuple[list[Any], str]:
    """The answer's list of papers, or what is wrong with it."""
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
    for number, item in enumerate(data, start=1):
        if not isinstance(item, dict) or not isinstance(item.get("paper"), dict):
            return [], f"item {number} of the list has no `paper` object"
    return data, ""


def check(body: bytes) -> str:
    return items(body)[1]


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
        return Answer(day, url, body if found else b"")


def daily_papers(
    politeness: Politeness,
    base_url: str = BASE_URL,
    sleep: Callable[[float], None] = time.sleep,
    note: Callable[[str], None] = lambda text: None,
) -> DailyPapers:
    return DailyPapers(session(politeness, check, sleep, note), base_url, note)
