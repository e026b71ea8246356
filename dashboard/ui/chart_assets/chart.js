// Draws one Plotly figure in the page (dashboard/ui/chart_element.py mounts it as a components.v2 element).
//
// Why not st.plotly_chart: Streamlit's chart element loads the full plotly.js (4.7 MB, every trace type and
// map engine) the first time a browser meets a chart, and starting that bundle is most of a chart page's
// first load (docs/benchmarks.md). plotly-tilannekuva.min.js holds only the trace types the figures use.
// The module is fetched and started once per browser tab and shared by every chart.
import Plotly from './plotly-tilannekuva.min.js';

const DEFAULT_HEIGHT = 450; // plotly.js's own default, for a figure that sets none
const decoder = new TextDecoder();

// Four corners: the usual full-screen sign, drawn here (a 24 × 24 box) rather than taken from an icon set.
const FULL_SCREEN_ICON = {
  width: 24,
  height: 24,
  path: 'M3 3h7v2H5v5H3zM14 3h7v7h-2V5h-5zM3 14h2v5h5v2H3zM19 14h2v7h-7v-2h5z',
};

function toggleFullScreen(div) {
  if (document.fullscreenElement === div) document.exitFullscreen().catch(() => {});
  else div.requestFullscreen().catch(() => {}); // refused (e.g. an iframe without allowfullscreen): nothing
}

function fullScreenButton(div) {
  const { fullScreen, exitFullScreen } = div.tkLabels;
  return div.querySelector([fullScreen, exitFullScreen].map((title) => `.modebar-btn[data-title="${CSS.escape(title)}"]`).join());
}

// The chart fills the screen while it is full screen, and has its figure's own height again after.
function fitScreen(div) {
  const full = document.fullscreenElement === div;
  const button = fullScreenButton(div);
  if (button) {
    const title = full ? div.tkLabels.exitFullScreen : div.tkLabels.fullScreen;
    button.setAttribute('data-title', title);
    button.setAttribute('aria-label', title);
  }
  // Plots.resize sizes the chart to its div: the whole screen while full screen (the browser's own style),
  // the figure's height (div.style.height) after.
  if (div._fullLayout) Plotly.Plots.resize(div).catch(() => {});
}

function chartDiv(parentElement) {
  let div = parentElement.querySelector(':scope > div.tk-chart');
  if (!div) {
    div = document.createElement('div');
    div.className = 'tk-chart';
    parentElement.appendChild(div);
    // The main column's width changes without a window resize (the sidebar opens or closes): follow it,
    // only when the width really changed (the observer also fires once when it starts).
    let width = null;
    const observer = new ResizeObserver(([entry]) => {
      const now = Math.round(entry.contentRect.width);
      if (now === width) return;
      width = now;
      if (div._fullLayout) Plotly.Plots.resize(div).catch(() => {}); // hidden (a closed part): no size
    });
    observer.observe(parentElement);
    const onFullScreen = () => fitScreen(div);
    div.addEventListener('fullscreenchange', onFullScreen);
    // Streamlit may call a cleanup while the element is still shown (an update that overtook the previous
    // one): only an element that has left the page is torn down.
    div.tkCleanup = () => {
      if (parentElement.isConnected) return;
      observer.disconnect();
      div.removeEventListener('fullscreenchange', onFullScreen);
      Plotly.purge(div);
      div.remove();
    };
  }
  return div;
}

function config(locale, labels, div) {
  return {
    displaylogo: false,
    showSendToCloud: false, // plotly.js 4 would add "Share chart…", sending the figure to an outside server
    locale, // the tools' tooltips, hover words and month names; the bundle registers fi and sv
    // Streamlit's own chart element has a full-screen button in its tool bar; this one is in Plotly's.
    modeBarButtonsToAdd: [{
      name: 'tkFullScreen',
      title: labels.fullScreen,
      icon: FULL_SCREEN_ICON,
      click: () => toggleFullScreen(div),
    }],
  };
}

export default function drawChart({ data, parentElement }) {
  const div = chartDiv(parentElement);
  // chart_element.payload: {locale, labels, figure}, the figure as plotly.io.to_json wrote it (bytes, so it
  // is not escaped into a JSON string again).
  const text = typeof data === 'string' ? data : decoder.decode(data);
  if (text !== div.tkDrawn || !div._fullLayout) {
    // Streamlit calls this again on every rerun; an unchanged figure that is drawn is left as it is.
    div.tkDrawn = text;
    const { locale, labels, figure } = JSON.parse(text);
    const layout = figure.layout || {};
    div.tkLabels = labels;
    div.tkHeight = layout.height || DEFAULT_HEIGHT;
    div.style.height = `${div.tkHeight}px`; // the chart's room, held while it draws
    Plotly.react(div, figure.data || [], layout, config(locale, labels, div)).then(() => {
      if (document.fullscreenElement === div) fitScreen(div); // a new figure while full screen
    });
  }
  return div.tkCleanup;
}
