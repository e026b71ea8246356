"""Hankkeiden ylläpito (editors only): import register files and the project template, assign projects to
municipalities, tag and enrich projects (spearheads, KPIs, indicators, notes), set scorecard targets and
funding-position figures, back up and restore the app's store. The role check comes first."""

import streamlit as st

from dashboard.core.auth import require_editor
from dashboard.core.i18n import t
from dashboard.funding import forms as projects_forms
from dashboard.funding import forms_edit as projects_forms_edit
from dashboard.funding import forms_targets as projects_forms_targets
from dashboard.ui.components import current_language

lang = current_language()
user = require_editor(lang)  # before anything is read or written
st.title(t("funding_edit.title", lang))
st.markdown(t("funding_edit.intro", lang))
projects_forms.flash()

tabs = st.tabs([t("funding_edit.tab_import", lang), t("funding_edit.tab_queue", lang), t("funding_edit.tab_project", lang),
                t("funding_edit.tab_targets", lang), t("funding_edit.tab_backup", lang)])  # fmt: skip
with tabs[0]:
    projects_forms.import_tab(user, lang)
with tabs[1]:
    projects_forms.queue_tab(user, lang)
with tabs[2]:
    projects_forms_edit.project_tab(user, lang)
with tabs[3]:
    projects_forms_targets.targets_tab(user, lang)
with tabs[4]:
    projects_forms.backup_tab(user, lang)
