"""Deterministic: one library built twice, in two folders, gives the same pages and site.

What MkDocs would stamp with the day of the build (each page's <lastmod> in sitemap.xml, the
gzip header of sitemap.xml.gz) is the library's own date instead: the newest paper's, as in
the Atom feeds (`pipeline.build_date`, passed to MkDocs as SOURCE_DATE_EPOCH).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import FIXTURES, make_project, write_site_url
from tests.hostile import LIBRARY

pytestmark = pytest.mark.e2e


def configured_project(where: Path) -> Path:
    """A project with `site_url` set: MkDocs lists pages in the sitemap only then."""
    made = make_project(where)
    write_site_url(made / "mkdocs.yml", "https://example.org/papers/")
    return made


def build(project: Path, *options: str) -> str:
    args = ["build", "--docs", str(project / "docs"), "--site", str(project / "site")]
    args += ["--config", str(project / "mkdocs.yml"), "--cache", str(project / ".cache")]
    for path in [*LIBRARY, FIXTURES / "dated.jsonl"]:
        args += ["--papers", str(path)]
    result = CliRunner().invoke(main, [*args, *options])
    assert result.exit_code == 0, result.output
    return result.output


def files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    # The build must not depend on the caller's environment either.
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        first = configured_project(tmp_path_factory.mktemp("first"))
        build(first, "--workers", "1", "--no-cache")
        second = configured_project(tmp_path_factory.mktemp("second"))
        build(second, "--workers", "2")
    return first, second


def test_generated_pages_are_byte_identical(two_builds: tuple[Path, Path]) -> None:
    first, second = two_builds
    assert files(first / "docs") == files(second / "docs")


def test_the_site_is_byte_identical(two_builds: tuple[Path, Path]) -> None:
    first, second = (files(p / "site") for p in two_builds)
    assert len(first) > 100
    assert any(name.startswith("search/w-") for name in first)
    assert first == second


def test_the_sitemap_carries_the_librarys_date_not_the_build_day(
    two_builds: tuple[Path, Path],
) -> None:
    site = two_builds[0] / "site"
    # The newest paper in the library: dated.jsonl's 2025-03-14.
    dates = set(re.findall(r"<lastmod>(.*?)</lastmod>", (site / "sitemap.xml").read_text("utf-8")))
    assert dates == {"2025-03-14"}
    header = (site / "sitemap.xml.gz").read_bytes()[4:8]
    assert int.from_bytes(header, "little") == 1741910400  # 2025-03-14T00:00:00Z
