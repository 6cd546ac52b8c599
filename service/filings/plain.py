"""The 终本 check in plain Chinese for the party's page (contract §4.5, issue 18).

The check's evidence (:mod:`service.filings.termination`) is written for the court: it cites
the case system's event ids (［ux-001］), ISO dates and record-keeping terms. A party reads
the same facts without the ids, with dates as 2026年12月9日, and with each item explained in
words a person without legal training understands.
"""

from __future__ import annotations

import re

from service.web.formats import date_zh

#: What each 终本 condition means, said plainly; the article each rests on is
#: :data:`service.filings.termination.BASIS` (终本规定第一条至第五条, and the local rules).
PLAIN_ZH = {
    "filed_over_three_months": "法院从立案到作出终本裁定，应当已经过了三个月。",
    "execution_notice_served": (
        "法院应当已经向被执行人发出执行通知书和报告财产令，要求其履行并如实申报财产。"
    ),
    "online_search_twice": (
        "法院应当通过网络查控系统查询被执行人的存款、房产、车辆等财产，至少两次。"
    ),
    "field_search_done": "网络查不到的财产，法院应当实地或到有关部门调查（传统查控）。",
    "consumption_restricted": (
        "法院应当已经对被执行人发出限制消费令（如禁止乘坐飞机、高铁一等座等高消费）。"
    ),
    "interview_before_termination": (
        "作出终本裁定前，法院应当约谈您（申请执行人），告知查到的财产情况，听取您的意见。"
    ),
    "no_undisposed_property": (
        "已经查封、扣押、冻结的财产，法院应当已经处置完毕（拍卖、变卖、扣划等），"
        "确实无法处置的除外。"
    ),
}

_EVENT_ID = re.compile(r"\s*［[^］]*］")
_ISO_DAY = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")
_PHRASES = (
    (
        "，记录自立案起完整，视为未进行",
        "。本服务收到了本案从立案起的全部执行记录，其中没有这一步，所以按“未进行”处理",
    ),
    ("；本服务的记录不含立案节点，无法判断", "。本服务没有收到本案从立案起的完整记录，无法判断"),
    ("（held_at）", ""),
    ("held_at", "约谈时间"),
    ("（案件信息）", ""),
)


def plain_evidence(text: str) -> str:
    """The court's evidence text without event ids, with Chinese dates and plain phrases."""
    out = _EVENT_ID.sub("", text)
    out = _ISO_DAY.sub(lambda m: date_zh(m.group(1)), out)
    for court, plain in _PHRASES:
        out = out.replace(court, plain)
    return out
