"""Streamlit app: a biography's journey on a map, scrubbed and played year by year."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from app_library import (
    HASH_VIEW,
    View,
    corrected_for,
    edit_view,
    keep_text,
    library,
    library_panel,
    read_with_progress,
    refresh,
    view_key,
)
from trotsky_geo import bundled_text
from trotsky_geo.correction_marks import mark_corrections
from trotsky_geo.errors import InputError
from trotsky_geo.events import Event, EventKind
from trotsky_geo.itinerary import Itinerary
from trotsky_geo.maps import base_map, build_map, journey_layer, recorded_in, year_caption
from trotsky_geo.maps.stays import SELECTION, stays_chart

SOURCE_URL = "https://en.wikipedia.org/wiki/Leon_Trotsky"
LICENCE_URL = "https://creativecommons.org/licenses/by-sa/4.0/"
MAP_HEIGHT = 560
PLAY_STEP_SECONDS = 0.7
TABLE_COLUMNS = ("date", "kind", "place as written", "today", "evidence")
HIGHLIGHT = "background-color: rgba(255, 196, 0, 0.28)"


@st.cache_resource
def bundled() -> str:
    """The bundled Wikipedia article, read once per server."""
    return bundled_text()


def itinerary_for(text: str, view: View | None = None) -> Itinerary:
    """The itinerary shown: the text read once, with the open biography's corrections."""
    return corrected_for(text, view or view_key()).itinerary


@st.cache_data(show_spinner=False, max_entries=64, hash_funcs=HASH_VIEW)
def map_html(
    text: str, end_year: int, kinds: tuple[str, ...], view: View, offline: bool = False
) -> str:
    """The standalone animated map up to ``end_year`` as one HTML document, online or offline."""
    journey = build_map(
        itinerary_for(text, view), end_year=end_year, kinds=kinds, animate=True, offline=offline
    )
    return journey.get_root().render()


@st.cache_data(show_spinner=False, max_entries=16, hash_funcs=HASH_VIEW)
def events_csv(text: str, view: View) -> str:
    """Every event of the itinerary as CSV."""
    return itinerary_for(text, view).to_csv()


@st.cache_data(show_spinner=False, max_entries=16, hash_funcs=HASH_VIEW)
def events_geojson(text: str, view: View) -> str:
    """Every event of the itinerary as GeoJSON."""
    return itinerary_for(text, view).to_geojson()


def kinds_present(itinerary: Itinerary) -> list[str]:
    """The event kinds the itinerary holds, in the package's canonical order."""
    present = {event.kind for event in itinerary.events}
    return [kind.value for kind in EventKind if kind in present]


def timeline_table(itinerary: Itinerary, year: int, kinds: Sequence[str]) -> pd.DataFrame:
    """Events up to ``year`` of the chosen kinds, newest first after the highlighted ones.

    The highlighted rows are the events of exactly the stops the map highlights
    (``recorded_in``), in time order.
    """
    chosen = set(kinds)
    now: list[Event] = []
    before: list[Event] = []
    for stop in itinerary.stops:
        shown = [e for e in stop.events if e.kind.value in chosen and e.when.start.year <= year]
        (now if recorded_in(stop, year) else before).extend(shown)
    records = [
        (
            event.when.label,
            event.kind.value,
            event.place_text,
            event.place.name_today,
            event.evidence.sentence,
        )
        for event in now + before[::-1]
    ]
    table = pd.DataFrame.from_records(records, columns=list(TABLE_COLUMNS))
    table.attrs["current_rows"] = len(now)
    return table


def _highlight_current(table: pd.DataFrame) -> pd.io.formats.style.Styler:
    """The rows of the stops the map highlights, shaded: one style frame, not a call per row."""
    current = table.attrs.get("current_rows", 0)
    shaded = pd.DataFrame("", index=table.index, columns=table.columns)
    shaded.iloc[:current] = HIGHLIGHT
    return table.style.apply(lambda _: shaded, axis=None)


def _start_text(text: str) -> None:
    """Make ``text`` the mapped biography and reset the view to its whole journey."""
    itinerary_for(text, View.of((), view_key().places))  # an unreadable text changes nothing
    st.session_state.text = text
    st.session_state.biography = None
    refresh(library())
    itinerary = itinerary_for(text)
    st.session_state.year = itinerary.years[1]
    st.session_state.kinds = kinds_present(itinerary)
    st.session_state.playing = False


def _read_with_progress(text: str) -> None:
    """Read a pasted or uploaded text under a progress bar, and cache its itinerary.

    The bar is driven from here, outside the cached function: a cached function replays the
    elements it drew on every later call, and one drawn elsewhere cannot be replayed at all.
    """
    bar = st.progress(0.0, text="Reading the biography…")

    def show(done: int, total: int) -> None:
        bar.progress(
            done / total if total else 1.0,
            text=f"Reading the biography… {done:,} of {total:,} characters",
        )

    try:
        read_with_progress(text, view_key(), show)
    finally:
        bar.empty()


def _read_input() -> str:
    """The text the user pasted or uploaded; raises InputError when there is none."""
    upload = st.session_state.get("upload")
    if upload is not None:
        try:
            return upload.getvalue().decode("utf-8")
        except UnicodeDecodeError as err:
            raise InputError(f"{upload.name} is not UTF-8 text") from err
    pasted = st.session_state.get("pasted", "")
    if not pasted.strip():
        raise InputError("paste a biography or upload a text file first")
    return pasted


def input_panel() -> None:
    """Sidebar: map another biography, or go back to the bundled article."""
    with st.sidebar:
        st.divider()
        st.subheader("Map another biography")
        st.text_area("Paste a biography (plain text)", key="pasted", height=200)
        st.file_uploader("…or upload a UTF-8 text file", type=["txt", "md"], key="upload")
        if st.button("Map this text", key="map_text", type="primary"):
            try:
                text = _read_input()
                _read_with_progress(text)
                _start_text(text)
            except InputError as err:
                st.session_state.input_error = str(err)
            else:
                st.session_state.input_error = None
                _keep_input(text)
        if st.session_state.text != bundled():
            st.button("Back to the Trotsky article", key="back", on_click=_back_to_bundled)


def _keep_input(text: str) -> None:
    """Keep a text that mapped in the library, titled by its file name or its subject."""
    upload = st.session_state.get("upload")
    title = upload.name if upload is not None else itinerary_for(text).subject or "Pasted text"
    keep_text(text, title, "upload" if upload is not None else "pasted")
    refresh(library())


def _back_to_bundled() -> None:
    _start_text(bundled())
    st.session_state.input_error = None


def kind_filter(itinerary: Itinerary) -> None:
    """The kinds of event shown, as one line ("Kinds shown: all 14") that opens the choice."""
    present = kinds_present(itinerary)
    chosen = st.session_state.get("kinds", present)
    total = len(present)
    count = f"all {total}" if len(chosen) == total else f"{len(chosen)} of {total}"
    with st.popover(f"Kinds shown: {count}", width="stretch"):
        st.multiselect("Kinds of event shown", present, key="kinds", on_change=_hold)


def header(itinerary: Itinerary, *, bundled: bool) -> None:
    """Title, what the app does, and where the text comes from."""
    subject = "Leon Trotsky" if bundled else itinerary.subject
    st.title(f"{subject}'s life on a map" if subject else "A life on a map")
    st.markdown(
        "Where the biography puts its subject, year by year: move the slider or press play, "
        "and click a stop to read the sentence it comes from."
    )
    if bundled:
        st.caption(
            f'Source: Wikipedia contributors, ["Leon Trotsky"]({SOURCE_URL}), English Wikipedia, '
            f"licensed under [CC BY-SA 4.0]({LICENCE_URL})."
        )
    else:
        st.caption("Source: the text you supplied.")
    if st.session_state.get("input_error"):
        st.error(f"Could not map that text: {st.session_state.input_error}")


def _toggle_play(first: int, last: int) -> None:
    playing = not st.session_state.get("playing", False)
    st.session_state.playing = playing
    st.session_state.hold = True
    if playing and st.session_state.year >= last:
        st.session_state.year = first


def _hold() -> None:
    st.session_state.hold = True


def _advance(last: int) -> None:
    """While playing, move one year on per timed rerun; a user's own change holds one tick."""
    if not st.session_state.get("playing"):
        return
    if st.session_state.pop("hold", False):
        return
    st.session_state.year = min(st.session_state.year + 1, last)


def journey_view(text: str) -> None:
    """Slider, play button, map, caption, timeline table and downloads: what a year move redraws."""
    itinerary = itinerary_for(text)
    first, last = itinerary.years
    _advance(last)
    playing = bool(st.session_state.get("playing"))

    if first == last:
        year = first
        st.caption(f"The text dates every stop to {year}.")
    else:
        slider_col, play_col = st.columns([6, 1], vertical_alignment="bottom")
        with slider_col:
            year = st.slider("Year", first, last, key="year", on_change=_hold)
        with play_col:
            label = "⏹ Stop" if playing else "▶ Play"
            if st.button(label, key="play", on_click=_toggle_play, args=(first, last),
                         width="stretch"):
                st.session_state.hold = True
                st.rerun(scope="app")
    kinds = st.session_state.kinds

    corrected = corrected_for(text, view_key())
    st_folium(
        base_map(itinerary),
        key="map",
        feature_group_to_add=mark_corrections(
            journey_layer(itinerary, year=year, kinds=kinds), corrected, year=year, kinds=kinds
        ),
        returned_objects=[],
        height=MAP_HEIGHT,
        use_container_width=True,
    )
    st.markdown(f"**{year_caption(itinerary, year)}**")
    stays_view(itinerary, year, kinds)
    table = timeline_table(itinerary, year, kinds)
    st.dataframe(_highlight_current(table), hide_index=True, width="stretch")
    downloads(text, itinerary, year, tuple(kinds))

    if playing and year >= last:
        st.session_state.playing = False
        st.rerun(scope="app")


def stays_view(itinerary: Itinerary, year: int, kinds: Sequence[str]) -> None:
    """The stays chart under the map: a bar per stop; a click on one moves the slider there."""
    if itinerary.years[0] == itinerary.years[1]:
        return
    st.vega_lite_chart(
        stays_chart(itinerary, year=year, kinds=kinds),
        key="stays",
        on_select=_stay_clicked,
        selection_mode=SELECTION,
        width="stretch",
    )


def _stay_clicked() -> None:
    """Move the year slider to the arrival year of the clicked stay."""
    picked = st.session_state.stays.selection.get(SELECTION) or []
    if picked:
        st.session_state.year = int(picked[0]["year"])
        st.session_state.hold = True


def downloads(text: str, itinerary: Itinerary, year: int, kinds: tuple[str, ...]) -> None:
    """The current map as one HTML file, and every event as CSV and GeoJSON."""
    stem = (itinerary.subject or "biography").lower().replace(" ", "-")
    view = view_key()
    filtered = len(kinds) < len(kinds_present(itinerary))
    shown = ", kinds shown only" if filtered else ""
    html_col, csv_col, geojson_col = st.columns(3)
    with html_col:
        map_download(text, stem, year, kinds, shown, view)
    with csv_col:
        st.download_button(
            "All events as CSV (every year and kind)",
            data=events_csv(text, view),
            file_name=f"{stem}-events.csv",
            mime="text/csv",
            key="download_csv",
            on_click="ignore",
        )
    with geojson_col:
        st.download_button(
            "All events as GeoJSON (every year and kind)",
            data=events_geojson(text, view),
            file_name=f"{stem}-events.geojson",
            mime="application/geo+json",
            key="download_geojson",
            on_click="ignore",
        )


EXPORT_MODES = {
    "offline": "works with no internet: Leaflet and country outlines inside, no street tiles",
    "online": "one file; loads map tiles and scripts from the internet",
}


def map_download(
    text: str, stem: str, year: int, kinds: tuple[str, ...], shown: str, view: View
) -> None:
    """The map as one HTML file, offline (everything inside) or online (tiles and scripts)."""
    mode = st.radio(
        "Map file", list(EXPORT_MODES), key="export_mode", horizontal=True,
        format_func=lambda mode: f"{mode.capitalize()} map", label_visibility="collapsed",
        on_change=_hold,
    )
    offline = mode == "offline"
    st.download_button(
        f"Map up to {year}{shown} as HTML ({EXPORT_MODES[mode]})",
        data=lambda: map_html(text, year, kinds, view, offline),
        file_name=f"{stem}-map-to-{year}{'-offline' if offline else ''}.html",
        mime="text/html",
        key="download_html",
        on_click="ignore",
    )


def main() -> None:
    """Lay out the page over the cached pipeline."""
    st.set_page_config(page_title="Trotsky's life on a map", page_icon="🗺️", layout="wide")
    if "text" not in st.session_state:
        _start_text(bundled())
    else:
        refresh(library())  # another tab's edits show on the next full run
    filters = st.sidebar.container()
    input_panel()
    library_panel(bundled(), _start_text)
    text = st.session_state.text
    itinerary = itinerary_for(text)
    with filters:
        kind_filter(itinerary)
    header(itinerary, bundled=text == bundled())
    run_every = PLAY_STEP_SECONDS if st.session_state.get("playing") else None
    st.fragment(journey_view, run_every=run_every)(text)
    edit_view(text, bundled())


main()
