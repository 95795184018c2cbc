"""What input text can hold that the readers and the cleaner both look for: URLs, LaTeX,
characters that cannot be seen."""

from __future__ import annotations

import re

URL = re.compile(r"https?://[^\s<>\"'`{}|\\^]+[^\s<>\"'`{}|\\^.,;:!?)\]]", re.I)
# Text that may be LaTeX: a backslash, a dollar or TeX's opening quotes.
LATEX_HINT = re.compile(r"[\\$]|``")
# Characters that change how text is shown or read without being visible.
INVISIBLE = re.compile(
    "[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u061c\ufeff"
    "\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f]"
)
