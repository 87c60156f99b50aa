// Draws a campaign report's charts from the figures the page carries (data-charts on
// #campaign-charts): each chart is labels plus named series, so a new chart needs no change here.
(function () {
  var holder = document.getElementById("campaign-charts");
  if (!holder || !window.Chart) {
    return;
  }
  var data = JSON.parse(holder.getAttribute("data-charts"));
  var count = new Intl.NumberFormat(document.documentElement.lang || "en");
  data.charts.forEach(function (chart) {
    var canvas = holder.querySelector("canvas[data-chart='" + chart.id + "']");
    if (!canvas) {
      return;
    }
    new window.Chart(canvas, {
      type: chart.type,
      data: {
        labels: chart.labels,
        datasets: chart.series.map(function (s) {
          return { label: s.label, data: s.data, borderColor: s.colour, backgroundColor: s.colour, tension: 0.2 };
        })
      },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        interaction: { mode: "index", intersect: false },
        plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } } },
        scales: { y: { beginAtZero: true, ticks: { callback: function (v) { return count.format(v); } } } }
      }
    });
    canvas.setAttribute("data-drawn", "true");
  });
})();
