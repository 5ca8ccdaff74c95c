"""Command line: ``trotsky-geo extract`` writes the events, ``trotsky-geo map`` the HTML map."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from trotsky_geo.errors import TrotskyGeoError
from trotsky_geo.itinerary import Itinerary
from trotsky_geo.pipeline import NOMINATIM, bundled_text, extract, online_gazetteer

PROG = "trotsky-geo"
FORMATS = ("csv", "json", "geojson")


def read_input(source: str | None) -> str:
    """The text at PATH, standard input for "-", or the bundled article when None."""
    if source is None:
        return bundled_text()
    if source == "-":
        data = sys.stdin.buffer.read()
        name = "standard input"
    else:
        path = Path(source)
        if not path.exists():
            raise TrotskyGeoError(f"{source}: no such file")
        if path.is_dir():
            raise TrotskyGeoError(f"{source}: is a directory, not a text file")
        try:
            data = path.read_bytes()
        except OSError as error:
            raise TrotskyGeoError(f"{source}: cannot be read ({error.strerror})") from error
        name = source
    if not data.strip():
        raise TrotskyGeoError(f"{name}: is empty")
    if b"\x00" in data[:8192]:
        raise TrotskyGeoError(f"{name}: is a binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise TrotskyGeoError(
            f"{name}: is not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start})"
        ) from error


def _parser() -> argparse.ArgumentParser:
    source = argparse.ArgumentParser(add_help=False)
    source.add_argument(
        "path",
        nargs="?",
        help="biography text file, '-' for stdin; default: the bundled Trotsky article",
    )
    source.add_argument(
        "--online",
        action="store_true",
        help="also ask Nominatim for places the offline gazetteer lacks (each answer cached)",
    )
    source.add_argument(
        "--nominatim",
        default=NOMINATIM,
        metavar="URL",
        help=f"Nominatim server for --online (default {NOMINATIM})",
    )
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    ext = commands.add_parser(
        "extract", parents=[source], help="write one row per event (CSV, JSON or GeoJSON)"
    )
    ext.add_argument("--format", choices=FORMATS, default="csv")
    ext.add_argument("-o", "--output", help="write here instead of standard output")
    mp = commands.add_parser(
        "map", parents=[source], help="write the animated map as one standalone HTML file"
    )
    mp.add_argument("-o", "--output", default="trotsky.html", help="HTML file to write")
    mp.add_argument("--from", dest="start_year", type=int, help="first year shown")
    mp.add_argument("--to", dest="end_year", type=int, help="last year shown")
    mp.add_argument(
        "--offline",
        action="store_true",
        help="inline Leaflet and its plugin and draw no tiles: the file needs no network "
        "(default: scripts and tiles from CDNs)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; errors become one line on stderr and exit status 2."""
    args = _parser().parse_args(argv)
    try:
        text = read_input(args.path)
        places = online_gazetteer(args.nominatim) if args.online else None
        itinerary = extract(text, gazetteer=places)
        if args.command == "extract":
            output = {
                "csv": itinerary.to_csv,
                "json": itinerary.to_json,
                "geojson": itinerary.to_geojson,
            }[args.format]()
            _write(output, args.output)
        else:
            _write_map(itinerary, args)
    except TrotskyGeoError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"{PROG}: error: {error.filename or ''}: {error.strerror}", file=sys.stderr)
        return 2
    return 0


def _write(output: str, destination: str | None) -> None:
    if destination is None:
        sys.stdout.write(output if output.endswith("\n") else output + "\n")
    else:
        Path(destination).write_text(output, encoding="utf-8")


def _write_map(itinerary: Itinerary, args: argparse.Namespace) -> None:
    from trotsky_geo.maps import build_map

    first, last = itinerary.years
    start, end = args.start_year or first, args.end_year or last
    if start > end:
        raise TrotskyGeoError(f"--from {start} is after --to {end}")
    build_map(itinerary, start_year=start, end_year=end, offline=args.offline).save(args.output)
    mode = "offline" if args.offline else "online: needs internet for tiles and scripts"
    print(f"wrote {args.output} ({mode})", file=sys.stderr)
