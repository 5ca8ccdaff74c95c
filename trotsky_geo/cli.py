"""Command line: ``extract`` writes the events, ``map`` the HTML map, ``library`` and
``corrections`` keep biographies and their hand corrections."""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from trotsky_geo.errors import GeocodingWarning, TrotskyGeoError
from trotsky_geo.gazetteer import Gazetteer
from trotsky_geo.itinerary import Itinerary
from trotsky_geo.pipeline import NOMINATIM, Progress, bundled_text, extract, online_gazetteer

if TYPE_CHECKING:
    from trotsky_geo.store import Store

PROG = "trotsky-geo"
FORMATS = ("csv", "json", "geojson")
#: Characters of input above which reading shows a progress bar on stderr.
LONG_INPUT = 200_000


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
    source.add_argument(
        "--timeout",
        type=float,
        default=10,
        metavar="SECONDS",
        help="how long --online waits for each answer before reading on offline (default 10)",
    )
    source.add_argument(
        "--library",
        type=int,
        metavar="ID",
        help="a biography of the library, as corrected (see `library list`)",
    )
    kept = argparse.ArgumentParser(add_help=False)
    kept.add_argument(
        "--store",
        metavar="PATH",
        help="the library file (default: $TROTSKY_GEO_LIBRARY, else $XDG_DATA_HOME/trotsky-geo/"
        "library.sqlite)",
    )
    source = argparse.ArgumentParser(add_help=False, parents=[source, kept])
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
    _library_commands(commands, kept)
    return parser


def _library_commands(
    commands: argparse._SubParsersAction, kept: argparse.ArgumentParser
) -> None:
    """``library list|add|remove|restore|rename`` and ``corrections export|import``."""
    library = commands.add_parser("library", help="the biographies you keep")
    actions = library.add_subparsers(dest="action", required=True)
    actions.add_parser("list", parents=[kept], help="list the biographies kept")
    add = actions.add_parser("add", parents=[kept], help="keep a biography text file")
    add.add_argument("file", metavar="PATH", help="UTF-8 text file, '-' for stdin")
    add.add_argument("--title", help="title shown in the library (default: the file name)")
    for name, what in (("remove", "take a biography out of the list (restore undoes it)"),
                       ("restore", "bring back a removed biography")):
        action = actions.add_parser(name, parents=[kept], help=what)
        action.add_argument("id", type=int, metavar="ID")
    rename = actions.add_parser("rename", parents=[kept], help="give a biography a new title")
    rename.add_argument("id", type=int, metavar="ID")
    rename.add_argument("title", metavar="TITLE")
    corrections = commands.add_parser("corrections", help="share hand corrections as JSON")
    actions = corrections.add_subparsers(dest="action", required=True)
    export = actions.add_parser(
        "export", parents=[kept], help="write a biography's corrections as a JSON file"
    )
    export.add_argument("id", type=int, metavar="ID")
    export.add_argument("-o", "--output", help="write here instead of standard output")
    imported = actions.add_parser(
        "import", parents=[kept], help="apply a corrections file to the same text in the library"
    )
    imported.add_argument("file", metavar="FILE")
    imported.add_argument(
        "--library", type=int, metavar="ID", help="the biography (default: the one with that text)"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; errors become one line on stderr and exit status 2."""
    args = _parser().parse_args(argv)
    try:
        if args.command in ("library", "corrections"):
            from trotsky_geo.store import Store  # only library commands pay for it

            with Store.open(args.store) as store:
                _run_library(store, args)
            return 0
        itinerary = _itinerary(args)
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


def _extract(text: str, places: Gazetteer | None) -> Itinerary:
    """Read the text, a bar on stderr if it is long, a geocoder fault as one warning line."""
    caught: list[warnings.WarningMessage] = []
    try:
        with warnings.catch_warnings(record=True) as caught, _progress_bar(len(text)) as shown:
            warnings.simplefilter("always", GeocodingWarning)
            return extract(text, gazetteer=places, progress=shown)
    finally:
        for warning in caught:
            if issubclass(warning.category, GeocodingWarning):
                print(f"{PROG}: warning: {warning.message}", file=sys.stderr)
            else:
                warnings.showwarning(
                    warning.message, warning.category, warning.filename, warning.lineno
                )


@contextmanager
def _progress_bar(size: int) -> Iterator[Progress | None]:
    """A tqdm bar on stderr for an input over LONG_INPUT characters; nothing for a shorter one."""
    if size <= LONG_INPUT:
        yield None
        return
    from tqdm import tqdm

    with tqdm(total=size, desc="reading", unit="char", unit_scale=True, file=sys.stderr) as bar:

        def show(done: int, total: int) -> None:
            bar.total = total
            bar.update(done - bar.n)

        yield show


def _itinerary(args: argparse.Namespace) -> Itinerary:
    """The itinerary of the text asked for: a file, stdin, the bundled article or the library."""
    if args.library is None:
        text = read_input(args.path)
        places = online_gazetteer(args.nominatim, timeout=args.timeout) if args.online else None
        return _extract(text, places)
    if args.path is not None:
        raise TrotskyGeoError("give a PATH or --library ID, not both")
    if args.online:
        raise TrotskyGeoError("--online cannot be used with --library (it reads offline)")
    from trotsky_geo.library import corrected_biography
    from trotsky_geo.store import Store

    with Store.open(args.store) as store:
        corrected = corrected_biography(store, args.library)
    for review in corrected.review:
        print(f"{PROG}: {review.reason}", file=sys.stderr)
    return corrected.itinerary


def _run_library(store: Store, args: argparse.Namespace) -> None:
    """One ``library`` or ``corrections`` action; what it did goes to stderr, data to stdout."""
    from trotsky_geo.library import export_corrections, import_corrections, read_corrections

    command = (args.command, args.action)
    if command == ("library", "list"):
        for entry in store.entries():
            print(f"{entry.id}\t{entry.title}\t{entry.corrections} corrections\t"
                  f"{entry.chars} characters\tadded {entry.added}")
    elif command == ("library", "add"):
        text = read_input(args.file)
        extract(text)  # only a text that maps is kept
        title = args.title or ("standard input" if args.file == "-" else Path(args.file).stem)
        biography = store.add(text, title=title, source=args.file)
        print(biography)
        print(f"kept as {biography}: {store.biography(biography).title}", file=sys.stderr)
    elif command[0] == "library" and args.action in ("remove", "restore"):
        getattr(store, args.action)(args.id)
        undo = f" (undo: {PROG} library restore {args.id})" if args.action == "remove" else ""
        print(f"{args.action}d {args.id}{undo}", file=sys.stderr)
    elif command == ("library", "rename"):
        store.rename(args.id, args.title)
    elif command == ("corrections", "export"):
        _write(export_corrections(store, args.id), args.output)
    else:
        shared = read_corrections(read_input(args.file), name=args.file)
        target, added, skipped = import_corrections(store, shared, args.library)
        kept = f", {skipped} skipped (you had corrected those fields)" if skipped else ""
        print(f"biography {target}: {added} corrections imported{kept}", file=sys.stderr)


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
