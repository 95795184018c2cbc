"""`generator fetch` against the services' real recorded answers, replayed on 127.0.0.1: the
listing day of an answer that does not give it, an unreadable item, a source that fails, a
day that comes back smaller, arXiv's own error text, and counts that change between fetches."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer

from generator.cli import main
from generator.identifiers import paper_key
from generator.sources import read_file, read_library
from generator.sources.day_counts import parse_counts
from generator.sources.json_records import parse_json
from tests.fetch_fakes import DAY1, run_fetch, serve_hf_day
from tests.fetch_replay import (
    ARXIV_ERROR,
    EARLIER_UPVOTES,
    HF_DAYS,
    MAR6,
    MAR7,
    MAR8,
    NEXT_DAY,
    OCT25,
    UNTITLED_ITEM_DAY,
    RecordedArxiv,
    hf_bytes,
    hf_items,
    needs_recorded,
    respond_with_recorded_arxiv,
    serve_recorded_hf_day,
)

pytestmark = [needs_recorded, pytest.mark.corpus]

DEEP_DIVER = HF_DAYS[OCT25]
# A link from a generated page to an arXiv paper's page, `…/papers/2410.17243/`.
PAPER_LINK = re.compile(r'href="(?:\.\./)*papers/(\d{4}\.\d{4,5})/"')


def one_day(day: datetime.date) -> list[str]:
    return ["--since", str(day), "--until", str(day)]


def saved_ids(path: Path) -> list[str]:
    papers, problems = read_file(path)
    assert problems == []
    return sorted(p.id for p in papers)


def fetched_day(httpserver: HTTPServer, tmp_path: Path, day: datetime.date, answer: str) -> Path:
    """The day file `fetch` saves in `tmp_path` for the recorded `answer` on `day`."""
    serve_recorded_hf_day(httpserver, day, answer)
    result = run_fetch(httpserver, tmp_path, *one_day(day))
    assert result.exit_code == 0, result.output
    return tmp_path / "daily" / f"{day}.json"


def test_an_answer_without_a_listing_time_is_listed_on_the_day_asked(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    papers, problems = read_file(fetched_day(httpserver, tmp_path, OCT25, DEEP_DIVER))
    assert problems == [] and len(papers) == 29
    assert {p.listed for p in papers} == {("2024-10-25",)}
    # The paper's own day is still its day on arXiv.
    assert {p.date for p in papers} == {"2024-10-21", "2024-10-22", "2024-10-23", "2024-10-24"}


def test_a_listing_day_never_comes_from_published_at() -> None:
    """Read as the API sent it, the 2024 answer names no listing day; its items' `publishedAt`
    (the 25th, the list time then) is not taken for one: in 2026 it is arXiv's time minus 5 h."""
    papers, problems = parse_json(DEEP_DIVER, hf_bytes(DEEP_DIVER).decode("utf-8"))
    assert problems == [] and len(papers) == 29
    assert {p.listed for p in papers} == {()}
    name = HF_DAYS[MAR6]
    papers, _ = parse_json(name, hf_bytes(name).decode("utf-8"))
    assert [(p.listed, p.date) for p in papers] == [(("2026-03-06",), "2026-02-26")]


def test_an_unreadable_item_is_reported_and_skipped_and_later_days_come_in(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    serve_recorded_hf_day(httpserver, MAR7, UNTITLED_ITEM_DAY)
    serve_recorded_hf_day(httpserver, MAR8, NEXT_DAY)
    result = run_fetch(httpserver, tmp_path, "--since", str(MAR7), "--until", str(MAR8))
    assert result.exit_code == 1, result.output
    assert (
        "error: hf-daily 2026-03-07: skipped item 2 (2603.00001): item 2 has no title"
        in result.stderr
    )
    assert "hf-daily 2026-03-07: 1 papers found, 1 new, 0 already present, 1 item skipped" in (
        result.stdout
    )
    daily = tmp_path / "daily"
    assert saved_ids(daily / "2026-03-07.json") == ["2602.23229"]
    assert saved_ids(daily / "2026-03-08.json") == ["2603.00002"]
    # The next run starts at the newest saved day, past the one with the bad item.
    again = run_fetch(httpserver, tmp_path, "--until", str(MAR8))
    assert again.stdout.startswith("hf-daily 2026-03-08: 1 papers found, 0 new")


def test_a_daily_papers_failure_does_not_keep_arxiv_from_running(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    serve_hf_day(httpserver, DAY1, b"busy", status=503)
    service = RecordedArxiv().serve(httpserver)
    args = ["--source", "hf-daily", "--source", "arxiv", "--category", "cs.CL", *one_day(DAY1)]
    result = run_fetch(httpserver, tmp_path, *args)
    assert result.exit_code == 1
    assert "HTTP 503 SERVICE UNAVAILABLE after 3 tries" in result.stderr
    assert "hf-daily stopped at 2025-10-12" in result.stderr
    assert service.pages == [(0, 100)]
    assert "arxiv 2025-10-12: 100 papers found, 100 new" in result.stdout
    lines = (tmp_path / "arxiv" / "2025-10-12.jsonl").read_text("utf-8").splitlines()
    assert len(lines) == 100 and not (tmp_path / "daily").exists()


def test_a_day_that_comes_back_smaller_is_kept_unless_told(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    day = fetched_day(httpserver, tmp_path, OCT25, DEEP_DIVER)
    before = day.read_bytes()
    httpserver.clear()
    first = hf_items(DEEP_DIVER)[:1]
    serve_hf_day(httpserver, OCT25, json.dumps(first, separators=(",", ":")).encode())
    kept = run_fetch(httpserver, tmp_path, *one_day(OCT25))
    assert kept.exit_code == 0, kept.output
    assert f"kept {day} as it was: 29 papers saved, 1 returned (--replace-smaller" in kept.stdout
    assert day.read_bytes() == before
    replaced = run_fetch(httpserver, tmp_path, *one_day(OCT25), "--replace-smaller")
    assert replaced.exit_code == 0, replaced.output
    assert "replacing 29 saved papers with 1" in replaced.stdout
    assert saved_ids(day) == ["2410.17243"]


def test_arxivs_error_answer_keeps_its_message(httpserver: HTTPServer, tmp_path: Path) -> None:
    respond_with_recorded_arxiv(httpserver, ARXIV_ERROR)
    result = run_fetch(httpserver, tmp_path, "--source", "arxiv", "--category", "cs.CL")
    assert result.exit_code == 1
    assert (
        "HTTP 400 BAD REQUEST: the API reported an error: incorrect id format for abc "
        "(https://arxiv.org/api/errors#incorrect_id_format_for_abc)" in result.stderr
    )
    assert len(httpserver.log) == 1  # a 400 is not tried again


def test_a_day_asked_again_with_other_counts_rewrites_only_its_counts(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    day = fetched_day(httpserver, tmp_path, OCT25, EARLIER_UPVOTES)
    counts = tmp_path / "daily" / "2024-10-25.counts.json"
    before, stamp, old_counts = day.read_bytes(), day.stat().st_mtime_ns, counts.read_bytes()
    httpserver.clear()
    serve_recorded_hf_day(httpserver, OCT25, DEEP_DIVER)
    again = run_fetch(httpserver, tmp_path, *one_day(OCT25))
    assert again.exit_code == 0, again.output
    assert (day.read_bytes(), day.stat().st_mtime_ns) == (before, stamp)
    assert counts.read_bytes() != old_counts
    assert f"unchanged {day}; counts updated in {counts}" in again.stdout
    papers, problems, files = read_library([tmp_path])
    assert problems == [] and files == 1  # the counts are read with their day, not as papers
    upvotes = {p.id: p.upvotes for p in papers}
    assert [upvotes[i] for i in ("2410.17243", "2410.16251", "2410.18533")] == [74, 45, 40]
    assert sum(v or 0 for v in upvotes.values()) == sum(
        i["paper"]["upvotes"] for i in hf_items(DEEP_DIVER)
    )
    counted, _ = parse_counts(str(counts), counts.read_text("utf-8"))
    comments = {key: c.comments for key, c in counted.items()}
    assert comments == {i["paper"]["id"]: i["numComments"] for i in hf_items(DEEP_DIVER)}


def test_a_day_file_in_the_old_shape_keeps_its_counts(tmp_path: Path) -> None:
    """A file saved before the counts moved out: the API's answer as it came, counts inside."""
    old = tmp_path / "daily" / "2026-03-06.json"
    old.parent.mkdir()
    old.write_bytes(hf_bytes(HF_DAYS[MAR6]))
    [paper], problems = read_file(old)
    assert problems == [] and paper.listed == ("2026-03-06",)
    assert paper.upvotes == 10


def test_the_fetched_day_holds_no_counts(httpserver: HTTPServer, tmp_path: Path) -> None:
    day = fetched_day(httpserver, tmp_path, MAR6, HF_DAYS[MAR6])
    text = day.read_text("utf-8")
    for volatile in ("upvotes", "numComments", "githubStars", "followerCount"):
        assert volatile not in text
    # Everything else the API gave is kept: the project page, the AI summary, the repository.
    [item] = json.loads(text)
    assert item["paper"]["projectPage"] == "https://circle-lmm.github.io/"
    assert item["paper"]["ai_summary"].startswith("Large Multimodal Models demonstrate")
    [paper], _ = read_file(day)
    assert paper.upvotes == 10 and paper.code == "https://github.com/marco-garosi/CIRCLE"
    counts = (tmp_path / "daily" / "2026-03-06.counts.json").read_text("utf-8")
    assert counts == '{\n"2602.23229": {"comments": 1, "stars": 9, "upvotes": 10}\n}\n'
    assert paper_key(paper) == "arxiv:2602.23229"


def test_every_recorded_day_is_built_with_each_paper_on_its_day_page(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    library, docs = tmp_path / "papers", tmp_path / "docs"
    for day, name in HF_DAYS.items():
        serve_recorded_hf_day(httpserver, day, name)
        fetched = run_fetch(httpserver, library, *one_day(day))
        assert fetched.exit_code == 0, fetched.output
    build = ["build", "--papers", str(library), "--docs", str(docs), "--no-site", "--no-cache"]
    built = CliRunner().invoke(main, [*build, "--workers", "1"])
    assert built.exit_code == 0, built.output
    for day, name in HF_DAYS.items():
        ids = {item["paper"]["id"] for item in hf_items(name)}
        pages = [p for p in (docs / "days").rglob("*.md") if p.name.startswith(str(day))]
        pages += list((docs / "days" / str(day)).rglob("*.md"))
        linked = {m for p in pages for m in PAPER_LINK.findall(p.read_text("utf-8"))}
        assert linked == ids, day
        shown = f"{day.day} {day:%B} {day.year}"
        for arxiv in ids:
            page = (docs / "papers" / f"{arxiv}.md").read_text("utf-8")
            listed = next(line for line in page.splitlines() if "<strong>Listed:</strong>" in line)
            assert f">{shown}</a>" in listed, (arxiv, listed)
    assert len(hf_items(HF_DAYS[OCT25])) == 29
