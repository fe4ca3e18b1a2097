"""The page is made for a 3G phone and for everyone: small, self-contained, labelled, private.

Each kind of page (the empty form, a pending code, a refusal over quota, a dossier with its
details) is checked for weight (under 30 kB with its CSS), for anything fetched from elsewhere
(fonts, scripts, style sheets, images), for comments, and for the headers that keep it private.
"""

from __future__ import annotations

import base64
import hashlib
import io
import re
from collections.abc import Callable
from contextlib import redirect_stdout
from html.parser import HTMLParser

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from counter_app.domain.errors import InvalidInput
from counter_app.station import Station
from counter_server.cli import agency, enrol
from counter_server.lookup.tallies import Quotas
from tests.lookup.citizens import ID_DIGITS, every_state, publish_procedures
from tests.lookup.pages import details, look
from tests.server.factories import AGENCY, admin_headers
from tests.sync.helpers import no_wait

BUDGET = 30 * 1024


class Shape(HTMLParser):
    """What a page is made of: its tags' attributes, labels, inputs, comments."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.comments: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)


def shape(html: str) -> Shape:
    parsed = Shape()
    parsed.feed(html)
    return parsed


def pages(
    enrolled: Callable[[int], Station], client: TestClient, app: FastAPI, database_url: str
) -> list[str]:
    """One page of each kind, as the browser receives it."""
    app.state.lookup_quotas = Quotas(per_client=1000, overall=1000, digits_per_code=1000)
    publish_procedures(client, database_url)
    station = enrolled(1)
    seeded = every_state(station)
    station.sync_once(http=client, policy=no_wait())
    answers = [
        client.get("/tra-cuu"),
        look(client, f"{AGENCY}-200101-0001"),
        look(client, "not a code"),
        *(details(client, code, ID_DIGITS) for code in seeded.codes.values()),
        *(look(client, code, lang="en") for code in seeded.codes.values()),
    ]
    app.state.lookup_quotas = Quotas(per_client=0)
    answers.append(look(client, seeded["received"]))
    assert answers[-1].status_code == 429
    for answer in answers:
        assert answer.headers["content-type"] == "text/html; charset=utf-8"
        assert answer.headers["cache-control"] == "no-store"
        assert answer.headers["referrer-policy"] == "no-referrer"
        policy = answer.headers["content-security-policy"]
        assert policy.startswith("default-src 'none'; style-src 'sha256-")
        [style] = re.findall(r"<style>(.*?)</style>", answer.text, flags=re.S)
        digest = base64.b64encode(hashlib.sha256(style.encode("utf-8")).digest()).decode()
        assert f"style-src 'sha256-{digest}';" in policy  # the browser applies the style sheet
        assert "font-family:system-ui" in style  # as written, not escaped
    return [answer.text for answer in answers]


def test_every_page_is_small_self_contained_labelled_and_without_comments(
    enrolled: Callable[[int], Station], client: TestClient, app: FastAPI, database_url: str
) -> None:
    for html in pages(enrolled, client, app, database_url):
        assert len(html.encode("utf-8")) < BUDGET
        parsed = shape(html)
        assert parsed.comments == []
        kinds = {tag for tag, _attrs in parsed.tags}
        assert not kinds & {"script", "link", "img", "iframe", "object", "embed", "font"}
        assert not re.search(r"@import|@font-face|url\(", html)
        addresses = [
            a
            for _t, attrs in parsed.tags
            for k, a in attrs.items()
            if k in ("href", "action", "src")
        ]
        assert all(a and (a.startswith("/tra-cuu") or a.startswith("tel:")) for a in addresses)
        assert parsed.tags[0] == ("html", {"lang": "vi"}) or parsed.tags[0][1]["lang"] == "en"
        labelled = {attrs.get("for") for tag, attrs in parsed.tags if tag == "label"}
        fields = [attrs for tag, attrs in parsed.tags if tag == "input"]
        assert all(f["type"] == "hidden" or f["id"] in labelled for f in fields)
        viewport = [a for t, a in parsed.tags if t == "meta" and a.get("name") == "viewport"]
        assert viewport == [{"name": "viewport", "content": "width=device-width, initial-scale=1"}]


def test_the_centres_address_and_phone_are_shown(
    app: FastAPI, client: TestClient, database_url: str
) -> None:
    with redirect_stdout(io.StringIO()):
        enrol(database_url, AGENCY, "UBND phường Quảng Hưng", 1)
    headers = {"Authorization": "Bearer wrong"}
    body = {
        "name": "Trung tâm Phục vụ hành chính công phường Quảng Hưng",
        "address": "Số 2 đường Trung Tâm, phường Quảng Hưng",
        "phone": "0237 3852 000",
    }
    assert client.put(f"/v1/admin/agencies/{AGENCY}", json=body, headers=headers).status_code == 401
    changed = client.put(
        f"/v1/admin/agencies/{AGENCY}", json=body, headers=admin_headers(database_url)
    )
    assert changed.status_code == 200, changed.text
    html = look(client, f"{AGENCY}-200101-0001").text
    assert body["name"] in html and body["address"] in html
    assert 'href="tel:02373852000"' in html


def test_the_agency_command_sets_and_refuses(app: FastAPI, database_url: str) -> None:
    with redirect_stdout(io.StringIO()):
        enrol(database_url, AGENCY, "UBND phường Quảng Hưng", 1)
        shown = agency(database_url, AGENCY, address="Số 2 đường Trung Tâm", phone="1022")
    assert shown.endswith("address: Số 2 đường Trung Tâm\nphone: 1022")
    for wrong in ({"phone": "gọi 0237"}, {"address": "x" * 301}):
        with pytest.raises(InvalidInput):
            agency(database_url, AGENCY, **wrong)
    with pytest.raises(InvalidInput, match=re.escape("No agency 000.17.22.H57")):
        agency(database_url, "000.17.22.H57", phone="1022")
    with redirect_stdout(io.StringIO()):
        assert agency(database_url, AGENCY, phone="").endswith("phone: -")  # "" clears it
