"""``microcourt court-request`` signs and sends one court request (issue 17, for integrators)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.e2e.conftest import ROOT
from tests.factories import case_payload
from tests.support import CourtSigner

pytestmark = [pytest.mark.slow]


def court_request(
    base: str, key_id: str, secret: str, *args: str
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MICROCOURT_")}
    env.update(MICROCOURT_COURT_KEY_ID=key_id, MICROCOURT_COURT_KEY_SECRET=secret)
    return subprocess.run(
        [sys.executable, "-m", "service.cli", "court-request", *args, "--base", base],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


async def test_court_request_signs_a_post_and_a_query_with_chinese(
    web_servers: list[str], court: CourtSigner, tmp_path: Path
) -> None:
    base = web_servers[0]
    payload = case_payload()
    body = tmp_path / "case.json"
    body.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    created = court_request(
        base, court.key_id, court.secret, "POST", "/api/court/v1/cases", "--data", str(body)
    )
    assert created.returncode == 0, created.stderr
    assert "HTTP 201" in created.stderr and json.loads(created.stdout)["case_id"]

    path = "/api/court/v1/notifications?case_no=" + payload["case_no"]  # CJK, unencoded
    listed = court_request(base, court.key_id, court.secret, "GET", path)
    assert listed.returncode == 0, listed.stderr + listed.stdout
    assert json.loads(listed.stdout)["items"] == []
    encoded = "/api/court/v1/notifications?case_no=" + quote(payload["case_no"])
    assert court_request(base, court.key_id, court.secret, "GET", encoded).returncode == 0

    forged = court_request(base, court.key_id, "not-the-secret", "GET", path)
    assert forged.returncode == 1 and json.loads(forged.stdout)["code"] == "signature_invalid"
