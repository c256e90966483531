// Incidents per period (week, month or year, as the store chose so that nothing is left out)
// stacked by category, as inline SVG. Drag across the bars to brush a range: the map and the
// list keep what starts in it (onRange(from, to)); "Zoom to brushed" redraws the chart over
// that range, "Whole range" goes back.
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

  function button(text, onClick) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = text;
    b.addEventListener("click", onClick);
    return b;
  }

  function nextPeriod(iso, unit) {
    var d = new Date(iso + "T00:00:00Z");
    if (unit === "week") d.setUTCDate(d.getUTCDate() + 7);
    else if (unit === "month") d.setUTCMonth(d.getUTCMonth() + 1);
    else d.setUTCFullYear(d.getUTCFullYear() + 1);
    return d.toISOString().slice(0, 10);
  }

  window.docketTimeline = function (box, legend, data, onRange) {
    var periods = data.periods || data.weeks || [];
    var unit = data.bin || "week";
    var categories = Object.keys(data.series || {});
    var view = [0, periods.length];  // the periods drawn: [first, last)
    var brushed = null;  // [first, last) in period indexes

    function render() {
      box.textContent = "";
      if (!periods.length) {
        box.textContent = "No dated incidents." + (data.undated ? " (" + data.undated + " undated)" : "");
        return;
      }
      var first = view[0], count = view[1] - view[0];
      var width = 320, height = 150, left = 24, bottom = 22;
      var totals = [];
      for (var i = first; i < view[1]; i++) {
        totals.push(categories.reduce(function (sum, c) { return sum + data.series[c][i]; }, 0));
      }
      var top = Math.max.apply(null, totals.concat([1]));
      var bar = (width - left) / count;
      var svg = el("svg", { viewBox: "0 0 " + width + " " + height, role: "img", "class": "timeline" });
      svg.appendChild(el("title", {}, "Incidents per " + unit + " by category"));
      svg.appendChild(el("text", { x: 0, y: 10, "font-size": 9 }, String(top)));
      svg.appendChild(el("line", { x1: left, y1: height - bottom, x2: width, y2: height - bottom, stroke: "#555" }));
      for (var k = 0; k < count; k++) {
        var y = height - bottom;
        categories.forEach(function (c, n) {
          var value = data.series[c][first + k];
          if (!value) return;
          var h = Math.max(2, (value / top) * (height - bottom - 14));
          y -= h;
          var rect = el("rect", { x: left + k * bar + (bar > 3 ? 0.5 : 0), y: y,
            width: Math.max(2, bar - (bar > 3 ? 1 : 0)), height: h, fill: PALETTE[n % PALETTE.length],
            "data-period": periods[first + k], "data-category": c });
          rect.appendChild(el("title", {}, unit + " of " + periods[first + k] + ": " + value + " " + c.replace(/_/g, " ")));
          svg.appendChild(rect);
        });
      }
      var step = Math.ceil(count / 4);
      for (var t = 0; t < count; t += step) {
        svg.appendChild(el("text", { x: left + t * bar, y: height - 8, "font-size": 8 }, periods[first + t]));
      }
      var shade = el("rect", { "class": "brush", y: 0, height: height - bottom, x: 0, width: 0,
        fill: "#4575b4", "fill-opacity": 0.2 });
      svg.appendChild(shade);
      if (brushed) {
        shade.setAttribute("x", left + (brushed[0] - first) * bar);
        shade.setAttribute("width", (brushed[1] - brushed[0]) * bar);
      }
      function indexAt(event) {
        var r = svg.getBoundingClientRect();
        var x = (event.clientX - r.left) * width / r.width;
        return first + Math.max(0, Math.min(count - 1, Math.floor((x - left) / bar)));
      }
      var anchor = null;
      svg.addEventListener("mousedown", function (event) { anchor = indexAt(event); event.preventDefault(); });
      svg.addEventListener("mousemove", function (event) {
        if (anchor === null) return;
        var at = indexAt(event);
        brushed = [Math.min(anchor, at), Math.max(anchor, at) + 1];
        shade.setAttribute("x", left + (brushed[0] - first) * bar);
        shade.setAttribute("width", (brushed[1] - brushed[0]) * bar);
      });
      svg.addEventListener("mouseup", function (event) {
        if (anchor === null) return;
        var at = indexAt(event);
        brushed = [Math.min(anchor, at), Math.max(anchor, at) + 1];
        anchor = null;
        apply();
      });
      box.appendChild(svg);
      var tools = document.createElement("div");
      tools.className = "timeline-tools";
      tools.appendChild(button("Zoom to brushed", function () {
        if (brushed) { view = brushed.slice(); render(); }
      }));
      tools.appendChild(button("Whole range", function () {
        view = [0, periods.length]; brushed = null; render(); apply();
      }));
      var said = document.createElement("span");
      said.className = "note";
      said.id = "timeline-range";
      said.textContent = count + " " + unit + (count === 1 ? "" : "s") + " from " + periods[first] +
        "; every dated incident is counted" + (data.undated ? ", " + data.undated + " undated not shown" : "");
      tools.appendChild(said);
      box.appendChild(tools);
    }

    function apply() {
      if (!onRange) return;
      if (!brushed) { onRange(null, null); return; }
      onRange(periods[brushed[0]], nextPeriod(periods[brushed[1] - 1], unit));
    }

    // for tests and keyboard users: brush by period dates
    window.docketBrush = function (fromIso, toIso) {
      var a = periods.findIndex(function (p) { return p >= fromIso; });
      var b = periods.findIndex(function (p) { return p > toIso; });
      brushed = [Math.max(0, a), b < 0 ? periods.length : b];
      render();
      apply();
    };

    render();
    legend.textContent = "";
    categories.forEach(function (c, k) {
      var item = document.createElement("span");
      var swatch = document.createElement("i");
      swatch.style.background = PALETTE[k % PALETTE.length];
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(c.replace(/_/g, " ")));
      legend.appendChild(item);
    });
  };
})();
