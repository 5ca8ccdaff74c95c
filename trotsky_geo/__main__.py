"""``python -m trotsky_geo``: the command line."""

from trotsky_geo.cli import main

raise SystemExit(main())
