"""Browser pages for the offline tests: one where every request leaves the machine refused."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import BrowserPage


@pytest.fixture
def unplugged_page(browser) -> Iterator[BrowserPage]:
    """A page with no network at all: every request but ``file:`` and ``data:`` is refused.

    Refused requests, console and page errors and dialogs are collected for the test.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    page = context.new_page()
    result = BrowserPage(page)

    def route(route) -> None:
        url = route.request.url
        if url.startswith(("file:", "data:")):
            route.continue_()
        else:
            result.aborted.append(url)
            route.abort()

    context.route("**/*", route)
    page.on("console", lambda m: result.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: result.errors.append(str(error)))
    page.on("dialog", lambda dialog: (result.dialogs.append(dialog.message), dialog.dismiss()))
    yield result
    context.close()
