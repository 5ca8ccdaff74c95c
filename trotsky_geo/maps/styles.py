"""How each kind of stop looks on the map: colour, icon and legend label."""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from trotsky_geo.events import EventKind

LEG_COLOUR = "#37474f"


@dataclass(frozen=True)
class KindStyle:
    """How a kind of stop looks: marker colour, Font Awesome Free solid icon name, legend label."""

    colour: str
    icon: str
    label: str


KIND_STYLES: MappingProxyType[EventKind, KindStyle] = MappingProxyType(
    {
        EventKind.BIRTH: KindStyle("#2e7d32", "baby", "birth"),
        EventKind.EDUCATION: KindStyle("#1565c0", "graduation-cap", "education"),
        EventKind.RESIDENCE: KindStyle("#6d4c41", "house", "residence"),
        EventKind.ARREST: KindStyle("#c62828", "handcuffs", "arrest"),
        EventKind.IMPRISONMENT: KindStyle("#4a148c", "lock", "imprisonment"),
        EventKind.EXILE: KindStyle("#455a64", "snowflake", "exile"),
        EventKind.ESCAPE: KindStyle("#ef6c00", "person-running", "escape"),
        EventKind.DEPORTATION: KindStyle("#ad1457", "ship", "deportation"),
        EventKind.TRAVEL: KindStyle("#0288d1", "suitcase", "travel"),
        EventKind.CONFERENCE: KindStyle("#00897b", "users", "conference"),
        EventKind.HOSPITAL: KindStyle("#e91e63", "hospital", "hospital"),
        EventKind.ATTACK: KindStyle("#b71c1c", "burst", "attack"),
        EventKind.DEATH: KindStyle("#212121", "cross", "death"),
        EventKind.BURIAL: KindStyle("#757575", "monument", "burial"),
    }
)
