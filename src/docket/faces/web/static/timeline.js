// A stacked bar chart of incidents per week by category, drawn as inline SVG (no library).
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2",
    "#7f7f7f", "#bcbd22", "#17becf"];

  function el(name, attrs, text) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  window.docketTimeline = function (box, legend, data) {
    box.textContent = "";
    legend.textContent = "";
    var weeks = data.weeks || [];
    var categories = Object.keys(data.series || {});
    if (!weeks.length) {
      box.textContent = "No dated incidents." + (data.undated ? " (" + data.undated + " undated)" : "");
      return;
    }
    var width = 320, height = 140, left = 24, bottom = 20;
    var totals = weeks.map(function (_, i) {
      return categories.reduce(function (sum, c) { return sum + data.series[c][i]; }, 0);
    });
    var top = Math.max.apply(null, totals.concat([1]));
    var bar = (width - left) / weeks.length;
    var svg = el("svg", { viewBox: "0 0 " + width + " " + height, role: "img", "class": "timeline" });
    svg.appendChild(el("title", {}, "Incidents per week by category"));
    svg.appendChild(el("text", { x: 0, y: 10, "font-size": 9 }, String(top)));
    svg.appendChild(el("line", { x1: left, y1: height - bottom, x2: width, y2: height - bottom, stroke: "#555" }));
    weeks.forEach(function (week, i) {
      var y = height - bottom;
      categories.forEach(function (c, k) {
        var n = data.series[c][i];
        if (!n) return;
        var h = (n / top) * (height - bottom - 14);
        y -= h;
        var rect = el("rect", { x: left + i * bar + 1, y: y, width: Math.max(1, bar - 2), height: h,
          fill: PALETTE[k % PALETTE.length], "data-week": week, "data-category": c });
        rect.appendChild(el("title", {}, "week of " + week + ": " + n + " " + c.replace(/_/g, " ")));
        svg.appendChild(rect);
      });
    });
    var step = Math.ceil(weeks.length / 4);
    weeks.forEach(function (week, i) {
      if (i % step) return;
      svg.appendChild(el("text", { x: left + i * bar, y: height - 6, "font-size": 8 }, week));
    });
    box.appendChild(svg);
    categories.forEach(function (c, k) {
      var item = document.createElement("span");
      var swatch = document.createElement("i");
      swatch.style.background = PALETTE[k % PALETTE.length];
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(c.replace(/_/g, " ")));
      legend.appendChild(item);
    });
    if (data.undated) {
      var note = document.createElement("span");
      note.textContent = data.undated + " undated";
      legend.appendChild(note);
    }
  };
})();
