"""The built wheel on its own: installed in a fresh venv, `trotsky-geo extract` runs there."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# What a source checkout holds besides the package's own files; none of it goes into a wheel.
NOT_SOURCE = shutil.ignore_patterns(
    ".git", ".venv", "__pycache__", "*.egg-info", "build", "dist", ".cache", "artifacts",
    ".pytest_cache", ".ruff_cache", ".hypothesis", "node_modules", "tests",
)


def _run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a command outside the source tree, with no PYTHONPATH leading back into it."""
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME"}}
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, f"{args}: {result.stderr}"
    return result


def _build_wheel(tmp_path: Path) -> Path:
    """Build the wheel from a copy of the checkout, so the build leaves nothing in the tree."""
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCE)
    dist = tmp_path / "dist"
    _run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-index",
         "--no-build-isolation", "--wheel-dir", dist, source, cwd=tmp_path)
    (wheel,) = dist.glob("trotsky_geo-*.whl")
    return wheel


def _fresh_venv(tmp_path: Path) -> tuple[Path, Path]:
    """A new venv that borrows the project venv's installed dependencies through a .pth file.

    A path in a .pth is only appended to sys.path: the project venv's own .pth files, among them
    the editable install of trotsky_geo, are not run, so the fresh venv can only import the
    trotsky_geo installed into it.
    """
    venv = tmp_path / "fresh"
    _run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path)
    python = venv / "bin" / "python"
    purelib = Path(_run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))",
                        cwd=tmp_path).stdout.strip())
    (purelib / "borrowed_dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    return venv, purelib


@pytest.mark.slow
def test_the_wheel_alone_reads_the_bundled_article(tmp_path: Path) -> None:
    wheel = _build_wheel(tmp_path)
    with zipfile.ZipFile(wheel) as archive:
        assert "trotsky_geo/places/places.csv" in archive.namelist()
    venv, purelib = _fresh_venv(tmp_path)
    python = venv / "bin" / "python"
    _run(sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps",
         "--no-index", wheel, cwd=tmp_path)

    where = _run(python, "-c", "import trotsky_geo, trotsky_geo.gazetteer as g; "
                 "print(trotsky_geo.__file__); print(g.DEFAULT_PATH)", cwd=tmp_path)
    package, gazetteer = (Path(line) for line in where.stdout.splitlines())
    assert package.is_relative_to(purelib), package
    assert gazetteer == purelib / "trotsky_geo" / "places" / "places.csv"

    result = _run(venv / "bin" / "trotsky-geo", "extract", cwd=tmp_path)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) > 20
    assert any(row["name_today"] == "Büyükada" for row in rows)  # a curated place
