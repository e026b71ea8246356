// plotly.js with the trace types the dashboard's figures use (tests/unit/ui/test_chart_bundle.py keeps this
// list and the figures in step): scatter comes with the core.
import Plotly from 'plotly.js/lib/core';
import bar from 'plotly.js/lib/bar';
import choropleth from 'plotly.js/lib/choropleth';
import heatmap from 'plotly.js/lib/heatmap';
import sankey from 'plotly.js/lib/sankey';
import scattergeo from 'plotly.js/lib/scattergeo';
// The chart tools' tooltips and hover words (e.g. the flows' "saapuva virtaus:") and date axes' month names
// in the page's language; English is plotly.js's own.
import fi from 'plotly.js/lib/locales/fi';
import sv from 'plotly.js/lib/locales/sv';

Plotly.register([bar, choropleth, heatmap, sankey, scattergeo, fi, sv]);
export default Plotly;
