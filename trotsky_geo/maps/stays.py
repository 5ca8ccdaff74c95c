"""The stays chart: one bar per stop from arrival to departure, coloured by kind (Vega-Lite).

Built with Altair for ``st.altair_chart``; a click on a bar selects the stop's arrival year
(selection ``stay``, fields ``stop`` and ``year``).
"""

from __future__ import annotations

from collections.abc import Iterable

import altair as alt
import pandas as pd

from trotsky_geo.events import EventKind
from trotsky_geo.itinerary import Itinerary
from trotsky_geo.maps.strip import INFERRED_OPACITY, YEAR_COLOUR, stay_bars
from trotsky_geo.maps.styles import KIND_STYLES

SELECTION = "stay"
BAR_PX = 7  # height of one stop's row


def stays_frame(
    itinerary: Itinerary, kinds: Iterable[EventKind | str] | None = None
) -> pd.DataFrame:
    """The chart's rows: ``stay_bars`` as a data frame."""
    return pd.DataFrame.from_records(
        stay_bars(itinerary, kinds),
        columns=["stop", "place", "kind", "colour", "stay", "start", "end", "inferred", "year"],
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
