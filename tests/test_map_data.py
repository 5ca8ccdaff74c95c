"""The map's package data is what the build script makes of its npm sources; exports fit."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

import trotsky_geo
from trotsky_geo.maps import build_map, save_html, spatial_precision
from trotsky_geo.maps.basemap import country_outline
from trotsky_geo.maps.geometry import in_polygons

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "trotsky_geo" / "maps" / "data"
NODE_MODULES = ROOT / ".cache" / "cdn" / "node_modules"
OFFLINE_BUDGET = 1_500_000
ONLINE_BUDGET = 300_000


def _build_script():
    script = ROOT / "scripts" / "build_map_data.py"
    spec = importlib.util.spec_from_file_location("build_map_data", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_rebuilt_map_data_equals_the_committed_data(tmp_path):
    if not (NODE_MODULES / "world-atlas" / "package.json").exists():
        pytest.fail(f"{NODE_MODULES} lacks world-atlas: run `bash scripts/browser_deps.sh`")
    written = _build_script().build(NODE_MODULES, tmp_path)
    assert written
    for path in written:
        committed = DATA / path.relative_to(tmp_path)
        assert committed.read_bytes() == path.read_bytes(), f"{committed} is not what is built"
    committed_files = {p.relative_to(DATA) for p in DATA.rglob("*") if p.is_file()}
    assert committed_files == {p.relative_to(tmp_path) for p in written}


def test_every_vendored_file_has_its_licence_beside_it():
    vendor = DATA / "vendor"
    for name in ("leaflet", "leaflet.timeline", "fontawesome", "world-atlas"):
        assert (vendor / f"LICENSE-{name}.txt").stat().st_size > 100


@pytest.mark.parametrize(
    ("code", "inside", "outside"),
    [
        ("FR", (48.86, 2.35), (51.51, -0.13)),  # Paris, not London
        ("FI", (60.17, 24.94), (59.94, 30.31)),  # Helsinki, not Saint Petersburg
        ("MX", (19.43, -99.13), (29.76, -95.37)),  # Mexico City, not Houston
        ("RU", (64.73, 177.5), (-33.87, 151.21)),  # Anadyr across the antimeridian, not Sydney
    ],
)
def test_country_outlines_are_found_by_iso_code(code, inside, outside):
    outline = country_outline(code)
    assert outline
    assert in_polygons(inside, outline)
    assert not in_polygons(outside, outline)


def test_spatial_precision_reads_the_place_type():
    article = trotsky_geo.extract(trotsky_geo.bundled_text())
    precisions = {stop.place.name: spatial_precision(stop.place) for stop in article.stops}
    assert precisions["Finland"] == "country"
    assert precisions["Urals"] == "region"
    assert precisions["Odessa"] == "point"


@pytest.fixture(scope="module")
def article_exports(tmp_path_factory) -> dict[str, str]:
    article = trotsky_geo.extract(trotsky_geo.bundled_text())
    folder = tmp_path_factory.mktemp("exports")
    return {
        mode: save_html(build_map(article, offline=mode == "offline"), folder / f"{mode}.html")
        .read_text(encoding="utf-8")
        for mode in ("online", "offline")
    }


def test_the_exports_of_the_article_fit_their_size_budgets(article_exports):
    assert len(article_exports["offline"].encode()) <= OFFLINE_BUDGET
    assert len(article_exports["online"].encode()) <= ONLINE_BUDGET


def test_the_offline_export_links_nothing_and_the_online_one_only_leaflet(article_exports):
    links = re.compile(r'<(?:script|link)[^>]+(?:src|href)="(https?://[^"]+)"')
    assert links.findall(article_exports["offline"]) == []
    assert "L.tileLayer" not in article_exports["offline"]
    online = set(links.findall(article_exports["online"]))
    assert online and all("leaflet" in url for url in online)
    assert "fontawesome" not in article_exports["online"]
    assert "L.tileLayer" in article_exports["online"]


def test_an_offline_map_rendered_twice_keeps_its_scripts(tmp_path):
    article = trotsky_geo.extract(trotsky_geo.bundled_text())
    fmap = build_map(article, offline=True)
    first = fmap.get_root().render()
    second = fmap.get_root().render()
    assert len(second) == len(first)
    assert second.count("<script>") == first.count("<script>") >= 2
