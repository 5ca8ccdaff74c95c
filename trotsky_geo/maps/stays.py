"""The stays chart: one bar per stop from arrival to departure, coloured by kind (Vega-Lite).

Built with Altair for ``st.altair_chart``; a click on a bar selects the stop's arrival year
(selection ``stay``, fields ``stop`` and ``year``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import altair as alt
import pandas as pd

from trotsky_geo.events import EventKind
from trotsky_geo.itinerary import Itinerary
from trotsky_geo.maps.areas import area_label
from trotsky_geo.maps.journey import marker_kind, stay_end, stay_label
from trotsky_geo.maps.styles import KIND_STYLES

SELECTION = "stay"
BAR_PX = 7  # height of one stop's row
MIN_BAR_DAYS = 90  # a stay of a day is drawn this long, so it can be seen and clicked
INFERRED_OPACITY = 0.3  # the part of a stay up to the next stop's arrival, not stated
YEAR_COLOUR = "#ffc400"


def stays_frame(
    itinerary: Itinerary, kinds: Iterable[EventKind | str] | None = None
) -> pd.DataFrame:
    """Bars of the stops of the chosen kinds: name, kind, dates and arrival year of each.

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
                    "stay": stay_label(stop),
                    "start": begin.isoformat(),
                    "end": end.isoformat(),
                    "inferred": inferred,
                    "year": start.year,
                }
            )
    return pd.DataFrame.from_records(
        rows, columns=["stop", "place", "kind", "stay", "start", "end", "inferred", "year"]
    )


def stays_chart(
    itinerary: Itinerary, *, year: int, kinds: Iterable[EventKind | str] | None = None
) -> alt.LayerChart:
    """The stays as bars in time order, the slider's year shaded; clicking a bar selects it."""
    frame = stays_frame(itinerary, kinds)
    first, last = itinerary.years
    domain = [f"{first}-01-01", f"{last}-12-31"]
    styles = list(KIND_STYLES.values())
    pick = alt.selection_point(name=SELECTION, fields=["stop", "year"], on="click")
    bars = (
        alt.Chart(frame)
        .mark_bar(cornerRadius=2, cursor="pointer")
        .encode(
            x=alt.X("start:T", scale=alt.Scale(domain=domain), title=None,
                    axis=alt.Axis(format="%Y", grid=True, tickCount=12)),
            x2="end:T",
            y=alt.Y("stop:O", axis=None, sort="ascending"),
            color=alt.Color(
                "kind:N",
                scale=alt.Scale(domain=[s.label for s in styles], range=[s.colour for s in styles]),
                legend=None,
            ),
            opacity=alt.condition("datum.inferred", alt.value(INFERRED_OPACITY), alt.value(1.0)),
            tooltip=[
                alt.Tooltip("place:N", title="where"),
                alt.Tooltip("kind:N"),
                alt.Tooltip("stay:N", title="when"),
            ],
        )
        .add_params(pick)
    )
    shade = pd.DataFrame({"start": [f"{year}-01-01"], "end": [f"{year}-12-31"]})
    marked = (
        alt.Chart(shade)
        .mark_rect(color=YEAR_COLOUR, opacity=0.35)
        .encode(x=alt.X("start:T", scale=alt.Scale(domain=domain)), x2="end:T")
    )
    rows = frame["stop"].nunique()
    return (marked + bars).properties(height=max(120, BAR_PX * rows), padding=0)
