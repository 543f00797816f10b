// plotly.js for dcc.Graph: its core (which holds scatter) and the other trace types the charts
// draw (charts/template.py, TRACE_TYPES). Loaded with the page from dashboard/assets, it defines
// window.Plotly, so dcc.Graph does not fetch the full plotly.min.js (4.8 MB, all 49 types).
var Plotly = require('plotly.js/lib/core');

Plotly.register([
    require('plotly.js/lib/bar'),
    require('plotly.js/lib/heatmap'),
    require('plotly.js/lib/scatterpolar')
]);

module.exports = Plotly;
