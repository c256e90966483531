"""Country outlines, and the areas of first-level divisions drawn from them and their towns.

The outlines are Natural Earth's Admin 0 countries at 1:50m (version 4.1.0, public domain), the
TopoJSON file the web map already ships (``faces/web/static/vendor/world-atlas/countries-50m.json``,
from the npm package world-atlas 2.0.2; see ``vendor/SOURCES.md`` there). docket has no outlines of
states and provinces, only their towns; so each division's area is taken as the part of its
country nearer to its own towns than to any other division's (the Voronoi cells of the towns,
clipped to the country outline), sampled on a grid, and the division is placed at the centre of
that area. Unlike the towns' middle or hull, this reaches into the parts of a division where no
town stands (northern Ontario, western Queensland).
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
VENDOR = HERE.parent.parent / "faces" / "web" / "static" / "vendor"
OUTLINES = VENDOR / "world-atlas" / "countries-50m.json"
STEP = 0.1  # grid step in degrees (about 11 km)

Ring = list[tuple[float, float]]  # (lon, lat), longitudes continuous across the antimeridian
Polygon = list[Ring]  # outer ring, then holes


def _unwrap(ring: Ring) -> Ring:
    out = [ring[0]]
    for lon, lat in ring[1:]:
        prev = out[-1][0]
        while lon - prev > 180:
            lon -= 360
        while lon - prev < -180:
            lon += 360
        out.append((lon, lat))
    return out


def country_outlines(path: Path = OUTLINES) -> dict[str, list[Polygon]]:
    """ISO 3166-1 alpha-2 code -> the polygons of the country (features without an ISO numeric
    code, such as Somaliland or Northern Cyprus, are left out)."""
    import pycountry

    data = json.loads(path.read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = data["transform"]["scale"], data["transform"]["translate"]
    arcs: list[Ring] = []
    for arc in data["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes: Sequence[int]) -> Ring:
        out: Ring = []
        for i in indexes:
            points = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(points if not out else points[1:])
        return _unwrap(out)

    found: dict[str, list[Polygon]] = defaultdict(list)
    for geometry in data["objects"]["countries"]["geometries"]:
        code = geometry.get("id")
        record = pycountry.countries.get(numeric=code) if code else None
        if record is None:
            continue
        kind, parts = geometry["type"], geometry.get("arcs", [])
        polygons = [parts] if kind == "Polygon" else parts if kind == "MultiPolygon" else []
        found[record.alpha_2].extend([ring(r) for r in polygon] for polygon in polygons)
    return dict(found)


def grid_points(polygons: Sequence[Polygon], step: float = STEP) -> list[tuple[float, float]]:
    """The ``(lat, lon)`` centres of the grid cells inside ``polygons`` (even-odd rule, so holes
    stay out), found row by row where each row crosses the rings."""
    import numpy as np

    cells: list[tuple[float, float]] = []
    for polygon in polygons:
        edges = []
        for r in polygon:
            arr = np.asarray(r, dtype=float)
            edges.append(np.hstack([arr, np.roll(arr, -1, axis=0)]))
        e = np.vstack(edges)
        x1, y1, x2, y2 = e[:, 0], e[:, 1], e[:, 2], e[:, 3]
        low, high = float(min(y1.min(), y2.min())), float(max(y1.max(), y2.max()))
        row = math.floor(low / step)
        while (lat := (row + 0.5) * step) < high:
            row += 1
            crossing = ((y1 <= lat) & (y2 > lat)) | ((y2 <= lat) & (y1 > lat))
            if not crossing.any():
                continue
            a1, b1, a2, b2 = x1[crossing], y1[crossing], x2[crossing], y2[crossing]
            xs = np.sort(a1 + (lat - b1) * (a2 - a1) / (b2 - b1))
            for a, b in zip(xs[0::2], xs[1::2], strict=False):
                first, last = math.ceil(a / step - 0.5), math.floor(b / step - 0.5)
                cells.extend((lat, (k + 0.5) * step) for k in range(first, last + 1))
    return cells


def _vectors(points: Sequence[tuple[float, float]]) -> Any:
    import numpy as np

    arr = np.radians(np.asarray(points, dtype=float))
    lat, lon = arr[:, 0], arr[:, 1]
    return np.column_stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)])


def _holds_a_town(polygon: Polygon, towns: Sequence[tuple[float, float]]) -> bool:
    """Whether a town lies within the extent of ``polygon`` (half a degree around it): an
    outline's overseas parts whose towns GeoNames files under another code (French Guiana,
    Svalbard, the Caribbean Netherlands) must not be shared out among the home divisions."""
    lons = [p[0] for p in polygon[0]]
    lats = [p[1] for p in polygon[0]]
    south, north, west, east = min(lats) - 0.5, max(lats) + 0.5, min(lons) - 0.5, max(lons) + 0.5
    return any(
        south <= lat <= north and (west <= lon <= east or west <= lon + 360 <= east)
        for lat, lon in towns
    )


def _strays(towns: Mapping[str, Sequence[tuple[float, float]]], k: int = 6) -> set[tuple[str, int]]:
    """The towns filed under a division that fewer than a third of their ``k`` nearest towns are
    in: GeoNames files a few towns under the wrong division ("Hebei" towns in Tibet), and a stray
    in an empty land would claim all of it. (A town on a border has its own division's towns on
    one side: a majority rule cut Alberta's and British Columbia's border towns.) Divisions of
    fewer than ``k`` towns keep them all."""
    from scipy.spatial import cKDTree

    labels = [(name, i) for name, points in towns.items() for i in range(len(points))]
    if len(labels) <= k:
        return set()
    vectors = _vectors([towns[name][i] for name, i in labels])
    _, near = cKDTree(vectors).query(vectors, k=k + 1)
    strays = set()
    for row, (name, i) in enumerate(labels):
        if len(towns[name]) < k:
            continue
        same = sum(labels[j][0] == name for j in near[row][1:])
        if 3 * same < k:
            strays.add((name, i))
    return strays


def division_points(
    polygons: Sequence[Polygon],
    towns: Mapping[str, Sequence[tuple[float, float]]],
    step: float = STEP,
) -> dict[str, tuple[float, float]]:
    """For divisions of one country, each given by its towns' ``(lat, lon)``, the centre of the
    part of the country's outline nearer to its towns than to other divisions' towns. A division
    that gets no grid cell (smaller than a cell, or off the outline) is left out."""
    import numpy as np
    from scipy.spatial import cKDTree

    strays = _strays(towns)
    core = {
        name: [p for i, p in enumerate(points) if (name, i) not in strays]
        for name, points in towns.items()
        if points
    }
    core = {name: points for name, points in core.items() if points}
    names = list(core)
    if not names or not polygons:
        return {}
    owner = np.concatenate([np.full(len(core[n]), i) for i, n in enumerate(names)])
    tree = cKDTree(_vectors([p for n in names for p in core[n]]))
    everywhere = [p for points in core.values() for p in points]
    cells = grid_points([poly for poly in polygons if _holds_a_town(poly, everywhere)], step)
    if not cells:
        return {}
    vectors = _vectors(cells)
    _, nearest = tree.query(vectors)
    weights = np.cos(np.radians(np.asarray(cells)[:, 0]))  # the area of each cell
    sums = np.zeros((len(names), 3))
    np.add.at(sums, owner[nearest], vectors * weights[:, None])
    points = {}
    for i, name in enumerate(names):
        x, y, z = sums[i]
        norm = math.sqrt(x * x + y * y + z * z)
        if norm > 0:
            points[name] = (math.degrees(math.asin(z / norm)), math.degrees(math.atan2(y, x)))
    return points


def inside(polygons: Sequence[Polygon], lat: float, lon: float) -> bool:
    """Whether the point lies in ``polygons`` (even-odd rule over every ring, holes out; rings'
    longitudes may run past 180, so the point is also tried 360 degrees east and west)."""
    for polygon in polygons:
        for x in (lon, lon + 360.0, lon - 360.0):
            crossings = 0
            for r in polygon:
                for (x1, y1), (x2, y2) in zip(r, r[1:] + r[:1], strict=True):
                    if (y1 <= lat) != (y2 <= lat) and x < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                        crossings += 1
            if crossings % 2:
                return True
    return False
