"""The node catalogue (contract §1.4): every case-progress node the court can report.

Each :class:`Node` says who is told (``recipients``; agents receive what the party they
represent receives), which ``data`` fields it carries and how they are checked, how the
one-line summary in a message reads, whether it is legally significant (contract §4.3:
such nodes will ignore opt-out and quiet hours once preferences exist, issue 4), which
message kind renders it (``funds`` when the templates file has one, else ``progress``), and
whether it changes the case's state. Codes are accepted in our form or as the national
``203001xxx`` code.

``internal`` nodes are recorded by the service itself (``record_system_event``: objection
status changes, rights-list reminders); the court API does not accept them (``node_unknown``).
Fields of kind ``phone`` are personal data: stored encrypted in ``event.data`` and never part
of a summary, so no message variable carries a phone (checked below at import).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType

APPLICANT = ("applicant",)
BOTH = ("applicant", "respondent")
NOBODY: tuple[str, ...] = ()

# Field kinds understood by service.events.schemas.check_data.
TEXT, MONEY, BOOL, TIME, DATE, ROUND, URL, PHONE, CASE_NO, MODE, COUNT, CODE = (
    "text",
    "money",
    "bool",
    "time",
    "date",
    "round",
    "url",
    "phone",
    "case_no",
    "mode",
    "count",
    "code",  # printable ASCII, 1–32 characters: fits a WeChat character_string field
)
# A 恢复执行 case number (执恢, or 恢执 as 法明传〔2018〕335号 spells it): ``resumed.new_case_no``.
RESUMPTION_CASE_NO = "resumption_case_no"
CLOSE_MODES = ("fully_performed", "terminated", "not_enforced", "rejected", "withdrawn")


@dataclass(frozen=True)
class Node:
    code: str
    name_zh: str
    national: str | None
    recipients: tuple[str, ...]
    data: dict[str, str] = field(default_factory=dict)
    summary: str = ""  # str.format over data; falls back to name_zh when a field is missing
    legally_significant: bool = False
    kind: str = "progress"
    case_status: str | None = None  # the case's state after this node, when it changes it
    internal: bool = False  # recorded by the service only; the court API rejects it

    @property
    def pushed(self) -> bool:
        return bool(self.recipients)


_NODES = [
    Node("case_filed", "立案受理", "203001001", BOTH, legally_significant=True),
    Node(
        "handler_assigned",
        "确定承办人",
        "203001002",
        APPLICANT,
        {"handler_name": TEXT, "handler_phone": PHONE},
        "承办人：{handler_name}",
    ),
    Node("execution_notice_served", "发出执行通知书/报告财产令", "203001003", BOTH),
    Node("online_search_started", "启动网络查控", "203001004", APPLICANT),
    Node(
        "online_search_result",
        "网络查控结果",
        None,
        APPLICANT,
        {"found": BOOL, "summary": TEXT},
        "{summary}",
    ),
    Node("field_search_started", "启动传统查控", "203001005", APPLICANT),
    Node(
        "field_search_completed",
        "完成传统查控",
        "203001006",
        APPLICANT,
        {"summary": TEXT},
        "{summary}",
    ),
    Node("lead_verified", "财产线索核查结果", "203001009", APPLICANT, {"result": TEXT}, "{result}"),
    Node("property_sealed", "查封", "203001012", BOTH, {"property": TEXT}, "查封{property}"),
    Node("property_seized", "扣押", "203001013", BOTH, {"property": TEXT}, "扣押{property}"),
    Node("property_frozen", "冻结", "203001014", BOTH, {"property": TEXT}, "冻结{property}"),
    Node(
        "deposit_frozen", "网络冻结存款", "203001015", BOTH, {"amount": MONEY}, "冻结存款{amount}元"
    ),
    Node(
        "funds_deducted",
        "扣划",
        "203001016",
        BOTH,
        {"amount": MONEY},
        "扣划{amount}元",
        kind="funds",
    ),
    Node("consumption_restricted", "限制消费令", None, BOTH),
    # ``withdrawn: true`` (sent by the service when it withdraws a published listing):
    # the same node, titled and summarised as a withdrawal (see title() and summary()).
    Node(
        "dishonest_listed",
        "纳入失信被执行人名单",
        None,
        BOTH,
        {"listing_id": TEXT, "withdrawn": BOOL},
    ),
    Node(
        "sanction_imposed",
        "罚款/拘留等制裁",
        "203001030",
        APPLICANT,
        {"measure": TEXT},
        "{measure}",
    ),
    Node("appraisal_started", "启动评估", "203001017", BOTH, {"property": TEXT}, "评估{property}"),
    Node(
        "appraisal_report_served",
        "送达评估报告",
        "203001018",
        BOTH,
        {"objection_deadline": DATE},
        "评估报告已送达",
    ),
    Node(
        "auction_started",
        "启动拍卖",
        "203001021",
        BOTH,
        {"round": ROUND, "starts_at": TIME, "url": URL},
        "第{round}次拍卖",
    ),
    Node(
        "auction_confirmed", "拍卖成交确认", "203001022", BOTH, {"price": MONEY}, "成交价{price}元"
    ),
    Node("sale_started", "启动变卖", "203001026", BOTH),
    Node("set_off_in_kind", "以物抵债", "203001025", BOTH),
    Node(
        "funds_received",
        "执行款到账",
        None,
        APPLICANT,
        {"amount": MONEY},
        "执行款{amount}元已到账",
        legally_significant=True,
        kind="funds",
    ),
    Node(
        "funds_disbursed",
        "执行款发放",
        "203001029",
        APPLICANT,
        {"amount": MONEY},
        "执行款{amount}元已发放",
        legally_significant=True,
        kind="funds",
    ),
    Node("settlement_reached", "达成执行和解", None, BOTH),
    Node(
        "suspended",
        "中止/暂缓执行",
        None,
        BOTH,
        {"reason": TEXT},
        "{reason}",
        case_status="suspended",
    ),
    Node(
        "termination_interview",
        "终本约谈",
        "203001007",
        APPLICANT,
        {"scheduled_at": TIME, "channel": TEXT},
        "约谈方式：{channel}",
    ),
    Node(
        "terminated_current_procedure",
        "终结本次执行程序（终本裁定送达）",
        "203001035",
        BOTH,
        {"ruling_no": TEXT},
        "终本裁定已送达",
        legally_significant=True,
        case_status="terminated",
    ),
    Node(
        "post_termination_search",
        "终本后定期网络查控结果",
        "203001040",
        APPLICANT,
        {"found": BOOL, "summary": TEXT},
        "{summary}",
    ),
    Node(
        "resumed",
        "恢复执行",
        "203001010",
        BOTH,
        {"new_case_no": RESUMPTION_CASE_NO},
        "新案号{new_case_no}",
        case_status="in_progress",
    ),
    Node("closed", "结案", "203001031", BOTH, {"mode": MODE}, case_status="closed"),
    Node("archived", "归档", "203001032", NOBODY),
    Node("deadline_extended", "延长执行期限", "203001038", NOBODY),
    # Internal nodes (service/events/service.record_system_event), sent to chosen parties.
    Node(
        "objection_status_changed",
        "执行异议处理进展",
        None,
        APPLICANT,
        {
            "objection_id": TEXT,
            "status": TEXT,
            "status_zh": TEXT,
            "receipt_no": CODE,
            "note": TEXT,
        },
        "异议{status_zh}",
        legally_significant=True,
        kind="objection",
        internal=True,
    ),
    Node(
        "rights_list_reminder",
        "申请执行人权利清单确认提醒",
        None,
        APPLICANT,
        {"version": TEXT, "number": COUNT},
        "请阅读并确认权利清单",
        internal=True,
    ),
]

NODES: MappingProxyType[str, Node] = MappingProxyType({n.code: n for n in _NODES})
_BY_NATIONAL = {n.national: n for n in _NODES if n.national}


def _check_catalogue() -> None:
    """A summary never shows personal data: no phone field appears in a summary template."""
    for node in _NODES:
        for name, kind in node.data.items():
            if kind == PHONE and "{" + name + "}" in node.summary:
                raise AssertionError(f"{node.code}: summary shows the phone field {name}")


_check_catalogue()

CLOSE_MODE_ZH = {
    "fully_performed": "执行完毕",
    "terminated": "终结执行",
    "not_enforced": "不予执行",
    "rejected": "驳回申请",
    "withdrawn": "撤回申请",
}


def resolve(code: str) -> Node | None:
    """A node by our code or its national code (surrounding spaces and case ignored)."""
    key = code.strip()
    return NODES.get(key.lower()) or _BY_NATIONAL.get(key)


def resolve_for_court(code: str) -> Node | None:
    """A node the court API accepts: as :func:`resolve`, without internal nodes."""
    node = resolve(code)
    return None if node is None or node.internal else node


def phone_fields(node: Node) -> tuple[str, ...]:
    return tuple(name for name, kind in node.data.items() if kind == PHONE)


WITHDRAWN_TITLE = "撤销失信被执行人名单公布"
WITHDRAWN_SUMMARY = "已撤销失信公布"


def title(node: Node, data: dict[str, object]) -> str:
    """The node's name as messages and the timeline show it."""
    if node.code == "dishonest_listed" and data.get("withdrawn") is True:
        return WITHDRAWN_TITLE
    return node.name_zh


def summary(node: Node, data: dict[str, object]) -> str:
    """The one-line summary shown in messages and on the timeline."""
    if node.code == "dishonest_listed" and data.get("withdrawn") is True:
        return WITHDRAWN_SUMMARY
    if node.code == "closed" and isinstance(data.get("mode"), str):
        return f"结案方式：{CLOSE_MODE_ZH.get(str(data['mode']), str(data['mode']))}"
    if node.code in ("online_search_result", "post_termination_search") and "summary" not in data:
        found = data.get("found")
        if isinstance(found, bool):
            return "查控到财产" if found else "未查控到可供执行的财产"
    if node.summary:
        try:
            return node.summary.format(**{k: v for k, v in data.items() if v is not None})
        except (KeyError, IndexError, ValueError):
            pass
    return node.name_zh
