"""``python -m benchmarks``: print every benchmark's figures."""

from benchmarks import bench_app, bench_browser, bench_corpus, bench_extract, bench_library

for line in bench_extract.report():
    print(line)
for line in bench_extract.other_biographies_report():
    print(line)
for line in bench_corpus.report():
    print(line)
print(bench_app.measure().report())
print(bench_library.measure().report())
print(bench_browser.measure().report())
