"""Search in a real browser: typed→first results, bytes for the first query, index build time.

    make bench-search N=2000                  # the site's own search index, as the site ships
    make bench-search N=2000 ENGINE=lunr      # Material's built-in lunr search, to compare

Builds a site from the first N papers of the corpus under bench-out/nN/ (never the
repository's docs/ or site/), serves it on 127.0.0.1 under /repo/ as on a GitHub Pages
project site, opens the home page in Chromium and, right after it has loaded, types five
queries into the header search box, one after another.

"typed→first results" runs from the last keystroke of a query (the rest of it is pasted
first, so that lunr, which searches on keyup, sees only the whole query) until the result
list holds results for it. The first query pays for loading the search: the site's index
table (search/index.json.gz, which replaced Pagefind) with the vocabulary ranges of the query's
words and its results' data, or lunr's whole index. "after focus" counts what the server sent
from the moment the box took focus until the query's results showed, file by file for the
first query: what a reader who starts typing waits for (the goal: 150 KB at 35,020 papers).
Bytes are counted by the server, so they include what Web Workers fetch; a local server does
not compress, GitHub Pages gzips text (the site's index files are gzipped already).
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Page

from tests.browser import Traffic, chromium, serve
from tests.conftest import make_project

ROOT = Path(__file__).resolve().parents[1]
QUERIES = (
    "gaussian splatting",
    "retrieval augmented generation",
    "speech recognition",
    "medical image segmentation",
    "reinforcement learning reward",
)
# Each engine's site folder under bench-out/nN/: "site" is the site as it ships.
SITES = {"site": "site", "lunr": "site-lunr"}
SEARCH_INPUT = ".md-search__input"
# Records the last keystroke in the search box and each time the result list gets results.
INSTRUMENT = """
window.__bench = { typed: 0, shown: [] };
document.addEventListener("keydown", (event) => {
  if (event.target instanceof Element && event.target.matches(".md-search__input")) {
    window.__bench.typed = performance.now();
  }
}, true);
document.addEventListener("DOMContentLoaded", () => {
  const list = document.querySelector(".md-search-result__list");
  if (!list) return;
  new MutationObserver(() => {
    if (list.querySelector("li")) {
      window.__bench.shown.push({ at: performance.now(), query: list.dataset.query ?? null });
    }
  }).observe(list, { childList: true });
});
"""
# Results for `query` shown after its last keystroke; lunr's list does not say its query,
# but it only ever searches the whole query (see above).
SHOWN = """query => {
  const bench = window.__bench;
  const hit = bench.shown.find(s => s.at >= bench.typed && (s.query === null || s.query === query));
  return hit ? hit.at - bench.typed : null;
}"""


@dataclass(frozen=True)
class Build:
    site: Path
    seconds: dict[str, float]


@dataclass(frozen=True)
class Run:
    latencies_ms: list[float]
    first_query_bytes: int
    first_query_requests: int
    settled_bytes: int
    page_bytes: int
    results: list[str]
    after_focus: list[list[tuple[str, int]]]  # each query's files, from focus to results


def sample(corpus: Path, n: int, papers: Path) -> int:
    """The first `n` records of the corpus as a .jsonl file; how many there were."""
    opener = gzip.open if corpus.name.endswith(".gz") else open
    papers.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with opener(corpus, "rt", encoding="utf-8") as lines, papers.open("w", encoding="utf-8") as out:
        for line in lines:
            if count == n:
                break
            if line.strip():
                out.write(line)
                count += 1
    return count


def run(command: list[str]) -> tuple[str, float]:
    start = time.perf_counter()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{done.stdout}\n{done.stderr}")
    return done.stdout, seconds


def stages(output: str) -> dict[str, float]:
    """The generator's timing table, as {stage: seconds}."""
    found = re.findall(r"^(\w+)\s+([\d.]+)\s+\d+%$", output, re.M)
    return {name: float(seconds) for name, seconds in found}


def fresh_project(project: Path) -> None:
    """A project folder to build in, with the repository's configuration as it is now."""
    if not project.is_dir():
        make_project(project)
    else:
        shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
        shutil.rmtree(project / "overrides", ignore_errors=True)
        shutil.copytree(ROOT / "overrides", project / "overrides")


def build_site(project: Path, papers: Path) -> Build:
    """The normal build: the pages stage writes the search index, MkDocs copies it."""
    site = project / SITES["site"]
    command = [sys.executable, "-m", "generator", "build", "--papers", str(papers)]
    command += ["--docs", str(project / "docs"), "--site", str(site)]
    command += ["--config", str(project / "mkdocs.yml")]
    output, seconds = run(command)
    print(output.rstrip())
    return Build(site, {**stages(output), "build": seconds})


def lunr_config(project: Path) -> Path:
    """The project's mkdocs.yml with Material's own search: no overrides, plugins: [search]."""
    text = (project / "mkdocs.yml").read_text("utf-8")
    text, overrides = re.subn(r"^\s*custom_dir: overrides\n", "", text, flags=re.M)
    text, plugins = re.subn(r"^plugins: \[\]\n", "plugins:\n  - search\n", text, flags=re.M)
    if not (overrides and plugins):
        sys.exit("mkdocs.yml changed shape: cannot derive a lunr configuration from it")
    config = project / "mkdocs-lunr.yml"
    config.write_text(text, "utf-8")
    return config


def build_lunr(project: Path, papers: Path) -> Build:
    """Material's lunr index over the generator's pages; only the MkDocs run is timed."""
    site = project / SITES["lunr"]
    if not (project / "docs" / "papers.json").is_file():
        command = [sys.executable, "-m", "generator", "build", "--papers", str(papers)]
        run([*command, "--docs", str(project / "docs"), "--no-site"])
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"]
    command += ["--config-file", str(lunr_config(project)), "--site-dir", str(site)]
    _, seconds = run(command)
    return Build(site, {"mkdocs with lunr index": seconds})


def settle(traffic: Traffic, quiet: float = 1.5, limit: float = 120.0) -> None:
    """Waits until the server has sent nothing for `quiet` seconds."""
    deadline = time.monotonic() + limit
    count, since = traffic.mark(), time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.1)
        if traffic.mark() != count:
            count, since = traffic.mark(), time.monotonic()
        elif time.monotonic() - since >= quiet:
            return


def type_query(page: Page, query: str) -> tuple[float, float]:
    """Milliseconds from the query's last keystroke until its results are shown, and the
    time (seconds since the epoch) they were shown."""
    page.focus(SEARCH_INPUT)
    page.fill(SEARCH_INPUT, query[:-1])
    page.keyboard.press(query[-1])
    page.wait_for_function(f"q => ({SHOWN})(q) !== null", arg=query, timeout=300_000)
    latency: float = page.evaluate(SHOWN, query)
    typed: float = page.evaluate("() => performance.timeOrigin + window.__bench.typed")
    return latency, (typed + latency) / 1000


def bytes_of(sent: list[tuple[str, int, float]]) -> int:
    return sum(size for _, size, _ in sent)


def for_search(path: str) -> bool:
    """The site's search script, its stemmer and index files, or lunr's index and the Web
    Worker that reads it: what search costs, apart from the page."""
    parts = ("/search/", "/paper-search.", "/porter2.", "/workers/search.")
    return any(part in path for part in parts)


def measure(site: Path, queries: tuple[str, ...]) -> Run:
    with serve(site) as (url, traffic), chromium() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.add_init_script(INSTRUMENT)
        page = context.new_page()
        page.goto(url, wait_until="load")
        page_bytes = bytes_of([s for s in traffic.since(0) if not for_search(s[0])])
        latencies, results, after_focus = [], [], []
        first: list[tuple[str, int, float]] = []
        settled = 0
        for query in queries:
            mark = traffic.mark()
            latency, shown = type_query(page, query)
            latencies.append(latency)
            since_focus = traffic.since(mark)
            after_focus.append(
                [(p, size) for p, size, at in since_focus if for_search(p) and at <= shown]
            )
            if not first:
                # lunr's index is fetched as the page loads; the site's when the box is focused.
                sent = traffic.since(0)
                first = [s for s in sent if for_search(s[0]) and s[2] <= shown]
                settle(traffic)
                settled = bytes_of([s for s in traffic.since(0) if for_search(s[0])])
            results.append(page.inner_text(".md-search-result__meta").strip())
            page.wait_for_timeout(300)
        browser.close()
    return Run(latencies, bytes_of(first), len(first), settled, page_bytes, results, after_focus)


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def megabytes(n: int) -> str:
    return f"{n / 1e6:.2f} MB" if n >= 1e5 else f"{n / 1e3:.1f} KB"


def first_query_files(sent: list[tuple[str, int]]) -> Iterator[str]:
    """The first query's files from focus to results, by kind, each with its bytes."""
    kinds: dict[str, list[int]] = {}
    for path, size in sent:
        name = path.split("?")[0].rsplit("/search/", 1)[-1].rsplit("/", 1)[-1]
        kind = "p/<n>.json.gz" if "/search/p/" in path else re.sub(r"-\w+\.", "-<hash>.", name)
        kinds.setdefault(kind, []).append(size)
    total = sum(size for _, size in sent)
    yield f"first query, after focus: {megabytes(total)} in {len(sent)} files"
    for kind, sizes in kinds.items():
        each = ", ".join(f"{size / 1e3:.1f}" for size in sizes)
        yield f"  {kind:<20} {len(sizes):3} files, KB: {each}"


def report(
    engine: str, n: int, build: Build, result: Run, queries: tuple[str, ...]
) -> Iterator[str]:
    where = build.site.relative_to(ROOT) if build.site.is_relative_to(ROOT) else build.site
    yield f"== {engine}, N={n} papers, {os.cpu_count()} cores, site {where}"
    for stage, seconds in build.seconds.items():
        yield f"build: {stage:<22} {seconds:8.2f} s"
    if engine == "site":
        size, files = folder_size(build.site / "search")
        table = (build.site / "search" / "index.json.gz").stat().st_size
        yield (
            f"index: search/ {megabytes(size)} in {files} files; a query fetches index.json.gz "
            f"({megabytes(table)}) once, then its words' ranges and its results' p/<n>.json.gz"
        )
    else:
        index = build.site / "search" / "search_index.json"
        raw = index.read_bytes()
        yield (
            f"index: search/search_index.json {megabytes(len(raw))} "
            f"({megabytes(len(gzip.compress(raw, 6)))} gzipped), fetched whole"
        )
    yield f"page load (home), search aside: {megabytes(result.page_bytes)}"
    yield (
        f"first query after page load: {megabytes(result.first_query_bytes)} of search "
        f"code and index over {result.first_query_requests} requests until its results "
        f"showed; {megabytes(result.settled_bytes)} once the network was quiet"
    )
    yield from first_query_files(result.after_focus[0])
    for query, ms, shown, sent in zip(
        queries, result.latencies_ms, result.results, result.after_focus, strict=True
    ):
        after = megabytes(sum(size for _, size in sent))
        yield f"typed→first results {ms:7.0f} ms, {after:>8} after focus  {query!r}: {shown}"
    yield (
        f"median typed→first results: {statistics.median(result.latencies_ms):.0f} ms "
        f"(first query {result.latencies_ms[0]:.0f} ms, cold)"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--corpus", type=Path, default=ROOT.parent / "shared/corpora/arxiv-cs-2025.jsonl.gz"
    )
    parser.add_argument("--n", type=int, default=2000, help="papers: the first N of the corpus")
    parser.add_argument("--engine", choices=tuple(SITES), default="site")
    parser.add_argument("--query", action="append", help="a query to type (repeat); five defaults")
    parser.add_argument("--reuse", action="store_true", help="measure the site already built")
    parser.add_argument("--out", type=Path, default=ROOT / "bench-out")
    args = parser.parse_args(argv)
    queries = tuple(args.query or QUERIES)

    project = args.out.resolve() / f"n{args.n}"
    papers = project / "papers.jsonl"
    site = project / SITES[args.engine]
    if args.reuse and site.is_dir():
        build = Build(site, {})
        n = sum(1 for _ in papers.open(encoding="utf-8"))
    else:
        fresh_project(project)
        n = sample(args.corpus, args.n, papers)
        print(f"building a site from {n} papers of {args.corpus} in {project} ...", flush=True)
        build = (
            build_site(project, papers) if args.engine == "site" else build_lunr(project, papers)
        )
    print(f"measuring in Chromium: {len(queries)} queries ...", flush=True)
    result = measure(build.site, queries)
    for line in report(args.engine, n, build, result, queries):
        print(line)


if __name__ == "__main__":
    main()
