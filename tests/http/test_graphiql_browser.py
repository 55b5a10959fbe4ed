"""GraphiQL runs a query in a real browser with no network beyond the server.

Headless Chromium (the Debian package, driven by Playwright's protocol driver; no
browser download) opens a ``?query=`` deep link on a real ``ipreg serve --dev``
(uvicorn on 127.0.0.1), runs the query with the run button and reads the answer in
the result pane. Every request the browser makes is recorded and anything not for
the server is refused: the page must work without it. A screenshot is saved in
``$IPREG_TEST_ARTIFACTS`` (default ``test-artifacts/`` in the repository).
"""

from __future__ import annotations

import json
import os
import shutil
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from live_server import environment_without, ipreg_serve

ROOT = Path(__file__).resolve().parents[2]
QUERY = ("query Other { __typename }\n"
         "query Codes($lang: String) { jurisdictions { code name(lang: $lang) } }")
VARIABLES = '{"lang": "ru"}'
#: A header typed into GraphiQL's header editor: it must not reach localStorage.
MARKER = "not-kept-in-local-storage-7f3a"


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        reason = "the GraphiQL browser test needs Chromium (Debian package `chromium`)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return found


def artifacts_dir() -> Path:
    path = Path(os.environ.get("IPREG_TEST_ARTIFACTS") or ROOT / "test-artifacts")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture
def dev_server(tmp_path: Path) -> Iterator[str]:
    """``ipreg serve --dev`` with none of the switches set: development keeps GraphiQL
    and introspection on."""
    env = environment_without("IPREG_SECRET", "IPREG_DEV", "IPREG_GRAPHIQL",
                              "IPREG_INTROSPECTION", "IPREG_CORS_ORIGINS")
    with ipreg_serve(tmp_path, env, "--dev") as base:
        yield base


def test_ipreg_serve_dev_keeps_graphiql_and_introspection_on(dev_server: str) -> None:
    request = urllib.request.Request(
        f"{dev_server}/graphql", data=json.dumps(
            {"query": "{ __schema { queryType { name } } }"}).encode(),
        headers={"content-type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert json.load(response) == {"data": {"__schema": {"queryType": {"name": "Query"}}}}
    page = urllib.request.Request(f"{dev_server}/graphql", headers={"accept": "text/html"})
    with urllib.request.urlopen(page, timeout=10) as response:
        assert "ipreg GraphiQL" in response.read().decode()


def test_graphiql_runs_a_query_in_chromium_without_network(
        dev_server: str, capsys: pytest.CaptureFixture[str]) -> None:
    chromium = _chromium()
    from playwright.sync_api import Request, Route, sync_playwright

    requested: list[str] = []
    refused: list[str] = []
    problems: list[str] = []
    sent: list[str | None] = []

    def only_the_server(route: Route, request: Request) -> None:
        requested.append(request.url)
        if request.method == "POST":
            sent.append(request.headers.get("x-request-id"))
        if request.url.startswith(f"{dev_server}/"):
            route.continue_()
        else:
            refused.append(request.url)
            route.abort("internetdisconnected")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, headless=True,
            # No proxy, no background services (updates, safe browsing...).
            args=["--no-sandbox", "--no-proxy-server", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"])
        try:
            context = browser.new_context(viewport={"width": 1400, "height": 800})
            context.route("**/*", only_the_server)
            page = context.new_page()
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: problems.append(str(e)))

            link = f"{dev_server}/graphql?" + urllib.parse.urlencode(
                {"query": QUERY, "variables": VARIABLES, "operationName": "Codes"})
            page.goto(link, wait_until="load")
            page.wait_for_selector(".graphiql-execute-button", timeout=30_000)
            # The deep link's query and variables are in their editors.
            page.wait_for_function(
                "document.querySelector('.graphiql-query-editor').innerText"
                ".includes('jurisdictions') && document.querySelector("
                "'.graphiql-editor-tool .graphiql-editor').innerText.includes('lang')",
                timeout=10_000)

            # A header typed in the header editor is sent, but never stored.
            page.get_by_role("button", name="Headers").click()
            page.locator(".graphiql-editor-tool .graphiql-editor:not(.hidden) "
                         ".CodeMirror").first.click()
            page.keyboard.type(f'{{"X-Request-ID": "{MARKER}"')

            page.click(".graphiql-execute-button")
            result = page.locator(".result-window")
            result.get_by_text('"eaeu"').wait_for(timeout=30_000)
            answer = result.inner_text()
            screenshot = artifacts_dir() / "graphiql-offline.png"
            page.screenshot(path=str(screenshot))
            with capsys.disabled():
                print(f"\nGraphiQL screenshot: {screenshot}")
            stored = page.evaluate("JSON.stringify(Object.assign({}, window.localStorage))")
        finally:
            browser.close()

    assert '"jurisdictions"' in answer and '"code": "eaeu"' in answer, answer
    # The deep link's variables and operation name were used: the names are in Russian.
    assert '"name": "Единый таможенный реестр' in answer, answer
    assert sent[-1] == MARKER  # the header was sent with the query...
    assert MARKER not in stored, stored  # ...and not kept
    assert refused == [], f"the page tried to leave the server: {refused}"
    assert all(url.startswith(f"{dev_server}/") for url in requested), requested
    assert any("/graphql/static/graphiql/graphiql@" in url for url in requested), requested
    assert problems == [], problems
