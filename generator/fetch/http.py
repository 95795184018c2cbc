"""The one way the fetcher talks to a service: a `requests` session that is polite and says
plainly when it gives up.

Every request names the tool in its user agent, has a time-out, and is tried again after a
429 or a 5xx (or no answer at all) with a growing wait, or the wait the service asked for in
`Retry-After`. After the last try, or on any other status, `FetchError` names the URL and
what came back: the status, and the service's own words about it where its answer has
them. The retries live in the transport adapter, below any client library, so the arXiv
package's own requests get them too (see `arxiv_api`).
"""

from __future__ import annotations

import email.utils
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata

import requests
from requests.adapters import HTTPAdapter

RETRIED = frozenset({429, 500, 502, 503, 504})
Check = Callable[[bytes], str]


def default_user_agent() -> str:
    try:
        version = metadata.version("paper-index")
    except metadata.PackageNotFoundError:
        version = "unknown"
    return f"paper-index/{version} (static site of research papers; fetches once a day)"


@dataclass(frozen=True)
class Politeness:
    """How hard to try: `tries` in all, `backoff` seconds before the second and twice as long
    before each one after; a `Retry-After` longer than `longest_wait` is not waited out."""

    user_agent: str = default_user_agent()
    timeout: float = 30.0
    tries: int = 3
    backoff: float = 5.0
    longest_wait: float = 600.0


class FetchError(Exception):
    """A request that did not give a usable answer; `url` says which one."""

    def __init__(self, url: str, problem: str) -> None:
        self.url, self.problem = url, problem
        super().__init__(f"{url}: {problem}")


def retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a `Retry-After` header: a number, or an HTTP date; None if neither."""
    value = (value or "").strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    when = when if when.tzinfo else when.replace(tzinfo=UTC)
    return max((when - now).total_seconds(), 0.0)


def status_text(response: requests.Response) -> str:
    return f"HTTP {response.status_code} {response.reason or ''}".strip()


class PoliteAdapter(HTTPAdapter):
    """`HTTPAdapter` with the user agent, time-out, retries and answer check of `Politeness`."""

    def __init__(
        self,
        politeness: Politeness,
        check: Check,
        sleep: Callable[[float], None],
        note: Callable[[str], None],
        explain: Check,
    ) -> None:
        super().__init__()
        self.politeness, self.check, self.sleep, self.note = politeness, check, sleep, note
        self.explain = explain

    def send(
        self,
        request: requests.PreparedRequest,
        stream: bool = False,
        timeout: float | tuple[float, float] | tuple[float, None] | None = None,
        verify: bool | str = True,
        cert: bytes | str | tuple[bytes | str, bytes | str] | None = None,
        proxies: Mapping[str, str] | None = None,
    ) -> requests.Response:
        polite = self.politeness
        url = request.url or ""
        # Set here, not on the session: a client library may pass a user agent of its own.
        request.headers["User-Agent"] = polite.user_agent
        for attempt in range(1, polite.tries + 1):
            wait = polite.backoff * 2 ** (attempt - 1)
            try:
                response = super().send(
                    request, stream, timeout or polite.timeout, verify, cert, proxies
                )
            except (requests.ConnectionError, requests.Timeout) as err:
                problem = f"no answer within {polite.timeout:g} s ({type(err).__name__})"
                if attempt == polite.tries:
                    raise FetchError(url, f"{problem} after {attempt} tries") from err
            else:
                if response.status_code == 200:
                    trouble = self.check(response.content)
                    if trouble:
                        raise FetchError(url, trouble)
                    return response
                said = self.explain(response.content)
                problem = status_text(response) + (f": {said}" if said else "")
                if response.status_code not in RETRIED:
                    raise FetchError(url, problem)
                if attempt == polite.tries:
                    raise FetchError(url, f"{problem} after {attempt} tries")
                asked = retry_after(response.headers.get("Retry-After"), datetime.now(UTC))
                if asked is not None and asked > polite.longest_wait:
                    raise FetchError(url, f"{problem}, asked to wait {asked:g} s")
                wait = wait if asked is None else asked
            self.note(f"{url}: {problem}; trying again in {wait:g} s")
            self.sleep(wait)
        raise AssertionError("unreachable: the last try returns or raises")


def no_check(body: bytes) -> str:
    return ""


def session(
    politeness: Politeness,
    check: Check = no_check,
    sleep: Callable[[float], None] = time.sleep,
    note: Callable[[str], None] = lambda text: None,
    explain: Check = no_check,
) -> requests.Session:
    """A session whose every request goes through `PoliteAdapter`; `check` returns what is
    wrong with a 200 answer's body ('' if nothing), `explain` what the service says in the
    body of any other answer ('' if nothing)."""
    client = requests.Session()
    adapter = PoliteAdapter(politeness, check, sleep, note, explain)
    client.mount("http://", adapter)
    client.mount("https://", adapter)
    client.headers["User-Agent"] = politeness.user_agent
    return client
