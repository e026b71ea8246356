// plotly.js with the trace types the dashboard's figures use (tests/unit/ui/test_chart_bundle.py keeps this
// list and the figures in step): scatter comes with the core.
import Plotly from 'plotly.js/lib/core';
import bar from 'plotly.js/lib/bar';
import choropleth from 'plotly.js/lib/choropleth';
import heatmap from 'plotly.js/lib/heatmap';
import sankey from 'plotly.js/lib/sankey';
import scattergeo from 'plotly.js/lib/scattergeo';

Plotly.register([bar, choropleth, heatmap, sankey, scattergeo]);
export default Plotly;
