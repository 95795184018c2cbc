"""MkDocs hook for `mkdocs serve`: pages, search index included, regenerated when the library
changes, which is watched too (generator/preview.py).
A `mkdocs build` (as the generator runs it) is left alone."""

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

if TYPE_CHECKING:  # imported when serving only: the generator takes 2 s to import
    from generator.preview import Preview

log = logging.getLogger("mkdocs.hooks.preview")
serving = False
preview: "Preview | None" = None


def on_startup(command, dirty):  # type: ignore[no-untyped-def]
    global serving
    serving = command == "serve"


def on_config(config):  # type: ignore[no-untyped-def]
    global preview
    if serving and preview is None:
        from generator.preview import Preview

        preview = Preview(Path(config.config_file_path), config.site_url or "")
    return config


def on_serve(server, config, builder):  # type: ignore[no-untyped-def]
    for path in preview.library if preview else []:
        if path.exists():
            server.watch(str(path))
    return server


def on_pre_build(config):  # type: ignore[no-untyped-def]
    if preview:
        from generator.preview import PreviewError
        from generator.site.output import OutputError

        try:
            log.info(f"preview: {preview.regenerate(Path(config.docs_dir))}")
        except (PreviewError, OutputError) as err:
            raise PluginError(str(err)) from err
