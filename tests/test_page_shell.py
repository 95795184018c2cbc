"""Paper pages filled into one rendering of Material's template (`page_shell`) are the pages
the template gives: whole sites built both ways are the same, byte for byte."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.pipeline import generate
from generator.site.page_shell import plain
from tests.conftest import SEED, make_project, write_site_url
from tests.hostile import LIBRARY as HOSTILE
from tests.test_deterministic_build import files

# mkdocs_build with the shell left out: every page through the template.
WITHOUT_SHELL = """
import sys
from generator.site import mkdocs_build, page_shell
mkdocs_build.patch_shell = lambda: page_shell.PaperPageShell(lambda *args, **kwargs: None)
sys.exit(mkdocs_build.main(sys.argv[1:]))
"""


def mkdocs(project: Path, site: str, shell: bool) -> str:
    """One whole build of the project's docs into `site`; returns MkDocs' log."""
    args = [str(project / "mkdocs.yml"), str(project / "docs"), str(project / site)]
    program = ["-m", "generator.site.mkdocs_build"] if shell else ["-c", WITHOUT_SHELL]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1700000000")
    done = subprocess.run(
        [sys.executable, *program, *args], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stderr


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("library", "site_url"),
    [([SEED], ""), ([SEED], "https://example.org/papers/"), (HOSTILE, "")],
    ids=["seed", "seed-with-site-url", "hostile"],
)
def test_the_shell_gives_the_templates_pages(
    tmp_path: Path, library: list[Path], site_url: str
) -> None:
    project = make_project(tmp_path / "project")
    if site_url:  # canonical links, which name each page's own address
        write_site_url(project / "mkdocs.yml", site_url)
    generate(library, project / "docs")
    log = mkdocs(project, "with", shell=True)
    mkdocs(project, "without", shell=False)
    assert files(project / "with") == files(project / "without")
    papers = len(list((project / "docs" / "papers").glob("*.md"))) - 1  # papers/index.md
    made = [line for line in log.splitlines() if "made from one rendering" in line]
    if library == [SEED]:
        assert made and int(made[0].split()[2]) >= papers - 5, log
    if site_url:  # each paper page's canonical link names its own address
        for page in list((project / "with" / "papers").glob("*/index.html"))[:20]:
            own = f'href="{site_url}papers/{page.parent.name}/"'
            assert own in page.read_text("utf-8"), page


def test_only_titles_no_filter_changes_are_filled_in() -> None:
    assert plain("MedS³: Towards Medical Small Language Models")
    assert not plain("Attention & memory")  # escaped
    assert not plain("x < y")
    assert not plain("Two  spaces")  # striptags folds them
    assert not plain("Stand-in \ue000")
