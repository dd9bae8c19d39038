// The dashboard's charts: one stacked bar per row (a unit, an area), a colour per
// timeliness bucket. Each canvas names the JSON block it draws (data-chart); the same
// numbers are in the table below it (the accessible source of truth).
(function () {
  if (typeof Chart === "undefined") return;
  var colours = {
    done_on_time: "#1a7f37", done_late: "#9a6700", open_in_term: "#0b5cad",
    due_soon: "#b35900", overdue: "#b42318", no_deadline: "#57606a"
  };
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var data = document.getElementById(canvas.dataset.chart);
    if (!data) return;
    var d = JSON.parse(data.textContent);
    var datasets = d.series.map(function (key) {
      return {
        label: d.labels[key],
        backgroundColor: colours[key],
        data: d.counts.map(function (pairs) {
          for (var i = 0; i < pairs.length; i++) if (pairs[i][0] === key) return pairs[i][1];
          return 0;
        })
      };
    });
    new Chart(canvas, {
      type: "bar",
      data: { labels: d.rows, datasets: datasets },
      options: {
        indexAxis: "y", responsive: true, maintainAspectRatio: false, animation: false,
        scales: { x: { stacked: true, ticks: { precision: 0 } }, y: { stacked: true } },
        plugins: { legend: { position: "bottom" } }
      }
    });
  });
})();
