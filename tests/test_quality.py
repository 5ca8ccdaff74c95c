"""Floors on the extraction benchmark: regressions in what the map shows fail here."""

import pytest

from benchmarks.bench_extract import quality


@pytest.fixture(scope="module")
def result():
    return quality()


def test_recall(result):
    assert result.recall >= 0.95, [r.snippet for r in result.missed]


def test_precision(result):
    assert result.precision >= 0.95, [e.evidence.sentence[:80] for e in result.unannotated]


def test_no_invented_movements(result):
    assert result.invented == [], [
        (e.place.name, e.evidence.sentence[:80]) for e in result.invented
    ]


def test_kinds(result):
    assert result.kind_accuracy >= 0.9


def test_day_exact_dates_where_the_text_gives_the_day(result):
    assert result.day_exact_share >= 0.95


def test_geocoding_error(result):
    assert result.median_km <= 5
    assert result.worst_km <= 60
