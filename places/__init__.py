"""The curated gazetteer, places.csv, shipped inside the package as trotsky_geo.places."""
