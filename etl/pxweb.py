"""HTTP client for Statistics Finland's PxWeb API v1 (``https://pxdata.stat.fi/PxWeb/api/v1``).

What it takes care of, so callers only say which table and which values:

* the service's own limits, read from ``GET {base}/{lang}/?config`` (never hard-coded): a sliding-window
  throttle keeps every request (metadata, data, retries) within ``maxCalls`` per ``timeWindow`` seconds,
  and queries larger than ``maxValues`` cells are split into chunks that fit;
* retries with exponential backoff and jitter on 429/5xx, timeouts, dropped connections and truncated or
  invalid JSON bodies, honouring ``Retry-After``; other 4xx fail at once with the server's message;
* a User-Agent on every request, so Statistics Finland can see who is calling.

Sleeping, the clock and the jitter source are injectable so the tests never wait.
``fetch_metadata``/``fetch_query`` return the raw bytes too, because the ETL archives responses exactly as
received; ``metadata``/``query`` are the parsed conveniences.
"""

from __future__ import annotations

import email.utils
import json
import logging
import math
import random
import re
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import requests

__all__ = [
    "DEFAULT_LIMITS",
    "RESPONSE_FORMATS",
    "Limits",
    "PxResponse",
    "PxWebClient",
    "PxWebError",
    "split_selections",
]

log = logging.getLogger(__name__)

# The project's public URL is not fixed yet; the CLI can pass user_agent="... (+https://<repo>; ...)".
DEFAULT_USER_AGENT = "sydansuomen-tilannekuva/0.1 (regional dashboard ETL; python-requests)"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
RETRY_EXCEPTIONS = (
    requests.exceptions.Timeout,
    requests.exceptions.ConnectionError,
    requests.exceptions.ChunkedEncodingError,  # body cut off mid-transfer
)
RESPONSE_FORMATS = ("json-stat2", "json")  # both are read by etl/sources/statfin_rows.py
MAX_RETRY_AFTER = 600.0  # a broken Retry-After must not park the ETL for hours


class PxWebError(RuntimeError):
    """A PxWeb request failed for good (client error, or retries exhausted)."""

    def __init__(self, message: str, *, url: str, status: int | None = None, attempts: int = 1) -> None:
        super().__init__(message)
        self.url = url
        self.status = status
        self.attempts = attempts


@dataclass(frozen=True)
class Limits:
    """The service limits announced by ``?config``."""

    max_values: int
    max_calls: int
    time_window: float
    raw: dict = field(default_factory=dict)


# Conservative fallbacks used only when ?config cannot be read (the live service allowed more in 2026).
DEFAULT_LIMITS = Limits(max_values=100_000, max_calls=10, time_window=10.0)


@dataclass
class PxResponse:
    """One successful HTTP exchange: the bytes exactly as received plus what is needed to archive them."""

    url: str
    method: str
    status: int
    content: bytes
    data: Any  # the parsed JSON body
    request_body: dict | None
    fetched_at: str  # UTC ISO 8601


def table_path(table_id: str) -> str:
    """Short table file name: '11re' → '11re.px'; the pre-2026 long form is shortened (it now gives 400)."""
    name = table_id.strip()
    match = re.fullmatch(r"statfin_[a-z0-9]+_pxt_(\w+?)(\.px)?", name)
    if match:
        name = match.group(1)
    return name if name.endswith(".px") else f"{name}.px"


def split_selections(selections: dict[str, list[str]], max_values: int) -> list[dict[str, list[str]]]:
    """Split a selection into chunks whose cell count (product of value counts) is at most ``max_values``.

    Always cuts along the dimension with the most values, recursing until every chunk fits, so the number
    of requests stays small.
    """
    cells = math.prod(len(values) for values in selections.values())
    if cells <= max_values or not selections:
        return [selections]
    code = max(selections, key=lambda key: len(selections[key]))
    values = selections[code]
    if len(values) <= 1:
        return [selections]  # cannot happen: cells > max_values >= 1 needs some dimension > 1
    rest = cells // len(values)
    per_chunk = max(1, max_values // max(rest, 1))
    chunks: list[dict[str, list[str]]] = []
    for start in range(0, len(values), per_chunk):
        part = {**selections, code: values[start : start + per_chunk]}
        chunks.extend(split_selections(part, max_values))
    return chunks


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date)."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


class PxWebClient:
    """Polite, retrying client for one PxWeb API v1 database in one language."""

    def __init__(
        self,
        base_url: str = "https://pxdata.stat.fi/PxWeb/api/v1",
        lang: str = "fi",
        database: str = "StatFin",
        session: requests.Session | None = None,
        timeout: float | tuple[float, float] = (5, 60),
        max_retries: int = 5,
        backoff: float = 1.0,
        user_agent: str = DEFAULT_USER_AGENT,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        rng: Callable[[], float] = random.random,
        response_format: str = "json-stat2",
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.lang = lang
        self.database = database
        self.session = session or requests.Session()
        self.timeout = timeout
        self.max_retries = max_retries
        self.backoff = backoff
        self.user_agent = user_agent
        self.sleep = sleep
        self.clock = clock
        self.rng = rng
        self.response_format = response_format
        self._limits: Limits | None = None
        self._calls: deque[float] = deque()

    # ----------------------------------------------------------------- limits and throttle
    def limits(self) -> Limits:
        """The service limits from ``?config`` (read once, then cached; defaults if unreadable)."""
        if self._limits is None:
            url = f"{self.base_url}/{self.lang}/?config"
            try:
                raw = self._request("GET", url, retries=1).data
                max_values = min(int(raw[key]) for key in ("maxValues", "maxCells") if key in raw)
                self._limits = Limits(max_values, int(raw["maxCalls"]), float(raw["timeWindow"]), raw)
                self._calls.append(self.clock())  # the ?config call itself counts against the window
                log.info("PxWeb limits from %s: %s", url, raw)
            except (PxWebError, KeyError, TypeError, ValueError) as exc:
                log.warning("cannot read PxWeb limits from %s (%s); using defaults %s", url, exc, DEFAULT_LIMITS)
                self._limits = DEFAULT_LIMITS
        return self._limits

    def _throttle(self) -> None:
        """Sleep until one more call fits in the sliding window of the announced limits."""
        if self._limits is None:
            return  # only the ?config request itself runs before the limits are known
        window, max_calls = self._limits.time_window, max(1, self._limits.max_calls)
        while True:
            now = self.clock()
            while self._calls and self._calls[0] <= now - window:
                self._calls.popleft()
            if len(self._calls) < max_calls:
                self._calls.append(now)
                return
            wait = self._calls[0] + window - now
            log.debug("throttle: %d calls in the last %.0f s, waiting %.2f s", len(self._calls), window, wait)
            self.sleep(max(wait, 0.0))

    # ----------------------------------------------------------------- requests
    def _delay(self, attempt: int, retry_after: float | None) -> float:
        base = self.backoff * 2**attempt
        delay = base + 0.1 * base * self.rng()  # jitter so parallel runs do not retry in lockstep
        if retry_after is not None:
            delay = max(delay, min(retry_after, MAX_RETRY_AFTER))
        return delay

    def _request(self, method: str, url: str, body: dict | None = None, retries: int | None = None) -> PxResponse:
        """One logical request with throttle, retries and JSON validation."""
        retries = self.max_retries if retries is None else retries
        headers = {"User-Agent": self.user_agent, "Accept": "application/json"}
        last = "no attempt made"
        last_status: int | None = None
        for attempt in range(retries + 1):
            if self._limits is None and not url.endswith("?config"):
                self.limits()
            self._throttle()
            retry_after: float | None = None
            try:
                response = self.session.request(method, url, json=body, headers=headers, timeout=self.timeout)
            except RETRY_EXCEPTIONS as exc:
                last, last_status = f"{type(exc).__name__}: {exc}", None
            else:
                last_status = response.status_code
                if response.status_code == 200:
                    content = response.content
                    try:
                        data = json.loads(content)
                    except ValueError as exc:  # truncated or garbled body: worth another try
                        last = f"invalid JSON ({len(content)} bytes): {exc}"
                    else:
                        fetched_at = datetime.now(UTC).isoformat(timespec="seconds")
                        return PxResponse(url, method, 200, content, data, body, fetched_at)
                elif response.status_code in RETRY_STATUSES:
                    last = f"HTTP {response.status_code}"
                    retry_after = _retry_after(response.headers.get("Retry-After"))
                    if retry_after is not None:  # shown in the final error, so the operator knows how long to wait
                        last += f" (Retry-After: {retry_after:.0f} s)"
                else:
                    text = " ".join(response.text.split())[:300]
                    raise PxWebError(
                        f"{method} {url} failed with HTTP {response.status_code}: {text}",
                        url=url,
                        status=response.status_code,
                        attempts=attempt + 1,
                    )
            if attempt < retries:
                delay = self._delay(attempt, retry_after)
                log.warning("%s %s: %s; retry %d/%d in %.1f s", method, url, last, attempt + 1, retries, delay)
                self.sleep(delay)
        raise PxWebError(
            f"{method} {url} failed after {retries + 1} attempts; last error: {last}",
            url=url,
            status=last_status,
            attempts=retries + 1,
        )

    def table_url(self, table_id: str) -> str:
        return f"{self.base_url}/{self.lang}/{self.database}/{table_path(table_id)}"

    # ----------------------------------------------------------------- public API
    def fetch_metadata(self, table_id: str) -> PxResponse:
        """GET the table's metadata (title and variables) with the raw bytes."""
        return self._request("GET", self.table_url(table_id))

    def fetch_query(
        self, table_id: str, selections: dict[str, list[str]], response_format: str | None = None
    ) -> list[PxResponse]:
        """POST a query, split into chunks of at most ``maxValues`` cells; the answer format is
        ``response_format`` or the client's ``response_format`` (``json-stat2`` or ``json``)."""
        response_format = response_format or self.response_format
        if response_format not in RESPONSE_FORMATS:
            raise ValueError(f"response format {response_format!r} is not one of {', '.join(RESPONSE_FORMATS)}")
        if not selections:
            raise ValueError("a PxWeb query needs at least one variable selection")
        empty = [code for code, values in selections.items() if not values]
        if empty:
            raise ValueError(f"no values selected for {', '.join(empty)}")
        chunks = split_selections(selections, self.limits().max_values)
        if len(chunks) > 1:
            log.info(
                "%s: query split into %d chunks of at most %d cells",
                table_id,
                len(chunks),
                self.limits().max_values,
            )
        url = self.table_url(table_id)
        responses = []
        for chunk in chunks:
            body = {
                "query": [
                    {"code": code, "selection": {"filter": "item", "values": list(values)}}
                    for code, values in chunk.items()
                ],
                "response": {"format": response_format},
            }
            responses.append(self._request("POST", url, body))
        return responses

    def metadata(self, table_id: str) -> dict:
        """The table's metadata as a dict (``{"title", "variables": [...]}``)."""
        return self.fetch_metadata(table_id).data

    def query(self, table_id: str, selections: dict[str, list[str]]) -> list[dict]:
        """The documents answering ``selections`` (one per chunk, in the client's response format)."""
        return [response.data for response in self.fetch_query(table_id, selections)]
