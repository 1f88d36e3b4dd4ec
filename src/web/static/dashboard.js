// Dashboard charts (Chart.js, served from Trax itself). Clicking a bar or a line point opens
// the transactions behind it.
(function () {
  'use strict';
  var el = document.getElementById('dashboard-data');
  if (!el || !window.Chart) return;
  var data = JSON.parse(el.textContent);
  var digits = data.digits;
  var fmt = function (minor) {
    return (
      (minor / Math.pow(10, digits)).toLocaleString(undefined, { minimumFractionDigits: digits, maximumFractionDigits: digits }) +
      ' ' +
      data.currency
    );
  };
  var palette = [
    '#3949ab',
    '#16794c',
    '#b54708',
    '#c01048',
    '#0e7490',
    '#7c3aed',
    '#ca8a04',
    '#475467',
    '#be185d',
    '#15803d',
    '#9a3412',
    '#1d4ed8',
    '#6d28d9',
    '#0f766e',
  ];
  var go = function (params) {
    if (data.query) params.q = data.query;
    window.location.href = '/transactions?' + new URLSearchParams(params).toString();
  };

  // On a phone the canvas is ~360 px wide: at the desktop's 2.7:1 the legend alone filled it and
  // no bar was drawn (issue 12 item 7). Narrow screens get a taller chart with the legend below.
  var narrow = window.matchMedia('(max-width: 40rem)');
  var monthsLayout = function () {
    return narrow.matches
      ? { aspectRatio: 0.85, legend: { position: 'bottom', labels: { boxWidth: 12 } } }
      : { aspectRatio: 2.7, legend: { position: 'top', labels: { boxWidth: 40 } } };
  };

  var monthsCanvas = document.getElementById('chart-months');
  if (monthsCanvas) {
    var chart = new window.Chart(monthsCanvas, {
      type: 'bar',
      data: {
        labels: data.months,
        datasets: data.categories.map(function (c, i) {
          return {
            label: c.name,
            data: data.series[c.slug].map(function (m) {
              return m / Math.pow(10, digits);
            }),
            backgroundColor: palette[i % palette.length],
            slug: c.slug,
          };
        }),
      },
      options: {
        animation: false,
        responsive: true,
        aspectRatio: monthsLayout().aspectRatio,
        scales: { x: { stacked: true }, y: { stacked: true } },
        plugins: {
          legend: monthsLayout().legend,
          tooltip: {
            callbacks: {
              label: function (ctx) {
                return ctx.dataset.label + ': ' + fmt(Math.round(ctx.parsed.y * Math.pow(10, digits)));
              },
            },
          },
        },
        onClick: function (_e, items) {
          if (!items.length) return;
          var item = items[0];
          go({ month: data.months[item.index], category: chart.data.datasets[item.datasetIndex].slug });
        },
      },
    });
    narrow.addEventListener('change', function () {
      var layout = monthsLayout();
      chart.options.aspectRatio = layout.aspectRatio;
      chart.options.plugins.legend = layout.legend;
      chart.resize();
      chart.update();
    });
    monthsCanvas.setAttribute('data-rendered', String(chart.data.datasets.length));
  }

  var trendCanvas = document.getElementById('chart-trend');
  if (trendCanvas) {
    var trend = new window.Chart(trendCanvas, {
      type: 'line',
      data: {
        labels: data.months,
        datasets: [
          {
            label: 'Income',
            data: data.income.map(function (m) {
              return m / Math.pow(10, digits);
            }),
            borderColor: '#16794c',
            backgroundColor: '#16794c',
          },
          {
            label: 'Spending',
            data: data.spending.map(function (m) {
              return m / Math.pow(10, digits);
            }),
            borderColor: '#c01048',
            backgroundColor: '#c01048',
          },
        ],
      },
      options: {
        animation: false,
        onClick: function (_e, items) {
          if (items.length) go({ month: data.months[items[0].index] });
        },
      },
    });
    trendCanvas.setAttribute('data-rendered', String(trend.data.datasets.length));
  }
})();
