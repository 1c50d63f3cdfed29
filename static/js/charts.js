// Draws each chart of a page with the vendored Chart.js: an element
// <div data-portal-chart="id"> names the <script type="application/json" id="id"> holding
// the chart (reports/documents/charts.py, Chart.data). The figures are also in a table
// beside the chart, so without JavaScript nothing is lost.
(function () {
  "use strict";

  var COLOURS = ["#1f5aa6", "#c0392b", "#2e8b57", "#b8860b", "#6a5acd", "#708090"];

  function draw(holder) {
    var source = document.getElementById(holder.dataset.portalChart);
    if (!source || typeof window.Chart !== "function") {
      return;
    }
    var chart = JSON.parse(source.textContent);
    var canvas = document.createElement("canvas");
    // The table beside it is what assistive technology reads.
    canvas.setAttribute("aria-hidden", "true");
    holder.appendChild(canvas);
    chart.datasets.forEach(function (dataset, index) {
      var colour = COLOURS[index % COLOURS.length];
      dataset.backgroundColor = colour;
      dataset.borderColor = colour;
      dataset.spanGaps = true;
    });
    new window.Chart(canvas, {
      type: chart.type,
      data: { labels: chart.labels, datasets: chart.datasets },
      options: {
        animation: false,
        maintainAspectRatio: false,
        plugins: { legend: { display: chart.datasets.length > 1 } },
        scales: { y: { beginAtZero: true } },
      },
    });
  }

  document.querySelectorAll("[data-portal-chart]").forEach(draw);
})();
