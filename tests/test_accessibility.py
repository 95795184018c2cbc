"""axe-core in Chromium on the pages readers meet first: no serious or critical violation.

axe-core comes from npm (package.json → node_modules/, `make node_modules/.installed`);
Chromium is Debian's, driven by Playwright. Both colour schemes are checked.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import chromium, require_chromium, serve
from tests.conftest import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    require_chromium()
    if not AXE.exists():
        if shutil.which("npm") is None:
            pytest.skip("npm is not installed, so axe-core is not either")
        pytest.fail("axe-core is missing: run `make node_modules/.installed`")
    with chromium() as browser:
        yield browser


def first(site: Path, folder: str, prefer: str = "") -> str:
    pages = sorted(p.parent.name for p in (site / folder).glob("*/index.html"))
    return f"{folder}/{prefer if prefer in pages else pages[0]}/"


def violations(browser: Any, url: str, scheme: str) -> list[str]:
    page = browser.new_page(color_scheme=scheme)
    try:
        page.goto(url, wait_until="load")
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    finally:
        page.close()
    return [
        f"{scheme} {url}: {v['id']} ({v['impact']}) {v['help']} at "
        + "; ".join(str(n["target"]) for n in v["nodes"][:5])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_violations(
    browser: Any, seed_site: Path, dated_site: Path, scheme: str
) -> None:
    found: list[str] = []
    for site, paths in (
        (seed_site, ["", first(seed_site, "themes", "low-rank-adaptation"), "map/"]),
        (dated_site, [first(dated_site, "papers", "2501.10000"), "archive/", "authors/"]),
    ):
        with serve(site) as (base, _):
            for path in paths:
                found += violations(browser, base + path, scheme)
    assert found == []
