"""The 失信 rules as code (pure functions; ../shared/domain.md §1).

* Art. 1 — the six grounds (``circumstance`` 1–6) and their published texts.
* Art. 2 — grounds 2–6 are listed for 2 years, extendable by 1–3 years (so 2–5);
  ground 1 has no period and ends only by withdrawal (Art. 10).
* Art. 4 — minors are never listed: protective reading, a person is a minor through the 18th
  birthday itself and listable from the day after.
* Grace period (法发〔2019〕35号) — ``publish_after`` delays publication.

When a listing becomes public and when its period ends are decided here, counted by
:mod:`service.calendar` (民诉法 Art. 85: the decision day is not counted). Days begin at
midnight in the court's zone (Asia/Shanghai).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Final

from service import calendar, identifiers
from service.clock import SHANGHAI

CIRCUMSTANCES: Final[dict[int, str]] = {
    1: "有履行能力而拒不履行生效法律文书确定义务",
    2: "以伪造证据、暴力、威胁等方法妨碍、抗拒执行",
    3: "以虚假诉讼、虚假仲裁或者以隐匿、转移财产等方法规避执行",
    4: "违反财产报告制度",
    5: "违反限制消费令",
    6: "无正当理由拒不履行执行和解协议",
}
PERIOD_MIN_YEARS: Final = 2
PERIOD_MAX_YEARS: Final = 5
ADULT_AGE: Final = 18

#: Withdrawal reasons (contract §1.6, §9.3) and what each means (Art. 2, 9, 10, 11).
WITHDRAW_REASONS: Final[dict[str, str]] = {
    "performed": "被执行人已履行义务或已执行完毕",
    "settlement_performed": "执行和解协议已履行完毕",
    "applicant_request": "申请执行人书面申请删除，经审查同意",
    "no_property_after_termination": "终本后两次以上网络查控未发现可供执行财产",
    "suspended": "因审判监督或破产程序裁定中止执行",
    "ruling_not_enforced": "裁定不予执行",
    "not_enforced": "裁定不予执行",
    "execution_terminated": "裁定终结执行",
    "terminated": "裁定终结执行",
    "early_deletion": "积极履行或主动纠正失信行为，决定提前删除",
    "wrongly_listed": "不应纳入失信名单，予以撤销",
    "corrected": "信息更正",
    # Art. 11(三)/Art. 12: a correction request that the information should be deleted, granted.
    "deletion_due": "失信信息应予删除，经纠正申请审查予以删除",
}

#: The reasons that are Art. 10 para 1 grounds, by item. 「有纳入期限的，不适用前款规定」
#: (Art. 10 para 2): a listing with a period is not deleted on them, only at the end of its
#: period, or early under Art. 2 para 2 (``early_deletion``). ``not_enforced`` and
#: ``terminated`` are the contract's first spellings of items (六) and (七).
ART10_REASONS: Final[dict[str, str]] = {
    "performed": "（一）",
    "settlement_performed": "（二）",
    "applicant_request": "（三）",
    "no_property_after_termination": "（四）",
    "suspended": "（五）",
    "ruling_not_enforced": "（六）",
    "not_enforced": "（六）",
    "execution_terminated": "（七）",
    "terminated": "（七）",
}

#: A ``closed`` event's mode → the Art. 10 para 1 reason that deletes a listing without a period
#: automatically (contract §9.3): (一) 执行完毕, (六) 不予执行, (七) 终结执行.
CLOSURE_REASONS: Final[dict[str, str]] = {
    "fully_performed": "performed",
    "not_enforced": "ruling_not_enforced",
    "terminated": "execution_terminated",
}
#: 「人民法院应当在三个工作日内删除失信信息」 (Art. 10 para 1).
DELETION_WORKING_DAYS: Final = 3
# Art. 10(4) (two empty searches after 终本, no lead) is read in service/aftercare/schedule.py.


#: Art. 12 「执行法院应当自收到书面纠正申请之日起十五日内审查」: 十五日, calendar days (domain.md
#: §1.12: some secondary pages say 工作日; the rule text does not).
CORRECTION_REVIEW_DAYS: Final = 15


def correction_review_due(received_at: datetime) -> date:
    """Last day of the court's review of a correction / early-deletion request (Art. 12),
    counted as 民诉法 Art. 85 counts periods (:func:`service.calendar.days_period_end`)."""
    return calendar.days_period_end(received_at, CORRECTION_REVIEW_DAYS)


def withdraw_reason_error(reason: str, period_years: int | None) -> tuple[str, str] | None:
    """``(code, detail)`` when ``reason`` cannot delete this listing (Art. 10 para 2)."""
    if period_years is not None and reason in ART10_REASONS:
        return (
            "reason_not_applicable",
            f"第十条第一款第{ART10_REASONS[reason]}项不适用于有纳入期限的失信信息"
            "（「有纳入期限的，不适用前款规定」）：期限届满时删除，或依第二条第二款提前删除"
            "（reason early_deletion）",
        )
    return None


SCHEDULED: Final = "scheduled"
PUBLISHED: Final = "published"
WITHDRAWN: Final = "withdrawn"
EXPIRED: Final = "expired"
STATUSES: Final = (SCHEDULED, PUBLISHED, WITHDRAWN, EXPIRED)
#: Statuses a listing can still be (or become) public in.
LIVE: Final = (SCHEDULED, PUBLISHED)


def circumstance_text(circumstance: int) -> str:
    return CIRCUMSTANCES[circumstance]


def period_error(circumstance: int, period_years: int | None) -> tuple[str, str] | None:
    """``(code, detail)`` when the period does not fit the ground, else None (Art. 2)."""
    if circumstance == 1:
        if period_years is not None:
            return ("period_not_allowed", "第一项情形（有履行能力而拒不履行）不设纳入期限")
        return None
    if period_years is None:
        return ("period_required", "第二至六项情形须有纳入期限（2–5 年）")
    if not PERIOD_MIN_YEARS <= period_years <= PERIOD_MAX_YEARS:
        return ("period_invalid", "纳入期限为 2 年，可延长 1–3 年，即 2–5 年")
    return None


def is_minor(id_no: str, on: date) -> bool:
    """True when the holder of resident ID ``id_no`` may not be listed on ``on`` (Art. 4
    「被执行人为未成年人的，人民法院不得将其纳入失信被执行人名单」).

    Protective reading: the day of birth is not counted (民诉法 Art. 85, as criminal-law
    practice counts 周岁), so a person is a minor through the 18th birthday itself and
    listable from the day after."""
    try:
        return identifiers.age_on(id_no, on - timedelta(days=1)) < ADULT_AGE
    except ValueError:  # decided on or before the birth date: certainly not an adult
        return True


def day_start(day: date) -> datetime:
    """Midnight at the start of ``day`` in the court's zone, as an aware datetime."""
    return datetime.combine(day, time(0, 0), tzinfo=SHANGHAI)


def publish_at(decided_at: date, publish_after: date | None) -> datetime:
    """A listing becomes public at the start of ``publish_after`` (grace period), or of the
    decision date when there is none."""
    return day_start(publish_after or decided_at)


def expires_at(decided_at: date, period_years: int | None) -> datetime | None:
    """The end of the listing period (Art. 2), counted from the decision (effective when made,
    Art. 5) as 民诉法 Art. 85 counts periods: 「期间开始的时和日，不计算在期间内」. Two years
    decided on 2024-04-01 run 2024-04-02..2026-04-01 and end at the start of 2026-04-02.
    None for ground 1 (no period).

    Art. 85's move of a last day that is a rest day is not applied: it protects someone who
    must act by that day, and here it would only lengthen a sanction. Deletion after the
    period (Art. 10 para 2: 「纳入期限届满后三个工作日内」) happens at this moment, by the
    lifecycle cron, well inside the three working days."""
    if period_years is None:
        return None
    last_day = calendar.years_period_end(decided_at, period_years)
    return day_start(calendar.after_last_day(last_day))


def status_at(publish: datetime, expires: datetime | None, now: datetime) -> str:
    """The status times alone give a live listing at ``now``."""
    if expires is not None and now >= expires:
        return EXPIRED
    if now < publish:
        return SCHEDULED
    return PUBLISHED
