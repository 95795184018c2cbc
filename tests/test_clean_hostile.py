"""The cleaner on hostile text: markup and template syntax are data, kept as written (escaping
is the pages' job); line and word separators never join two words; Unicode spelling variants
clean alike. test_clean.py covers LaTeX, URLs and invisible characters.
"""

from __future__ import annotations

import string
import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.index.clean import cleaned


def clean_text(raw: str) -> str:
    return cleaned(raw)[0]


# Text without LaTeX hints (backslash, dollar, two backticks), which the cleaner leaves be.
PLAIN = "".join(c for c in string.printable if c not in "\\$`") + "éßΩ模🙂\x85\u2028\u2029"
# fmt: off
MARKUP = st.sampled_from([
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "{{ config }}", "{% raw %}",
    "&lt;", "&amp;", "&#60;", "[a](javascript:x)", "---", "# h", "%", "~", "&", "#", "{", "}",
    "^", "_", "\r", "\x0b", "\x0c", "\x1c", "\x1f",
])
# fmt: on
plain_text = st.lists(st.one_of(MARKUP, st.text(PLAIN, max_size=8)), max_size=15).map("".join)


@settings(max_examples=1000, deadline=None)
@given(plain_text)
@example("one\rtwo")
@example("one\x0ctwo\x0bthree\x1ffour")
@example("<svg onload=alert(1)> {{ x }} {% y %} &lt;b&gt;")
def test_plain_text_is_kept_as_written(raw: str) -> None:
    assert clean_text(raw) == " ".join(raw.split())


VARIANTS = st.sampled_from(
    ["e\u0301", "é", "Å", "\u212b", "A\u030a", "ﬁ", "\u0301", "ñ", "n\u0303"]
)
LATEXISH = st.sampled_from(["$", "\\", "{", "}", "^", "_", "\\'e", '\\"o', "$x^2$", " ", "~"])


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.one_of(VARIANTS, LATEXISH, st.text(max_size=6)), max_size=15).map("".join))
def test_unicode_spellings_clean_alike(raw: str) -> None:
    out = clean_text(raw)
    assert out == unicodedata.normalize("NFC", out)
    for form in ("NFC", "NFD"):
        assert clean_text(unicodedata.normalize(form, raw)) == out
