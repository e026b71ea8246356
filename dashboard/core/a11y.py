"""Accessibility repairs to Streamlit's own markup, applied from our side (app.py calls enhance() every run).

axe-core and a keyboard walkthrough of Streamlit 1.67 (tests/e2e/test_accessibility_e2e.py and
test_keyboard_e2e.py hold the results) found what widget arguments and the theme cannot fix:
- `<html lang="en">` whatever the page's language (WCAG 3.1.1): screen readers would read Finnish with
  English pronunciation. The script sets the session's language.
- The sidebar navigation with sections renders `<ul><div><header/><li/>…</div></ul>` (axe `list` and
  `listitem`, serious; WCAG 1.3.1). The script gives the `<ul>` role="none" and each section `<div>`
  role="list" named after its header (the header itself is hidden from screen readers, the list's name
  says it), so a screen reader announces "Tilannekuva, list, 5 items". The nav landmark's English name
  "App pages" and Streamlit's skip link "Skip to main content" (WCAG 2.4.1) get the session's language.
- Labels of disabled widgets are drawn in #a3a3a3 (2.5:1). WCAG exempts inactive controls, but the label
  still says what the control is: #767676 reads at 4.5:1 on white and on the forum's black.
- Captions (our sources and data vintages) are drawn at 60 % opacity: text passes at 4.5:1, but a link in a
  caption fades to 3:1 (axe `color-contrast`, serious). Solid #595959 (7:1) keeps links at their own 7:1.
- Keyboard focus is invisible on sidebar links (WCAG 2.4.7) and on a table's toolbar, which stays at
  opacity 0 unless hovered: both get an outline, and the toolbar shows while it holds the focus.

Streamlit redraws its DOM on every rerun, so a MutationObserver re-applies the attributes (coalesced to one
pass per animation frame; each pass is a handful of querySelector calls). The script only sets attributes
and text that React does not change after mounting, so Streamlit's own rendering is never disturbed.
"""

from __future__ import annotations

import json

import streamlit as st

from dashboard.core.i18n import t

_CSS = """
[data-testid="stElementContainer"]:has(.tk-a11y){display:none}
[data-testid="stWidgetLabel"][disabled] p{color:#767676}
[data-testid="stCaptionContainer"]{opacity:1;color:#595959}
[data-testid="stSidebarNavLink"]:focus-visible,[data-testid="stBaseButton-elementToolbar"]:focus-visible{
  outline:2px solid #005a87;outline-offset:1px}
[data-testid="stElementToolbar"]:focus-within{opacity:1}
"""

# One script per language; window.__tkA11y holds the latest settings, so a language switch only updates them.
_SCRIPT = """
(function () {
  var doc = window.document;
  window.__tkA11y = %s;
  function apply() {
    var cfg = window.__tkA11y;
    if (doc.documentElement.lang !== cfg.lang) doc.documentElement.lang = cfg.lang;
    var skip = doc.querySelector('[data-testid="stSkipToContent"]');
    if (skip && skip.firstChild && skip.firstChild.nodeType === 3 && skip.firstChild.nodeValue !== cfg.skip) {
      skip.firstChild.nodeValue = cfg.skip;  // the text node React made: React keeps its reference
    }
    var navLandmark = doc.querySelector('[data-testid="stSidebarNav"]');
    if (navLandmark && navLandmark.getAttribute("aria-label") !== cfg.nav) {
      navLandmark.setAttribute("aria-label", cfg.nav);
    }
    var nav = doc.querySelector('[data-testid="stSidebarNavItems"]');
    if (!nav) return;
    if (nav.getAttribute("role") !== "none") nav.setAttribute("role", "none");
    for (var i = 0; i < nav.children.length; i++) {
      var section = nav.children[i];
      if (section.tagName !== "DIV") continue;
      var header = section.querySelector(":scope > header");
      var name = header ? (header.querySelector("p") || header).textContent.trim() : "";
      if (section.getAttribute("role") !== "list") section.setAttribute("role", "list");
      if (name && section.getAttribute("aria-label") !== name) section.setAttribute("aria-label", name);
      if (header && header.getAttribute("aria-hidden") !== "true") header.setAttribute("aria-hidden", "true");
    }
  }
  apply();
  if (!window.__tkA11yObserver) {
    var pending = false;
    window.__tkA11yObserver = new MutationObserver(function () {
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(function () { pending = false; apply(); });
    });
    window.__tkA11yObserver.observe(doc.body, {childList: true, subtree: true});
  }
})();
"""


def enhance(lang: str) -> None:
    """Insert the repairs (a hidden element at the top of the main area; runs again only when `lang` changes)."""
    settings = json.dumps(
        {"lang": lang, "skip": t("a11y.skip_link", lang), "nav": t("a11y.nav_label", lang)}, ensure_ascii=False
    ).replace("</", "<\\/")
    st.html(f"<style>{_CSS}</style><span class='tk-a11y'></span><script>{_SCRIPT % settings}</script>",
            unsafe_allow_javascript=True)  # fmt: skip
