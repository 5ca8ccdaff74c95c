"""The map as one HTML file, in two modes: online (scripts and tiles from CDNs) or offline.

Offline, the Leaflet and leaflet.timeline files vendored in ``data/vendor`` (by
``scripts/build_map_data.py``, licences beside them) are written into the page, there is no
tile layer, and the basemap and SVG icons are in the page already: the file needs no network.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import ClassVar

import folium
from branca.element import Element
from folium.template import Template

from trotsky_geo.maps.elements import LEAFLET_CSS, LEAFLET_JS, TIMELINE_JS

EXPORT_NOTE = "One file: needs internet for map tiles and scripts."
OFFLINE_NOTE = "Offline file: works with no internet (country outlines, no street tiles)."
_VENDORED = {
    LEAFLET_JS[1]: "leaflet.js",
    LEAFLET_CSS[1]: "leaflet.css",
    TIMELINE_JS[1]: "leaflet.timeline.js",
}


class InlineAssets(Element):
    """The vendored scripts and style sheets the page uses, written into its head."""

    _template = Template(
        """{% for css in this.styles %}<style>{{ css }}</style>
{% endfor %}{% for js in this.scripts %}<script>{{ js }}</script>
{% endfor %}"""
    )

    def __init__(self, scripts: list[str], styles: list[str]) -> None:
        super().__init__()
        self._name = "InlineAssets"
        self.scripts = scripts
        self.styles = styles


class JourneyMap(folium.Map):
    """A folium map that loads only Leaflet (markers are SVG: no icon fonts, no Bootstrap).

    ``offline`` inlines every script and style sheet the map's elements declare, from the
    vendored copies, when the page renders.
    """

    default_js: ClassVar[list[tuple[str, str]]] = [LEAFLET_JS]
    default_css: ClassVar[list[tuple[str, str]]] = [LEAFLET_CSS]

    def __init__(self, *, offline: bool = False, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.offline = offline

    def render(self, **kwargs: object) -> None:
        """Render the map; offline, its elements' CDN links become inline copies first."""
        header = self.get_root().header
        if self.offline and "inline_assets" not in header._children:  # once, on first render
            scripts, styles = [], []
            for element in _walk(self):
                scripts += [url for _, url in element.default_js if url not in scripts]
                css = getattr(element, "default_css", [])
                styles += [url for _, url in css if url not in styles]
                element.default_js, element.default_css = [], []
            header.add_child(
                InlineAssets([vendored(url) for url in scripts], [vendored(url) for url in styles]),
                name="inline_assets",
            )
        super().render(**kwargs)


def vendored(url: str) -> str:
    """The text of the vendored copy of a CDN file; a ValueError for a file not vendored."""
    if url not in _VENDORED:
        raise ValueError(f"{url} is not vendored: the offline map cannot use it")
    source = resources.files("trotsky_geo.maps") / "data" / "vendor" / _VENDORED[url]
    text = source.read_text(encoding="utf-8")
    if "</script" in text.lower() or "</style" in text.lower():
        raise ValueError(f"{_VENDORED[url]} would close its inline tag early")
    return text


def save_html(fmap: folium.Map, path: str | Path) -> Path:
    """Write the map as one HTML file (offline or online, as the map was built)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fmap.save(str(target))
    return target


def _walk(element: object) -> Iterator[object]:
    if hasattr(element, "default_js"):
        yield element
    for child in getattr(element, "_children", {}).values():
        yield from _walk(child)
