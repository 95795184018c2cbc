"""Generated Markdown compared with committed pages. Refresh with `make golden` after a
deliberate change, and read the diff: it is what readers will see change."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.index.build import index_library
from generator.pages.build import site_pages
from generator.sources import read_library
from tests.conftest import SEED

GOLDEN = Path(__file__).resolve().parent / "golden"
PAGES = [
    "papers/meds3-towards-medical-small-language-models-with-self-evolved-slow-thinking.md",
    "papers/allora-adaptive-learning-rate-mitigates-lora-fatal-flaws.md",
    "themes/low-rank-adaptation.md",
    "themes/index.md",
    "index.md",
]


@pytest.fixture(scope="module")
def seed_pages() -> dict[str, str]:
    papers, problems, _ = read_library([SEED])
    assert problems == []
    index, _ = index_library(papers)
    return site_pages(index)


@pytest.mark.parametrize("path", PAGES)
def test_page_matches_golden(seed_pages: dict[str, str], path: str) -> None:
    golden = GOLDEN / path.replace("/", "__")
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(seed_pages[path], "utf-8")
    assert seed_pages[path] == golden.read_text("utf-8")


def test_same_input_gives_identical_pages(seed_pages: dict[str, str]) -> None:
    papers, _, _ = read_library([SEED])
    again, _ = index_library(list(reversed(papers)))
    assert site_pages(again) == seed_pages
