"""Serve the CDN files folium links to from the npm packages in .cache/cdn, for offline browsers.

scripts/browser_deps.sh installs the packages; this module maps each CDN URL to a file in them.
Our maps link Leaflet and leaflet.timeline only; a plain folium map (the benchmark's bare
page) links the rest. Two stylesheets have no npm package of the exact version and are served
empty: Bootstrap 3.0.0's stand-alone ``bootstrap-glyphicons.css`` (no marker here uses
glyphicons) and folium's ``leaflet.awesome.rotate.min.css`` when the installed folium does not
ship it. jsDelivr minifies on request, so a missing ``.min.js`` is served from the ``.js``.
"""

from __future__ import annotations

import json
import mimetypes
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import folium

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / ".cache" / "cdn" / "node_modules"

_JSDELIVR_NPM = re.compile(
    r"^/npm/(?P<package>(?:@[^/@]+/)?[^/@]+)@(?P<version>[^/]+)/(?P<path>.+)$"
)
_TILE = re.compile(r"/\d+/\d+/\d+(?:@2x)?\.png$")

# URL prefix -> (npm package, version, folder inside the package)
_PREFIXES = {
    "https://code.jquery.com/jquery-3.7.1.min.js": ("jquery", "3.7.1", "dist/jquery.min.js"),
    "https://cdnjs.cloudflare.com/ajax/libs/moment.js/2.18.1/": ("moment", "2.18.1", "min/"),
    "https://cdnjs.cloudflare.com/ajax/libs/Leaflet.awesome-markers/2.0.2/images/": (
        "drmonty-leaflet-awesome-markers", "2.0.2", "css/images/",
    ),
}
_AWESOME_MARKERS = "https://cdnjs.cloudflare.com/ajax/libs/Leaflet.awesome-markers/2.0.2/"
_EMPTY_CSS = {
    "https://netdna.bootstrapcdn.com/bootstrap/3.0.0/css/bootstrap-glyphicons.css",
}
_FOLIUM_TEMPLATES = (
    "https://cdn.jsdelivr.net/gh/python-visualization/folium/folium/templates/"
)


@dataclass(frozen=True)
class Served:
    """A response body for one CDN URL."""

    body: bytes
    content_type: str


def is_tile(url: str) -> bool:
    """Whether a URL asks for a map tile: ``…/{z}/{x}/{y}.png`` on any provider."""
    return bool(_TILE.search(urlsplit(url).path))


class CdnCache:
    """The npm packages under one node_modules folder, addressed by CDN URL."""

    def __init__(self, node_modules: Path) -> None:
        self.node_modules = node_modules

    @classmethod
    def default(cls) -> CdnCache:
        """The cache scripts/browser_deps.sh fills; fails with the fix when it is missing."""
        if not (CACHE / "leaflet" / "package.json").exists():
            raise FileNotFoundError(f"{CACHE} is empty: run `bash scripts/browser_deps.sh`")
        return cls(CACHE)

    def resolve(self, url: str) -> Served | None:
        """The file for a CDN URL, or None when this cache does not hold it."""
        url = url.split("?", 1)[0].split("#", 1)[0]
        if url in _EMPTY_CSS:
            return Served(b"", "text/css")
        if url.startswith(_FOLIUM_TEMPLATES):
            shipped = Path(folium.__file__).parent / "templates" / url[len(_FOLIUM_TEMPLATES) :]
            return _served(shipped) or Served(b"", _content_type(url))
        for prefix, (package, version, inside) in _PREFIXES.items():
            if url.startswith(prefix):
                return self._file(package, version, inside + url[len(prefix) :])
        if url.startswith(_AWESOME_MARKERS):
            name = url[len(_AWESOME_MARKERS) :]
            folder = "css/" if name.endswith(".css") else "js/"
            return self._file("drmonty-leaflet-awesome-markers", "2.0.2", folder + name)
        parts = urlsplit(url)
        match = _JSDELIVR_NPM.match(parts.path) if parts.hostname == "cdn.jsdelivr.net" else None
        if match:
            return self._file(match["package"], match["version"], match["path"])
        return None

    def _file(self, package: str, version: str, inside: str) -> Served | None:
        root = self.node_modules / package
        manifest = root / "package.json"
        if not manifest.exists() or json.loads(manifest.read_text())["version"] != version:
            return None
        path = root / inside
        if not path.exists() and inside.endswith(".min.js"):
            path = root / (inside[: -len(".min.js")] + ".js")
        return _served(path)


def _served(path: Path) -> Served | None:
    if not path.is_file():
        return None
    return Served(path.read_bytes(), _content_type(path.name))


def _content_type(name: str) -> str:
    guessed = mimetypes.guess_type(name)[0]
    if name.endswith(".js"):
        return "application/javascript"
    return guessed or "application/octet-stream"


def router(cache: CdnCache, tile: bytes, refused: list[str] | None = None):
    """A Playwright route handler: localhost and inline data through, CDN files from the npm
    copies, a plain tile for map tiles, every other request refused (and listed)."""

    def route(route) -> None:
        url = route.request.url
        host = url.split("/")[2].split(":")[0] if "://" in url else ""
        if url.startswith(("file:", "data:")) or host in ("localhost", "127.0.0.1"):
            route.continue_()
            return
        served = cache.resolve(url)
        if served is not None:
            route.fulfill(
                status=200,
                body=served.body,
                content_type=served.content_type,
                headers={"access-control-allow-origin": "*"},
            )
        elif is_tile(url):
            route.fulfill(status=200, body=tile, content_type="image/png")
        else:
            if refused is not None:
                refused.append(url)
            route.abort()

    return route
