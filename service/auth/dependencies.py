"""What handlers call to authenticate: one line at the top of each protected endpoint."""

from __future__ import annotations

from starlette.requests import Request

from service.auth.court import CourtClient, authenticate


async def require_court(request: Request, scope: str) -> CourtClient:
    state = request.app.state
    return await authenticate(
        request,
        state.redis,
        scope,
        skew=state.settings.court_timestamp_skew_seconds,
        nonce_ttl=state.settings.court_nonce_ttl_seconds,
    )
