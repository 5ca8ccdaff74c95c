"""Held-out check: biographies the extractor was not tuned on, scored against hand annotation.

Each fixture in tests/fixtures/biographies is a short biography written for this test (not
copied text) with a gold CSV annotated from the text alone before the extractor was run.
Floors are the measured figures less 0.05 (recall, precision) and the measured count of
invented movements, so a regression fails while the gold stays independent of the output.

Measured with the scorer that also checks each found place's coordinate (a wrong namesake
is not a find):
                recall  precision  invented
    bolivar     0.774   1.000      0
    douglass    0.780   0.946      0
    guevara     0.647   0.960      0
    lenin       0.767   0.973      0
    luxemburg   0.760   1.000      0
"""

from pathlib import Path

import pytest

from trotsky_geo import extract
from trotsky_geo.evaluation import Score, load_gold, score

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "biographies"

# name: (recall, precision, invented) as measured; floors are derived below.
MEASURED = {
    "bolivar": (0.774, 1.000, 0),
    "douglass": (0.780, 0.946, 0),
    "guevara": (0.647, 0.960, 0),
    "lenin": (0.767, 0.973, 0),
    "luxemburg": (0.760, 1.000, 0),
}
MARGIN = 0.05


def _scored(name: str) -> Score:
    text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    return score(extract(text), load_gold(FIXTURES / f"{name}.csv"))


@pytest.fixture(scope="module", params=sorted(MEASURED))
def scored(request) -> tuple[str, Score]:
    result = _scored(request.param)
    print(
        f"\n{request.param}: recall {result.recall:.3f} ({result.found}/{result.required}), "
        f"precision {result.precision:.3f} ({result.correct}/{result.extracted}), "
        f"invented {len(result.invented)}, kinds {result.kind_accuracy:.2f}, "
        f"wrong year {len(result.wrong_year)}"
    )
    return request.param, result


def test_every_fixture_has_gold_and_a_floor():
    texts = {p.stem for p in FIXTURES.glob("*.txt")}
    golds = {p.stem for p in FIXTURES.glob("*.csv")}
    assert texts == golds == set(MEASURED)


@pytest.mark.parametrize("name", sorted(MEASURED))
def test_gold_snippets_are_in_the_text(name):
    text = " ".join((FIXTURES / f"{name}.txt").read_text(encoding="utf-8").split())
    gold = load_gold(FIXTURES / f"{name}.csv")
    missing = [row.snippet for row in gold if row.snippet not in text]
    assert missing == []


def test_recall(scored):
    name, result = scored
    assert result.recall >= MEASURED[name][0] - MARGIN, [r.snippet for r in result.missed]


def test_precision(scored):
    name, result = scored
    assert result.precision >= MEASURED[name][1] - MARGIN, [
        (e.place.name, e.evidence.sentence[:80]) for e in result.unannotated
    ]


def test_invented_movements_do_not_grow(scored):
    name, result = scored
    assert len(result.invented) <= MEASURED[name][2], [
        (e.place.name, e.evidence.sentence[:80]) for e in result.invented
    ]
