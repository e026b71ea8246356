"""Hostile query parameters on every page of app.py's PAGES: SQL fragments, huge values, unknown codes,
negative/NaN/infinite numbers, malformed lists, an unknown language and unknown keys.

Every page is opened by deep link (the first script run is the page itself, as a typed URL is) with a
hostile value in each of the app's URL keys. What a professional product does, and these tests hold:
- no exception and no traceback anywhere; the page still draws its title;
- a widget bound to the URL refuses what it does not offer and shows its default (Streamlit drops the
  value from the URL, so it never reaches a query);
- where the default would mislead — an unknown language, a deck or slide that does not exist, a saved
  scenario that does not exist — the page says so in the UI language;
- editor pages stay closed to anonymous visitors whatever the URL says;
- nothing is written: the warehouse (fact_indicator rows, CURRENT) and the app's store are unchanged;
- with recognisable fake secrets configured (OIDC and local login), no page shows one, to a visitor or
  to an editor (tests/e2e/test_security_e2e.py checks the browser's HTML and the server log).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.core import auth
from dashboard.core import store as state
from dashboard.core import warehouse as db
from dashboard.core.i18n import t
from dashboard.foresight import scenarios as foresight
from tests.app.conftest import APP

REPO = Path(__file__).resolve().parents[2]
SQL = ["'; DROP TABLE fact_indicator; --", "1 OR 1=1"]
HUGE, HUGER = "9" * 10_000, "x" * 100_000
SCRIPT = "<script>alert(1)</script>"
UNKNOWN_TEXT = ["KU999", "SK999", SCRIPT, "klingon"]
BAD_NUMBERS = ["nan", "-inf", "-1e308", "-999999"]
NOT_NUMBERS = ["nan", "inf", "-inf", "1e308", "9" * 400, "1_000_000"]
NUMERIC = ("double_value", "int_value", "double_array_value", "int_array_value")
MALFORMED_LIST = ["KU999", "", "SK999", "KU999", "nan", "-1e308"]
UNKNOWN_KEYS = {"utm_source": "uutiskirje", "": "tyhjä avain", "kunta[]": ["a", "b"], "x" * 200: "1"}
CASES = ("sql", "huge", "unknown")
QUERY_STRING_LIMIT = 512 * 1024  # Streamlit ignores a longer query string whole: the test would prove nothing
TEXT_ELEMENTS = ("title", "header", "subheader", "markdown", "caption", "text", "code", "info", "warning", "error",
                 "success", "exception")  # fmt: skip


def registered_pages() -> list[tuple[str, bool]]:
    """(script, editors only) from app.py's PAGES table, read without running app.py."""
    for node in ast.parse((REPO / "app.py").read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(getattr(target, "id", "") == "PAGES" for target in node.targets):
            return [(script, editors) for _section, script, _title, _icon, editors in ast.literal_eval(node.value)]
    raise AssertionError("app.py has no PAGES table")


PAGE_STATE_KEYS = {"choice", "choices", "span", "number", "flag"}


def url_keys() -> set[str]:
    """Every URL key of the app: widget keys with bind="query-params", and keys pages read themselves."""
    keys: set[str] = set()
    for path in [REPO / "app.py", *sorted((REPO / "pages").glob("*.py")), *sorted((REPO / "dashboard").rglob("*.py"))]:
        source = path.read_text(encoding="utf-8")
        keys |= set(re.findall(r"""query_params(?:\.get\(|\[)\s*["']([^"']+)["']""", source))
        keys |= set(re.findall(r"""\blinks\.\w+\(\s*["']([^"']+)["']""", source))  # dashboard/links.py checks
        for node in ast.walk(ast.parse(source)):
            if not isinstance(node, ast.Call):
                continue
            words = {k.arg: k.value for k in node.keywords}
            if not (isinstance(words.get("bind"), ast.Constant) and words["bind"].value == "query-params"):
                continue
            key = words["key"]
            if isinstance(key, ast.Constant):
                keys.add(key.value)
            elif (isinstance(key, ast.Call) and getattr(key.func, "attr", "") in PAGE_STATE_KEYS and key.args
                  and isinstance(key.args[0], ast.Constant)):  # fmt: skip
                keys.add(f"{path.stem}.{key.args[0].value}")  # core.links.PageState(<page = file stem>, …)
            elif isinstance(key, ast.Subscript) and getattr(key.value, "id", "") == "KEYS":
                keys.add(foresight.KEYS[ast.literal_eval(key.slice)])
            # Any other key is made by core.links.PageState ("<page>.<name>"): the pages' own prefixed keys
            # are taken from Streamlit's registry of the page's bound widgets (bound_widgets) instead.
    return keys


PAGES = registered_pages()
URL_KEYS = sorted(url_keys())
EDITOR_PAGES = [script for script, editors in PAGES if editors]


def bound_widgets(at: AppTest) -> dict[str, str]:
    """{URL key: Streamlit value type} of the widgets bound to the URL in the last run (Streamlit's registry)."""
    bindings = at._session_state._state.query_params._bindings_by_param  # no public API lists the bindings
    return {key: binding.value_type for key, binding in bindings.items()}


def hostile(case: str, types: dict[str, str], own: list[str]) -> dict[str, str | list[str]]:
    """A hostile value for every URL key of the app (typed for the widgets bound on this page), plus unknown
    keys. `own`: the page's own keys, which get the 100 000-character values in the "huge" case."""
    params: dict[str, str | list[str]] = {}
    for index, key in enumerate(sorted({*URL_KEYS, *types})):  # the app's literal keys and the page's own
        kind = types.get(key, "string_array_value" if index % 4 == 3 else "string_value")
        is_list = kind.endswith("array_value")
        if case == "sql":
            value = SQL if is_list else SQL[index % 2]
        elif case == "huge":
            value = HUGER if key in own[:2] else HUGE
            value = [value] if is_list else value
        elif is_list:
            value = MALFORMED_LIST
        elif kind in ("double_value", "int_value"):
            value = BAD_NUMBERS[index % len(BAD_NUMBERS)]
        elif kind == "bool_value":
            value = "maybe"
        else:
            value = "klingon" if key == "lang" else UNKNOWN_TEXT[index % len(UNKNOWN_TEXT)]
        params[key] = value
    params.update(UNKNOWN_KEYS)
    assert sum(len(k) + len(str(v)) for k, v in params.items()) < QUERY_STRING_LIMIT
    return params


FAKE_SECRETS = {
    "auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "FAKE-COOKIE-SECRET-4a8a08f09d37",
             "client_id": "fake-client-id", "client_secret": "FAKE-CLIENT-SECRET-8277e0910d75",
             "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration"},
    "roles": {"editors": ["koordinaattori@example.fi"]},
    "local_auth": {"password_hash": auth.hash_password("FAKE-LOCAL-PASSWORD-5d41402abc", iterations=1000)},
    "integrations": {"sotkanet_token": "FAKE-API-TOKEN-e4da3b7fbbce"},
}  # fmt: skip


def secret_strings() -> list[str]:
    values = [v for section in FAKE_SECRETS.values() for v in section.values() if isinstance(v, str)]
    hashed = FAKE_SECRETS["local_auth"]["password_hash"]
    return [v for v in values if "FAKE" in v] + [hashed, *hashed.split("$")[2:], "FAKE-LOCAL-PASSWORD-5d41402abc"]


def assert_no_secret(at: AppTest) -> None:
    shown = every_element(at)
    assert heading(at) is None or heading(at) in shown  # the scan does see the page's text
    assert not [secret[:12] for secret in secret_strings() if secret in shown]


def every_element(at: AppTest) -> str:
    """The protobuf text of every element and block the run produced: what the browser would be sent."""

    def walk(node):
        yield node
        for child in getattr(node, "children", {}).values():
            yield from walk(child)

    return "\n".join(str(node.proto) for node in walk(at._tree) if getattr(node, "proto", None) is not None)


def open_deep_link(script: str, params: dict, editor: bool) -> AppTest:
    """The page as its URL opens it: app.py runs with `params` and navigation lands on `script` first.
    The fake secrets are configured; `editor`: an OIDC editor (the e-mail in [roles] editors) is logged in."""
    at = AppTest.from_file(APP, default_timeout=120)
    for section, values in FAKE_SECRETS.items():
        at.secrets[section] = values
    if editor:
        at.user = {"is_logged_in": True, "email": "koordinaattori@example.fi", "email_verified": True}
    for key, value in params.items():
        at.query_params[key] = value
    # app.py first, as a server runs it before any page; AppTest then runs the switched-to page alone, so
    # keep what app.py itself said about the link (the language notice) for the tests.
    shell_infos = [el.value for el in at.run().info]
    at.switch_page(script)
    at.run()
    at.shell_infos = shell_infos
    return at


def shown_texts(at: AppTest) -> list[str]:
    return [str(getattr(el, "value", "")) for kind in TEXT_ELEMENTS for el in at.get(kind)]


def heading(at: AppTest) -> str | None:
    """The page's title (the presentation page's title is its slide's header)."""
    titles = [el.value for el in at.title] or [el.value for el in at.header]
    return titles[0] if titles else None


@pytest.fixture(scope="module")
def isolated_store(tmp_path_factory: pytest.TempPathFactory) -> object:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TILANNEKUVA_STATE", str(tmp_path_factory.mktemp("store") / "app_state.duckdb"))
        yield


@pytest.fixture(scope="module")
def warehouse(built_data_dir: Path, isolated_store) -> object:
    """What must not change: fact_indicator's rows, the CURRENT pointer and the app store's audit log."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TILANNEKUVA_DATA_DIR", str(built_data_dir))

        def snapshot() -> tuple:
            rows = db.connection().cursor().execute("SELECT count(*) FROM fact_indicator").fetchone()[0]
            current = (built_data_dir / "warehouse" / "CURRENT").read_text(encoding="utf-8")
            with state.connect() as con:  # the editor's login is an audit line (entity "login"); nothing else
                changes = con.execute("SELECT count(*) FROM audit_log WHERE entity <> 'login'").fetchone()[0]
            return rows, current, changes

        before = snapshot()
        assert before[0] > 0
        yield snapshot
        assert snapshot() == before


@pytest.fixture(scope="module")
def baselines(warehouse) -> dict:
    return {}


def baseline(cache: dict, script: str, editor: bool) -> tuple[AppTest, dict[str, str]]:
    """The page opened by a clean link: its title, its defaults and its bound widgets."""
    if (script, editor) not in cache:
        at = open_deep_link(script, {}, editor)
        assert not at.exception, [e.message for e in at.exception]
        cache[script, editor] = (at, bound_widgets(at))
    return cache[script, editor]


def test_the_url_keys_are_all_found(baselines) -> None:
    """The source scan knows every key the pages bind (else a page's own keys would go untested)."""
    assert "lang" in URL_KEYS  # the one global key; the pages' own keys are PageState's, found below
    for script, editors in PAGES:
        _, types = baseline(baselines, script, editors)
        own = {key for key in types if key.startswith(f"{Path(script).stem}.")}  # PageState's prefixed keys
        assert set(types) - own <= set(URL_KEYS), script
    assert {"vaesto.kunta", "vaesto.vertailu", "vaesto.vuodet"} <= set(baseline(baselines, "pages/vaesto.py", False)[1])
    assert {"aluefoorumi.esitys", "aluefoorumi.dia"} <= set(baseline(baselines, "pages/aluefoorumi.py", False)[1])
    assert "ennakointi.nettomuutto" in baseline(baselines, "pages/ennakointi.py", False)[1]


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("script", [script for script, _ in PAGES])
def test_hostile_link_shows_the_page_with_defaults_and_a_notice(script: str, case: str, baselines, warehouse) -> None:
    clean, types = baseline(baselines, script, editor=False)
    params = hostile(case, types, own=sorted(set(types) - {"lang"}))
    if script == "pages/ennakointi.py":  # a saved scenario's id: a key the page reads itself, not a widget
        params["ennakointi.skenaario"] = UNKNOWN_TEXT[0]
    at = open_deep_link(script, params, editor=False)

    assert not at.exception, [e.message[:500] for e in at.exception]
    texts = shown_texts(at)
    assert not [text for text in texts if "Traceback" in text or 'File "' in text or SCRIPT in text]
    assert heading(at) == heading(clean)
    assert_no_secret(at)
    for key in types:  # every bound widget refused its value and shows the default
        assert at.session_state[key] == clean.session_state[key], key
    assert at.session_state["lang"] == "fi"
    assert t("security.link_language", "fi") in at.shell_infos
    if script == "pages/aluefoorumi.py":
        warnings = [el.value for el in at.warning]
        assert t("security.link_deck_unknown", "fi", deck="Aluefoorumi") in warnings
        slide_notice = t("security.link_slide_unknown", "fi", total=0).split("(")[0]  # the count varies
        assert any(text.startswith(slide_notice) for text in warnings)
    if script == "pages/ennakointi.py":
        assert t("foresight.link_unknown", "fi") in [el.value for el in at.warning]
    if script in EDITOR_PAGES:  # anonymous: the guard, and nothing of the page
        assert t("auth.editors_only", "fi") in [el.value for el in at.warning]
        assert heading(at) is None and not at.get("file_uploader") and not at.get("arrow_data_frame")


@pytest.mark.parametrize("script", EDITOR_PAGES)
def test_hostile_link_on_an_editor_page_as_an_editor(script: str, baselines, warehouse) -> None:
    clean, types = baseline(baselines, script, editor=True)
    assert heading(clean)  # the editor sees the page
    at = open_deep_link(script, hostile("unknown", types, own=[]), editor=True)
    assert not at.exception, [e.message[:500] for e in at.exception]
    assert heading(at) == heading(clean)
    assert not [text for text in shown_texts(at) if "Traceback" in text or SCRIPT in text]
    assert_no_secret(at)


@pytest.mark.parametrize("number", NOT_NUMBERS)
def test_number_widgets_refuse_what_is_no_number(number: str, baselines, warehouse) -> None:
    """Sliders and number inputs: NaN, infinities, overflowing and odd notations all fall back to defaults
    (Streamlit's own number_input crashed on ±inf before the forum page guarded it)."""
    for script, editors in PAGES:
        clean, types = baseline(baselines, script, editors)
        numeric = [key for key, kind in types.items() if kind in NUMERIC]
        if not numeric:
            continue
        at = open_deep_link(script, {k: [number, number] if types[k].endswith("array_value") else number
                                     for k in numeric}, editors)  # fmt: skip
        assert not at.exception, (script, [e.message[:300] for e in at.exception])
        for key in numeric:
            assert at.session_state[key] == clean.session_state[key], (script, key)
