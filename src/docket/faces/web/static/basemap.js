// The offline base map, served by docket itself (no tile server): Natural Earth country outlines
// (1:50m) with their coasts; from zoom 5 the first-level boundaries (Natural Earth 1:10m) of the
// countries in view, named from zoom 6; from zoom 6 the most populous gazetteer towns in view,
// more of them the closer the zoom. window.docketBasemap(map) draws it and returns helpers the
// map and the incident page use to draw a place as precisely as it is known.
(function () {
  "use strict";
  var ADMIN1 = "/static/vendor/natural-earth/admin1/";
  var GRADE_COLOURS = {
    confirmed: "#1a9850", fair: "#91cf60", weak: "#fee08b", contested: "#fc8d59",
    discounted: "#999999", single_source: "#4575b4", none: "#6a3d9a",
  };

  // Rings of world-atlas 2 are not cut at the antimeridian: make longitudes continuous, so a
  // ring crossing it does not draw a band across the world; a ring around a pole is closed
  // along the pole.
  function unwrap(ring) {
    var out = [ring[0].slice()];
    for (var i = 1; i < ring.length; i++) {
      var lon = ring[i][0], prev = out[i - 1][0];
      while (lon - prev > 180) lon -= 360;
      while (lon - prev < -180) lon += 360;
      out.push([lon, ring[i][1]]);
    }
    var drift = out[out.length - 1][0] - out[0][0];
    if (Math.abs(drift) > 180) {
      var pole = out[0][1] < 0 ? -90 : 90;
      out.push([out[out.length - 1][0], pole], [out[0][0], pole]);
    }
    return out;
  }

  function unwrapGeometry(geometry) {
    if (!geometry) return geometry;
    if (geometry.type === "Polygon") geometry.coordinates = geometry.coordinates.map(unwrap);
    if (geometry.type === "MultiPolygon") {
      geometry.coordinates = geometry.coordinates.map(function (p) { return p.map(unwrap); });
    }
    return geometry;
  }

  function fetchJSON(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error(url + ": " + r.status);
      return r.json();
    });
  }

  function label(text, className) {
    var span = document.createElement("span");
    span.className = className;
    span.textContent = text;
    return L.divIcon({ className: "maplabel", html: span, iconSize: null });
  }

  window.docketBasemap = function (map) {
    map.attributionControl.addAttribution(
      "Boundaries: Natural Earth (public domain) · towns: GeoNames via docket's gazetteer");
    map.createPane("outlines").style.zIndex = 250;
    map.createPane("labels").style.zIndex = 450;
    map.getPane("labels").style.pointerEvents = "none";

    fetchJSON("/static/vendor/world-atlas/countries-50m.json").then(function (topo) {
      var countries = topojson.feature(topo, topo.objects.countries);
      countries.features.forEach(function (f) { unwrapGeometry(f.geometry); });
      L.geoJSON(countries, {
        pane: "outlines",
        style: { color: "#7a8590", weight: 0.8, fillColor: "#f3f1ea", fillOpacity: 1 },
        interactive: false,
      }).addTo(map);
    });

    var index = fetchJSON(ADMIN1 + "index.json").then(function (d) { return d.bounds; });
    var files = {};
    function admin1(code) {
      if (!files[code]) {
        files[code] = fetchJSON(ADMIN1 + encodeURIComponent(code) + ".json").then(function (d) {
          d.features.forEach(function (f) { unwrapGeometry(f.geometry); });
          return d;
        });
      }
      return files[code];
    }

    var boundaries = L.layerGroup().addTo(map);
    var drawn = {};
    var names = L.layerGroup().addTo(map);
    var towns = L.layerGroup().addTo(map);
    var townRequest = 0;

    function inView(boxes, view) {
      return boxes.some(function (box) {
        return !(box[0] > view.getEast() || box[2] < view.getWest() ||
          box[1] > view.getNorth() || box[3] < view.getSouth());
      });
    }

    var boundaryRequest = 0;
    function drawBoundaries() {
      var zoom = map.getZoom();
      var asked = ++boundaryRequest;
      if (zoom < 5) {
        boundaries.clearLayers(); names.clearLayers(); drawn = {};
        document.body.dataset.admin1 = "0";
        return;
      }
      var view = map.getBounds();
      index.then(function (bounds) {
        var codes = Object.keys(bounds).filter(function (c) { return inView(bounds[c], view); });
        return Promise.all(codes.map(function (code) {
          return admin1(code).then(function (data) { return [code, data]; });
        }));
      }).then(function (loaded) {
        if (asked !== boundaryRequest) return;  // the map moved on: a later call draws
        names.clearLayers();
        var count = 0;
        loaded.forEach(function (pair) {
          var code = pair[0], data = pair[1];
          if (!drawn[code]) {
            drawn[code] = L.geoJSON(data, {
              pane: "outlines",
              style: { color: "#9a8fa8", weight: 0.7, dashArray: "3 3", fill: false },
              interactive: false,
            }).addTo(boundaries);
          }
          count += data.features.length;
          if (zoom < 6) return;
          data.features.forEach(function (f) {
            var at = f.properties.label;
            if (!at || (f.properties.min_zoom || 0) > zoom + 2) return;
            if (!view.contains(at)) return;
            L.marker(at, { icon: label(f.properties.name, "admin1-label"), pane: "labels",
              interactive: false, keyboard: false }).addTo(names);
          });
        });
        document.body.dataset.admin1 = String(count);
        document.body.dataset.admin1Labels = String(names.getLayers().length);
      });
    }

    function drawTowns() {
      var zoom = map.getZoom();
      var asked = ++townRequest;
      if (zoom < 6) {
        towns.clearLayers();
        document.body.dataset.towns = "0";
        return;
      }
      var b = map.getBounds();
      var box = [Math.max(-180, b.getWest()), Math.max(-90, b.getSouth()),
        Math.min(180, b.getEast()), Math.min(90, b.getNorth())].map(function (v) { return v.toFixed(4); });
      var limit = zoom >= 9 ? 150 : zoom >= 8 ? 80 : 40;
      fetchJSON("/api/places/towns?limit=" + limit + "&bbox=" + box.join(",")).then(function (found) {
        if (asked !== townRequest) return;
        towns.clearLayers();
        var taken = [];  // label boxes already placed, most populous first: no overlaps
        found = found.filter(function (town) {
          var at = map.latLngToContainerPoint([town.lat, town.lon]);
          var box = [at.x, at.y - 8, at.x + 8 + 6.5 * town.name.length, at.y + 6];
          var clash = taken.some(function (b) {
            return box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3];
          });
          if (!clash) taken.push(box);
          return !clash;
        });
        found.forEach(function (town) {
          L.circleMarker([town.lat, town.lon], { radius: 2, color: "#333", weight: 1,
            fillOpacity: 1, interactive: false, pane: "labels" }).addTo(towns);
          L.marker([town.lat, town.lon], { icon: label(town.name, "town-label"), pane: "labels",
            interactive: false, keyboard: false }).addTo(towns);
        });
        document.body.dataset.towns = String(found.length);
      });
    }

    var timer = null;
    map.on("moveend", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { drawBoundaries(); drawTowns(); }, 150);
    });

    // A place drawn as precisely as it is known: a country as its outline (its provinces
    // filled), a region as its province where the name matches one, a district as a 25 km
    // circle, a town or point as a marker (left to the caller). Resolves to the layer drawn,
    // or null for a town or point.
    function area(place, grade, layer) {
      var colour = GRADE_COLOURS[grade] || GRADE_COLOURS.none;
      var style = { color: colour, weight: 2, fillColor: colour, fillOpacity: 0.25 };
      var precision = place.precision;
      if ((precision === "country" || precision === "region") && place.country) {
        return admin1(place.country).then(function (data) {
          var wanted = (place.name || place.text || "").toLowerCase();
          var features = precision === "country" ? data.features : data.features.filter(function (f) {
            return (f.properties.name || "").toLowerCase() === wanted;
          });
          if (!features.length) return circle(place, 100000, style, layer);
          style.stroke = precision !== "country";
          if (precision === "country") style.fillOpacity = 0.18;
          return L.geoJSON({ type: "FeatureCollection", features: features },
            { style: style, interactive: true }).addTo(layer);
        }, function () { return circle(place, 100000, style, layer); });
      }
      if (precision === "district" || precision === "region") {
        return Promise.resolve(circle(place, precision === "district" ? 25000 : 100000, style, layer));
      }
      return Promise.resolve(null);
    }

    function circle(place, metres, style, layer) {
      if (place.lat === null || place.lat === undefined) return null;
      return L.circle([place.lat, place.lon], Object.assign({ radius: metres, dashArray: "4 4" }, style))
        .addTo(layer);
    }

    return { area: area, colours: GRADE_COLOURS, refresh: function () { drawBoundaries(); drawTowns(); } };
  };
})();
