"""`python -m generator fetch` against stand-in services on 127.0.0.1: day files, progress
lines, re-fetching without rewriting, and a failing day that keeps the days before it."""

from __future__ import annotations

import datetime
import os
import stat
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from generator.fetch.run import days_to_fetch, yesterday
from generator.sources import read_file
from tests.fetch_fakes import (
    DAY1,
    DAY2,
    DAY3,
    ArxivPaper,
    FakeArxiv,
    files,
    hf_answer,
    hf_item,
    run_fetch,
    serve_hf_day,
)

DAY1_FILE, DAY2_FILE = "2025-10-12.json", "2025-10-13.json"


def saved(path: Path) -> list[tuple[str, tuple[str, ...], int | None]]:
    """A day file's papers as the build reads them: title, listing days, upvotes."""
    papers, problems = read_file(path)
    assert problems == []
    return sorted((p.title, p.listed, p.upvotes) for p in papers)


def two_hf_days(server: HTTPServer) -> tuple[bytes, bytes]:
    first = hf_answer(
        [
            hf_item("2510.00001", "Sparse Attention Kernels", DAY1),
            hf_item("2510.00002", "Tiny Agents", DAY1),
        ]
    )
    second = hf_answer(
        [hf_item("2510.00003", "Weather Models", DAY2), hf_item("2510.00002", "Tiny Agents", DAY2)]
    )
    serve_hf_day(server, DAY1, first)
    serve_hf_day(server, DAY2, second)
    return first, second


def test_fetches_each_day_into_its_own_file(httpserver: HTTPServer, tmp_path: Path) -> None:
    two_hf_days(httpserver)
    serve_hf_day(httpserver, DAY3, b"[]")
    result = run_fetch(httpserver, tmp_path, "--since", "2025-10-12", "--until", "2025-10-14")
    assert result.exit_code == 0, result.output
    assert sorted(files(tmp_path)) == [
        "daily/2025-10-12.counts.json", "daily/2025-10-12.json",
        "daily/2025-10-13.counts.json", "daily/2025-10-13.json",
    ]  # fmt: skip
    daily = tmp_path / "daily"
    assert saved(daily / DAY1_FILE) == [
        ("Sparse Attention Kernels", ("2025-10-12",), 12),
        ("Tiny Agents", ("2025-10-12",), 12),
    ]
    assert [t for t, _, _ in saved(daily / DAY2_FILE)] == ["Tiny Agents", "Weather Models"]
    counts = "(counts in 2025-10-1{}.counts.json)"
    assert result.output.splitlines() == [
        f"hf-daily 2025-10-12: 2 papers found, 2 new, 0 already present; "
        f"saved {daily / DAY1_FILE} {counts.format(2)}",
        f"hf-daily 2025-10-13: 2 papers found, 1 new, 1 already present; "
        f"saved {daily / DAY2_FILE} {counts.format(3)}",
        "hf-daily 2025-10-14: 0 papers found, 0 new, 0 already present; nothing to save",
    ]


def test_fetching_again_rewrites_nothing(httpserver: HTTPServer, tmp_path: Path) -> None:
    two_hf_days(httpserver)
    FakeArxiv().add(DAY1, ArxivPaper("2510.00009", "Graph Kernels")).serve(httpserver)
    args = ["--source", "hf-daily", "--source", "arxiv", "--category", "cs.CL"]
    args += ["--since", "2025-10-12", "--until", "2025-10-13"]
    assert run_fetch(httpserver, tmp_path, *args).exit_code == 0
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.rglob("*.json*")}
    assert len(before) == 5  # two Daily Papers days with their counts, an arXiv day
    again = run_fetch(httpserver, tmp_path, *args)
    assert again.exit_code == 0, again.output
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.rglob("*.json*")}
    assert after == before
    assert f"already present; unchanged {tmp_path}/arxiv/2025-10-12.jsonl" in again.output
    assert again.output.count("; unchanged ") == 3 and "; saved " not in again.output


def test_503_three_times_stops_with_earlier_days_kept(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    two_hf_days(httpserver)
    old = tmp_path / "daily" / "2025-10-14.json"
    old.parent.mkdir(parents=True)
    old.write_bytes(b"[]\n")  # a file from an earlier run: a failed day leaves it alone
    serve_hf_day(httpserver, DAY3, b"busy", status=503)
    result = run_fetch(httpserver, tmp_path, "--since", "2025-10-12", "--until", "2025-10-14")
    assert result.exit_code == 1
    url = httpserver.url_for("/api/daily_papers?date=2025-10-14&limit=100")
    assert f"error: {url}: HTTP 503 SERVICE UNAVAILABLE after 3 tries" in result.output
    assert "hf-daily stopped at 2025-10-14; the days before it are saved" in result.output
    assert len(saved(tmp_path / "daily" / "2025-10-12.json")) == 2
    assert old.read_bytes() == b"[]\n"
    assert sorted(p.name for p in (tmp_path / "daily").iterdir()) == [
        "2025-10-12.counts.json", "2025-10-12.json",
        "2025-10-13.counts.json", "2025-10-13.json", "2025-10-14.json",
    ]  # fmt: skip
    assert len([r for r, _ in httpserver.log if "2025-10-14" in r.url]) == 3


def test_a_day_failing_between_arxiv_pages_writes_nothing_and_the_next_run_resumes(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    papers = [ArxivPaper(f"2510.2{n:04d}", f"Routing paper {n}") for n in range(150)]
    service = FakeArxiv().add(DAY1, papers[0]).add(DAY2, *papers)
    failures = [503, 503, 503]

    def second_page_down_three_times(request: Request) -> Response:
        if request.args.get("start") == "100" and failures:
            return Response("down", status=failures.pop())
        return service(request)

    httpserver.expect_request("/api/query").respond_with_handler(second_page_down_three_times)
    args = ["--source", "arxiv", "--category", "cs.CL", "--since", "2025-10-12"]
    result = run_fetch(httpserver, tmp_path, *args, "--until", "2025-10-13")
    assert result.exit_code == 1
    assert "HTTP 503" in result.output and "start=100" in result.output
    assert [p.name for p in (tmp_path / "arxiv").iterdir()] == ["2025-10-12.jsonl"]
    # No --since: the next run starts from the newest saved day and finishes the range.
    result = run_fetch(
        httpserver, tmp_path, "--source", "arxiv", "--category", "cs.CL", "--until", "2025-10-13"
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].startswith("arxiv 2025-10-12: 1 papers found, 0 new")
    lines = (tmp_path / "arxiv" / "2025-10-13.jsonl").read_text("utf-8").splitlines()
    assert len(lines) == 150


def test_an_empty_answer_keeps_the_saved_day(httpserver: HTTPServer, tmp_path: Path) -> None:
    two_hf_days(httpserver)
    first_run = run_fetch(httpserver, tmp_path, "--since", "2025-10-12", "--until", "2025-10-12")
    assert first_run.exit_code == 0
    first = (tmp_path / "daily" / "2025-10-12.json").read_bytes()
    httpserver.clear()
    serve_hf_day(httpserver, DAY1, b"[]")
    result = run_fetch(httpserver, tmp_path, "--since", "2025-10-12", "--until", "2025-10-12")
    assert result.exit_code == 0
    assert "0 papers found, 0 new, 0 already present; nothing to save;" in result.output
    assert "2025-10-12.json kept as it was" in result.output
    assert (tmp_path / "daily" / "2025-10-12.json").read_bytes() == first


def test_malformed_answer_names_the_url_and_saves_nothing(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    serve_hf_day(httpserver, DAY1, b'[{"paper": {"id": "2510.1",')
    result = run_fetch(httpserver, tmp_path, "--since", "2025-10-12", "--until", "2025-10-12")
    assert result.exit_code == 1
    url = httpserver.url_for("/api/daily_papers?date=2025-10-12&limit=100")
    assert f"error: {url}: malformed JSON: Expecting" in result.output
    assert not (tmp_path / "daily").exists()


def test_items_the_build_would_refuse_are_named_and_left_out(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    good = hf_item("2510.00002", "Tiny Agents", DAY1)
    answer = [hf_item("2510.00001", "", DAY1), {"title": "no paper inside"}, good]
    serve_hf_day(httpserver, DAY1, hf_answer(answer))
    serve_hf_day(httpserver, DAY2, hf_answer([hf_item("2510.00001", "", DAY2)]))
    result = run_fetch(httpserver, tmp_path, "--since", "2025-10-12", "--until", "2025-10-13")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "error: hf-daily 2025-10-12: skipped item 1 (2510.00001): item 1 has no title",
        "error: hf-daily 2025-10-12: skipped item 2: item 2 has no `paper` object",
        "error: hf-daily 2025-10-13: skipped item 1 (2510.00001): item 1 has no title",
        "Error: hf-daily: 3 unreadable items skipped",
    ]
    assert result.stdout.splitlines()[1] == (
        "hf-daily 2025-10-13: 0 papers found, 0 new, 0 already present, 1 item skipped; "
        "nothing to save"
    )
    assert saved(tmp_path / "daily" / "2025-10-12.json") == [("Tiny Agents", ("2025-10-12",), 12)]
    assert not (tmp_path / "daily" / "2025-10-13.json").exists()


def test_arxiv_needs_a_category(httpserver: HTTPServer, tmp_path: Path) -> None:
    result = run_fetch(httpserver, tmp_path, "--source", "arxiv")
    assert result.exit_code == 2 and "not arXiv categories: (none given)" in result.output


def test_default_range_is_the_newest_saved_day_to_yesterday() -> None:
    saved = [datetime.date(2025, 10, 1), datetime.date(2025, 10, 12)]
    assert days_to_fetch(saved, None, DAY2) == [DAY1, DAY2]
    assert days_to_fetch([], None, DAY2) == [DAY2]
    assert days_to_fetch(saved, DAY2, DAY1) == []
    late = datetime.datetime(
        2025, 10, 14, 23, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=-5))
    )
    assert yesterday(late) == DAY3  # 04:30 on the 15th in UTC


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640)])
def test_day_files_are_written_as_the_umask_allows(
    httpserver: HTTPServer, tmp_path: Path, umask: int, mode: int
) -> None:
    two_hf_days(httpserver)
    FakeArxiv().add(DAY1, ArxivPaper("2510.00009", "Graph Kernels")).serve(httpserver)
    args = ["--source", "hf-daily", "--source", "arxiv", "--category", "cs.CL"]
    args += ["--since", "2025-10-12", "--until", "2025-10-13"]
    before = os.umask(umask)
    try:
        result = run_fetch(httpserver, tmp_path, *args)
    finally:
        os.umask(before)
    assert result.exit_code == 0, result.output
    written = sorted(p for p in tmp_path.rglob("*") if p.is_file())
    assert len(written) >= 3
    assert {p.name: stat.S_IMODE(p.stat().st_mode) for p in written} == {
        p.name: mode for p in written
    }
