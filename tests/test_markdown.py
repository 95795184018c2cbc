"""Page-writing stage: `pages.markdown` escaping, checked by rendering with Python-Markdown.

Every input string must come out of Markdown as literal text (one <p>, no markup), URLs in
prose as safe http(s) links, and front matter must load back as exactly the dict written.
Inputs are what `clean_text` produces: one line, no control characters.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import markdown as python_markdown
import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from generator.pages import markdown as md
from generator.text import URL

# fmt: off
SYNTAX = [
    "*", "**", "_", "__", "#", "# ", "## ", "<script>", "</p>", "<!--", "-->", "<b>x</b>",
    "[a](javascript:x)", "![i](x.png)", "[a]: http://x", "<http://a.b>", "&amp;", "&#x41;",
    "&lt;", "&", "|", "---", "***", "===", "{{ x }}", "{% y %}", "`", "``", "\\", "\\*",
    "1. ", "- ", "+ ", "> ", ":", "~~", "^", "=", "[^1]", "{#id}", "{: .cls}", "    ", "\t",
    "javascript:alert(1)", "http://", "https://", "://", ".", ")", "(", '"', "'", "<", ">",
]
# fmt: on
# Python-Markdown keeps \x02/\x03 as internal placeholders; clean_text removes all of C0.
visible = st.characters(blacklist_categories=("Cs", "Cc"))
markdownish = st.lists(
    st.one_of(
        st.sampled_from(SYNTAX),
        st.text(visible, max_size=6),
        st.text("abc./_?=&%~-:#", max_size=8),
    ),
    max_size=25,
).map("".join)


class Rendered(HTMLParser):
    """Start tags (with attributes) and the unescaped text of a rendered fragment."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.chunks: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)

    def handle_comment(self, data: str) -> None:
        self.tags.append(("!--", {}))

    @property
    def text(self) -> str:
        return "".join(self.chunks)


def render(markdown_text: str) -> Rendered:
    return Rendered(python_markdown.markdown(markdown_text, extensions=["toc"]))


def folded(value: str) -> str:
    return " ".join(value.split())


# --- text ---------------------------------------------------------------------------------


@settings(max_examples=600, deadline=None)
@given(markdownish)
@example("<script>alert(1)</script>")
@example("[a](javascript:x)")
@example("VLM2Vec (Vision-Language Model -> Vector)")
@example("MA-RLHF: Reinforcement Learning")
@example("# Heading? | a | b |")
@example("1. not a list")
@example("&amp; &lt; &#x41;")
def test_text_renders_as_exactly_the_input(value: str) -> None:
    value = value.strip()
    if not value:
        return
    page = render(md.text(value))
    assert [tag for tag, _ in page.tags] == ["p"]
    assert folded(page.text) == folded(value)


# --- prose (a raw HTML block on the paper pages) -------------------------------------------


def prose(value: str) -> Rendered:
    return render(md.block("p", md.html_prose(value)))


@settings(max_examples=600, deadline=None)
@given(markdownish)
@example("see https://github.com/a_b/c*d*_e_ and javascript:alert(1)")
@example("[x](https://ok.org) and <https://ok.org>")
@example("code: https://x.org/a(b)c. Done")
@example("<script>alert(1)</script> *not emphasis* [a](b)")
@example("a\n\nb")
def test_prose_renders_the_input_with_urls_as_links(value: str) -> None:
    value = value.replace("\t", " ")  # Markdown turns every tab in a page into spaces
    page = prose(value)
    assert [tag for tag, _ in page.tags if tag != "a"] == ["p"]
    assert page.text == value

    hrefs = [attrs.get("href") or "" for tag, attrs in page.tags if tag == "a"]
    urls = [m.group(0) for m in URL.finditer(value) if md.safe_url(m.group(0))]
    assert len(hrefs) == len(urls)
    for href, url in zip(hrefs, urls, strict=True):
        assert re.match(r"https?://", href, re.I)
        # HTML character references in a URL are decoded by any HTML reader, so the
        # byte-exact check is for URLs without '&'.
        if "&" not in url:
            assert href == md.safe_url(url)


url_chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/?=#%+,;@!$*"


@settings(max_examples=500, deadline=None)
@given(
    st.sampled_from(["http://", "https://"]),
    st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=10),
    st.text(url_chars, max_size=30),
    st.text("abcdefghijklmnopqrstuvwxyz ", max_size=20),
)
def test_prose_links_point_at_the_url_itself(scheme: str, host: str, path: str, words: str) -> None:
    url = f"{scheme}{host}.org/{path}x"
    page = prose(f"{words} {url} {words}".strip())
    links = [attrs["href"] for tag, attrs in page.tags if tag == "a"]
    assert links == [url]


def test_javascript_is_never_a_link() -> None:
    page = prose("click javascript:alert(1) or [x](javascript:alert(1)) or data:x")
    assert [tag for tag, _ in page.tags] == ["p"]


# --- safe_url -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox",
        "//evil.example/x",
        "/relative/path",
        "relative/path",
        "http:/one-slash",
        "https:no-slashes",
        "http://",
        "http:// space",
        "ftp://files.example",
        "file:///etc/passwd",
        "mailto:a@b.c",
        "",
    ],
)
def test_safe_url_rejects_non_http(url: str) -> None:
    assert md.safe_url(url) == ""


@pytest.mark.parametrize(
    "url",
    [
        "http://example.org",
        "https://arxiv.org/abs/2501.01234",
        "HTTPS://EXAMPLE.ORG/A",
        "https://github.com/a_b/c?x=1&y=2#frag",
        "https://x.org/~user/%20done",
    ],
)
def test_safe_url_accepts_http_and_keeps_it(url: str) -> None:
    assert md.safe_url(url) == url
    assert md.safe_url(f"  {url}\n") == url


@given(st.text())
def test_safe_url_output_cannot_break_out_of_a_link(url: str) -> None:
    out = md.safe_url(url)
    if out:
        assert re.match(r"https?://", out, re.I)
        assert not re.search(r"[\s<>\"()\\`]", out)


# --- front matter -------------------------------------------------------------------------

# fmt: off
TRICKY = [
    "---", "...", "\n", "\n---\n", ": ", "#", "# x", '"', "'", "- ", "? ", "{", "}", "[", "]",
    "&a", "*a", "!tag", "|", ">", "%", "@", "`", " ", "\t", "null", "yes", "no", "1e3", "0x1",
    "~", "\u2028", "\ufeff", "title: x", "\\",
]
# fmt: on
yaml_text = st.lists(st.one_of(st.sampled_from(TRICKY), st.text(max_size=6)), max_size=10).map(
    "".join
)
# Keys come from the code (title, hide, ...), never from input: plain names, none of which
# YAML would read as a boolean or null.
YAML_WORDS = {"yes", "no", "on", "off", "true", "false", "null"}
field_name = st.from_regex(r"\A[a-z][a-z_]{0,15}\Z").filter(lambda k: k not in YAML_WORDS)


def read_front_matter(block: str) -> object:
    assert block.startswith("---\n")
    assert block.endswith("\n---\n")
    loaded = yaml.safe_load(block[len("---\n") : -len("---\n")])
    # MkDocs reads the same block, ending it at the first '---' or '...' line.
    content, meta = get_data(block + "# Body\n")
    assert content == "# Body\n"
    assert meta == loaded
    return loaded


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(field_name, yaml_text, min_size=1, max_size=4))
@example({"title": "---\ntitle: injected\n---"})
@example({"title": "a: b # c", "hide": "'\""})
@example({"title": "a\x85b\u2028c\x00d\ufeff"})
def test_front_matter_loads_back_exactly(fields: dict[str, str]) -> None:
    assert read_front_matter(md.front_matter(fields)) == fields


@given(yaml_text)
def test_title_matter_gives_the_html_escaped_title(title: str) -> None:
    assert read_front_matter(md.title_matter(title)) == {"title": html.escape(title)}


# --- raw HTML blocks (paper pages) --------------------------------------------------------

with_lines = st.lists(st.one_of(markdownish, st.sampled_from(["\n", "\n\n", "</pre>"]))).map(
    "".join
)


@settings(max_examples=300, deadline=None)
@given(with_lines)
@example("@misc{x,\n\n  title = {</code></pre><script>x</script>},\n}")
@example("    \n")
def test_code_in_a_raw_block_keeps_every_line(code: str) -> None:
    code = code.replace("\t", " ")
    inner = f'<code class="language-bibtex">{md.html_text(code)}</code>'
    page = render(md.block("pre", inner) + "\nafter\n")
    assert [tag for tag, _ in page.tags] == ["pre", "code", "p"]
    # Markdown empties lines of spaces alone, as it does everywhere in a page; the first line
    # shares its line with the <code> tag, so it is never alone.
    first, newline, rest = code.partition("\n")
    kept = first + newline + re.sub(r"(?m)^ +$", "", rest)
    assert page.text.startswith(kept) and page.text.endswith("after")


@pytest.mark.parametrize(
    ("here", "target", "url"),
    [
        ("papers/x.md", "themes/t.md", "../../themes/t/"),
        ("papers/x.md", "papers/y.md", "../y/"),
        ("papers/x.md", "papers/x.md", "./"),
        ("papers/x.md", "papers/index.md", "../"),
        ("themes/t.md", "themes-a-z/a.md", "../../themes-a-z/a/"),
        ("papers/x.md", "papers.bib", "../../papers.bib"),
        ("papers/index.md", "papers/y.md", "y/"),
        ("index.md", "themes/index.md", "themes/"),
        ("index.md", "index.md", "./"),
        ("archive/2025-03.md", "archive/index.md", "../"),
        ("archive/2025-03.md", "archive/2025-02.md", "../2025-02/"),
    ],
)
def test_links_in_raw_blocks_are_published_urls(here: str, target: str, url: str) -> None:
    assert md.published(here, target) == url
