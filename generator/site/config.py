"""The MkDocs settings the generator needs before MkDocs runs (feeds need `site_url`), read
by MkDocs itself: its `!ENV` tags, defaults, validation and errors, so that the generator
and the site never disagree about the config."""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from mkdocs.plugins import BasePlugin
from mkdocs.theme import Theme


@dataclass(frozen=True)
class SiteConfig:
    """What the generator takes from the config, as MkDocs resolved it.

    Attributes:
        file: the config file, absolute; MkDocs reads it again to build the site.
        docs_dir: the folder MkDocs builds.
        site_url: the published address ending in '/', or '' when it is not set (the feeds
            then link relatively).
        directory_urls: whether `papers/x.md` is published as `papers/x/`, as the paper
            pages' links assume (`use_directory_urls: false` is not supported).
        inputs: the files MkDocs reads besides its own: the config, the docs folder, the
            theme overrides and the hooks (see `incremental`).
        digest: every setting as MkDocs resolved it: one file gives another site when an
            `!ENV` variable changes, so the build keys take this and not only its bytes.
        warnings: what MkDocs said about the config, for the command line to show.
    """

    file: Path
    docs_dir: Path
    site_url: str
    directory_urls: bool
    inputs: tuple[Path, ...]
    digest: str
    warnings: tuple[str, ...] = ()


class ConfigError(Exception):
    """The config is missing, unreadable or refused by MkDocs; the message names the file
    (and the line, where MkDocs gives one)."""


class Heard(logging.Handler):
    """What MkDocs logs while it reads the config: its reasons for refusing one are logged,
    and the exception it raises says only that it refused."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        heard = self.errors if record.levelno >= logging.ERROR else self.warnings
        heard.append(record.getMessage())


@contextmanager
def listening() -> Iterator[Heard]:
    heard = Heard()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(heard)
    try:
        yield heard
    finally:
        logger.removeHandler(heard)


def read_config(config: Path) -> SiteConfig:
    """The config as `mkdocs build` reads it; a `ConfigError` when MkDocs would refuse it."""
    with listening() as heard:
        try:
            loaded = load_config(str(config))
        except (MkDocsException, OSError) as err:
            said = [*heard.errors, *heard.warnings, str(err)]
            raise ConfigError(f"{config}: " + "\n".join(dict.fromkeys(said))) from err
    site_url = (loaded.site_url or "").strip()
    theme_dir = loaded.theme.custom_dir
    modules: Mapping[str, ModuleType] = loaded["hooks"]  # by name, though typed as a list
    hooks = [Path(m.__file__) for m in modules.values() if m.__file__]
    inputs = [Path(loaded.config_file_path or config).resolve(), Path(loaded.docs_dir)]
    inputs += [Path(theme_dir)] if theme_dir else []
    return SiteConfig(
        file=inputs[0],
        docs_dir=Path(loaded.docs_dir),
        site_url=site_url.rstrip("/") + "/" if site_url else "",
        directory_urls=bool(loaded.use_directory_urls),
        inputs=tuple(p for p in [*inputs, *hooks] if p.exists()),
        digest=hashlib.sha256(json.dumps(plain(loaded)).encode("utf-8")).hexdigest(),
        warnings=tuple(heard.warnings),
    )


# Object addresses in a repr ("<... at 0x7f...>"): they differ in every process.
ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


def plain(value: object) -> object:
    """A resolved setting as JSON data, the same in every process for the same settings."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, ModuleType):  # a hook
        return value.__file__
    if isinstance(value, Theme):
        return [plain(dict(value)), value.dirs, sorted(value.static_templates)]
    if isinstance(value, BasePlugin):
        return [type(value).__qualname__, plain(value.config)]
    if isinstance(value, Mapping):
        return sorted([str(key), plain(item)] for key, item in value.items())
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, set | frozenset):
        return sorted(ADDRESS.sub("", repr(item)) for item in value)
    return ADDRESS.sub("", repr(value))
