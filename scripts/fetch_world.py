#!/usr/bin/env python3
"""Build the web map's geometry: src/diplograph/web/static/geo/world-110m.json.

Run at development time, never at run time:

    python scripts/fetch_world.py                      # npm pack world-atlas@2.0.2 in a temp dir
    python scripts/fetch_world.py countries-110m.json  # or use a file you already have

Input: Natural Earth 110m countries as TopoJSON from the npm package ``world-atlas``
(ISC licence, data public domain). Features there carry ISO 3166 numeric ids; we key them
by alpha-3 through ``geo/iso-numeric.csv`` (from the npm package ``i18n-iso-countries``,
MIT), and name the three unnumbered features (Kosovo, N. Cyprus, Somaliland) by our
actor codes. Output: SVG path strings in an equirectangular projection
(x = lon + 180, y = 90 - lat, viewBox 0 0 360 150; Antarctica dropped) plus point
markers from ``geo/markers.csv`` for entities and for states too small for 110m.
"""
from __future__ import annotations

import csv
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

GEO = Path(__file__).resolve().parents[1] / "src" / "diplograph" / "web" / "static" / "geo"
UNNUMBERED = {"Kosovo": "XKX", "N. Cyprus": "TRNC", "Somaliland": "SML"}
SKIP = {"ATA"}
SOUTH = -60.0  # crop: y runs 0..150
SMALL = 25.0  # square degrees: countries smaller than this also get a dot


def fetch_topojson() -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", "world-atlas@2.0.2"], cwd=tmp, check=True,
                       capture_output=True)
        tgz = next(Path(tmp).glob("world-atlas-*.tgz"))
        with tarfile.open(tgz) as tar:
            member = tar.extractfile("package/countries-110m.json")
            assert member is not None
            return json.load(member)


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(ring: list[int], arcs: list) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc[1:] if points else arc)
    return points


def ring_area_centre(pts: list[tuple[float, float]]) -> tuple[float, float, float]:
    """Shoelace area and centroid of a projected ring."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1]):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(a) < 1e-9:
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return abs(a) / 2, cx / (3 * a), cy / (3 * a)


def path_d(polygons: list[list[list[int]]], arcs: list, rings: list | None = None) -> str:
    parts = []
    for polygon in polygons:
        for ring in polygon:
            ring_ll = ring_points(ring, arcs)
            if any(abs(a[0] - b[0]) > 180 for a, b in zip(ring_ll, ring_ll[1:])):
                # crosses the antimeridian (Russia, Fiji): draw it whole past the right edge
                ring_ll = [(lon + 360 if lon < 0 else lon, lat) for lon, lat in ring_ll]
            pts = [(round(lon + 180, 1), round(90 - max(lat, SOUTH), 1)) for lon, lat in ring_ll]
            dedup = [p for i, p in enumerate(pts) if i == 0 or p != pts[i - 1]]
            if len(dedup) < 3:
                continue
            parts.append("M" + "L".join(f"{x:g},{y:g}" for x, y in dedup) + "Z")
            if rings is not None:
                rings.append(dedup)
    return "".join(parts)


def main(argv: list[str]) -> None:
    topo = json.loads(Path(argv[0]).read_text()) if argv else fetch_topojson()
    with open(GEO / "iso-numeric.csv", newline="", encoding="utf-8") as f:
        numeric = {row["numeric"]: row["alpha3"] for row in csv.DictReader(f)}
    with open(GEO / "markers.csv", newline="", encoding="utf-8") as f:
        marker_rows = list(csv.DictReader(f))
    arcs = decode_arcs(topo)
    countries = []
    for geom in topo["objects"]["countries"]["geometries"]:
        name = geom["properties"]["name"]
        code = numeric.get(geom.get("id", "")) or UNNUMBERED.get(name)
        if not code or code in SKIP or "arcs" not in geom:
            continue
        polys = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        rings: list = []
        entry = {"code": code, "name": name, "d": path_d(polys, arcs, rings)}
        measured = [ring_area_centre(r) for r in rings]
        area = sum(m[0] for m in measured)
        if area < SMALL:  # small on the map: a dot at its largest part keeps it visible
            _, x, y = max(measured)
            entry["dot"] = [round(x, 2), round(y, 2)]
        countries.append(entry)
    drawn = {c["code"] for c in countries}
    markers = [{"code": r["code"], "name": r["name"], "kind": r["kind"],
                "x": round(float(r["lon"]) + 180, 2), "y": round(90 - float(r["lat"]), 2)}
               for r in marker_rows if r["kind"] == "entity" or r["code"] not in drawn]
    out = {"source": "Natural Earth 110m via world-atlas 2.0.2; see LICENSE.txt",
           "projection": "equirectangular", "viewBox": [0, 0, 360, 150],
           "countries": sorted(countries, key=lambda c: c["code"]), "markers": markers}
    (GEO / "world-110m.json").write_text(json.dumps(out, separators=(",", ":")) + "\n")
    print(f"{len(countries)} countries, {len(markers)} markers -> {GEO / 'world-110m.json'}")


if __name__ == "__main__":
    main(sys.argv[1:])
