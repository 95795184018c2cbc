"""Real answers of the two services, recorded elsewhere (`../shared/corpora/recorded-api/`, whose
`SOURCES.md` says where each came from), served back byte for byte by pytest-httpserver on
127.0.0.1. Tests using them are marked `needs_recorded` and skip when ../shared is absent."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.conftest import SHARED
from tests.fetch_fakes import serve_hf_day

RECORDED = SHARED / "corpora" / "recorded-api"
needs_recorded = pytest.mark.skipif(
    not RECORDED.is_dir(), reason="needs ../shared/corpora/recorded-api"
)

# The real Daily Papers answers, by the day each lists.
HF_DAYS = {
    datetime.date(2024, 10, 25): "daily_papers-2024-10-25.deep-diver.json",
    datetime.date(2025, 9, 8): "daily_papers-2025-09-08.one-item.wrapped.json",
    datetime.date(2026, 3, 6): "daily_papers-2026-03-06.one-item.compact.json",
}
OCT25, MAR6 = datetime.date(2024, 10, 25), datetime.date(2026, 3, 6)
EARLIER_UPVOTES = "variant-2024-10-25.earlier-upvotes.json"
# Synthetic (SOURCES.md): the 2026 item and a copy without a title; the item moved a day on.
MAR7, MAR8 = datetime.date(2026, 3, 7), datetime.date(2026, 3, 8)
UNTITLED_ITEM_DAY = "synthetic-2026-03-07-one-untitled-item.json"
NEXT_DAY = "synthetic-2026-03-08.json"
# arXiv's answer to an id it cannot read: HTTP 400 and a feed with one error entry.
ARXIV_ERROR = "arxiv/id_abc_s0_m100_b79c8dcf6bc3.json"


def hf_bytes(name: str) -> bytes:
    return (RECORDED / "hf" / name).read_bytes()


def hf_items(name: str) -> list[Any]:
    items: list[Any] = json.loads(hf_bytes(name))
    return items


def serve_recorded_hf_day(server: HTTPServer, day: datetime.date, name: str) -> bytes:
    body = hf_bytes(name)
    serve_hf_day(server, day, body)
    return body


def arxiv_answer(name: str) -> tuple[int, bytes]:
    """A recorded arXiv answer: its status and its body, the bytes the service sent."""
    data = json.loads((RECORDED / name).read_text("utf-8"))
    return int(data["status_code"]), str(data["body"]).encode("latin-1")


def respond_with_recorded_arxiv(server: HTTPServer, name: str) -> None:
    status, body = arxiv_answer(name)
    server.expect_request("/api/query").respond_with_data(
        body, status=status, content_type="application/atom+xml; charset=UTF-8"
    )


# The 100-entry search page and the six 10-entry pages of the same search, each with its
# total cut to where the recorded pages end (`arxiv-patched/`), by (start, max_results).
ARXIV_PAGES = {
    (0, 100): "arxiv-patched/q_testing_s0_m100_total100.json",
    **{(s, 10): f"arxiv-patched/q_testing_s{s}_m10_total60.json" for s in range(0, 60, 10)},
}


@dataclass
class RecordedArxiv:
    """The arXiv query API answering any day's query with the real pages of one search, by
    `start` and `max_results`; logs each page asked."""

    pages: list[tuple[int, int]] = field(default_factory=list)

    def __call__(self, request: Request) -> Response:
        start, size = int(request.args["start"]), int(request.args["max_results"])
        self.pages.append((start, size))
        status, body = arxiv_answer(ARXIV_PAGES[start, size])
        return Response(body, status=status, content_type="application/atom+xml; charset=UTF-8")

    def serve(self, server: HTTPServer) -> RecordedArxiv:
        server.expect_request("/api/query").respond_with_handler(self)
        return self
