from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from starlette.applications import Starlette

from tests.disclosure.helpers import client_ip


@pytest.fixture
async def public(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    """An anonymous client with an address of its own: its rate-limit window is its own."""
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False, client=(client_ip(), 4321))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c
