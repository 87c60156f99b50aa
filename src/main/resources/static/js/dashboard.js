// Draws the dashboard's charts from the figures the page carries (data-charts on #charts).
// The same figures are each chart's CSV download; nothing here fetches anything.
(function () {
  var holder = document.getElementById("charts");
  if (!holder || !window.Chart) {
    return;
  }
  var data = JSON.parse(holder.getAttribute("data-charts"));
  var lang = document.documentElement.lang || "en";
  var brand = getComputedStyle(document.body).getPropertyValue("--brand").trim() || "#1a7f5a";
  // one colour per message status; other series take the palette in turn
  var statusColours = {
    delivered: "#1f7a43", read: "#0e5a9c", sent: "#7fb8a0", sending: "#b5c7d6", queued: "#c9ced6",
    scheduled: "#d7c3f0", accepted: "#e3e6ea", failed: "#b42318", undelivered: "#e06a4f",
    expired: "#c08a00", rejected: "#7a1e12", canceled: "#8d96a3"
  };
  var palette = [brand, "#e06a4f", "#0e5a9c", "#c08a00", "#6b4fbb", "#1d2330"];
  var money = new Intl.NumberFormat(lang, { style: "currency", currency: data.currency });
  var count = new Intl.NumberFormat(lang);
  var days = data.days.map(function (d) {
    return new Date(d + "T00:00:00").toLocaleDateString(lang, { day: "numeric", month: "short" });
  });

  function colour(series, i) {
    var status = series.key.split("|")[1];
    return statusColours[status] || palette[i % palette.length];
  }

  function axisFormat(axis) {
    if (axis === "money") {
      return function (v) { return money.format(v); };
    }
    if (axis === "percent") {
      return function (v) { return count.format(v) + " %"; };
    }
    return function (v) { return count.format(v); };
  }

  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var chart = data.charts[canvas.getAttribute("data-chart")];
    var scales = {
      x: { stacked: chart.kind === "stacked" },
      y: { stacked: chart.kind === "stacked", beginAtZero: true, ticks: { callback: axisFormat(chart.series.length ? chart.series[0].axis : "count") } }
    };
    if (chart.kind === "line") {
      scales.y.max = 100;
    }
    var datasets = chart.series.map(function (s, i) {
      var c = colour(s, i);
      return {
        label: s.label, data: s.data, type: s.type, borderColor: c, backgroundColor: c,
        spanGaps: true, tension: 0.2, pointRadius: data.days.length > 60 ? 0 : 2,
        order: s.type === "line" ? 0 : 1
      };
    });
    new window.Chart(canvas, {
      type: "bar",
      data: { labels: days, datasets: datasets },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        interaction: { mode: "index", intersect: false },
        plugins: {
          legend: { position: "bottom", labels: { boxWidth: 12 } },
          tooltip: {
            callbacks: {
              label: function (ctx) {
                var s = chart.series[ctx.datasetIndex];
                return s.label + ": " + (ctx.raw == null ? "—" : axisFormat(s.axis)(ctx.raw));
              }
            }
          }
        },
        scales: scales
      }
    });
    canvas.setAttribute("data-drawn", "true");
  });
})();
