"""The accessibility statement's text (Saavutettavuusseloste; Act on the Provision of Digital Services
306/2019): the service, the cooperation and the feedback contact come from region.toml, not from the text."""

from __future__ import annotations

from dashboard.core import queries
from dashboard.core.i18n import t
from dashboard.overview.headlines import service_title


def statement(lang: str) -> str:
    """The statement as Markdown written by us; a missing feedback contact is said, not left blank."""
    meta = queries.region()
    contact = meta.get("feedback_contact") or t("a11y.contact_missing", lang)
    return t("a11y.body", lang, service=service_title(lang), brand=meta["brand"], contact=contact)
