"""The MkDocs config is read by MkDocs itself: `!ENV` tags reach the generator, and a missing
or broken config stops the build with MkDocs' reason, naming the file, changing nothing."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli import main
from generator.site.config import ConfigError, read_config
from generator.site.incremental import FileDigests, build_key
from tests.conftest import FIXTURES

ATOM = "{http://www.w3.org/2005/Atom}"
LIBRARY = FIXTURES / "dated.jsonl"
CONFIG = 'site_name: Papers\nsite_url: !ENV [SITE_URL, "https://default.example/"]\n'


def project(where: Path, config: str = CONFIG) -> Path:
    (where / "docs").mkdir(parents=True)
    (where / "mkdocs.yml").write_text(config, "utf-8")
    return where / "mkdocs.yml"


def pages(config: Path, *more: str, env: Mapping[str, str | None] | None = None) -> Result:
    """The pages alone (no MkDocs run): what the config gives the generator."""
    args = ["build", "--papers", str(LIBRARY), "--config", str(config), "--no-site", *more]
    return CliRunner().invoke(main, [*args, "--workers", "1", "--no-cache"], env=env)


def entry_links(docs: Path) -> list[str]:
    feed = ET.parse(docs / "feed.xml").getroot()
    return [str(e.get("href")) for e in feed.findall(f"{ATOM}entry/{ATOM}link[@rel='alternate']")]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize(
    ("env", "address"),
    [
        ("https://user.github.io/paper-index", "https://user.github.io/paper-index/"),
        (None, "https://default.example/"),  # unset: !ENV's default
    ],
)
def test_an_env_site_url_reaches_the_feeds(tmp_path: Path, env: str | None, address: str) -> None:
    config = project(tmp_path)
    result = pages(config, env={"SITE_URL": env})
    assert result.exit_code == 0, result.output
    links = entry_links(tmp_path / "docs")
    assert len(links) > 3
    assert all(link.startswith(address + "papers/") for link in links), links[:3]


def test_a_broken_config_names_file_and_line_and_changes_nothing(tmp_path: Path) -> None:
    config = project(tmp_path)
    assert pages(config).exit_code == 0
    before = snapshot(tmp_path / "docs")
    config.write_text("site_name: Papers\nnav:\n  - Home: [index.md\n", "utf-8")
    result = pages(config)
    assert result.exit_code != 0
    assert f"Error: {config}: MkDocs encountered an error parsing" in result.output
    assert f'in "{config}", line 3' in result.output
    assert "nothing was changed" in result.output
    assert snapshot(tmp_path / "docs") == before


def test_a_config_mkdocs_refuses_gives_its_reason(tmp_path: Path) -> None:
    config = project(tmp_path, "site_name: Papers\ntheme:\n  name: no-such-theme\n")
    result = pages(config, "--docs", str(tmp_path / "out"))
    assert result.exit_code != 0
    assert f"{config}: Config value 'theme': Unrecognised theme name: 'no-such-theme'" in (
        result.output
    )
    assert not (tmp_path / "out").exists()


def test_a_missing_config_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    named = pages(tmp_path / "elsewhere.yml", "--docs", str(tmp_path / "out"))
    assert named.exit_code != 0
    assert f"{tmp_path / 'elsewhere.yml'}: Config file" in named.output
    assert "does not exist" in named.output
    site = ["build", "--papers", str(LIBRARY), "--site", str(tmp_path / "site")]
    default = CliRunner().invoke(main, site)
    assert default.exit_code != 0 and "mkdocs.yml: Config file" in default.output
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_pages_alone_need_no_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`--no-site --docs D` writes pages only: without the default mkdocs.yml, it says so."""
    monkeypatch.chdir(tmp_path)
    args = ["build", "--papers", str(LIBRARY), "--no-site", "--docs", str(tmp_path / "out")]
    result = CliRunner().invoke(main, [*args, "--workers", "1", "--no-cache"])
    assert result.exit_code == 0, result.output
    assert "note: no mkdocs.yml: the feeds link relatively" in result.output
    assert all(not link.startswith("http") for link in entry_links(tmp_path / "out"))


def test_the_build_key_follows_an_env_site_url(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same file gives another site when SITE_URL changes: no "nothing changed"."""
    config = project(tmp_path)
    keys = []
    for address in ("https://a.example/", "https://b.example/", "https://a.example/"):
        monkeypatch.setenv("SITE_URL", address)
        keys.append(
            build_key([LIBRARY], read_config(config), tmp_path / "site", "", False, FileDigests())
        )
    assert keys[0] != keys[1] and keys[0] == keys[2]


def test_read_config_refuses_a_config_that_is_not_a_mapping(tmp_path: Path) -> None:
    config = project(tmp_path, "- just\n- a list\n")
    with pytest.raises(ConfigError, match=f"^{config}: .*key-value mapping"):
        read_config(config)
