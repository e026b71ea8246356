"""etl.pxweb: retries, Retry-After, throttle from ?config, query splitting, User-Agent; no network, no sleep."""

from __future__ import annotations

import itertools
import json
import logging
import math
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
import requests
import responses
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.pxweb import DEFAULT_LIMITS, PxWebClient, PxWebError, split_selections, table_path

BASE = "https://pxdata.example/PxWeb/api/v1"
CONFIG_URL = f"{BASE}/fi/?config"
TABLE_URL = f"{BASE}/fi/StatFin/11re.px"
DOC = {
    "class": "dataset",
    "id": ["a"],
    "size": [1],
    "dimension": {"a": {"category": {"index": ["x"]}}},
    "value": [1],
}


class FakeTime:
    """A clock that only moves when the code under test sleeps."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


@pytest.fixture
def mocked():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


def make_client(fake_time: FakeTime, **kwargs) -> PxWebClient:
    options = {"max_retries": 3, "backoff": 1.0, "rng": lambda: 0.5}
    options.update(kwargs)
    return PxWebClient(base_url=BASE, sleep=fake_time.sleep, clock=fake_time.clock, **options)


def add_config(mocked, **limits) -> None:
    body = {"maxValues": 1000, "maxCalls": 30, "timeWindow": 10, "CORS": True, **limits}
    mocked.add(responses.GET, CONFIG_URL, json=body)


def test_429_then_success(mocked, fake_time):
    add_config(mocked)
    mocked.add(responses.POST, TABLE_URL, status=429)
    mocked.add(responses.POST, TABLE_URL, json=DOC)
    docs = make_client(fake_time).query("11re", {"a": ["x"]})
    assert docs == [DOC]
    assert fake_time.sleeps == [pytest.approx(1.05)]  # backoff * 2**0 plus 10 % * rng() jitter


def test_503_with_retry_after_seconds(mocked, fake_time):
    add_config(mocked)
    mocked.add(responses.GET, TABLE_URL, status=503, headers={"Retry-After": "7"})
    mocked.add(responses.GET, TABLE_URL, json={"title": "t", "variables": []})
    assert make_client(fake_time).metadata("11re") == {"title": "t", "variables": []}
    assert max(fake_time.sleeps) >= 7


def test_retry_after_as_http_date(mocked, fake_time):
    add_config(mocked)
    when = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    mocked.add(responses.GET, TABLE_URL, status=429, headers={"Retry-After": when})
    mocked.add(responses.GET, TABLE_URL, json={"title": "t", "variables": []})
    make_client(fake_time).metadata("11re")
    assert 20 <= max(fake_time.sleeps) <= 31


def test_read_timeout_then_success(mocked, fake_time):
    add_config(mocked)
    mocked.add(responses.POST, TABLE_URL, body=requests.exceptions.ReadTimeout("read timed out"))
    mocked.add(responses.POST, TABLE_URL, json=DOC)
    assert make_client(fake_time).query("11re", {"a": ["x"]}) == [DOC]
    assert len(fake_time.sleeps) == 1


def test_connection_error_then_success(mocked, fake_time):
    add_config(mocked)
    mocked.add(responses.GET, TABLE_URL, body=requests.exceptions.ConnectionError("reset"))
    mocked.add(responses.GET, TABLE_URL, json={"variables": []})
    assert make_client(fake_time).metadata("11re") == {"variables": []}


def test_truncated_json_then_success(mocked, fake_time):
    add_config(mocked)
    mocked.add(responses.POST, TABLE_URL, body='{"class": "dataset", "id": ["a"', content_type="application/json")
    mocked.add(responses.POST, TABLE_URL, json=DOC)
    [response] = make_client(fake_time).fetch_query("11re", {"a": ["x"]})
    assert response.data == DOC
    assert json.loads(response.content) == DOC  # the archived bytes are the good body, as received


def test_persistent_500_gives_up_after_all_attempts(mocked, fake_time):
    add_config(mocked)
    mocked.add(responses.POST, TABLE_URL, status=500)
    with pytest.raises(PxWebError) as caught:
        make_client(fake_time, max_retries=3).query("11re", {"a": ["x"]})
    error = caught.value
    assert error.attempts == 4 and error.status == 500 and error.url == TABLE_URL
    assert TABLE_URL in str(error) and "HTTP 500" in str(error) and "4 attempts" in str(error)
    assert sum(call.request.url == TABLE_URL for call in mocked.calls) == 4
    assert fake_time.sleeps == pytest.approx([1.05, 2.1, 4.2])  # exponential backoff, no sleep after the last


def test_400_fails_immediately_with_server_text(mocked, fake_time):
    add_config(mocked)
    mocked.add(responses.POST, TABLE_URL, status=400, body="Bad Request: variable  Alue\n does not exist")
    with pytest.raises(PxWebError, match=r"HTTP 400: Bad Request: variable Alue does not exist") as caught:
        make_client(fake_time).query("11re", {"Alue": ["SSS"]})
    assert caught.value.attempts == 1
    assert sum(call.request.url == TABLE_URL for call in mocked.calls) == 1
    assert fake_time.sleeps == []


def test_throttle_respects_max_calls_per_time_window(mocked, fake_time):
    add_config(mocked, maxCalls=3, timeWindow=10)
    mocked.add(responses.GET, TABLE_URL, json={"variables": []})
    client = make_client(fake_time)
    sent: list[float] = []
    original = client.session.request

    def recording(*args, **kwargs):
        sent.append(fake_time.now)
        return original(*args, **kwargs)

    client.session.request = recording  # type: ignore[method-assign]
    for _ in range(7):
        client.metadata("11re")
    assert client.limits().max_calls == 3 and client.limits().time_window == 10
    times = sent  # the ?config call (first, at t=1000) goes through the same session and counts too
    assert len(times) == 8
    for start in times:
        assert sum(start <= t < start + 10 for t in times) <= 3
    assert fake_time.now >= 1000 + 20  # 8 calls at 3 per 10 s need at least two full windows


def test_config_failure_falls_back_to_defaults(mocked, fake_time, caplog):
    mocked.add(responses.GET, CONFIG_URL, status=404, body="not here")
    mocked.add(responses.GET, TABLE_URL, json={"variables": []})
    client = make_client(fake_time)
    with caplog.at_level(logging.WARNING, logger="etl.pxweb"):
        client.metadata("11re")
    assert client.limits() == DEFAULT_LIMITS
    assert "cannot read PxWeb limits" in caplog.text
    assert sum(call.request.url == CONFIG_URL for call in mocked.calls) == 1  # cached, never asked again


def test_config_max_cells_is_respected(mocked, fake_time):
    add_config(mocked, maxValues=120000, maxCells=50000)
    assert make_client(fake_time).limits().max_values == 50000


def test_oversized_query_is_split_and_concatenated(mocked, fake_time):
    add_config(mocked, maxValues=10)
    bodies: list[dict] = []

    def answer(request):
        body = json.loads(request.body)
        bodies.append(body)
        ids = [q["code"] for q in body["query"]]
        sizes = [len(q["selection"]["values"]) for q in body["query"]]
        doc = {
            "class": "dataset",
            "id": ids,
            "size": sizes,
            "dimension": {q["code"]: {"category": {"index": q["selection"]["values"]}} for q in body["query"]},
            "value": list(range(math.prod(sizes))),
        }
        return 200, {}, json.dumps(doc)

    mocked.add_callback(responses.POST, TABLE_URL, callback=answer)
    selections = {
        "area": ["KU216", "KU226", "KU256", "KU265", "KU312"],
        "year": ["2022", "2023", "2024", "2025"],
    }
    docs = make_client(fake_time).query("11re", selections)
    assert len(docs) == len(bodies) > 1
    cells = set()
    for body in bodies:
        assert body["response"] == {"format": "json-stat2"}
        assert all(q["selection"]["filter"] == "item" for q in body["query"])
        chunk = [q["selection"]["values"] for q in body["query"]]
        assert math.prod(len(values) for values in chunk) <= 10
        cells.update(itertools.product(*chunk))
    assert cells == set(itertools.product(*selections.values()))  # every cell asked exactly once overall
    assert sum(math.prod(doc["size"]) for doc in docs) == 20


def test_user_agent_on_every_request(mocked, fake_time):
    add_config(mocked)
    mocked.add(responses.GET, TABLE_URL, json={"variables": []})
    mocked.add(responses.POST, TABLE_URL, json=DOC)
    client = make_client(fake_time, user_agent="sydansuomen-tilannekuva/test")
    client.metadata("11re")
    client.query("11re.px", {"a": ["x"]})
    assert len(mocked.calls) == 3
    assert all(call.request.headers["User-Agent"] == "sydansuomen-tilannekuva/test" for call in mocked.calls)


def test_default_user_agent_names_the_project():
    assert PxWebClient().user_agent.startswith("sydansuomen-tilannekuva/")


def test_table_paths():
    assert table_path("11re") == "11re.px"
    assert table_path("11re.px") == "11re.px"
    assert table_path("statfin_vaerak_pxt_11re.px") == "11re.px"
    assert PxWebClient(base_url=BASE, lang="sv").table_url("12r5") == f"{BASE}/sv/StatFin/12r5.px"


def test_empty_selection_is_refused(fake_time):
    with pytest.raises(ValueError, match="no values selected for b"):
        make_client(fake_time).fetch_query("11re", {"a": ["x"], "b": []})


@settings(max_examples=200, deadline=None)
@given(
    sizes=st.lists(st.integers(min_value=1, max_value=12), min_size=1, max_size=4),
    max_values=st.integers(min_value=1, max_value=200),
)
def test_split_selections_property(sizes, max_values):
    selections = {f"v{i}": [f"c{j}" for j in range(n)] for i, n in enumerate(sizes)}
    chunks = split_selections(selections, max_values)
    assert all(math.prod(len(v) for v in chunk.values()) <= max_values for chunk in chunks)
    covered = [cell for chunk in chunks for cell in itertools.product(*chunk.values())]
    assert sorted(covered) == sorted(itertools.product(*selections.values()))


def test_timeout_and_json_body_on_every_request(fake_time):
    class FakeSession:
        def __init__(self) -> None:
            self.calls: list[tuple[str, str, dict]] = []

        def request(self, method, url, **kwargs):
            self.calls.append((method, url, kwargs))
            response = requests.Response()
            response.status_code = 200
            body = {"maxValues": 10, "maxCalls": 5, "timeWindow": 1} if url.endswith("?config") else DOC
            response._content = json.dumps(body).encode()
            return response

    session = FakeSession()
    client = make_client(fake_time, session=session, timeout=(3, 30))
    client.query("11re", {"a": ["x"]})
    assert [(m, u) for m, u, _ in session.calls] == [("GET", CONFIG_URL), ("POST", TABLE_URL)]
    assert all(kwargs["timeout"] == (3, 30) for _, _, kwargs in session.calls)
    assert session.calls[1][2]["json"]["query"] == [{"code": "a", "selection": {"filter": "item", "values": ["x"]}}]


def test_body_with_utf8_bom_is_accepted_and_kept_verbatim(mocked, fake_time):
    add_config(mocked)
    raw = b"\xef\xbb\xbf" + json.dumps(DOC).encode()
    mocked.add(responses.POST, TABLE_URL, body=raw, content_type="application/json; charset=utf-8")
    [response] = make_client(fake_time).fetch_query("11re", {"a": ["x"]})
    assert response.data == DOC and response.content == raw


def test_response_format_json_is_asked_for(mocked, fake_time):
    add_config(mocked)
    mocked.add(responses.POST, TABLE_URL, json={"columns": [], "data": []})
    make_client(fake_time, response_format="json").fetch_query("11re", {"a": ["x"]})
    make_client(fake_time).fetch_query("11re", {"a": ["x"]}, response_format="json")
    posts = [json.loads(call.request.body) for call in mocked.calls if call.request.method == "POST"]
    assert [p["response"]["format"] for p in posts] == ["json", "json"]
    with pytest.raises(ValueError, match="response format"):
        make_client(fake_time).fetch_query("11re", {"a": ["x"]}, response_format="csv")
