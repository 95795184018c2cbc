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
