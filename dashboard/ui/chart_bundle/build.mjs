// The partial plotly.js bundle, built as plotly.js builds its own dist bundles (its esbuild-config.js), but
// as an ES module: ../chart_assets/chart.js imports it.
import { build } from 'esbuild';
import { environmentPlugin } from 'esbuild-plugin-environment';
import InlineCSSPlugin from 'esbuild-plugin-inline-css';

await build({
  entryPoints: ['entry.js'],
  outfile: '../chart_assets/plotly-tilannekuva.min.js',
  format: 'esm',
  bundle: true,
  minify: true,
  legalComments: 'inline',
  plugins: [InlineCSSPlugin(), environmentPlugin({ NODE_DEBUG: false })],
  alias: { stream: 'stream-browserify' },
  define: { global: 'window', 'define.amd': 'false' },
  target: 'es2016',
  banner: { js: '/* plotly.js v4.1.1, partial bundle (scatter, bar, choropleth, heatmap, sankey, scattergeo; locales fi, sv) built by dashboard/ui/chart_bundle. Copyright 2012-2026, Plotly, Inc. Licensed under the MIT license (LICENSE.plotly.txt). */' },
  logLevel: 'info',
});
