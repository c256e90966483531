// The map page: incidents from /api/incidents (same filters as the page's query string; without
// a review status only live records, neither merged nor rejected), over the offline base map
// (basemap.js). Towns and points are markers coloured by grade and clustered (a cluster takes the
// colour of its most common grade); districts, regions and countries are drawn as areas.
// Brushing the timeline narrows the map and the list to the dates brushed.
// Every piece of record text reaches the page through textContent, never as markup.
(function () {
  "use strict";
  var GRADES = ["confirmed", "fair", "weak", "contested", "discounted", "single_source"];
  var params = new URLSearchParams(window.location.search);
  Array.from(params.keys()).forEach(function (k) { if (!params.get(k)) params.delete(k); });
  if (!params.has("status")) params.set("live", "true");

  var map = L.map("map", { worldCopyJump: true, minZoom: 1, maxZoom: 12 }).setView([30, 20], 2);
  window.docketMap = map;
  var base = window.docketBasemap(map);

  function gradeOf(grade) { return GRADES.indexOf(grade) >= 0 ? grade : "none"; }

  var cluster = L.markerClusterGroup({
    maxClusterRadius: 40,
    iconCreateFunction: function (group) {
      var counts = {};
      group.getAllChildMarkers().forEach(function (m) {
        counts[m.options.grade] = (counts[m.options.grade] || 0) + 1;
      });
      var top = Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a]; })[0];
      var number = document.createElement("span");
      number.textContent = String(group.getChildCount());
      return L.divIcon({ html: number, className: "marker-cluster cluster grade-" + top, iconSize: [26, 26] });
    },
  });
  map.addLayer(cluster);
  var areas = L.layerGroup().addTo(map);

  function popup(incident) {
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = "/incidents/" + encodeURIComponent(incident.id);
    link.textContent = incident.category.replace(/_/g, " ");
    box.appendChild(link);
    var loc = incident.location || {};
    var lines = [
      (incident.when && (incident.when.start || "")) || "undated",
      (loc.name || loc.text || "") + (loc.precision ? " [" + loc.precision + "]" : ""),
      "grade: " + (incident.grade || "ungraded"),
      (incident.weapons || []).map(function (w) { return w["class"]; }).join(", "),
    ];
    lines.forEach(function (text) {
      if (!text) return;
      var p = document.createElement("div");
      p.textContent = text;
      box.appendChild(p);
    });
    return box;
  }

  function listItem(incident) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = "/incidents/" + encodeURIComponent(incident.id);
    a.textContent = incident.category.replace(/_/g, " ") +
      (incident.location && incident.location.name ? " at " + incident.location.name : "");
    var meta = document.createElement("span");
    meta.className = "meta grade-" + gradeOf(incident.grade);
    meta.textContent = " " + ((incident.when && incident.when.start) || "undated") + " · " +
      (incident.grade || "ungraded");
    li.appendChild(a);
    li.appendChild(meta);
    return li;
  }

  function areaPopup(members) {
    var box = document.createElement("div");
    members.forEach(function (incident) { box.appendChild(popup(incident)); });
    return box;
  }

  var shown = [];  // [incident, list item, marker or null, key of its area or null]
  var shared = {};  // area key -> {members, layer (a promise)}
  function draw(items) {
    var list = document.getElementById("list");
    var placed = [];
    items.forEach(function (incident) {
      var item = listItem(incident);
      list.appendChild(item);
      var loc = incident.location;
      var entry = [incident, item, null, null];
      shown.push(entry);
      if (!loc) return;
      var areal = ["district", "region", "country"].indexOf(loc.precision) >= 0;
      if (areal && (loc.country || loc.lat !== null)) {
        // incidents of one grade in one area share its shape, so the fill says where, not how many
        var key = [loc.precision, loc.country, (loc.name || loc.text || "").toLowerCase(),
          gradeOf(incident.grade)].join("|");
        if (!shared[key]) {
          var members = [];
          shared[key] = { members: members, layer: base.area(loc, gradeOf(incident.grade), areas)
            .then(function (layer) {
              if (layer) layer.bindPopup(function () { return areaPopup(members); });
              return layer;
            }) };
        }
        shared[key].members.push(incident);
        entry[3] = key;
        if (loc.lat !== null && loc.lat !== undefined) placed.push([loc.lat, loc.lon]);
        return;
      }
      if (loc.lat === null || loc.lat === undefined || loc.lon === null) return;
      var grade = gradeOf(incident.grade);
      var icon = L.divIcon({ className: "pin grade-" + grade, iconSize: [14, 14] });
      var marker = L.marker([loc.lat, loc.lon], { icon: icon, title: incident.id, grade: grade });
      marker.bindPopup(popup(incident));
      cluster.addLayer(marker);
      entry[2] = marker;
      placed.push([loc.lat, loc.lon]);
    });
    return placed;
  }

  // Keep what starts in [from, to) (ISO dates; null: the whole range) on the map and the list.
  window.docketShowRange = function (from, to) {
    var count = 0;
    var kept = {};  // area key -> whether any of its incidents is kept
    shown.forEach(function (entry) {
      var start = entry[0].when && entry[0].when.start;
      var keep = from === null || (start && start >= from && start < to);
      entry[1].hidden = !keep;
      if (keep) count++;
      if (entry[2]) {
        if (keep && !cluster.hasLayer(entry[2])) cluster.addLayer(entry[2]);
        if (!keep && cluster.hasLayer(entry[2])) cluster.removeLayer(entry[2]);
      }
      if (entry[3]) kept[entry[3]] = kept[entry[3]] || keep;
    });
    Object.keys(kept).forEach(function (key) {
      shared[key].layer.then(function (layer) {
        if (!layer) return;
        if (kept[key] && !areas.hasLayer(layer)) areas.addLayer(layer);
        if (!kept[key] && areas.hasLayer(layer)) areas.removeLayer(layer);
      });
    });
    document.body.dataset.visible = String(count);
    var note = document.getElementById("brushed");
    note.textContent = from === null ? "" : count + " between " + from + " and " + to + " (brushed)";
  };

  var query = params.toString();
  fetch("/api/incidents?limit=5000&" + query, { credentials: "same-origin" })
    .then(function (r) { return r.json(); })
    .then(function (page) {
      var items = page.items || [];
      var placed = draw(items);
      var summary = document.getElementById("summary");
      summary.textContent = page.total + " incident" + (page.total === 1 ? "" : "s") +
        " match" + (params.has("live") ? " (live records: merged and rejected left out)" : "") +
        "; " + placed.length + " on the map" +
        (items.length < page.total ? "; the list and map show the first " + items.length : "") + ".";
      document.body.dataset.markers = String(placed.length);
      document.body.dataset.visible = String(items.length);
      if (placed.length) {
        map.fitBounds(L.latLngBounds(placed).pad(0.6), { maxZoom: 8, animate: false });
      }
    });

  fetch("/api/incidents/timeline?" + query, { credentials: "same-origin" })
    .then(function (r) { return r.json(); })
    .then(function (data) {
      window.docketTimeline(document.getElementById("timeline"), document.getElementById("legend"),
        data, window.docketShowRange);
    });

  // "Filter to map view": put the visible box into the bbox filter and submit.
  var form = document.getElementById("filters");
  var button = document.createElement("button");
  button.type = "button";
  button.textContent = "Filter to map view";
  button.addEventListener("click", function () {
    var b = map.getBounds();
    form.elements.bbox.value = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]
      .map(function (v) { return Math.max(-180, Math.min(180, v)).toFixed(4); }).join(",");
    form.submit();
  });
  form.appendChild(button);
})();
