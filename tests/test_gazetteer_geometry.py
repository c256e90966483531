"""Representative points of areas (docket.knowledge.gazetteer.geometry and .outlines)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docket.knowledge.gazetteer.geometry import convex_hull, hull_centroid, middle, polygon_centroid
from docket.knowledge.gazetteer.outlines import country_outlines, division_points, grid_points
from docket.knowledge.gazetteer.store import load_gazetteer
from docket.resolve.places.ranking import distance_km


def test_hull_of_a_square_with_inner_points_is_its_corners():
    points = [(0.0, 0.0), (2.0, 0.0), (2.0, 2.0), (0.0, 2.0), (1.0, 1.0), (0.5, 1.5), (2.0, 1.0)]
    assert sorted(convex_hull(points)) == [(0.0, 0.0), (0.0, 2.0), (2.0, 0.0), (2.0, 2.0)]


def test_centroid_and_area_of_a_rectangle():
    area, x, y = polygon_centroid([(0.0, 0.0), (4.0, 0.0), (4.0, 2.0), (0.0, 2.0)])
    assert (abs(area), x, y) == (8.0, 2.0, 1.0)


def test_towns_crowding_one_coast_do_not_pull_the_point_there():
    # an area 10 x 10 degrees near the equator, with four towns at its corners and fifty along its
    # eastern edge: the mean of the towns sits near that edge, the hull centroid in the middle
    corners = [(0.0, 0.0), (0.0, 10.0), (10.0, 0.0), (10.0, 10.0)]
    coast = [(i / 5, 9.9) for i in range(50)]
    lat, lon = hull_centroid(corners + coast)
    mean_lon = sum(p[1] for p in corners + coast) / 54
    assert abs(lat - 5.0) < 0.1 and abs(lon - 5.0) < 0.1
    assert mean_lon > 9


def test_few_or_aligned_points_fall_back_to_the_middle_of_their_extent():
    assert hull_centroid([(1.0, 1.0), (3.0, 5.0)]) == (2.0, 3.0)
    assert hull_centroid([(0.0, 0.0), (1.0, 1.0), (2.0, 2.0)]) == middle(
        [(0.0, 0.0), (1.0, 1.0), (2.0, 2.0)]
    )


@given(
    st.lists(
        st.tuples(st.floats(-60, 60), st.floats(-170, 170)),
        min_size=1,
        max_size=40,
    )
)
def test_the_point_lies_within_the_extent_of_the_towns(points):
    lat, lon = hull_centroid(points)
    assert math.isfinite(lat) and math.isfinite(lon)
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    assert min(lats) - 1e-6 <= lat <= max(lats) + 1e-6
    assert min(lons) - 1e-6 <= lon <= max(lons) + 1e-6


# --- areas of divisions drawn from a country outline and the divisions' towns (outlines.py) ---

SQUARE = [[(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)]]  # (lon, lat), 10 x 10 degrees


def test_grid_points_fill_a_polygon_and_leave_its_hole_out():
    full = grid_points([SQUARE], step=0.5)
    assert len(full) == 400
    holed = grid_points([[SQUARE[0], [(4.0, 4.0), (6.0, 4.0), (6.0, 6.0), (4.0, 6.0)]]], step=0.5)
    assert len(holed) == 400 - 16
    assert all(not (4 < lat < 6 and 4 < lon < 6) for lat, lon in holed)


def test_divisions_share_out_the_whole_country_not_just_where_their_towns_are():
    # division A has its towns crowded on the western edge, B in the south-east corner: A's area
    # reaches far east of its towns, so its centre lies well inside the country
    towns = {
        "A": [(lat, 0.2) for lat in (2.0, 4.0, 6.0, 8.0, 9.5)],
        "B": [(1.0, 9.0), (1.5, 9.5), (0.5, 8.5)],
    }
    points = division_points([SQUARE], towns, step=0.25)
    assert points["A"][1] > 3.0  # east of every one of its towns
    assert points["B"][0] < 5.0 and points["B"][1] > 6.0  # its own south-eastern part


def test_a_stray_town_filed_under_the_wrong_division_claims_no_land():
    a = [(lat, lon) for lat in (1.0, 2.0, 3.0) for lon in (1.0, 2.0, 3.0)]
    b = [(lat, lon) for lat in (7.0, 8.0, 9.0) for lon in (7.0, 8.0, 9.0)]
    stray = (8.5, 8.5)  # among B's towns, filed under A
    with_stray = division_points([SQUARE], {"A": [*a, stray], "B": b}, step=0.25)
    without = division_points([SQUARE], {"A": a, "B": b}, step=0.25)
    assert distance_km(*with_stray["A"], *without["A"]) < 1


def test_country_outlines_hold_the_countries():
    outlines = country_outlines()
    assert {"US", "FR", "RU", "AU", "CA", "AZ"} <= outlines.keys()
    assert len(grid_points(outlines["AZ"], step=0.1)) > 500  # about 86,600 km2


@pytest.mark.parametrize(
    ("name", "country", "centre", "within"),
    [
        # the centre of each division's area, approximately (atlas reading)
        ("Ontario", "CA", (50.0, -86.0), 250),
        ("Brittany", "FR", (48.2, -2.9), 150),  # France's overseas outlines are not shared out
        ("Hebei", "CN", (39.0, 116.0), 250),  # towns filed under Hebei in Tibet are strays
    ],
)
def test_a_division_is_placed_in_the_middle_of_its_area(name, country, centre, within):
    places = [
        c.place
        for c in load_gazetteer().lookup(name)
        if c.place.kind == "admin1" and c.place.country == country
    ]
    assert len(places) == 1
    assert distance_km(places[0].lat, places[0].lon, *centre) < within
