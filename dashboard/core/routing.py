"""Cold deep links: a page file run by Streamlit's legacy pages/ fallback hands the run to app.py.

What Streamlit 1.67 does (read in its source: runtime/pages_manager.py, runtime/scriptrunner/
script_runner.py, commands/navigation.py): `PagesManager.uses_pages_directory` is a class attribute set
once per server process, by the first session's PagesManager, to "a pages/ folder exists next to the main
script". While it is True the script runner does not run app.py but `_mpa_v1()`, which serves the URL's
page file from pages/ directly; only `st.navigation` sets it to False. So the first request of a fresh
server for /kuntavertailu runs pages/kuntavertailu.py alone: no navigation, no language selector, no
guards of app.py. There is no configuration option for it, and the client's design card fixes the folder
name `pages/`. The only other way out would be clearing the flag before the first session (a launcher
wrapping `streamlit run`), which an operator starting `streamlit run app.py` would bypass. Hence this one
function, which every page calls first (through `ui.components.current_language`).

Tested by tests/e2e/test_routing_e2e.py (cold server, deep link) and tests/unit/core/test_routing.py.
"""

from __future__ import annotations

import types

import streamlit as st


def leave_pages_folder_fallback() -> None:
    """Run app.py first when Streamlit served a page file directly from its legacy pages/ fallback.

    Streamlit decides once per server process that an app with a pages/ folder is a "v1" multipage app,
    and until app.py has called st.navigation it serves a deep link (e.g. /kuntavertailu) by running the
    page file alone: no navigation, no language selector, no account box. In a server the flag is True
    only in that situation, so clear it and run app.py in place, as Streamlit runs it (under the main
    script's hash, so its widgets keep their ids): its st.navigation runs this same page (URL path = file
    name), and this outer run stops. (A rerun instead would drop the widget state of the interrupted run.)
    AppTest (global.appTest) resets the flag before every run and its tests expect page-only reruns.
    """
    from streamlit import config
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    if not PagesManager.uses_pages_directory or ctx is None or config.get_option("global.appTest"):
        return
    PagesManager.uses_pages_directory = False
    main = ctx.pages_manager.main_script_path
    module = types.ModuleType("__main__")
    module.__dict__["__file__"] = main
    with ctx.run_with_active_hash(ctx.pages_manager.main_script_hash):
        exec(ctx.pages_manager.get_page_script_byte_code(main), module.__dict__)  # our own app.py
    st.stop()
