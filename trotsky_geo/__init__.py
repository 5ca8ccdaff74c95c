"""trotsky-geo: read a biography, extract where the person was and when, map the journey."""

from trotsky_geo.pipeline import bundled_text, extract

__all__ = ["bundled_text", "extract"]
__version__ = "0.1.0"
