"""The hostile library (tests/fixtures/hostile/): one file per input format, every field a payload.

Each payload that could run would set `window.__pwned` (or call `alert`), and each element it
could inject carries `pwned` in its id or class, so a browser can tell at once whether any
of them got through. `broken/` holds files the readers must refuse, one fault each.
"""

from __future__ import annotations

from html.parser import HTMLParser

from tests.conftest import FIXTURES

HOSTILE = FIXTURES / "hostile"
# Valid but hostile: the build must succeed on these, with every payload shown as text.
LIBRARY = sorted(p for p in HOSTILE.iterdir() if p.is_file())
BROKEN = HOSTILE / "broken"


class Article(HTMLParser):
    """The text of a built page's <title> and of its article, section by section (h1, h2)."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.sections: dict[str, str] = {}
        self._heading: str | None = None
        self._section = ""
        self._in_title = self._in_article = self._in_headerlink = False
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self._in_title = tag == "title"
        if tag == "article":
            self._in_article = True
        elif self._in_article and tag in ("h1", "h2"):
            self._heading = ""
        elif tag == "a" and "headerlink" in (values.get("class") or ""):
            self._in_headerlink = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag == "article":
            self._in_article = False
        elif tag in ("h1", "h2") and self._heading is not None:
            self._section, self._heading = self._heading.strip(), None
            self.sections[self._section] = ""
        elif tag == "a":
            self._in_headerlink = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif self._in_headerlink or not self._in_article:
            return
        elif self._heading is not None:
            self._heading += data
        elif self._section:
            self.sections[self._section] += data


def folded(text: str) -> str:
    return " ".join(text.split())
