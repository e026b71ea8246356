// Draws one Plotly figure in the page (dashboard/ui/chart_element.py mounts it as a components.v2 element).
//
// Why not st.plotly_chart: Streamlit's chart element loads the full plotly.js (4.7 MB, every trace type and
// map engine) the first time a browser meets a chart, and starting that bundle is most of a chart page's
// first load (docs/benchmarks.md). plotly-tilannekuva.min.js holds only the trace types the figures use.
// The module is fetched and started once per browser tab and shared by every chart.
import Plotly from './plotly-tilannekuva.min.js';

const CONFIG = { displaylogo: false };
const DEFAULT_HEIGHT = 450; // plotly.js's own default, for a figure that sets none
const decoder = new TextDecoder();

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
    // Streamlit may call a cleanup while the element is still shown (an update that overtook the previous
    // one): only an element that has left the page is torn down.
    div.tkCleanup = () => {
      if (parentElement.isConnected) return;
      observer.disconnect();
      Plotly.purge(div);
      div.remove();
    };
  }
  return div;
}

export default function drawChart({ data, parentElement }) {
  const div = chartDiv(parentElement);
  // The figure's JSON, as plotly.io.to_json wrote it (bytes, so it is not escaped into a JSON string again).
  const text = typeof data === 'string' ? data : decoder.decode(data);
  if (text !== div.tkDrawn || !div._fullLayout) {
    // Streamlit calls this again on every rerun; an unchanged figure that is drawn is left as it is.
    div.tkDrawn = text;
    const figure = JSON.parse(text);
    const layout = figure.layout || {};
    div.style.height = `${layout.height || DEFAULT_HEIGHT}px`; // the chart's room, held while it draws
    Plotly.react(div, figure.data || [], layout, CONFIG);
  }
  return div.tkCleanup;
}
