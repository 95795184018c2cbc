"""The command line: bad input names file and place, exits non-zero, changes nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from generator.cli import main
from generator.sources import READERS
from tests.conftest import SEED


def build(tmp_path: Path, *library: Path) -> tuple[int, str]:
    args = ["build", "--docs", str(tmp_path / "docs"), "--no-site"]
    for path in library:
        args += ["--papers", str(path)]
    result = CliRunner().invoke(main, args)
    return result.exit_code, result.output


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_builds_the_seed_and_reports_counts(tmp_path: Path) -> None:
    code, output = build(tmp_path, SEED)
    assert code == 0, output
    assert "read 121 papers from 1 file(s); merged 0 duplicate(s); skipped 0" in output
    assert "keywords" in output and "total" in output
    assert len(list((tmp_path / "docs" / "papers").glob("*.md"))) == 122


def test_bad_input_names_the_place_and_changes_nothing(tmp_path: Path) -> None:
    assert build(tmp_path, SEED)[0] == 0
    before = snapshot(tmp_path / "docs")
    library = tmp_path / "library"
    library.mkdir()
    shutil.copy(SEED, library / "a.txt")
    (library / "b.txt").write_text("A title without its abstract\n", "utf-8")
    (library / "c.jsonl").write_text('{"title": "x", "abstract": "y"}\n{not json\n', "utf-8")
    (library / "d.txt").write_bytes(b"\xff\xfe broken")
    code, output = build(tmp_path, library)
    assert code != 0
    assert f"{library / 'b.txt'}:1: title without an abstract" in output
    assert f"{library / 'c.jsonl'}:2:2: invalid JSON" in output
    assert f"{library / 'd.txt'}:1: invalid UTF-8 at byte offset 0" in output
    assert snapshot(tmp_path / "docs") == before


def test_skip_invalid_builds_and_lists_what_it_skipped(tmp_path: Path) -> None:
    library = tmp_path / "library"
    library.mkdir()
    shutil.copy(SEED, library / "a.txt")
    (library / "b.jsonl").write_text('{"abstract": "An abstract without its title."}\n', "utf-8")
    result = CliRunner().invoke(
        main,
        [
            "build",
            "--docs",
            str(tmp_path / "docs"),
            "--no-site",
            "--skip-invalid",
            "--papers",
            str(library),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "skipped 1" in result.output
    assert f"skipped: {library / 'b.jsonl'}:1: record has no title" in result.output


def test_missing_library_is_an_error(tmp_path: Path) -> None:
    code, output = build(tmp_path, tmp_path / "nowhere")
    assert code != 0 and "no such file or folder" in output


def test_file_urls_are_refused_before_anything_is_written(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nuse_directory_urls: false\n", "utf-8")
    (tmp_path / "docs").mkdir()  # MkDocs refuses a config whose docs_dir does not exist
    args = ["build", "--papers", str(SEED), "--docs", str(tmp_path / "docs")]
    result = CliRunner().invoke(main, [*args, "--config", str(config), "--site", str(tmp_path)])
    assert result.exit_code != 0
    assert "use_directory_urls: false is not supported" in result.output
    assert list((tmp_path / "docs").iterdir()) == []


def test_the_build_help_names_every_format_and_the_site_folder() -> None:
    """Each ending a reader takes (`sources.READERS`) is in --papers' help."""
    output = CliRunner().invoke(main, ["build", "--help"], terminal_width=400).output
    papers = output.split("--papers PATH", 1)[1].split("--docs PATH", 1)[0]
    assert all(ending in papers for ending in READERS)
    site = output.split("--site PATH", 1)[1].split("--config PATH", 1)[0]
    assert "Where MkDocs builds the site" in site
