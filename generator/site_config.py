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


def site_url(config: Path) -> str:
    """`site_url` with a trailing slash, or '' when it is not set (feeds then link relatively)."""
    try:
        data: Any = yaml.load(config.read_text("utf-8"), Loader=ConfigLoader)
    except (OSError, yaml.YAMLError):
        return ""
    value = data.get("site_url") if isinstance(data, dict) else None
    if not isinstance(value, str) or not value.strip():
        return ""
    return value.strip().rstrip("/") + "/"
