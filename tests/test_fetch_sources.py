"""Each source against its stand-in service on 127.0.0.1: what a day's answer becomes, and
how a bad answer is refused with the URL named."""

from __future__ import annotations

import json
from urllib.parse import unquote

import pytest
from pytest_httpserver import HTTPServer

from generator.fetch.arxiv_api import arxiv_listings, search_query
from generator.fetch.hf_daily import daily_papers
from generator.fetch.http import FetchError, Politeness
from generator.sources.day_counts import Counts, parse_counts
from generator.sources.json_records import parse_json, parse_jsonl
from tests.fetch_fakes import (
    DAY1,
    DAY2,
    ArxivPaper,
    FakeArxiv,
    atom_error,
    hf_answer,
    hf_item,
    serve_hf_day,
)

POLITE = Politeness(timeout=5.0, tries=3, backoff=0.0)


def test_hf_day_is_saved_in_the_apis_shape_with_its_counts_beside(
    httpserver: HTTPServer,
) -> None:
    items = [
        hf_item("2510.09842", "Engines That Weave", DAY1),
        hf_item("2510.00007", "Looms", DAY1),
    ]
    serve_hf_day(httpserver, DAY2, hf_answer(items))
    source = daily_papers(POLITE, httpserver.url_for("/"))
    answer = source.fetch(DAY2)
    assert list(answer.items) == items and answer.day == DAY2
    assert answer.url.endswith("/api/daily_papers?date=2025-10-13&limit=100")
    files = source.day_files(DAY2, answer.items)
    text = files.papers.decode()
    assert text.splitlines()[0] == "[" and len(text.splitlines()) == 4  # an item a line
    papers, problems = parse_json("day.json", text)
    assert problems == [] and [p.title for p in papers] == ["Looms", "Engines That Weave"]
    # The day asked for is the listing day, whatever else the answer says.
    assert papers[0].listed == ("2025-10-13",) and papers[0].date == "2025-10-10"
    assert "upvotes" not in text and "numComments" not in text
    counts, problems = parse_counts("day.counts.json", files.counts.decode())
    assert problems == [] and counts == {
        "2510.00007": Counts(upvotes=12, comments=1),
        "2510.09842": Counts(upvotes=12, comments=1),
    }


def test_hf_empty_day_gives_nothing_to_save(httpserver: HTTPServer) -> None:
    serve_hf_day(httpserver, DAY1, b"[]")
    assert daily_papers(POLITE, httpserver.url_for("/")).fetch(DAY1).items == ()


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (b'[{"paper": {"id": "2510.1"', "malformed JSON: Expecting"),
        (b'{"error": "Invalid date"}', "expected a JSON list of papers, got a JSON dict"),
        (b"\xff[]", "malformed JSON"),
    ],
)
def test_hf_malformed_answer_names_the_url(
    httpserver: HTTPServer, body: bytes, problem: str
) -> None:
    serve_hf_day(httpserver, DAY2, body)
    with pytest.raises(FetchError) as caught:
        daily_papers(POLITE, httpserver.url_for("/")).fetch(DAY2)
    assert caught.value.url.endswith("/api/daily_papers?date=2025-10-13&limit=100")
    assert caught.value.problem.startswith(problem)


def arxiv(server: HTTPServer, page_size: int = 100) -> object:
    return arxiv_listings(
        POLITE, ["cs.CL", "cs.LG"], server.url_for("/").rstrip("/"), page_size, delay=0.0
    )


def test_arxiv_day_pages_through_every_result(httpserver: HTTPServer) -> None:
    papers = [ArxivPaper(f"2510.1{n:04d}", f"Paper number {n}", ("cs.LG",)) for n in range(7)]
    service = FakeArxiv().add(DAY2, *reversed(papers)).add(DAY1, papers[0]).serve(httpserver)
    source = arxiv_listings(POLITE, ["cs.CL", "cs.LG"], httpserver.url_for("/"), 3, delay=0.0)
    answer = source.fetch(DAY2)
    assert service.pages == [("2025-10-13", 0, 3), ("2025-10-13", 3, 3), ("2025-10-13", 6, 3)]
    data = source.day_files(DAY2, answer.items)
    assert data.counts == b""
    lines = data.papers.decode().splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["id"] for r in records] == [p.id for p in papers]  # by id, whatever the order
    first = records[0]
    assert list(first) == [
        "id", "title", "authors", "categories", "comment", "summary", "abs", "pdf", "listed"
    ]  # fmt: skip
    assert first["abs"] == "https://arxiv.org/abs/2510.10000" and first["listed"] == "2025-10-13"
    assert first["authors"] == ["Grace Hopper", "Edsger Dijkstra"]
    assert first["comment"] == "9 pages" and first["categories"] == ["cs.LG"]
    read, problems = parse_jsonl("day.jsonl", data.papers.decode())
    assert problems == [] and len(read) == 7 and read[0].listed == ("2025-10-13",)
    query = unquote(httpserver.log[0][0].args["search_query"])
    assert query == search_query(["cs.CL", "cs.LG"], DAY2)


def test_arxiv_requests_carry_the_tools_user_agent(httpserver: HTTPServer) -> None:
    FakeArxiv().add(DAY2, ArxivPaper("2510.10000", "A paper")).serve(httpserver)
    arxiv_listings(POLITE, ["cs.CL"], httpserver.url_for("/"), delay=0.0).fetch(DAY2)
    assert httpserver.log[0][0].headers["User-Agent"].startswith("paper-index/")


def test_arxiv_empty_day_gives_nothing_to_save(httpserver: HTTPServer) -> None:
    FakeArxiv().add(DAY2, ArxivPaper("2510.10000", "A paper")).serve(httpserver)
    source = arxiv_listings(POLITE, ["cs.CL"], httpserver.url_for("/"), delay=0.0)
    assert source.fetch(DAY1).items == ()


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (b"<feed xmlns='http://www.w3.org/2005/Atom'><entry>", "malformed XML: no element found"),
        (b"<html><body>Service moved</body></html>", "expected an Atom feed, got <html>"),
        (
            atom_error("malformed query", "http://arxiv.org/api/errors#bad"),
            "the API reported an error: malformed query (http://arxiv.org/api/errors#bad)",
        ),
    ],
)
def test_arxiv_malformed_answer_names_the_url(
    httpserver: HTTPServer, body: bytes, problem: str
) -> None:
    httpserver.expect_request("/api/query").respond_with_data(body, content_type="text/xml")
    source = arxiv_listings(POLITE, ["cs.CL"], httpserver.url_for("/"), delay=0.0)
    with pytest.raises(FetchError) as caught:
        source.fetch(DAY2)
    assert "/api/query?search_query=" in caught.value.url
    assert caught.value.problem.startswith(problem)


def test_arxiv_refuses_a_category_that_would_change_the_query() -> None:
    with pytest.raises(ValueError, match=r"not arXiv categories: cs\.CL OR all:x"):
        arxiv_listings(POLITE, ["cs.CL OR all:x"])


def test_arxiv_error_answer_gives_the_apis_own_words(httpserver: HTTPServer) -> None:
    """The API answers a query it cannot run with HTTP 400 and its error feed: not tried
    again, and the error names what the API said."""
    page = "https://arxiv.org/api/errors#incorrect_id_format_for_abc"
    body = atom_error("incorrect id format for abc", page)
    httpserver.expect_request("/api/query").respond_with_data(body, status=400)
    source = arxiv_listings(POLITE, ["cs.CL"], httpserver.url_for("/"), delay=0.0)
    with pytest.raises(FetchError) as caught:
        source.fetch(DAY2)
    assert caught.value.problem == (
        f"HTTP 400 BAD REQUEST: the API reported an error: incorrect id format for abc ({page})"
    )
    assert len(httpserver.log) == 1
