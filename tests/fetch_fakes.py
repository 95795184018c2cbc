"""Stand-ins for the two services, served by pytest-httpserver on 127.0.0.1 in their documented
shapes: the Daily Papers API's JSON list and the arXiv API's paged Atom feed."""

from __future__ import annotations

import datetime
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from click.testing import CliRunner, Result
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from generator.cli import main

DAY1, DAY2, DAY3 = (
    datetime.date(2025, 10, 12),
    datetime.date(2025, 10, 13),
    datetime.date(2025, 10, 14),
)


def hf_item(
    arxiv: str, title: str, day: datetime.date, summary: str = "", published: str = "2025-10-10"
) -> dict[str, Any]:
    """One Daily Papers entry: the paper inside (`published`: its day on arXiv), the listing
    around it (`day`: the day of the list it was put on)."""
    summary = summary or (
        f"We study {title.lower()} at length. Experiments on standard benchmarks show that "
        f"{title.lower()} improves results, and we release code and data for others to use."
    )
    published = f"{published}T17:59:58.000Z"
    return {
        "paper": {
            "id": arxiv,
            "authors": [
                {"_id": "a1", "name": "Ada Lovelace", "hidden": False},
                {"_id": "a2", "name": "Alan Turing", "hidden": False},
            ],
            "publishedAt": published,
            "submittedOnDailyAt": f"{day}T00:41:13.062Z",
            "title": title,
            "summary": summary,
            "upvotes": 12,
            "discussionId": "d" + arxiv,
        },
        "publishedAt": published,
        "title": title,
        "summary": summary,
        "numComments": 1,
    }


def hf_answer(items: list[dict[str, Any]]) -> bytes:
    """As the API sends it: compact JSON."""
    return json.dumps(items, separators=(",", ":")).encode("utf-8")


def serve_hf_day(server: HTTPServer, day: datetime.date, body: bytes, status: int = 200) -> None:
    server.expect_request(
        "/api/daily_papers", query_string={"date": day.isoformat(), "limit": "100"}
    ).respond_with_data(body, status=status, content_type="application/json")


@dataclass(frozen=True)
class ArxivPaper:
    id: str
    title: str
    categories: tuple[str, ...] = ("cs.CL",)
    authors: tuple[str, ...] = ("Grace Hopper", "Edsger Dijkstra")
    comment: str | None = "9 pages"

    @property
    def summary(self) -> str:
        return (
            f"  We present {self.title.lower()}.\nOn three benchmarks, {self.title.lower()} "
            "outperforms strong baselines, and an ablation study explains\nwhy it works.\n"
        )


def atom_entry(paper: ArxivPaper, day: datetime.date) -> str:
    stamp = f"{day}T17:30:00Z"
    ns = 'xmlns:arxiv="http://arxiv.org/schemas/atom"'
    comment = (
        f"<arxiv:comment {ns}>{escape(paper.comment)}</arxiv:comment>" if paper.comment else ""
    )
    return "\n".join(
        [
            "<entry>",
            f"<id>http://arxiv.org/abs/{paper.id}v1</id>",
            f"<updated>{stamp}</updated><published>{stamp}</published>",
            f"<title>{escape(paper.title)}</title>",
            f"<summary>{escape(paper.summary)}</summary>",
            *(f"<author><name>{escape(a)}</name></author>" for a in paper.authors),
            comment,
            f'<link href="http://arxiv.org/abs/{paper.id}v1" rel="alternate" type="text/html"/>',
            f'<link title="pdf" href="http://arxiv.org/pdf/{paper.id}v1" rel="related"/>',
            f"<arxiv:primary_category {ns} term={quoteattr(paper.categories[0])}/>",
            *(f"<category term={quoteattr(c)}/>" for c in paper.categories),
            "</entry>",
        ]
    )


def atom_feed(entries: list[str], total: int, start: int, per_page: int) -> bytes:
    search = 'xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/"'
    head = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        '<title type="html">ArXiv Query</title>',
        "<id>http://arxiv.org/api/query-id</id>",
        "<updated>2025-10-15T00:00:00-04:00</updated>",
        f"<opensearch:totalResults {search}>{total}</opensearch:totalResults>",
        f"<opensearch:startIndex {search}>{start}</opensearch:startIndex>",
        f"<opensearch:itemsPerPage {search}>{per_page}</opensearch:itemsPerPage>",
    ]
    return "\n".join([*head, *entries, "</feed>"]).encode("utf-8")


def atom_error(summary: str, page: str) -> bytes:
    """The arXiv API's answer to a query it cannot run, sent with HTTP 400: a feed of one
    entry whose id is the error's page (as in the recorded `id_abc` answer)."""
    return "\n".join(
        [
            "<?xml version='1.0' encoding='UTF-8'?>",
            '<feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" '
            'xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom">',
            "  <id>https://arxiv.org/</id>",
            "  <title>arXiv Search Results</title>",
            "  <opensearch:itemsPerPage>1</opensearch:itemsPerPage>",
            "  <opensearch:totalResults>1</opensearch:totalResults>",
            "  <opensearch:startIndex>0</opensearch:startIndex>",
            f"  <entry><id>{escape(page)}</id><title>Error</title>",
            f"    <summary>{escape(summary)}</summary>",
            "    <author><name>arXiv api core</name></author></entry>",
            "</feed>",
        ]
    ).encode("utf-8")


QUERY = re.compile(r"^\((.+)\) AND submittedDate:\[(\d{8})0000 TO (\d{8})2359\]$")


@dataclass
class FakeArxiv:
    """The arXiv query API over a few papers by day: answers `search_query` (categories and a
    submittedDate day), `start` and `max_results` as the API does, and logs each page asked;
    any other query gets the API's error answer."""

    papers: dict[datetime.date, list[ArxivPaper]] = field(default_factory=lambda: defaultdict(list))
    pages: list[tuple[str, int, int]] = field(default_factory=list)

    def add(self, day: datetime.date, *papers: ArxivPaper) -> FakeArxiv:
        self.papers[day].extend(papers)
        return self

    def __call__(self, request: Request) -> Response:
        query = request.args.get("search_query", "")
        match = QUERY.match(query)
        if not match:
            page = "https://arxiv.org/api/errors#unsupported_query"
            return Response(atom_error(f"cannot run {query!r}", page), status=400)
        categories = {c.removeprefix("cat:") for c in match.group(1).split(" OR ")}
        day = datetime.datetime.strptime(match.group(2), "%Y%m%d").date()
        start, size = int(request.args["start"]), int(request.args["max_results"])
        self.pages.append((day.isoformat(), start, size))
        found = [p for p in self.papers.get(day, []) if categories & set(p.categories)]
        entries = [atom_entry(p, day) for p in found[start : start + size]]
        body = atom_feed(entries, len(found), start, size)
        return Response(body, content_type="application/atom+xml; charset=utf-8")

    def serve(self, server: HTTPServer) -> FakeArxiv:
        server.expect_request("/api/query").respond_with_handler(self)
        return self


def run_fetch(server: HTTPServer, papers: Path, *args: str) -> Result:
    """`generator fetch` into `papers` from `server`, without waiting between requests."""
    base = ["fetch", "--papers", str(papers), "--base-url", server.url_for("/")]
    quick = ["--backoff", "0", "--arxiv-delay", "0"]
    return CliRunner().invoke(main, [*base, *quick, *args])


def files(folder: Path) -> dict[str, bytes]:
    found = sorted(p for p in folder.rglob("*") if p.is_file())
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in found}
