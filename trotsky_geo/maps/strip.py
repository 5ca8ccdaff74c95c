"""The stays as bars: the rows the app's chart draws, and the same strip as SVG for exports.

In an exported map the strip sits under the map, drawn once as SVG (no charting library, so
the file stays small); a line marks the in-map slider's time and follows it, and a click on
a bar moves the slider to that stay.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from branca.element import MacroElement

from trotsky_geo.events import EventKind
from trotsky_geo.itinerary import Itinerary, Stop
from trotsky_geo.maps.areas import area_label
from trotsky_geo.maps.elements import Template
from trotsky_geo.maps.stops import marker_kind, stay_end, stay_label
from trotsky_geo.maps.styles import KIND_STYLES

MIN_BAR_DAYS = 90  # a stay of a day is drawn this long, so it can be seen and clicked
INFERRED_OPACITY = 0.3  # the part of a stay up to the next stop's arrival, not stated
STRIP_PX = 150  # height of the strip under an exported map
YEAR_COLOUR = "#ffc400"


def stay_bars(
    itinerary: Itinerary, kinds: Iterable[EventKind | str] | None = None
) -> list[dict[str, Any]]:
    """Bars of the stops of the chosen kinds: name, kind, colour, dates and arrival year.

    A stop is one bar up to the last date the text gives there, and a second, ``inferred``
    one from there to the next stop's arrival when the text gives no end.
    """
    chosen = None if kinds is None else frozenset(EventKind(kind) for kind in kinds)
    rows = []
    for index, stop in enumerate(itinerary.stops):
        if chosen is not None and not any(event.kind in chosen for event in stop.events):
            continue
        style = KIND_STYLES[marker_kind(stop, chosen)]
        start = stop.arrival.start
        stated = max(e.when.start if e.date_inferred else e.when.end for e in stop.events)
        if not stop.departure_inferred:
            stated = max(stated, stop.departure.end)
        stated = max(stated, start + dt.timedelta(days=MIN_BAR_DAYS))
        parts = [(start, stated, False)]
        if stay_end(stop) > stated:
            parts.append((stated, stay_end(stop), True))
        for begin, end, inferred in parts:
            rows.append(
                {
                    "stop": index,
                    "place": area_label(stop.place, stop.names_written[0]),
                    "kind": style.label,
                    "colour": style.colour,
                    "stay": stay_label(stop),
                    "start": begin.isoformat(),
                    "end": end.isoformat(),
                    "inferred": inferred,
                    "year": start.year,
                }
            )
    return rows


class StaysStrip(MacroElement):
    """The stays under an exported map as SVG bars; a line follows the timeline's time."""

    _template = Template(
        """
        {% macro html(this, kwargs) %}
        <svg class="tg-stays" role="img" aria-label="Stays, one bar per stop"
             viewBox="0 0 1000 {{ this.rows * 4 + 14 }}" preserveAspectRatio="none"
             style="position:absolute;left:0;bottom:0;width:100%;height:{{ this.height }}px;
                    background:#fff;border-top:1px solid #ccc;">
        {% for year in this.ticks %}<text x="{{ year.x }}" y="{{ this.rows * 4 + 12 }}"
            font-size="9" fill="#666" text-anchor="middle">{{ year.label }}</text>{% endfor %}
        {% for bar in this.bars %}<rect class="tg-stay" data-start="{{ bar.start }}"
            x="{{ bar.x }}" y="{{ bar.y }}" width="{{ bar.width }}" height="3"
            fill="{{ bar.colour }}" opacity="{{ bar.opacity }}" style="cursor:pointer">
            <title>{{ bar.place|e }}: {{ bar.kind|e }}, {{ bar.stay|e }}</title></rect>{% endfor %}
        <rect class="tg-stays-now" x="0" y="0" width="2" height="{{ this.rows * 4 }}"
              fill="{{ this.year_colour }}" opacity="0.9"></rect>
        </svg>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            var timeline = {{ this.timeline.get_name() }};
            var slider = {{ this.slider.get_name() }};
            var span = {{ this.span|tojson }};
            var strip = document.querySelector("svg.tg-stays");
            var now = strip.querySelector(".tg-stays-now");
            map.getContainer().style.height = "calc(100% - {{ this.height }}px)";
            map.invalidateSize();
            function follow() {
                var x = 1000 * (timeline.time - span[0]) / (span[1] - span[0]);
                now.setAttribute("x", Math.max(0, Math.min(998, x)));
            }
            timeline.on("change", follow);
            follow();
            strip.querySelectorAll("rect.tg-stay").forEach(function (bar) {
                bar.addEventListener("click", function () {
                    slider.pause();
                    slider.setTime(Date.parse(bar.getAttribute("data-start")));
                });
            });
        })();
        {% endmacro %}
        """
    )

    def __init__(
        self,
        itinerary: Itinerary,
        shown: Sequence[Stop],
        timeline: MacroElement,
        slider: MacroElement,
        kinds: Iterable[EventKind | str] | None = None,
    ) -> None:
        super().__init__()
        self._name = "StaysStrip"
        self.timeline, self.slider = timeline, slider
        self.height = STRIP_PX
        self.year_colour = YEAR_COLOUR
        ids = {id(stop) for stop in shown}
        bars = [b for b in stay_bars(itinerary, kinds) if id(itinerary.stops[b["stop"]]) in ids]
        first = min(stop.arrival.start.year for stop in shown)
        last = max(stay_end(stop).year for stop in shown)
        begin, end = dt.date(first, 1, 1), dt.date(last, 12, 31)
        days = (end - begin).days
        epoch = dt.date(1970, 1, 1)
        self.span = [(begin - epoch).days * 86_400_000, (end - epoch).days * 86_400_000]
        order = {stop: row for row, stop in enumerate(dict.fromkeys(b["stop"] for b in bars))}
        self.rows = max(1, len(order))

        def x(iso: str) -> float:
            return round(1000 * (dt.date.fromisoformat(iso) - begin).days / days, 1)

        self.bars = [
            {
                **bar,
                "x": x(bar["start"]),
                "width": max(1.0, round(x(bar["end"]) - x(bar["start"]), 1)),
                "y": order[bar["stop"]] * 4,
                "opacity": INFERRED_OPACITY if bar["inferred"] else 1,
            }
            for bar in bars
        ]
        step = 5 if last - first > 20 else 1
        self.ticks = [
            {"x": x(f"{year}-07-01"), "label": year}
            for year in range(first, last + 1)
            if year % step == 0
        ]
