"""Minifying built HTML keeps what a browser shows: text, preformatted blocks and scripts."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from generator.site.minify import minify_files, minify_html

PAGE = """<html>
  <body>
    <p>Some   text
       across lines</p>
    <pre><code>keep
    this   indentation
</code></pre>
    <script>
      var a = 1
      var b = 2
    </script>
    <textarea>
  typed
    </textarea>
  </body>
</html>"""


# Tags that start or end a block: a browser breaks the line there, whatever white space is
# beside them.
BREAKS = {"p", "li", "ul", "div", "br"}


class Text(HTMLParser):
    """The text as a browser lays it out, reduced to words and the breaks between blocks."""

    def __init__(self) -> None:
        super().__init__()
        self.chunks: list[str] = []

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in BREAKS:
            self.chunks.append(" | ")

    def handle_endtag(self, tag: str) -> None:
        self.handle_starttag(tag, ())


def visible(html: str) -> str:
    parser = Text()
    parser.feed(html)
    return " ".join("".join(parser.chunks).split()).replace("| |", "|")


def test_preformatted_script_and_textarea_are_untouched() -> None:
    small = minify_html(PAGE)
    assert "<pre><code>keep\n    this   indentation\n</code></pre>" in small
    assert "<script>\n      var a = 1\n      var b = 2\n    </script>" in small
    assert "<textarea>\n  typed\n    </textarea>" in small
    assert len(small) < len(PAGE)


PIECES = ["<p>", "</p>", "word", " ", "\n", "\n    ", "<b>", "</b>", "<a href=x>", "</a>"]
PIECES += ["<li>", "</li>", "<br>", "<div class=y>", "</div>"]


@given(st.lists(st.sampled_from(PIECES)))
def test_visible_text_is_unchanged(pieces: list[str]) -> None:
    html = "".join(pieces)
    assert visible(minify_html(html)) == visible(html)


def test_breaks_between_blocks_go_and_those_between_inline_tags_stay() -> None:
    html = (
        "<ul>\n  <li>\n    <a href=x>A</a>\n    <a href=y>B</a>\n  </li>\n</ul>\n"
        "<p>C<br>\n<b>D</b></p>"
    )
    small = "<ul><li><a href=x>A</a>\n<a href=y>B</a></li></ul><p>C<br><b>D</b></p>"
    assert minify_html(html) == small


def test_a_site_minified_on_two_processes_equals_one_minified_serially(tmp_path: Path) -> None:
    pages = {
        f"p{i}/index.html": f"<div>\n    <p>page {i}</p>\n  <pre>  kept\n  </pre>\n</div>\n"
        for i in range(2500)
    }
    for folder in ("one", "two"):
        for path, text in pages.items():
            (tmp_path / folder / path).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / folder / path).write_text(text, "utf-8")
    saved = minify_files(sorted((tmp_path / "one").rglob("*.html")), workers=1)
    assert minify_files(sorted((tmp_path / "two").rglob("*.html")), workers=2) == saved > 0
    for path, text in pages.items():
        one = (tmp_path / "one" / path).read_text("utf-8")
        assert one == (tmp_path / "two" / path).read_text("utf-8") == minify_html(text)
