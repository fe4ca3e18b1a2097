"""Reading the lookup page back: its visible text, and what a caller may or may not find in it."""

from __future__ import annotations

import re
from html import unescape

from fastapi.testclient import TestClient
from httpx import Response

from tests.lookup.citizens import PERSONAL


def visible(html: str) -> str:
    """The page's text as read: tags, the style sheet and runs of spaces gone."""
    body = re.sub(r"<style>.*?</style>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", body))).strip()


def main_text(html: str) -> str:
    """The visible text of ``<main>`` without the code-typing form (which repeats the code)."""
    main = html.split("<main>", 1)[1].split("</main>", 1)[0]
    return visible(re.sub(r'<form method="get".*?</form>', " ", main, flags=re.S))


def personal_in(text: str) -> list[str]:
    """The fictitious applicant's data found in ``text`` (names, ID number, phone, address)."""
    return [value for value in PERSONAL if value in text]


def look(client: TestClient, code: str, **params: str) -> Response:
    """``GET /tra-cuu?ma=code``."""
    return client.get("/tra-cuu", params={"ma": code, **params})


def details(client: TestClient, code: str, digits: str, lang: str = "vi") -> Response:
    """``POST /tra-cuu`` with the code and the last 4 digits, as the page's form sends them."""
    return client.post("/tra-cuu", data={"ma": code, "so": digits, "lang": lang})
