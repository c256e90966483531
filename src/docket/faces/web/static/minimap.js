// The incident page's small map: the place drawn as precisely as it is known (see basemap.js).
(function () {
  "use strict";
  var box = document.getElementById("minimap");
  if (!box) return;
  var d = box.dataset;
  var place = {
    lat: d.lat === "" ? null : Number(d.lat), lon: d.lon === "" ? null : Number(d.lon),
    precision: d.precision, country: d.country || null, name: d.name,
  };
  var map = L.map(box, { minZoom: 1, maxZoom: 12, scrollWheelZoom: false });
  window.docketMap = map;
  var zoom = { point: 10, town: 9, district: 8, region: 6, country: 5 }[place.precision] || 6;
  map.setView(place.lat !== null ? [place.lat, place.lon] : [30, 20], place.lat !== null ? zoom : 2);
  var base = window.docketBasemap(map);
  var layer = L.layerGroup().addTo(map);
  base.area(place, d.grade, layer).then(function (drawn) {
    if (drawn && drawn.getBounds) map.fitBounds(drawn.getBounds(), { maxZoom: zoom });
    if (!drawn && place.lat !== null) {
      L.marker([place.lat, place.lon], { title: place.name }).addTo(layer);
    }
    document.body.dataset.minimap = drawn ? "area" : "marker";
  });
})();
