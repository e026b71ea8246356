"""The funding pages' shared Streamlit blocks: the project card (one definition for every page that shows a
project), its one-line form, and links to sources.

Register and editor text (names, descriptions, notes, file names, URLs) is shown as text: every value goes
through `plain`, and a source URL becomes a link only when it is a plain http(s) address.
"""

from __future__ import annotations

import streamlit as st

from dashboard.core.i18n import t
from dashboard.funding.card import Card, card
from dashboard.funding.text import link
from dashboard.ui.components import plain


def project_line(info: Card, lang: str) -> str:
    """'Kunnat: … (peruste: …) · kärjet: …' as Markdown-safe text, for a caption."""
    return t("funding_impact.project_line", lang, areas=plain(info.areas), basis=plain(info.basis),
             tags=plain(", ".join(info.spearheads) or "–"))  # fmt: skip


def project_card(project_id: str, lang: str) -> None:
    """The full card: fields, the source's own words about the money, areas, tags, note, sources, KPIs."""
    info = card(project_id, lang)
    with st.container(border=True):
        st.markdown(f"### {plain(info.title)}")
        if info.as_stated:
            st.info(t("funding.as_stated", lang, text=plain(info.as_stated)))
        st.markdown("\n".join(f"- **{name}:** {plain(value)}" for name, value in info.fields))  # names: ours
        st.markdown(t("funding.card_areas", lang, areas=plain(info.areas), basis=plain(info.basis)))
        st.markdown(t("funding.card_spearheads", lang, tags=plain(", ".join(info.spearheads) or "–")))
        if info.note:
            st.markdown(t("funding.card_note", lang, note=plain(info.note)))
        lines = [plain(line) for line in info.sources] + [link(url) for url in info.links]
        st.markdown(t("funding.card_sources", lang) + "\n" + "\n".join(f"- {line}" for line in lines))
        st.markdown(f"**{t('funding_impact.kpis', lang)}**")
        if info.kpis.empty:
            st.caption(t("funding_impact.no_kpis", lang))
        else:
            st.dataframe(info.kpis, hide_index=True)
        if info.indicators:
            st.markdown(t("funding.card_indicators", lang, indicators=plain(", ".join(info.indicators))))
        st.page_link("pages/vaikuttavuus.py", label=t("funding.to_impact", lang), icon=":material/insights:")


def notices(messages: list[str]) -> None:
    """What PageState dropped from the link or the session, once each — as text: the sentence quotes the
    dropped value, which is whatever the link held."""
    for message in messages:
        st.info(plain(message))
