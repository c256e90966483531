"""Representative points of areas, from the points or outlines docket has of them.

A division (state, province) is known to the gazetteer only through its towns; its point is the
centroid of the area their convex hull covers, which follows the shape of the division rather
than where most people live (Queensland's towns crowd its coast; the middle of their extent or
their mean would put Queensland on the coast too). Coordinates are treated on a plane whose
longitudes are shrunk by the cosine of the latitude, so that an area far from the equator is not
stretched; areas here are at most a few thousand kilometres across, for which this is close.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

Point = tuple[float, float]  # (lat, lon)


def middle(points: Sequence[Point], trim: float = 0.0) -> Point:
    """The middle of the extent of ``points`` (ignoring the ``trim`` share at each end)."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    cut = int(len(points) * trim)
    lo, hi = cut, len(points) - 1 - cut
    return (lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2


def _cross(o: Point, a: Point, b: Point) -> float:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def convex_hull(points: Sequence[Point]) -> list[Point]:
    """The convex hull of planar ``(x, y)`` points, counter-clockwise (Andrew's monotone chain)."""
    pts = sorted(set(points))
    if len(pts) < 3:
        return pts
    lower: list[Point] = []
    for p in pts:
        while len(lower) >= 2 and _cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: list[Point] = []
    for p in reversed(pts):
        while len(upper) >= 2 and _cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def polygon_centroid(ring: Sequence[Point]) -> tuple[float, float, float]:
    """Signed area and centroid ``(area, x, y)`` of a planar ring (shoelace formula)."""
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, [*ring[1:], ring[0]], strict=True):
        c = x1 * y2 - x2 * y1
        area += c
        cx += (x1 + x2) * c
        cy += (y1 + y2) * c
    if area == 0:
        return 0.0, sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring)
    return area / 2, cx / (3 * area), cy / (3 * area)


def hull_centroid(points: Sequence[Point]) -> Point:
    """The centroid of the area covered by the convex hull of ``(lat, lon)`` points; the middle
    of their extent when they cover no area (fewer than three, or all in a line)."""
    if len(points) < 3:
        return middle(points)
    lat0 = sum(p[0] for p in points) / len(points)
    lon0 = middle(points)[1]
    scale = math.cos(math.radians(lat0)) or 1e-9
    plane = [((lon - lon0) * scale, lat) for lat, lon in points]
    hull = convex_hull(plane)
    if len(hull) < 3:
        return middle(points)
    area, x, y = polygon_centroid(hull)
    if abs(area) < 1e-9:
        return middle(points)
    return y, lon0 + x / scale
