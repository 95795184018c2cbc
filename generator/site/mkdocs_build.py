"""`python -m generator.site.mkdocs_build CONFIG DOCS SITE [--part K/N] [--only F] [--removed F]
[--written F]`: `mkdocs build --strict` with DOCS in place of the configuration's docs_dir,
rendering all pages or only some of them.

MkDocs' command line has no option for the docs folder, and a build's new pages are staged
beside docs/ until the site is built from them (`output`); its Python API takes the folder
as an override of the configuration, and runs the same build.

Two things MkDocs does not do are added here, both through its own `dirty` build, which
renders only the files it is told were modified:
- **Only what changed** (`--only`, a JSON list of paths under DOCS): SITE is a copy of the
  previous site made of hard links (`site.changes`), so every file is written afresh (unlinked,
  then written) and never through a link into the previous site, which stays as it was.
  `--removed` lists pages that left: their outputs go.
- **Parts** (`--part K/N`): N processes share one build, each rendering the pages whose path
  hashes to its part; part 0 also copies the static files and writes the sitemap and 404.
`--written` receives the files this process wrote, for the steps after MkDocs.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs import utils
from mkdocs.commands import build as build_module
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from generator.site import fast_render
from generator.site.page_shell import patch_shell


def in_part(path: str, part: int, parts: int) -> bool:
    """Which of the `parts` processes renders the page at `path`: fixed by the path alone,
    so that every process agrees without knowing the others' pages."""
    return zlib.crc32(path.encode("utf-8")) % parts == part


def chooser(only: set[str] | None, part: int, parts: int) -> Callable[[File], bool]:
    """MkDocs' "modified" test, answered from the render list and the part instead of file
    times: pages by their path's part, other files (static, theme) by part 0."""

    def is_modified(file: File) -> bool:
        if only is not None and file.src_uri not in only:
            return False
        if file.is_documentation_page():
            return in_part(file.src_uri, part, parts)
        return part == 0

    return is_modified


def unlinked(path: str) -> None:
    """A file about to be written loses its old name first: in a hard-linked copy of the
    previous site, writing in place would change the previous site too."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)


def patch_writes(written: list[str], is_modified: Callable[[File], bool], part: int) -> None:
    write_file, copy_file, file_copy = utils.write_file, utils.copy_file, File.copy_file

    def fresh_write(content: bytes, output_path: str) -> None:
        unlinked(output_path)
        write_file(content, output_path)
        written.append(output_path)

    def fresh_copy(source_path: str, output_path: str) -> None:
        if not os.path.isdir(output_path):
            unlinked(output_path)
        copy_file(source_path, output_path)
        written.append(output_path)

    def fresh_file_copy(self: File, dirty: bool = False) -> None:
        if not is_modified(self):
            return
        unlinked(self.abs_dest_path)
        if self._content is not None:  # written by MkDocs itself, not through `copy_file`
            written.append(self.abs_dest_path)
        file_copy(self, dirty=False)

    utils.write_file = fresh_write
    utils.copy_file = fresh_copy
    File.copy_file = fresh_file_copy  # type: ignore[method-assign]
    File.is_modified = is_modified  # type: ignore[method-assign, assignment]
    if part != 0:  # the sitemap, 404 and extra templates are part 0's
        build_module._build_theme_template = lambda *args, **kwargs: None
        build_module._build_extra_template = lambda *args, **kwargs: None


def patch_render() -> None:
    """Pages in the generator's plain form skip Python-Markdown (`fast_render`)."""
    markdown_render = Page.render

    def render(self: Page, config: Any, files: Any) -> None:
        done = None
        if self.markdown is not None and fast_render.supported(
            config["markdown_extensions"], config["mdx_configs"] or {}
        ):
            done = fast_render.render(self.markdown)
        if done is None:
            markdown_render(self, config, files)
            return
        self.content = done.content
        self.toc = get_toc(done.toc_tokens)  # type: ignore[arg-type]
        self._title_from_render = done.title
        self.present_anchor_ids = set(done.anchors)
        self.links_to_anchors = {}

    Page.render = render  # type: ignore[method-assign]


class NotDirtyWarning(logging.Filter):
    """MkDocs warns that a dirty build may leave stale navigation; here the caller decides
    what is rendered, and the warning would fail the strict build."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


def remove_outputs(config: Any, removed: list[str]) -> None:
    """The published files of pages that left the library, and folders left empty."""
    site = os.path.abspath(config.site_dir)
    for path in removed:
        file = File(path, config.docs_dir, config.site_dir, config.use_directory_urls)
        target = os.path.abspath(file.abs_dest_path)
        unlinked(target)
        folder = os.path.dirname(target)
        while folder != site and folder.startswith(site + os.sep):
            try:
                os.rmdir(folder)
            except OSError:
                break  # not empty
            folder = os.path.dirname(folder)


def read_list(path: str | None) -> list[str] | None:
    if path is None:
        return None
    found: list[str] = json.loads(Path(path).read_text("utf-8"))
    return found


def arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="generator.site.mkdocs_build")
    parser.add_argument("config")
    parser.add_argument("docs")
    parser.add_argument("site")
    parser.add_argument("--part", default="0/1")
    parser.add_argument("--only")
    parser.add_argument("--removed")
    parser.add_argument("--written")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = arguments(argv)
    part, parts = (int(n) for n in args.part.split("/"))
    only = read_list(args.only)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    logging.getLogger("mkdocs.commands.build").addFilter(NotDirtyWarning())
    written: list[str] = []
    patch_writes(written, chooser(set(only) if only is not None else None, part, parts), part)
    patch_render()
    shell_pages = patch_shell()
    try:
        config = load_config(args.config, docs_dir=args.docs, site_dir=args.site, strict=True)
        config.plugins.on_startup(command="build", dirty=True)
        try:
            build_module.build(config, dirty=True)
        finally:
            config.plugins.on_shutdown()
        if part == 0:
            remove_outputs(config, read_list(args.removed) or [])
        if shell_pages.filled:
            logger.info(
                f"{shell_pages.filled} paper page(s) made from one rendering of the template"
            )
    except MkDocsException as err:  # a configuration error, or warnings in strict mode
        logger.error(str(err))
        return 1
    if args.written:
        site = os.path.abspath(args.site)
        relative = sorted({os.path.relpath(os.path.abspath(p), site) for p in written})
        Path(args.written).write_text(json.dumps(relative), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
