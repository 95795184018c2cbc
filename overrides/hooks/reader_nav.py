"""MkDocs hook: tabs for Authors, Archive and Map when the generator wrote those pages."""

from pathlib import Path

from generator.site.navigation import with_sections


def on_config(config):  # type: ignore[no-untyped-def]
    docs = Path(config.docs_dir)
    config.nav = with_sections(config.nav, lambda path: (docs / path).is_file())
    return config
