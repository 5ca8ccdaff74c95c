"""Speed floor, relative so a loaded machine does not fail it: the pipeline against dateparser."""

from benchmarks.bench_extract import timings


def test_pipeline_takes_under_a_quarter_of_dateparser_on_the_same_text():
    speed = timings(repeat=3)
    assert speed.ratio <= 0.25, speed
