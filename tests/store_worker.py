"""A separate process writing to a library, for the kill-and-reopen and two-writer tests.

``edits PATH BIOGRAPHY COUNT ACTION``: save COUNT edits, printing "ack N" after each commit.
``lock PATH``: hold the write lock, print "locked", and wait to be killed.
"""

from __future__ import annotations

import sqlite3
import sys
import time

from trotsky_geo.corrections import Action, Anchor, Correction, Edit
from trotsky_geo.store import Store


def anchor(number: int) -> Anchor:
    """The event edited by the Nth edit: the same events for every writer."""
    return Anchor(f"Sentence number {number} of the text.", f"Place {number}")


def edits(path: str, biography: int, count: int, action: str) -> None:
    """Save ``count`` edits of one field, acknowledging each once it is committed."""
    field = Action(action)
    values = {"dates": {"dates": "1905"}, "place": {"place": "Vienna"}, "note": {"note": "n"}}
    with Store.open(path, timeout=30) as store:
        for number in range(count):
            correction = Correction(field, anchor(number), **values[action])
            store.save_edit(biography, Edit(anchor(number), (correction,), ()))
            print(f"ack {number}", flush=True)


def lock(path: str) -> None:
    """Hold the write lock until killed."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("BEGIN EXCLUSIVE")
    print("locked", flush=True)
    time.sleep(600)


if __name__ == "__main__":
    if sys.argv[1] == "edits":
        edits(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5])
    else:
        lock(sys.argv[2])
