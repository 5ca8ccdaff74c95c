"""Corrected stops marked on the map: a ring around each, its popup saying what the text says."""

from __future__ import annotations

from collections.abc import Iterable

import folium
import jinja2
from branca.element import MacroElement
from jinja2 import Template

from trotsky_geo.corrections import Corrected, reading
from trotsky_geo.events import EventKind

MARK_COLOUR = "#d81b60"
MARK_RADIUS_PX = 19

_POPUP = jinja2.Environment(autoescape=True).from_string(
    """<div class="tg-corrected" style="max-width:320px;font-size:13px;line-height:1.35">
<div><b style="color:{{ colour }}">corrected</b>; the text says
<blockquote style="margin:3px 0 3px 6px;padding-left:6px;border-left:3px solid #ccc">\
{{ sentence }}</blockquote></div>
<div>read as: {{ was }}</div><div>now: {{ now }}</div>
{% if note %}<div>note: {{ note }}</div>{% endif %}</div>"""
)


# folium puts popup HTML inside a JavaScript template literal: "${", "`" and "\\" must not
# reach it as themselves, or text from the biography would run as script.
_TEMPLATE_LITERAL = str.maketrans({"$": "&#36;", "`": "&#96;", "\\": "&#92;"})


def corrected_popup(sentence: str, was: str, now: str, note: str) -> str:
    """The popup of a corrected stop as escaped HTML, safe inside a JavaScript template."""
    html = _POPUP.render(colour=MARK_COLOUR, sentence=sentence, was=was, now=now, note=note)
    return html.translate(_TEMPLATE_LITERAL)


class TextPopup(MacroElement):
    """A popup bound from a JSON string: no jQuery (which the journey's maps no longer load)
    and no JavaScript template literal for the text to escape from."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.bindPopup({{ this.html|tojson }}, {{ this.options|tojson }});
        {% endmacro %}"""
    )

    def __init__(self, html: str, *, max_width: int) -> None:
        super().__init__()
        self._name = "TextPopup"
        self.html = html
        self.options = {"maxWidth": max_width}


def mark_corrections(
    layer: folium.FeatureGroup,
    corrected: Corrected,
    *,
    year: int,
    kinds: Iterable[EventKind | str] | None = None,
) -> folium.FeatureGroup:
    """Add a dashed ring to ``layer`` at every corrected event reached by ``year``."""
    chosen = None if kinds is None else {EventKind(kind) for kind in kinds}
    for row in corrected.rows:
        event = row.event
        if not row.kept or row.status != "corrected" or event.when.start.year > year:
            continue
        if chosen is not None and event.kind not in chosen:
            continue
        was = "added by hand" if row.original is None else reading(row.original)
        html = corrected_popup(event.evidence.sentence, was, reading(event), row.note)
        folium.CircleMarker(
            location=(event.place.lat, event.place.lon),
            radius=MARK_RADIUS_PX,
            color=MARK_COLOUR,
            weight=2,
            dash_array="4 4",
            fill=False,
            tooltip="corrected",
            class_name="tg-corrected-mark",
        ).add_child(TextPopup(html, max_width=340)).add_to(layer)
    return layer
