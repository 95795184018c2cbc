"""Minifying built HTML keeps what a browser shows: text, preformatted blocks and scripts."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import given
from hypothesis import strategies as st

from generator.minify import minify_html

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


class Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.chunks: list[str] = []

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)


def visible(html: str) -> str:
    parser = Text()
    parser.feed(html)
    return " ".join("".join(parser.chunks).split())


def test_preformatted_script_and_textarea_are_untouched() -> None:
    small = minify_html(PAGE)
    assert "<pre><code>keep\n    this   indentation\n</code></pre>" in small
    assert "<script>\n      var a = 1\n      var b = 2\n    </script>" in small
    assert "<textarea>\n  typed\n    </textarea>" in small
    assert len(small) < len(PAGE)


@given(st.lists(st.sampled_from(["<p>", "</p>", "word", " ", "\n", "\n    ", "<b>", "</b>"])))
def test_visible_text_is_unchanged(pieces: list[str]) -> None:
    html = "".join(pieces)
    assert visible(minify_html(html)) == visible(html)
