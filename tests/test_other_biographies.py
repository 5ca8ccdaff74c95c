"""Other biographies than Trotsky's, scored against hand annotation: does the extractor generalise?

Each fixture is a short biography written for these tests (not copied text), laid out like the
bundled article (title, infobox lines, lead, dated section headings), with a gold CSV annotated
from the text alone before the extractor was first run on it. Gold is frozen: when the
extractor changes, the floors move, never the annotation.

Two sets:
- ``biographies/`` (Bolívar, Douglass, Guevara, Lenin, Luxemburg) was written first; the rules
  were then developed against it, so it no longer measures generalisation on its own.
  First run: recall 0.42, 0.44, 0.24, 0.56, 0.76; precision 1.00, 1.00, 0.91, 0.90, 1.00.
- ``heldout/`` (Gandhi, Goldman, Ho Chi Minh, Marx) was written later by someone who had not
  read the rules, and has not been used to add rules, only to find bugs (the lead-section bug,
  pronoun chains broken by names of things).
  First run: recall 0.60, 0.81, 0.54, 0.73; precision 0.91, 0.83, 0.86, 0.80; invented 0, 2, 1, 2.

The reader on spaCy's parse replaced the hand-written one (which these texts had tuned to
pooled recall 0.79 on both sets); it reads real Wikipedia articles far better (the corpus in
test_corpus.py) and, since the corpus work, these short texts better too (pooled recall 0.86
and 0.81). MEASURED holds the current figures
(recall, precision, invented); floors are recall and precision less 0.03 and the invented
count, so a regression fails.
"""

from pathlib import Path

import pytest

from trotsky_geo import extract
from trotsky_geo.evaluation import Score, load_gold, score

FIXTURES = Path(__file__).resolve().parent / "fixtures"

MEASURED = {
    "biographies/bolivar": (0.903, 1.000, 0),
    "biographies/douglass": (0.927, 0.951, 0),
    "biographies/guevara": (0.706, 0.903, 0),
    "biographies/lenin": (0.860, 0.911, 0),
    "biographies/luxemburg": (0.880, 0.926, 0),
    "heldout/gandhi": (0.733, 0.951, 0),
    "heldout/goldman": (0.861, 0.941, 0),
    "heldout/ho_chi_minh": (0.821, 0.974, 1),
    "heldout/marx": (0.867, 1.000, 0),
}
MARGIN = 0.03


@pytest.fixture(scope="module", params=sorted(MEASURED))
def scored(request) -> tuple[str, Score]:
    text = (FIXTURES / f"{request.param}.txt").read_text(encoding="utf-8")
    result = score(extract(text), load_gold(FIXTURES / f"{request.param}.csv"))
    print(
        f"\n{request.param}: recall {result.recall:.3f} ({result.found}/{result.required}), "
        f"precision {result.precision:.3f} ({result.correct}/{result.extracted}), "
        f"invented {len(result.invented)}, kinds {result.kind_accuracy:.2f}, "
        f"wrong year {len(result.wrong_year)}"
    )
    return request.param, result


def test_every_fixture_has_gold_and_a_floor():
    found = {
        f"{path.parent.name}/{path.stem}"
        for folder in ("biographies", "heldout")
        for path in (FIXTURES / folder).glob("*.txt")
        if path.with_suffix(".csv").exists()
    }
    assert found == set(MEASURED)


@pytest.mark.parametrize("name", sorted(MEASURED))
def test_gold_snippets_are_in_the_text_and_it_has_traps(name):
    text = " ".join((FIXTURES / f"{name}.txt").read_text(encoding="utf-8").split())
    gold = load_gold(FIXTURES / f"{name}.csv")
    assert [row.snippet for row in gold if row.snippet not in text] == []
    assert {"required", "negative"} <= {row.status for row in gold}


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
