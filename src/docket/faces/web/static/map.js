// The map page: incidents from /api/incidents (same filters as the page's query string), drawn
// over country outlines shipped with the app (no tile server), coloured by grade, clustered.
// Every piece of record text reaches the page through textContent, never as markup.
(function () {
  "use strict";
  var GRADES = ["confirmed", "fair", "weak", "contested", "discounted", "single_source"];
  var params = new URLSearchParams(window.location.search);
  Array.from(params.keys()).forEach(function (k) { if (!params.get(k)) params.delete(k); });

  var map = L.map("map", { worldCopyJump: true, minZoom: 1, maxZoom: 12 }).setView([30, 20], 2);
  window.docketMap = map;
  map.attributionControl.addAttribution("Country outlines: Natural Earth (public domain)");
  fetch("/static/vendor/world-atlas/countries-50m.json")
    .then(function (r) { return r.json(); })
    .then(function (topo) {
      var countries = topojson.feature(topo, topo.objects.countries);
      L.geoJSON(countries, {
        style: { color: "#7a8590", weight: 0.8, fillColor: "#f3f1ea", fillOpacity: 1 },
        interactive: false,
      }).addTo(map).bringToBack();
    });

  var cluster = L.markerClusterGroup({ maxClusterRadius: 40 });
  map.addLayer(cluster);

  function gradeClass(grade) {
    return "grade-" + (GRADES.indexOf(grade) >= 0 ? grade : "none");
  }

  function popup(incident) {
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = "/incidents/" + encodeURIComponent(incident.id);
    link.textContent = incident.category.replace(/_/g, " ");
    box.appendChild(link);
    var lines = [
      (incident.when && (incident.when.start || "")) || "undated",
      (incident.location && (incident.location.name || incident.location.text)) || "",
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
    meta.className = "meta " + gradeClass(incident.grade);
    meta.textContent = " " + ((incident.when && incident.when.start) || "undated") + " · " +
      (incident.grade || "ungraded");
    li.appendChild(a);
    li.appendChild(meta);
    return li;
  }

  var query = params.toString();
  fetch("/api/incidents?limit=5000&" + query, { credentials: "same-origin" })
    .then(function (r) { return r.json(); })
    .then(function (page) {
      var list = document.getElementById("list");
      var placed = [];
      (page.items || []).forEach(function (incident) {
        list.appendChild(listItem(incident));
        var loc = incident.location;
        if (!loc || loc.lat === null || loc.lat === undefined || loc.lon === null) return;
        var icon = L.divIcon({ className: "pin " + gradeClass(incident.grade), iconSize: [14, 14] });
        var marker = L.marker([loc.lat, loc.lon], { icon: icon, title: incident.id });
        marker.bindPopup(popup(incident));
        cluster.addLayer(marker);
        placed.push([loc.lat, loc.lon]);
      });
      var summary = document.getElementById("summary");
      summary.textContent = page.total + " incident" + (page.total === 1 ? "" : "s") +
        " match; " + placed.length + " on the map.";
      document.body.dataset.markers = String(placed.length);
      if (placed.length) map.fitBounds(L.latLngBounds(placed).pad(0.6), { maxZoom: 8 });
    });

  fetch("/api/incidents/timeline?" + query, { credentials: "same-origin" })
    .then(function (r) { return r.json(); })
    .then(function (data) { window.docketTimeline(document.getElementById("timeline"), document.getElementById("legend"), data); });

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
