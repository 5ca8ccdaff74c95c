"""Date expressions in biography prose, resolved to intervals with their precision."""

from trotsky_geo.dates.mentions import DateMention, find_dates, heading_span
from trotsky_geo.dates.span import DateSpan, Precision, ends

__all__ = ["DateMention", "DateSpan", "Precision", "ends", "find_dates", "heading_span"]
