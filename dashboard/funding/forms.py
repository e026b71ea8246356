"""Editor forms of the projects page, part 1: import, the assignment queue, backup and audit log.

Streamlit layout only: every write goes through dashboard.funding.store / projects_import / state, which
check the editor role themselves and audit the change.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import streamlit as st

from dashboard.core import queries
from dashboard.core import store as state
from dashboard.core.auth import User
from dashboard.core.i18n import DEFAULT, fmt_number, t
from dashboard.core.links import PageState
from dashboard.funding import build_job, projects
from dashboard.funding import imports as projects_import
from dashboard.funding import store as projects_store
from dashboard.funding import summary as funding
from dashboard.funding import views as funding_views
from dashboard.ui.components import plain

QUEUE_SHOWN = 300  # rows of the queue listed at once; the search narrows it down
PAGE = "hankkeiden_yllapito"  # the editor page's URL path: its widget keys carry it (core.links.PageState)
key = PageState(PAGE, DEFAULT).key


def saved(lang: str) -> None:
    """After a write: rerun so every table on the page shows it, and say so once at the top."""
    st.session_state[key("flash")] = t("funding_edit.saved", lang)
    st.rerun()


def flash() -> None:
    message = st.session_state.pop(key("flash"), None)
    if message:
        st.success(message)


def show_error(error: Exception, lang: str) -> None:
    st.error(t(str(error), lang) if str(error).startswith("funding") else plain(error))


def import_tab(user: User, lang: str) -> None:
    st.markdown(t("funding_edit.import_intro", lang))
    st.download_button(t("funding_edit.template_download", lang), projects_import.template_csv,
                       file_name="hankepohja.csv", mime="text/csv", on_click="ignore", key=key("template_download"))  # fmt: skip
    upload = st.file_uploader(t("funding_edit.upload", lang), type=["csv", "xlsx"], key=key("eu_upload"))
    if upload is not None and st.button(t("funding_edit.import_button", lang), type="primary", key=key("eu_import")):
        with st.spinner(t("funding_edit.importing", lang)):
            st.session_state["eu_import_result"] = projects_import.import_file(user, upload.getvalue(), upload.name)
    result = st.session_state.get("eu_import_result")
    if result is not None:
        import_result(result, lang)
    build_status(result.job if result is not None else None, lang)
    st.markdown(f"**{t('funding_edit.history', lang)}**")
    history = queries.run("fund_imports")
    st.dataframe(history.drop(columns=["sha256"]), hide_index=True)
    own = projects.store()
    st.caption(t("funding_edit.history_note", lang, n=len(own.projects)))


def import_result(result: projects_import.ImportResult, lang: str) -> None:
    report = result.report
    if result.ok:
        st.success(t("funding_edit.import_ok", lang, file=plain(report.get("file")), rows=report.get("rows"),
                     kind=plain(report.get("label"))))  # fmt: skip
        return
    if report.get("reason") == "too_large":
        st.error(t("security.upload_too_large", lang, file=plain(report.get("file")), size=fmt_number(report["size_mb"], 1, lang),
                   limit=report["limit_mb"]))  # fmt: skip
    elif result.collisions:
        st.error(t("funding_edit.collisions", lang, codes=plain(", ".join(result.collisions))))
    elif report.get("errors"):
        st.error(
            t(
                "funding_edit.bad_rows",
                lang,
                file=plain(report.get("file")),
                n=report["error_count"],
                rows=report["rows"],
            )
        )
        errors = pd.DataFrame(report["errors"])
        st.dataframe(pd.DataFrame({
            t("funding_edit.col_row", lang): errors["row"], t("funding_edit.col_field", lang): errors["field"],
            t("funding_edit.col_value", lang): errors["value"],
            t("funding_edit.col_reason", lang): errors["reason"].map(lambda r: t(f"funding_edit.reason_{r}", lang)),
        }), hide_index=True)  # fmt: skip
    else:
        st.error(t("funding_edit.unreadable", lang, file=plain(report.get("file")),
                   message=plain(report.get("message", ""))))  # fmt: skip


def build_status(own: dict | None, lang: str) -> None:
    """The rebuild's status line: this session's job, or anyone's job still under way (build_job.py)."""
    job = build_job.status()
    if job is None or (job["state"] in ("done", "failed") and (own or {}).get("id") != job["id"]):
        return
    if job["state"] in ("queued", "running"):
        st.fragment(run_every=2)(_live_status)(job["id"], lang)  # polls only while a build is under way
    else:
        _job_line(job, lang)


def _live_status(job_id: str, lang: str) -> None:
    job = build_job.status()
    if job is None or job["id"] != job_id or job["state"] in ("done", "failed"):
        st.rerun()  # the whole page, so it reads the new warehouse (a fragment rerun keeps the old pin)
    _job_line(job, lang)


def _job_line(job: dict, lang: str) -> None:
    if job["state"] in ("queued", "running"):
        st.info(t(f"funding_edit.job_{job['state']}", lang, since=job.get("queued_at", "")))
    elif job["state"] == "done":
        st.success(t("funding_edit.rebuilt", lang))
    else:
        st.error(t("funding_edit.build_failed", lang))
        st.text(job.get("message") or "")  # the build's own last line: plain text, never Markdown
        if job.get("output"):
            with st.expander(t("funding_edit.build_output", lang)):
                st.code(job["output"])


def queue_tab(user: User, lang: str) -> None:
    meta = queries.region()
    queue = projects.unassigned_queue(projects.catalogue(), queries.focus_codes(), meta["subregion"])
    st.markdown(t("funding_edit.queue_intro", lang, n=len(queue), region=funding.area_name(meta["region"], lang)))
    search = st.text_input(t("funding_edit.search", lang), key=key("queue_search")).strip().lower()
    if search:
        text = (
            queue["name"].fillna("") + " " + queue["implementer"].fillna("") + " " + queue["project_id"]
        ).str.lower()
        queue = queue[text.str.contains(search, regex=False)]
    shown = queue.head(QUEUE_SHOWN)
    st.dataframe(pd.DataFrame({
        t("funding.col_code", lang): shown["project_code"], t("funding.col_name", lang): shown["name"],
        t("funding.field_implementer", lang): shown["implementer"], t("funding.col_period", lang): shown["programme_period"],
        t("funding.field_authority", lang): shown["authority"], t("funding.granted", lang): shown["granted"],
        t("funding.field_match_hint", lang): shown["match_hint"],
    }), hide_index=True, column_config=funding_views.money_columns(lang))  # fmt: skip
    st.caption(t("funding_edit.queue_shown", lang, shown=len(shown), total=len(queue)))
    if shown.empty:
        return
    chosen = st.selectbox(t("funding.choose_project", lang), shown["project_id"].tolist(), key=key("queue_project"),
                          format_func=funding_views.project_label)  # fmt: skip
    assignment_form(user, chosen, lang, "queue")


def assignment_form(user: User, project_id: str, lang: str, form: str) -> None:
    """Place a register project in municipalities, or mark it as not the sub-region's."""
    row = projects.catalogue().loc[project_id]
    focus = queries.focus_codes()
    with st.form(key(f"assign_{form}"), clear_on_submit=False):
        current = [c for c in row["areas"] if c in focus]
        chosen = st.multiselect(t("funding_edit.municipalities", lang), focus, default=current,
                                format_func=lambda c: funding.area_name(c, lang))  # fmt: skip
        not_ours = st.checkbox(t("funding_edit.not_ours", lang), value=bool(row["not_ours"]))
        note = st.text_input(t("funding_edit.assignment_note", lang))
        if st.form_submit_button(t("funding_edit.save_assignment", lang), type="primary"):
            try:
                projects_store.assign(user, project_id, chosen, not_ours, note)
                saved(lang)
            except projects_store.EditError as exc:
                show_error(exc, lang)
    if row["basis"] == projects.COORDINATOR and st.button(
        t("funding_edit.clear_assignment", lang), key=key(f"clear_{form}")
    ):
        projects_store.clear_assignment(user, project_id)
        saved(lang)


def backup_tab(user: User, lang: str) -> None:
    st.markdown(t("funding_edit.backup_intro", lang))
    stamp = datetime.now(UTC).strftime("%Y%m%d")
    st.download_button(t("funding_edit.export", lang), state.export_store, file_name=f"sovelluksen_tiedot_{stamp}.zip",
                       mime="application/zip", on_click="ignore", key=key("store_export"))  # fmt: skip
    archive = st.file_uploader(t("funding_edit.restore_file", lang), type=["zip"], key=key("store_restore_file"))
    sure = st.checkbox(t("funding_edit.restore_confirm", lang), key=key("store_restore_sure"))
    if archive is not None and st.button(t("funding_edit.restore", lang), disabled=not sure, key=key("store_restore")):
        try:
            state.restore_store(archive.getvalue())
            state.write(user.name, "restore", "store", archive.name, [], after={"file": archive.name})
            st.success(t("funding_edit.restored", lang))
        except state.StoreError as exc:
            st.error(t("funding_edit.restore_failed", lang, message=plain(exc)))
    st.markdown(f"**{t('funding_edit.audit', lang)}**")
    st.dataframe(state.query("audit_log", {"limit": 100}), hide_index=True)
