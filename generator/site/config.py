"""The few MkDocs settings the generator needs before MkDocs runs (feeds need `site_url`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class ConfigLoader(yaml.SafeLoader):
    """Safe YAML that reads MkDocs' custom tags (`!ENV`, `!!python/name:`) as nothing."""


def ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


ConfigLoader.add_multi_constructor("!", ignore_tag)
ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", ignore_tag)


def read_config(config: Path) -> dict[str, Any]:
    try:
        data: Any = yaml.load(config.read_text("utf-8"), Loader=ConfigLoader)
    except (OSError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def site_url(config: Path) -> str:
    """`site_url` with a trailing slash, or '' when it is not set (feeds then link relatively)."""
    value = read_config(config).get("site_url")
    if not isinstance(value, str) or not value.strip():
        return ""
    return value.strip().rstrip("/") + "/"


def docs_dir(config: Path) -> Path:
    """The folder MkDocs builds: `docs_dir`, relative to the config file."""
    return config.resolve().parent / str(read_config(config).get("docs_dir") or "docs")


def site_inputs(config: Path) -> list[Path]:
    """The files MkDocs reads besides its own: the config, the docs folder, the theme
    overrides and the hooks (see `incremental`)."""
    data = read_config(config)
    base = config.resolve().parent
    found = [config.resolve(), docs_dir(config)]
    theme = data.get("theme")
    if isinstance(theme, dict) and isinstance(theme.get("custom_dir"), str):
        found.append(base / theme["custom_dir"])
    hooks = data.get("hooks")
    if isinstance(hooks, list):
        found += [base / h for h in hooks if isinstance(h, str)]
    return [p for p in found if p.exists()]


def directory_urls(config: Path) -> bool:
    """Whether MkDocs publishes `papers/x.md` as `papers/x/`, as the paper pages' links
    assume (`markdown.published`); `use_directory_urls: false` is not supported."""
    return read_config(config).get("use_directory_urls", True) is not False
