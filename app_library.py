"""Streamlit parts of the app that keep things: the library sidebar and "Edit the journey".

Kept apart from app.py so the map and the editor can change independently. Every write
goes to the library file at once (one transaction) before the page says it is saved.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from trotsky_geo.corrections import (
    Corrected,
    Correction,
    EditRow,
    apply_corrections,
    edit_row,
    new_stop,
    reading,
    user_place,
)
from trotsky_geo.errors import CorrectionError, StoreError
from trotsky_geo.events import EventKind
from trotsky_geo.gazetteer import Gazetteer, Place
from trotsky_geo.itinerary import Itinerary
from trotsky_geo.library import gazetteer_with
from trotsky_geo.pipeline import Progress, extract
from trotsky_geo.store import Store, default_path

BUNDLED_TITLE = "Leon Trotsky (Wikipedia, bundled)"
KINDS = [kind.value for kind in EventKind]
EDITOR_COLUMNS = ("keep", "date", "kind", "place", "note", "status", "the text says", "read as")
PICKER_HEIGHT = 300

Places = tuple[tuple[Place, tuple[str, ...]], ...]
StartText = Callable[[str], None]  # app.py's: make a text the one mapped


@st.cache_resource(show_spinner=False)
def _open(path: str) -> Store:
    """The library file, opened once per server (a failure is not kept: the next run retries)."""
    return Store.open(path)


def library() -> Store | None:
    """The library, or None (with the reason kept for the sidebar) when it cannot be used."""
    try:
        store = _open(str(default_path()))
    except StoreError as error:
        st.session_state.store_problem = str(error)
        return None
    st.session_state.store_problem = None
    return store


@st.cache_resource(show_spinner=False, max_entries=8)
def gazetteer_for(places: Places) -> Gazetteer:
    """The gazetteer with the user's own places ahead of the others, built once per set."""
    return gazetteer_with(places)


@dataclass(frozen=True)
class View:
    """What, besides the text, decides the itinerary shown: its corrections and own places."""

    edits: tuple[Correction, ...] = ()
    places: Places = ()
    digest: str = ""  # of the two, so caches hash a short string instead of every correction

    @classmethod
    def of(cls, edits: tuple[Correction, ...], places: Places) -> View:
        """A view with its digest."""
        digest = hashlib.sha256(repr((edits, places)).encode("utf-8")).hexdigest()
        return cls(edits, places, digest)


HASH_VIEW = {View: lambda view: view.digest}


@st.cache_data(show_spinner="Reading the biography…", max_entries=16, hash_funcs=HASH_VIEW)
def corrected_for(text: str, view: View) -> Corrected:
    """The text read once per distinct text and set of places, then corrected."""
    gazetteer = gazetteer_for(view.places)
    return apply_corrections(
        _read(text, view.places), view.edits, gazetteer=gazetteer, text=text
    )


@st.cache_data(show_spinner=False, max_entries=16)
def _read(text: str, places: Places, _already_read: Itinerary | None = None) -> Itinerary:
    """The reader's itinerary of a text, before corrections; ``_already_read`` (not part of
    the cache key) is kept as it instead, for a text read under a progress bar. With no places
    of the user's own, the default reading (kept on disk between runs) is used."""
    if _already_read is not None:
        return _already_read
    return extract(text, gazetteer=gazetteer_for(places) if places else None)


def read_with_progress(text: str, view: View, progress: Progress) -> None:
    """Read a text, telling ``progress`` how far, and keep its itinerary for ``_read``."""
    gazetteer = gazetteer_for(view.places) if view.places else None
    _read(text, view.places, extract(text, gazetteer=gazetteer, progress=progress))


def view_key() -> View:
    """The open biography's view, as last read from the library."""
    return st.session_state.get("view") or View.of((), ())


def refresh(store: Store | None) -> None:
    """Read the open biography's corrections and the user's places again from the file."""
    if store is None:
        st.session_state.view = View.of((), ())
        return
    try:
        places = tuple(store.places())
        biography = st.session_state.get("biography")
        if biography is None:
            biography = store.find(st.session_state.text)
            st.session_state.biography = biography
        edits = tuple(store.corrections(biography)) if biography is not None else ()
    except StoreError as error:
        st.session_state.library_problem = str(error)
        places, edits = (), ()
    st.session_state.view = View.of(edits, places)


def keep_text(text: str, title: str, source: str) -> None:
    """Save a mapped text in the library (when there is one) and make it the open biography."""
    store = library()
    st.session_state.biography = None
    if store is None:
        return
    try:
        st.session_state.biography = store.add(text, title=title, source=source)
    except StoreError as error:
        st.session_state.library_problem = str(error)


# --- sidebar ---------------------------------------------------------------------------


def library_panel(bundled: str, start_text: StartText) -> None:
    """Sidebar: the bundled article, then every kept biography; open, rename, remove, undo."""
    store = library()
    with st.sidebar:
        st.divider()
        st.subheader("Library")
        if problem := st.session_state.get("store_problem"):
            st.error(f"The library cannot be used: {problem}. Texts still map; edits are "
                     "not kept.")
        if store is None:
            return
        if problem := st.session_state.pop("library_problem", None):
            st.error(problem)
        if store.read_only:
            st.warning("The library is read-only: you can open what it holds, not change it.")
        bundled_id = store.find(bundled)
        entries = [e for e in store.entries() if e.id != bundled_id]
        choices = {"bundled": BUNDLED_TITLE} | {
            str(e.id): f"{e.title} · {e.corrections} corrections" for e in entries
        }
        current = st.session_state.get("biography")
        chosen = "bundled" if current in (None, bundled_id) else str(current)
        if chosen not in choices:
            chosen = "bundled"
        st.session_state.library_choice = chosen
        st.selectbox("Open", list(choices), format_func=choices.__getitem__,
                     key="library_choice", on_change=_open_choice, args=(bundled, start_text))
        if chosen != "bundled" and not store.read_only:
            title = next(e.title for e in entries if str(e.id) == chosen)
            with st.popover("Rename or remove"):
                st.text_input("Title", value=title, key="new_title")
                st.button("Rename", key="rename", on_click=_rename, args=(int(chosen),))
                st.button("Remove from the library", key="remove",
                          on_click=_remove, args=(int(chosen), bundled, start_text))
        if (removed := st.session_state.get("removed")) is not None:
            st.info(f"Removed “{removed[1]}”.")
            st.button("Undo", key="undo_remove", on_click=_undo_remove,
                      args=(removed[0], start_text))


def _open_choice(bundled: str, start_text: StartText) -> None:
    store = library()
    choice = st.session_state.library_choice
    if store is None or choice == "bundled":
        start_text(bundled)
        st.session_state.biography = store.find(bundled) if store else None
        return
    try:
        biography = store.biography(int(choice))
    except StoreError as error:
        st.session_state.library_problem = str(error)
        return
    start_text(biography.text)
    st.session_state.biography = biography.id


def _rename(biography: int) -> None:
    try:
        _writable().rename(biography, st.session_state.new_title)
    except (StoreError, CorrectionError) as error:
        st.session_state.library_problem = f"Could not rename: {error}"


def _remove(biography: int, bundled: str, start_text: StartText) -> None:
    store = library()
    try:
        title = store.biography(biography).title
        store.remove(biography)
    except StoreError as error:
        st.session_state.library_problem = str(error)
        return
    st.session_state.removed = (biography, title)
    start_text(bundled)
    st.session_state.biography = store.find(bundled)


def _undo_remove(biography: int, start_text: StartText) -> None:
    store = library()
    st.session_state.removed = None
    try:
        store.restore(biography)
        text = store.biography(biography).text
    except StoreError as error:
        st.session_state.library_problem = str(error)
        return
    start_text(text)
    st.session_state.biography = biography


# --- editing ------------------------------------------------------------------------


def _biography_for_edits(store: Store, text: str, bundled: str) -> int:
    """The open biography's id, keeping the bundled article in the library on its first edit."""
    biography = st.session_state.get("biography")
    if biography is None:
        title = BUNDLED_TITLE if text == bundled else "Untitled biography"
        biography = store.add(text, title=title, source="bundled" if text == bundled else "")
        st.session_state.biography = biography
    return biography


def _writable() -> Store:
    store = library()
    if store is None:
        raise CorrectionError(
            f"the library cannot be used ({st.session_state.get('store_problem')})"
        )
    if store.read_only:
        raise CorrectionError("the library is read-only; the edit was not kept")
    return store


def save_row(row: EditRow, text: str, bundled: str, **fields) -> None:
    """Check one row's edit and write it; CorrectionError (nothing written) when it is bad."""
    store = _writable()
    if row.original is None:
        added = row.added
        if fields.get("keep") is False and added is not None and added.id is not None:
            store.delete_correction(_biography_for_edits(store, text, bundled), added.id)
            return
        raise CorrectionError("an added stop can only be removed (untick keep) and added again")
    places = view_key().places
    edit = edit_row(row, gazetteer=gazetteer_for(places), **fields)
    try:
        store.save_edit(_biography_for_edits(store, text, bundled), edit)
    except StoreError as error:
        raise CorrectionError(str(error)) from error


def editor_table(corrected: Corrected, problems: dict[int, str]) -> pd.DataFrame:
    """The editable table: one row per event read or added, with its state and evidence."""
    records = [
        {
            "keep": row.kept,
            "date": row.event.when.label,
            "kind": row.event.kind.value,
            "place": row.event.place.name,
            "note": row.note,
            "status": row.status,
            "the text says": row.event.evidence.sentence,
            "read as": "added by hand" if row.original is None else reading(row.original),
            "problem": problems.get(index, ""),
        }
        for index, row in enumerate(corrected.rows)
    ]
    return pd.DataFrame.from_records(records, columns=[*EDITOR_COLUMNS, "problem"])


def _table_edited(corrected: Corrected, text: str, bundled: str) -> None:
    """Write every edited row of the table; a bad row gets its problem and changes nothing."""
    key = f"editor_{st.session_state.get('editor_version', 0)}"
    edited = st.session_state.get(key, {}).get("edited_rows", {})
    problems: dict[int, str] = {}
    saved = 0
    for index, changes in edited.items():
        row = corrected.rows[int(index)]
        fields = {
            name: "" if changes[column] is None else changes[column]  # a cleared cell
            for column, name in (("keep", "keep"), ("date", "dates"), ("kind", "kind"),
                                 ("place", "place"), ("note", "note"))
            if column in changes and not (column == "keep" and changes[column] is None)
        }
        if not fields:
            continue
        try:
            save_row(row, text, bundled, **fields)
        except CorrectionError as error:
            problems[int(index)] = str(error)
        else:
            saved += 1
    st.session_state.editor_problems = problems
    st.session_state.editor_version = st.session_state.get("editor_version", 0) + 1
    refresh(library())
    st.session_state.edit_notice = f"Saved {saved} edit(s) to the library." if saved else None


def edit_view(text: str, bundled: str) -> None:
    """ "Edit the journey": the events as an editable table, one stop at a time, new stops,
    and places of the user's own."""
    corrected = corrected_for(text, view_key())
    store = library()
    with st.expander("Edit the journey", expanded=st.session_state.get("editing", False)):
        if store is None or store.read_only:
            st.warning("Edits cannot be kept: "
                       + (st.session_state.get("store_problem") or "the library is read-only"))
        if notice := st.session_state.pop("edit_notice", None):
            st.success(notice)
        for review in corrected.review:
            st.warning(f"{review.reason} (was: {review.correction.original or 'added by hand'})")
            if review.correction.id is not None and store is not None and not store.read_only:
                st.button("Forget this correction", key=f"forget_{review.correction.id}",
                          on_click=_forget, args=(review.correction.id,))
        problems = st.session_state.get("editor_problems", {})
        for index, problem in problems.items():
            st.error(f"Row {index + 1} was not changed: {problem}")
        st.caption("Untick keep to drop an event; type a place, dates ('summer 1902', "
                   "'1917-03-27', '1929-1933') or a kind; every change is saved at once.")
        st.data_editor(
            editor_table(corrected, problems),
            key=f"editor_{st.session_state.get('editor_version', 0)}",
            hide_index=True,
            width="stretch",
            disabled=store is None or store.read_only,
            column_config={
                "keep": st.column_config.CheckboxColumn("keep"),
                "kind": st.column_config.SelectboxColumn("kind", options=KINDS, required=True),
                "status": st.column_config.TextColumn("status", disabled=True),
                "the text says": st.column_config.TextColumn("the text says", disabled=True),
                "read as": st.column_config.TextColumn("read as", disabled=True),
                "problem": st.column_config.TextColumn("problem", disabled=True),
            },
            on_change=_table_edited,
            args=(corrected, text, bundled),
        )
        _one_stop_form(corrected, text, bundled)
        _add_stop_form(text, bundled)
        _own_place_form()


def _forget(correction_id: int) -> None:
    """Delete a correction the reader can no longer apply, once the user has read it."""
    store = library()
    biography = st.session_state.get("biography")
    if store is None or biography is None:
        return
    try:
        store.delete_correction(biography, correction_id)
    except StoreError as error:
        st.session_state.library_problem = str(error)
    refresh(store)


def _one_stop_form(corrected: Corrected, text: str, bundled: str) -> None:
    """One event at a time, with a choice of the gazetteer's candidates for its place."""
    st.markdown("#### Correct one stop")
    labels = [
        f"{row.event.when.label} · {row.event.kind.value} · {row.anchor.place_text}"
        + ("" if row.kept else " (dropped)") + (" (corrected)" if row.status == "corrected" else "")
        for row in corrected.rows
    ]
    index = st.selectbox("Stop", range(len(labels)), format_func=labels.__getitem__,
                         key="edit_stop")
    row = corrected.rows[index]
    places = view_key().places
    candidates = gazetteer_for(places).resolve(row.anchor.place_text)
    # Widgets keyed by the stop and the edit count start from what the stop now reads.
    fresh = f"{index}_{st.session_state.get('editor_version', 0)}"
    with st.form(f"stop_form_{fresh}"):
        st.caption(f"The text says: “{row.event.evidence.sentence}”")
        keep = st.checkbox("Keep this event", value=row.kept, key=f"stop_keep_{fresh}")
        kind = st.selectbox("Kind", KINDS, index=KINDS.index(row.event.kind.value),
                            key=f"stop_kind_{fresh}")
        options = ["", *(p.id for p in candidates)]
        names = {p.id: f"{p.name} ({p.country or '?'}, {p.type.value})" for p in candidates}
        picked = st.selectbox("A candidate for what the text wrote", options,
                              format_func=lambda i: names.get(i, "(keep, or type a place)"),
                              key=f"stop_candidate_{fresh}")
        place = st.text_input("Place", value=row.event.place.name, key=f"stop_place_{fresh}")
        dates = st.text_input("Dates", value=row.event.when.label, key=f"stop_dates_{fresh}")
        note = st.text_input("Note", value=row.note, key=f"stop_note_{fresh}")
        submitted = st.form_submit_button("Save this stop")
    if not submitted:
        return
    fields = {
        name: value
        for name, value, shown in (("keep", keep, row.kept), ("kind", kind, row.event.kind.value),
                                   ("place", place, row.event.place.name),
                                   ("dates", dates, row.event.when.label),
                                   ("note", note, row.note))
        if value != shown
    }
    try:
        save_row(row, text, bundled, place_id=picked, **fields)
    except CorrectionError as error:
        st.error(f"Not saved: {error}")
        return
    _saved("Saved to the library.")


def _add_stop_form(text: str, bundled: str) -> None:
    """A stop the reader missed, anchored to a sentence of the text."""
    st.markdown("#### Add a stop")
    with st.form("add_stop", clear_on_submit=False):
        sentence = st.text_input("A sentence of the text (or part of one)", key="add_sentence")
        place = st.text_input("Place", key="add_place")
        dates = st.text_input("Dates", key="add_dates")
        kind = st.selectbox("Kind", KINDS, index=KINDS.index("residence"), key="add_kind")
        note = st.text_input("Note", key="add_note")
        submitted = st.form_submit_button("Add the stop")
    if not submitted:
        return
    places = view_key().places
    try:
        store = _writable()
        correction = new_stop(gazetteer=gazetteer_for(places), text=text, sentence=sentence,
                              place=place, dates=dates, kind=kind, note=note)
        store.add_correction(_biography_for_edits(store, text, bundled), correction)
    except (CorrectionError, StoreError) as error:
        st.error(f"Not added: {error}")
        return
    _saved("Stop added and saved to the library.")


def _own_place_form() -> None:
    """A place no gazetteer knows, with coordinates typed or picked on a map."""
    st.markdown("#### Add a place of your own (a hamlet, a prison, a villa)")
    picked = None
    if st.toggle("Pick the coordinates by clicking a map", key="pick_on_map"):
        picked = st_folium(_picker_map(), key="place_picker", height=PICKER_HEIGHT,
                           returned_objects=["last_clicked"], use_container_width=True)
    clicked = (picked or {}).get("last_clicked")
    if clicked and clicked != st.session_state.get("picked_at"):
        st.session_state.picked_at = clicked
        st.session_state.own_lat = f"{clicked['lat']:.5f}"
        st.session_state.own_lon = f"{clicked['lng']:.5f}"
    with st.form("own_place"):
        name = st.text_input("Name", key="own_name")
        aliases = st.text_input("Other names, separated by commas", key="own_aliases")
        lat = st.text_input("Latitude", key="own_lat")
        lon = st.text_input("Longitude", key="own_lon")
        country = st.text_input("Country code (two letters, optional)", key="own_country")
        source = st.text_input("Where the coordinates come from", key="own_source")
        submitted = st.form_submit_button("Add the place")
    if not submitted:
        return
    try:
        store = _writable()
        taken = [p.id for p, _ in store.places()]
        place = user_place(name, lat, lon, taken=taken, country=country, source=source)
        store.add_place(place, [a for a in aliases.split(",") if a.strip()])
    except (CorrectionError, StoreError) as error:
        st.error(f"Place not added: {error}")
        return
    _saved(f"Added {place.name}; every text now finds it.")


def _picker_map():
    """A world map to click on: the bundled country outlines under the tiles, so that it
    reads offline too. Built afresh each run (not cached): st_folium keys its widget by the
    map's script, which changes when the same folium map is rendered a second time, so a
    cached map came back as a new widget on the next run and the first click was lost."""
    import folium

    from trotsky_geo.maps.basemap import Basemap

    picker = folium.Map(location=(30, 10), zoom_start=2, tiles="OpenStreetMap")
    Basemap().add_to(picker)
    return picker


def _saved(message: str) -> None:
    """After a write: read the library again, say so, and redraw the whole page."""
    refresh(library())
    st.session_state.editor_problems = {}
    st.session_state.edit_notice = message
    st.session_state.editing = True
    st.session_state.editor_version = st.session_state.get("editor_version", 0) + 1
    st.rerun()

