"""Packages that act on court events once they are committed (a port: events knows no one).

A package registers at start-up (``service/app.py``, ``notifiers/worker.py``) the nodes it
cares about and a coroutine taking the case numbers that just received such events; after a
batch commits, :func:`tell` calls each follower with its cases. A follower's failure is logged
and never fails the batch (the events are stored); followers also run a sweep of their own,
so a call lost to a crash is made up later (disclosure/deletion.py).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection, Iterable

from config.logging import get_logger

log = get_logger("microcourt.events.followers")

Follower = Callable[[Collection[str]], Awaitable[object]]

_followers: dict[Follower, frozenset[str]] = {}


def follow(nodes: Iterable[str], follower: Follower) -> None:
    """Register (or re-register: idempotent) ``follower`` for events of ``nodes``."""
    _followers[follower] = frozenset(nodes)


async def tell(accepted: Iterable[tuple[str, str]]) -> None:
    """After commit: ``accepted`` is (case number, node code) of each accepted event."""
    pairs = list(accepted)
    for follower, nodes in list(_followers.items()):
        case_nos = {case_no for case_no, node in pairs if node in nodes}
        if not case_nos:
            continue
        try:
            await follower(case_nos)
        except Exception:
            log.exception("events.follower_failed", follower=getattr(follower, "__name__", "?"))
