"""Where "a property lead was given" comes from (失信规定 Art. 10(4): 「且申请执行人或者其他人未提供
有效财产线索」), for the 终本 schedule and the 失信 deletion review.

Today the record shows leads only as ``lead_verified`` events (财产线索核查结果, read in
:mod:`service.aftercare.schedule`). Leads filed by applicants (contract §9.4, built in another
package) register a source here at start-up: an async function taking case numbers and returning,
per case, the times leads were received. Both readers add those times to the events' leads.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable, Collection
from datetime import datetime

LeadSource = Callable[[Collection[str]], Awaitable[dict[str, list[datetime]]]]

_sources: list[LeadSource] = []


def register(source: LeadSource) -> None:
    """Add a source of leads (idempotent)."""
    if source not in _sources:
        _sources.append(source)


def unregister(source: LeadSource) -> None:
    if source in _sources:
        _sources.remove(source)


async def lead_times(case_nos: Collection[str]) -> dict[str, list[datetime]]:
    """Per case, when leads were received according to every registered source."""
    found: dict[str, list[datetime]] = defaultdict(list)
    if not case_nos:
        return found
    for source in list(_sources):
        for case_no, times in (await source(case_nos)).items():
            found[case_no].extend(times)
    return found
