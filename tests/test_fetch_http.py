"""The fetcher's HTTP client against a real server on 127.0.0.1: user agent, time-out,
retries with backoff or the wait `Retry-After` asks for, and errors that name the URL."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
import requests
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from generator.fetch.http import Check, FetchError, Politeness, no_check, retry_after, session

POLITE = Politeness(timeout=5.0, tries=3, backoff=0.5)


def client(
    waits: list[float], polite: Politeness = POLITE, check: Check = no_check
) -> requests.Session:
    return session(polite, check, sleep=waits.append)


def test_names_the_tool_in_the_user_agent(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/a").respond_with_data("ok")
    client([]).get(httpserver.url_for("/a"), headers={"User-Agent": "someone-else/1.0"})
    agent = httpserver.log[0][0].headers["User-Agent"]
    assert agent.startswith("paper-index/") and "someone-else" not in agent


def test_429_waits_as_long_as_retry_after_says_then_succeeds(httpserver: HTTPServer) -> None:
    httpserver.expect_oneshot_request("/a").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "7"}
    )
    httpserver.expect_request("/a").respond_with_data("ok")
    waits: list[float] = []
    response = client(waits).get(httpserver.url_for("/a"))
    assert response.text == "ok" and len(httpserver.log) == 2
    assert waits == [7.0]


def test_retry_after_as_a_date() -> None:
    now = datetime(2025, 10, 13, 12, 0, tzinfo=UTC)
    assert retry_after(format_datetime(now + timedelta(seconds=90), usegmt=True), now) == 90
    assert retry_after("soon", now) is None and retry_after(None, now) is None


def test_5xx_backs_off_longer_each_time(httpserver: HTTPServer) -> None:
    httpserver.expect_oneshot_request("/a").respond_with_data("", status=502)
    httpserver.expect_oneshot_request("/a").respond_with_data("", status=500)
    httpserver.expect_request("/a").respond_with_data("ok")
    waits: list[float] = []
    assert client(waits).get(httpserver.url_for("/a")).text == "ok"
    assert waits == [0.5, 1.0]


def test_503_three_times_is_an_error_naming_url_and_status(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/a").respond_with_data("busy", status=503)
    url = httpserver.url_for("/a") + "?date=2025-10-13"
    waits: list[float] = []
    with pytest.raises(FetchError) as caught:
        client(waits).get(url)
    assert str(caught.value) == f"{url}: HTTP 503 SERVICE UNAVAILABLE after 3 tries"
    assert len(httpserver.log) == 3 and len(waits) == 2


def test_other_statuses_are_not_tried_again(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/a").respond_with_data("no", status=404)
    with pytest.raises(FetchError, match=r"/a: HTTP 404"):
        client([]).get(httpserver.url_for("/a"))
    assert len(httpserver.log) == 1


def test_a_wait_longer_than_allowed_is_not_waited_out(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/a").respond_with_data(
        "", status=429, headers={"Retry-After": "86400"}
    )
    waits: list[float] = []
    with pytest.raises(FetchError, match="asked to wait 86400 s"):
        client(waits).get(httpserver.url_for("/a"))
    assert waits == []


def test_a_silent_server_times_out(httpserver: HTTPServer) -> None:
    def slow(request: Request) -> Response:
        time.sleep(1.0)
        return Response("late")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    polite = Politeness(timeout=0.2, tries=1, backoff=0)
    with pytest.raises(FetchError, match=r"/slow: no answer within 0.2 s \(ReadTimeout\)"):
        client([], polite).get(httpserver.url_for("/slow"))


def test_nobody_listening_is_tried_again_then_an_error() -> None:
    waits: list[float] = []
    with pytest.raises(FetchError, match=r"http://127.0.0.1:9/x: no answer .* after 3 tries"):
        client(waits).get("http://127.0.0.1:9/x")
    assert waits == [0.5, 1.0]


def test_a_bad_body_is_an_error_naming_the_url(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/a").respond_with_data("<html>")
    with pytest.raises(FetchError, match=r"/a: not what we wanted"):
        client([], check=lambda body: "not what we wanted" if body == b"<html>" else "").get(
            httpserver.url_for("/a")
        )
