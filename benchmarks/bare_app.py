"""The barest Streamlit page with one st_folium map: five markers and a year slider.

The yardstick of ``benchmarks/bench_browser.py``: the app's first map and slider redraw are
measured against this page's.
"""

import folium
import streamlit as st
from streamlit_folium import st_folium

PLACES = (
    ("Yanovka", 47.98, 32.53, 1879),
    ("Odessa", 46.48, 30.72, 1889),
    ("Vienna", 48.21, 16.37, 1907),
    ("Petrograd", 59.94, 30.31, 1917),
    ("Coyoacán", 19.35, -99.16, 1937),
)

year = st.slider("Year", 1879, 1940, 1940, key="year")
layer = folium.FeatureGroup(name="stops")
for name, lat, lon, since in PLACES:
    if since <= year:
        folium.Marker((lat, lon), tooltip=f"{name}, {since}").add_to(layer)
st_folium(
    folium.Map(location=(45, 10), zoom_start=2),
    key="map",
    feature_group_to_add=layer,
    returned_objects=[],
    height=560,
    use_container_width=True,
)
