"""The 终本 conditions, evaluated from a case's events (contract §4.5). Pure: no I/O.

Rules (our reading of 终本规定 Art. 1–5, domain.md §2.2–§2.4, applied to the node catalogue):

* The **ruling** is the latest ``terminated_current_procedure`` event; only events recorded at or
  before it count (a later resumption and new 终本 make the later ruling the one judged).
* **Record completeness.** The service knows a case only from the events the court sends. When
  the case's ``case_filed`` event is in the record, the record is taken to start at filing and
  a missing step is ``false`` ("not done"); without it, a missing step is ``null`` ("the record
  has nothing to judge by"). A step present in the record is judged either way.
* ``filed_over_three_months`` (Art. 1(四) 「自执行案件立案之日起已超过三个月」): the ruling's
  local date is *after* the case's 立案日期 (``filed_at`` of the case record) plus three
  calendar months (2024-03-01 → over from 2024-06-02; month-end clamps: 11-30 + 3 = 02-28/29).
* ``execution_notice_served`` (Art. 1(一), Art. 2(一)): an ``execution_notice_served`` event
  (执行通知书/报告财产令).
* ``online_search_twice``: at least two 网络查控. A search is an ``online_search_started``
  event; an ``online_search_result`` with no unpaired start before it is a search too.
* ``field_search_done`` (Art. 3(三)): 「无法通过网络执行查控系统查询本款第二项规定的财产情况的，
  在被执行人住所地或者可能隐匿、转移财产所在地进行必要调查」 — a field search is required only
  where the online search cannot reach. A ``field_search_completed`` event is ``true``; without
  one, a record with an online search is ``null`` (whether the online search reached everything
  is not in the record), and a record with none is ``false``/``null`` as above.
* ``consumption_restricted`` (Art. 1(二)): a ``consumption_restricted`` event. That node has no
  national code, so a case system that reports national codes only never sends it: its absence
  proves nothing and is ``null``, never ``false`` (and the objection form does not pre-tick
  it). 失信 listing is required only 「符合条件的」, which the service cannot judge; a listing is
  named as evidence.
* ``interview_before_termination`` (Art. 5, ◐): a ``termination_interview`` **held**
  (``data.held_at``) before the ruling. One only scheduled (``scheduled_at`` before the ruling,
  no ``held_at``) is ``null``: the record does not show it took place. Interviews are read at
  any time: one held or scheduled after the ruling is named as evidence of ``false``.
* ``no_undisposed_property`` (Art. 1(三), Art. 4): every 查封/扣押/冻结 (``property_sealed``,
  ``property_seized``, ``property_frozen``, ``deposit_frozen``) is followed, before the ruling,
  by a disposal (``auction_confirmed``, ``set_off_in_kind``, ``property_handed_over``,
  ``funds_deducted``) or is property that 「不能处置」 under Art. 4: (一) 「经法定程序拍卖、变卖未
  成交，申请执行人不接受抵债…」 — a ``disposal_failed`` after it and no ``set_off_in_kind``;
  (二) 「在登记机关查封的被执行人车辆、船舶等财产，未能实际扣押的」 — a ``property_sealed`` of a
  vehicle or vessel (``data.property`` names 车/船) with no ``property_seized`` after it.
  Starting an auction or a sale (``auction_started``, ``sale_started``) disposes of nothing.
  ``funds_received``/``funds_disbursed`` are money moving, not an act on the sealed property.
  Events do not say which property they concern, so one disposal after a control satisfies it.
  No control at all is ``true`` on a complete record, ``null`` otherwise.

Each item names its rule (``basis``); ``local_policy`` marks an item that national rules do not
require as such: 「两次」网络查控 (Art. 3 verified requires the online search, not a number)
is local practice — the nearest local text at hand is the Ningbo Intermediate Court's 2018 plan
(shared/seeds/002: 「重点审查是否立案是否满3个月,是否进行两次查控和传统查控…」); the
「四个不批」 is known only from a summary of a report that is not a court's rule
(docs/filings.md, "Local policy") — shown apart from the national conditions.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from service.clock import SHANGHAI
from service.events.nodes import resolve

ITEMS = (
    "filed_over_three_months",
    "execution_notice_served",
    "online_search_twice",
    "field_search_done",
    "consumption_restricted",
    "interview_before_termination",
    "no_undisposed_property",
)

ITEM_ZH = {
    "filed_over_three_months": "自立案之日起已超过三个月",
    "execution_notice_served": "已发出执行通知书、报告财产令",
    "online_search_twice": "已进行至少两次网络查控",
    "field_search_done": "已完成传统查控（实地调查）",
    "consumption_restricted": "已发出限制消费令",
    "interview_before_termination": "终本前已约谈申请执行人",
    "no_undisposed_property": "无已查封、扣押、冻结而未处置的财产",
}

BASIS = {
    "filed_over_three_months": "终本规定第一条第（四）项",
    "execution_notice_served": "终本规定第一条第（一）项、第二条",
    "online_search_twice": "终本规定第三条（网络查控）；「至少两次」为地方法院终本审查清单的要求，"
    "非全国性规定",
    "field_search_done": "终本规定第三条第（三）项：网络查控无法查询时方须实地调查",
    "consumption_restricted": "终本规定第一条第（二）项",
    "interview_before_termination": "终本规定第五条（听取申请执行人意见，部分核实）",
    "no_undisposed_property": "终本规定第一条第（三）项、第四条",
}
LOCAL_POLICY = frozenset({"online_search_twice"})

TERMINATION = "terminated_current_procedure"
CONTROLS = ("property_sealed", "property_seized", "property_frozen", "deposit_frozen")
DISPOSALS = ("auction_confirmed", "set_off_in_kind", "property_handed_over", "funds_deducted")
FAILED = "disposal_failed"
_REGISTERED = re.compile(r"车|船")  # Art. 4(二): 车辆、船舶等 sealed at the registry


@dataclass(frozen=True)
class Fact:
    """One event of the case as the check needs it."""

    event_id: str
    node: str
    occurred_at: datetime
    data: Mapping[str, object]


@dataclass(frozen=True)
class CheckItem:
    item: str
    met: bool | None
    evidence: str

    @property
    def basis(self) -> str:
        return BASIS[self.item]

    @property
    def local_policy(self) -> bool:
        return self.item in LOCAL_POLICY


def add_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _day(at: datetime) -> date:
    return at.astimezone(SHANGHAI).date()


def cite(fact: Fact) -> str:
    node = resolve(fact.node)
    name = node.name_zh if node else fact.node
    return f"{name} {_day(fact.occurred_at).isoformat()}［{fact.event_id}］"


def _cites(facts: Sequence[Fact]) -> str:
    return "、".join(cite(f) for f in facts)


def _time_of(fact: Fact, name: str) -> datetime | None:
    raw = fact.data.get(name)
    if isinstance(raw, str):
        try:
            parsed = datetime.fromisoformat(raw)
        except ValueError:
            return None
        if parsed.tzinfo is not None:
            return parsed
    return None


def ruling_of(facts: Sequence[Fact]) -> Fact | None:
    rulings = [f for f in facts if f.node == TERMINATION]
    return max(rulings, key=lambda f: (f.occurred_at, f.event_id)) if rulings else None


def evaluate(filed_on: date, facts: Sequence[Fact]) -> list[CheckItem] | None:
    """The seven items in contract order, or ``None`` when the case has no 终本 ruling."""
    ruling = ruling_of(facts)
    if ruling is None:
        return None
    ordered = sorted(facts, key=lambda f: (f.occurred_at, f.event_id))
    before = [f for f in ordered if f.occurred_at <= ruling.occurred_at and f is not ruling]
    complete = any(f.node == "case_filed" for f in before)
    missing = (
        "，记录自立案起完整，视为未进行" if complete else "；本服务的记录不含立案节点，无法判断"
    )

    def absent(what: str) -> tuple[bool | None, str]:
        return (False if complete else None), f"终本裁定前无{what}记录{missing}"

    def of(*nodes: str) -> list[Fact]:
        return [f for f in before if f.node in nodes]

    out: list[CheckItem] = []

    threshold = add_months(filed_on, 3)
    ruling_day = _day(ruling.occurred_at)
    over = ruling_day > threshold
    out.append(
        CheckItem(
            "filed_over_three_months",
            over,
            f"立案日期 {filed_on.isoformat()}（案件信息），满三个月之日 {threshold.isoformat()}；"
            f"{cite(ruling)}：{'已' if over else '未'}超过三个月",
        )
    )

    notices = of("execution_notice_served")
    met, text = (True, _cites(notices)) if notices else absent("执行通知书/报告财产令")
    out.append(CheckItem("execution_notice_served", met, text))

    searches: list[Fact] = []
    open_starts = 0
    for f in of("online_search_started", "online_search_result"):
        if f.node == "online_search_started":
            searches.append(f)
            open_starts += 1
        elif open_starts:
            open_starts -= 1
        else:
            searches.append(f)
    if len(searches) >= 2:
        met, text = True, f"网络查控 {len(searches)} 次：{_cites(searches)}"
    elif searches:
        met = False if complete else None
        text = f"网络查控仅 {len(searches)} 次：{_cites(searches)}{missing}"
    else:
        met, text = absent("网络查控")
    out.append(CheckItem("online_search_twice", met, text))

    done = of("field_search_completed")
    started = of("field_search_started")
    if done:
        met, text = True, _cites(done)
    elif started:
        met = False if complete else None
        text = f"{_cites(started)}，终本裁定前无完成传统查控记录{missing}"
    elif searches:
        met = None
        text = (
            f"终本裁定前无传统查控记录；已有网络查控（{_cites(searches)}）。仅网络查控无法查询的"
            "财产须实地调查（第三条第（三）项），记录未显示网络查控能否查询，无法判断"
        )
    else:
        met, text = absent("传统查控（且无网络查控）")
    out.append(CheckItem("field_search_done", met, text))

    restricted = of("consumption_restricted")
    listed = of("dishonest_listed")
    extra = f"；另有 {_cites(listed)}" if listed else ""
    if restricted:
        met, text = True, _cites(restricted) + extra
    else:
        # No national node code: a case system reporting national codes never sends it.
        met = None
        text = (
            "终本裁定前无限制消费令记录；限制消费令没有全国统一的节点代码，"
            f"案件系统可能未报送，无法判断{extra}"
        )
    out.append(CheckItem("consumption_restricted", met, text))

    interviews = [f for f in ordered if f.node == "termination_interview"]
    held = [(f, t) for f in interviews if (t := _time_of(f, "held_at")) is not None]
    held_in_time = [f for f, t in held if t < ruling.occurred_at]
    scheduled = [
        f
        for f in interviews
        if _time_of(f, "held_at") is None
        and (t := _time_of(f, "scheduled_at")) is not None
        and t < ruling.occurred_at
    ]
    if held_in_time:
        met, text = True, f"{_cites(held_in_time)}（已进行），早于{cite(ruling)}"
    elif scheduled:
        met = None
        text = f"{_cites(scheduled)} 已安排约谈，记录未显示约谈已进行（held_at），无法判断"
    elif interviews:
        met = False if complete else None
        text = f"{_cites(interviews)} 未在{cite(ruling)}之前进行{missing}"
    else:
        met, text = absent("终本约谈")
    out.append(CheckItem("interview_before_termination", met, text))

    controls = of(*CONTROLS)
    disposals = of(*DISPOSALS)
    failures = of(FAILED)
    set_offs = of("set_off_in_kind")
    seizures = of("property_seized")
    disposed: list[Fact] = []
    unsaleable: list[tuple[Fact, str]] = []
    undisposed: list[Fact] = []
    for c in controls:
        if any(d.occurred_at > c.occurred_at for d in disposals):
            disposed.append(c)
        elif any(f.occurred_at > c.occurred_at for f in failures) and not any(
            o.occurred_at > c.occurred_at for o in set_offs
        ):
            unsaleable.append((c, "拍卖、变卖未成交且未以物抵债（第四条第（一）项）"))
        elif (
            c.node == "property_sealed"
            and _REGISTERED.search(str(c.data.get("property", "")))
            and not any(s.occurred_at > c.occurred_at for s in seizures)
        ):
            unsaleable.append((c, "登记查封的车辆、船舶未能实际扣押（第四条第（二）项）"))
        else:
            undisposed.append(c)
    if undisposed:
        met = False
        text = (
            f"{_cites(undisposed)} 之后终本裁定前无成交、以物抵债或扣划记录"
            "（启动拍卖、变卖不等于处置）"
        )
    elif controls:
        parts = []
        if disposed:
            parts.append(f"{_cites(disposed)} 其后有 {_cites(disposals)}")
        parts.extend(f"{cite(c)}：{why}" for c, why in unsaleable)
        met, text = True, "；".join(parts)
    elif complete:
        met, text = True, "终本裁定前无查封、扣押、冻结记录"
    else:
        met, text = None, "终本裁定前无查封、扣押、冻结记录；本服务的记录不含立案节点，无法判断"
    out.append(CheckItem("no_undisposed_property", met, text))
    return out
