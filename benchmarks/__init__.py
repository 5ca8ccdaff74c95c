"""Benchmarks that print figures (``make bench``); tests assert their floors."""
