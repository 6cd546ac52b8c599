"""Settings that would undo a defence stop start-up with a message naming them (issue 14)."""

from __future__ import annotations

from pathlib import Path

import pytest

from config.settings import SettingsError, load_settings


def test_a_nonce_ttl_under_twice_the_skew_is_refused(tmp_path: Path) -> None:
    """A court request is accepted within ±skew of its timestamp, so its nonce must be kept
    for 2 × skew: a nonce forgotten sooner lets the same request replay while still fresh."""
    env = {
        "MICROCOURT_DATA_DIR": str(tmp_path),
        "MICROCOURT_COURT_TIMESTAMP_SKEW_SECONDS": "300",
        "MICROCOURT_COURT_NONCE_TTL_SECONDS": "599",
    }
    with pytest.raises(SettingsError, match=r"COURT_NONCE_TTL_SECONDS.*twice.*SKEW_SECONDS"):
        load_settings(env)
    assert load_settings({**env, "MICROCOURT_COURT_NONCE_TTL_SECONDS": "600"})


def test_the_push_allow_list_takes_cidrs_only(tmp_path: Path) -> None:
    env = {"MICROCOURT_DATA_DIR": str(tmp_path)}
    assert load_settings(env).led_push_allow_networks == ()
    nets = load_settings({**env, "MICROCOURT_LED_PUSH_ALLOW_NETWORKS": "127.0.0.0/8, fd00::/8"})
    assert [str(n) for n in nets.led_push_allow_networks] == ["127.0.0.0/8", "fd00::/8"]
    with pytest.raises(SettingsError, match="LED_PUSH_ALLOW_NETWORKS"):
        load_settings({**env, "MICROCOURT_LED_PUSH_ALLOW_NETWORKS": "10.0.0.1/8"})
