"""Paper pages without Material's template: one rendering of it, reused.

Around its article, a paper page's HTML is the same for every paper but for the title and the
page's address: paper pages are at the same depth, outside the navigation, with the same
front matter (a title) and no table of contents shown. Material's Jinja template took about
2 ms a page, most of what MkDocs still spends on a paper page once Markdown is skipped
(`fast_render`). So the first paper page a process builds is rendered once more with
stand-ins for its title, article and address, and later paper pages are that shell filled in.

The shell is trusted only once it has given, for the first two paper pages, exactly the bytes
the template gave them (both are rendered by MkDocs and compared); otherwise, or for a page
whose title a template filter would change (`plain`), MkDocs renders as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from markupsafe import Markup, escape
from mkdocs import utils
from mkdocs.commands import build as build_module
from mkdocs.structure.pages import Page

TITLE, CONTENT, ADDRESS = "\ue000", "\ue001", "\ue002"
# The article's stand-in: Material adds an <h1> of the title to an article that has none, and
# a paper page's article has its own.
STAND_IN = f"{CONTENT}<h1{CONTENT}"
CHECKS = 2  # paper pages rendered both ways before the shell is trusted


def is_paper(page: Page) -> bool:
    uri = page.file.src_uri
    return uri.startswith("papers/") and uri != "papers/index.md" and uri.count("/") == 1


def plain(text: str) -> bool:
    """Text that every filter a template may put a title through leaves as it is: escaping,
    `striptags` (which also folds spaces), and none of the stand-ins."""
    return (
        str(escape(text)) == text
        and Markup(text).striptags() == text
        and not any(mark in text for mark in (TITLE, CONTENT, ADDRESS))
    )


def other_meta(page: Page) -> dict[str, Any]:
    """The front matter besides the title, which the shell fills in."""
    return {k: v for k, v in page.meta.items() if k != "title"}


@contextmanager
def writes_seen(write: bool) -> Iterator[list[bytes]]:
    """What MkDocs writes meanwhile, in order; passed on to the file only if `write`."""
    seen: list[bytes] = []
    write_file = utils.write_file

    def seeing(content: bytes, output_path: str) -> None:
        seen.append(content)
        if write:
            write_file(content, output_path)

    utils.write_file = seeing
    try:
        yield seen
    finally:
        utils.write_file = write_file


class PaperPageShell:
    """`_build_page` for paper pages: the real one until the shell is proven, then the shell."""

    def __init__(self, build_page: Callable[..., None]) -> None:
        self.real = build_page
        self.shell: list[str] | None = None  # the page's parts around its article
        self.meta: dict[str, Any] = {}
        self.checked = 0
        self.off = False
        self.filled = 0  # pages written from the shell

    def fits(self, page: Page) -> bool:
        return (
            is_paper(page)
            and plain(page.title or "")
            and "<h1" in (page.content or "")
            and not any(mark in (page.content or "") for mark in (TITLE, CONTENT, ADDRESS))
            and other_meta(page) == self.meta
        )

    def make(self, page: Page, *args: Any, **kwargs: Any) -> list[str]:
        """The page rendered by MkDocs with stand-ins for its title and article, its address
        replaced by a stand-in after, cut where the article goes."""
        meta, content = page.meta, page.content
        page.meta, page.content = {**meta, "title": TITLE}, STAND_IN
        try:
            with writes_seen(write=False) as rendered:
                self.real(page, *args, **kwargs)
        finally:
            page.meta, page.content = meta, content
        text = rendered[0].decode("utf-8") if rendered else ""
        return text.replace(STAND_IN, CONTENT).replace(page.url, ADDRESS).split(CONTENT)

    def fill(self, page: Page) -> bytes:
        assert self.shell is not None
        filled = [p.replace(TITLE, page.title or "").replace(ADDRESS, page.url) for p in self.shell]
        return (page.content or "").join(filled).encode("utf-8", errors="xmlcharrefreplace")

    def build_page(
        self,
        page: Page,
        config: Any,
        files: Any,
        nav: Any,
        env: Any,
        dirty: bool = False,
        excluded: bool = False,
    ) -> None:
        args = (page, config, files, nav, env, dirty, excluded)
        if self.off or excluded or (dirty and not page.file.is_modified()):
            self.real(*args)
            return
        if self.shell is None and is_paper(page) and plain(page.title or ""):
            self.meta = other_meta(page)
            self.shell = self.make(*args)
            self.off = len(self.shell) != 2
        if self.shell is None or self.off or not self.fits(page):
            self.real(*args)
            return
        if self.checked < CHECKS:
            made = self.fill(page)
            with writes_seen(write=True) as written:
                self.real(*args)
            self.checked += 1
            self.off = written != [made]
            return
        utils.write_file(self.fill(page), page.file.abs_dest_path)
        self.filled += 1


def patch_shell() -> PaperPageShell:
    shell_pages = PaperPageShell(build_module._build_page)
    build_module._build_page = shell_pages.build_page  # type: ignore[assignment]
    return shell_pages
