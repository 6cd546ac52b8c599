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
from datetime import date, datetime
from types import MappingProxyType

from service.clock import SHANGHAI
from service.web.formats import amount_zh

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
# Closure modes of 执行实施 cases, 法发〔2014〕26号 Art. 14 (domain-round2.md §3): 执行完毕,
# 终结本次执行程序, 终结执行, 销案, 不予执行, 驳回申请. ``withdrawn`` is not a mode of its own:
# an application withdrawn ends as 终结执行 (民诉法 Art. 268(一); 26号 Art. 17(1)); it is kept
# as an input so the court can say why, and is shown and treated as 终结执行.
CLOSE_MODES = (
    "fully_performed",
    "terminated_current_procedure",
    "terminated",
    "cancelled",
    "not_enforced",
    "rejected",
    "withdrawn",
)


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
    # What one role is told instead of ``summary`` (same placeholders), e.g. the 终本 ruling
    # tells the respondent the debt remains enforceable.
    role_summary: dict[str, str] = field(default_factory=dict)
    summary_fallback: str = ""  # used when ``summary`` needs a field the event lacks
    required: tuple[str, ...] = ()  # data fields the event must carry

    @property
    def pushed(self) -> bool:
        return bool(self.recipients)


#: The data of a request's status message (service/requests/), one node per side.
REQUEST_DATA: dict[str, str] = {
    "request_type": TEXT,
    "request_id": TEXT,
    "kind_zh": TEXT,
    "status": TEXT,
    "status_zh": TEXT,
    "receipt_no": CODE,
    "note": TEXT,
    "due": DATE,  # received: the court's last day to decide (listing requests, Art. 12)
    "review_notice": TEXT,  # a refused listing request: 复议 (失信规定 Art. 12)
}
REQUEST_NODES = ("request_status_changed", "listing_request_status_changed")

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
    Node(
        "property_controlled",
        "其他控制财产措施",
        "203001011",
        BOTH,
        {"property": TEXT},
        "控制{property}",
    ),
    Node("property_sealed", "查封", "203001012", BOTH, {"property": TEXT}, "查封{property}"),
    Node("property_seized", "扣押", "203001013", BOTH, {"property": TEXT}, "扣押{property}"),
    Node("property_frozen", "冻结", "203001014", BOTH, {"property": TEXT}, "冻结{property}"),
    Node(
        "deposit_frozen", "网络冻结存款", "203001015", BOTH, {"amount": MONEY}, "冻结存款{amount}"
    ),
    Node(
        "funds_deducted",
        "扣划",
        "203001016",
        BOTH,
        {"amount": MONEY},
        "扣划{amount}",
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
    # 参考价规定 Arts. 22–24: objections within 5 days of receiving the report; late ones are
    # 不予受理. Parties lose a right by missing it: mandatory, and the deadline is shown.
    Node(
        "appraisal_report_served",
        "送达评估报告",
        "203001018",
        BOTH,
        {"objection_deadline": DATE},
        "如有异议请于{objection_deadline_zh}前提出",  # ≤ 20: fits a thing field
        legally_significant=True,
        kind="appraisal",
        required=("objection_deadline",),
    ),
    Node(
        "appraisal_objection_filed",
        "评估异议提起",
        "203001019",
        BOTH,
        {"summary": TEXT},
        "{summary}",
    ),
    Node(
        "appraisal_objection_reviewed",
        "评估异议审查结果",
        "203001020",
        BOTH,
        {"result": TEXT},
        "{result}",
    ),
    Node(
        "auction_started",
        "启动拍卖",
        "203001021",
        BOTH,
        {"round": ROUND, "starts_at": TIME, "url": URL},
        "第{round}次拍卖，{starts_at_zh}开始",
        kind="auction",
        summary_fallback="第{round}次拍卖",
    ),
    Node("auction_confirmed", "拍卖成交确认", "203001022", BOTH, {"price": MONEY}, "成交价{price}"),
    Node("sale_started", "启动变卖", "203001026", BOTH),
    # No national code: an auction or sale that ended unsold (终本规定 Art. 4(一) needs it).
    Node("disposal_failed", "拍卖、变卖未成交", None, BOTH, {"summary": TEXT}, "{summary}"),
    Node("set_off_in_kind", "以物抵债", "203001025", BOTH),
    Node(
        "property_handed_over",
        "拍卖/抵债财产移交",
        "203001027",
        BOTH,
        {"property": TEXT},
        "移交{property}",
    ),
    Node("payment_processing", "办理执行款物支付手续", "203001028", APPLICANT),
    Node(
        "funds_received",
        "执行款到账",
        None,
        APPLICANT,
        {"amount": MONEY},
        "执行款{amount}已到账",
        legally_significant=True,
        kind="funds",
    ),
    Node(
        "funds_disbursed",
        "执行款发放",
        "203001029",
        APPLICANT,
        {"amount": MONEY},
        "执行款{amount}已发放",
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
    # ``held_at``: when the interview took place (终本规定 Art. 5 counts a held interview; a
    # record sent before it is held carries only ``scheduled_at``).
    Node(
        "termination_interview",
        "终本约谈",
        "203001007",
        APPLICANT,
        {"scheduled_at": TIME, "held_at": TIME, "channel": TEXT},
        "{interview_at_zh}约谈（{channel}）",
        kind="interview",
        summary_fallback="约谈方式：{channel}",
    ),
    Node(
        "interview_leads",
        "约谈执行线索",
        "203001008",
        APPLICANT,
        {"summary": TEXT},
        "{summary}",
    ),
    # 203001035 is 「启动终本程序节点」 (domain.md §4.2): the court has begun the procedure,
    # nothing is decided yet — no message, no change of state, no objection window.
    Node("termination_started", "启动终本程序", "203001035", NOBODY),
    # The served ruling has no national code in the observed table (contract §1.4 correction).
    Node(
        "terminated_current_procedure",
        "终结本次执行程序（终本裁定送达）",
        None,
        BOTH,
        {"ruling_no": TEXT},
        "终本裁定已送达，可申请恢复执行",
        legally_significant=True,
        case_status="terminated",
        # 民诉法解释 Art. 517 para 2 / 终本规定 Art. 9: the applicant may apply to resume at any
        # time; the debtor's obligation is not extinguished by 终本.
        role_summary={"respondent": "终本裁定已送达，债务仍须继续履行"},
    ),
    # 终本规定 Art. 9 para 2: 「…查询一次被执行人的财产，并将查询结果告知申请执行人」 — the
    # applicant must be told every result: mandatory (no opt-out, no quiet hours).
    Node(
        "post_termination_search",
        "终本后定期网络查控结果",
        "203001040",
        APPLICANT,
        {"found": BOOL, "summary": TEXT},
        "{summary}",
        legally_significant=True,
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
    # Supervision and statistics codes of the flow system: timeline only (court staff).
    Node("entered_asset_track", "有财产案件进入程序", "203001033", NOBODY),
    Node("entered_no_asset_track", "无财产案件进入程序", "203001034", NOBODY),
    Node("full_payment_closing_started", "有足额财产报结启动", "203001036", NOBODY),
    Node("online_search_count", "网络查控次数", "203001037", NOBODY, {"number": COUNT}),
    # 执行文书: which document, and to whom it is served, is not in the code; the document's
    # own node (e.g. 执行通知书, 终本裁定) is what parties are told.
    Node("enforcement_document", "执行文书", "203001039", NOBODY, {"summary": TEXT}),
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
            "due": DATE,  # correction_requested: last day to supply the missing materials
        },
        "异议{status_zh}",
        legally_significant=True,
        kind="objection",
        internal=True,
    ),
    # service/requests/ (contract §9.4): every change of a request, to the requester and the
    # agent who filed it; mandatory like objection messages. One node per side, so each side's
    # timeline shows its own requests only (a debtor never sees a property lead).
    Node(
        "request_status_changed",
        "申请处理进展",
        None,
        APPLICANT,
        REQUEST_DATA,
        "{kind_zh}：{status_zh}",
        legally_significant=True,
        kind="objection",
        internal=True,
    ),
    Node(
        "listing_request_status_changed",
        "失信纠正/信用修复申请进展",
        None,
        ("respondent",),
        REQUEST_DATA,
        "{kind_zh}：{status_zh}",
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
# National codes that are a node of ours with fixed data: the flow system counts auction
# rounds as codes of their own (启动二拍 / 启动三拍). 203001021 (启动拍卖程序) is
# ``auction_started`` itself, its ``round`` as sent.
_NATIONAL_WITH_DATA: dict[str, tuple[str, dict[str, object]]] = {
    "203001023": ("auction_started", {"round": 2}),
    "203001024": ("auction_started", {"round": 3}),
}
# The codes of the observed table (domain.md §4.2), every one of which is accepted.
NATIONAL_CODES = tuple(f"203001{n:03d}" for n in range(1, 41))


def _check_catalogue() -> None:
    """A summary never shows personal data: no phone field appears in a summary template."""
    for node in _NODES:
        for name, kind in node.data.items():
            if kind == PHONE and "{" + name + "}" in node.summary:
                raise AssertionError(f"{node.code}: summary shows the phone field {name}")


_check_catalogue()

CLOSE_MODE_ZH = {
    "fully_performed": "执行完毕",
    "terminated_current_procedure": "终结本次执行程序",
    "terminated": "终结执行",
    "cancelled": "销案",
    "not_enforced": "不予执行",
    "rejected": "驳回申请",
    "withdrawn": "终结执行（申请执行人撤回申请）",
}
# What a mode means in law: a withdrawn application is a 终结执行 (民诉法 Art. 268(一)).
CLOSE_MODE_ENDS_AS = {"withdrawn": "terminated"}

# 民诉法 (2023) Art. 236 / 执行异议和复议规定 Art. 2 para 3: a ruling dismissing an objection or
# not accepting it may be taken to the court above within 10 days of service.
REVIEW_NOTICE = "可自裁定送达之日起十日内向上一级人民法院申请复议"
OBJECTION_SUMMARY = {
    "dismissed": "异议被驳回，可于10日内申请复议",
    "not_accepted": "异议不予受理，可于10日内申请复议",
    # 执行异议和复议规定 Art. 2 para 2: missing materials within 3 days.
    "correction_requested": "请于{due_zh}前补正异议材料",
}


def resolve(code: str) -> Node | None:
    """A node by our code or its national code (surrounding spaces and case ignored)."""
    key = code.strip()
    if key in _NATIONAL_WITH_DATA:
        return NODES[_NATIONAL_WITH_DATA[key][0]]
    return NODES.get(key.lower()) or _BY_NATIONAL.get(key)


def implied_data(code: str) -> dict[str, object]:
    """Data a national code fixes (203001023 is round 2 of ``auction_started``)."""
    entry = _NATIONAL_WITH_DATA.get(code.strip())
    return dict(entry[1]) if entry else {}


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


def local_day(value: object) -> str | None:
    """A date or an RFC 3339 time as the court's calendar day (Asia/Shanghai): 2024年6月10日."""
    if not isinstance(value, str):
        return None
    try:
        if "T" in value:
            moment = datetime.fromisoformat(value).astimezone(SHANGHAI)
            return f"{moment.year}年{moment.month}月{moment.day}日"
        day = date.fromisoformat(value)
    except ValueError:
        return None
    return f"{day.year}年{day.month}月{day.day}日"


def local_moment(value: object) -> str | None:
    """An RFC 3339 time as court time, short: 7月1日10:00."""
    if not isinstance(value, str) or "T" not in value:
        return None
    try:
        moment = datetime.fromisoformat(value).astimezone(SHANGHAI)
    except ValueError:
        return None
    return f"{moment.month}月{moment.day}日{moment.hour:02d}:{moment.minute:02d}"


def interview_at(data: dict[str, object]) -> object:
    """When the interview was held, else when it is scheduled."""
    return data.get("held_at") or data.get("scheduled_at")


def _derived(data: dict[str, object]) -> dict[str, object]:
    """Placeholders computed from ``data`` for summaries (court-time renderings)."""
    extra: dict[str, object] = {}
    if (day := local_day(data.get("objection_deadline"))) is not None:
        extra["objection_deadline_zh"] = day
    if (day := local_day(data.get("due"))) is not None:
        extra["due_zh"] = day
    if (moment := local_moment(data.get("starts_at"))) is not None:
        extra["starts_at_zh"] = moment
    if (moment := local_moment(interview_at(data))) is not None:
        extra["interview_at_zh"] = moment
    return extra


def summary(node: Node, data: dict[str, object], role: str | None = None) -> str:
    """The one-line summary shown in messages and on the timeline; ``role`` is the role of
    the party it is shown to (an agent's principal's), for nodes that tell roles apart."""
    if node.code == "dishonest_listed" and data.get("withdrawn") is True:
        return WITHDRAWN_SUMMARY
    if node.code == "objection_status_changed" and data.get("status") in OBJECTION_SUMMARY:
        try:
            return OBJECTION_SUMMARY[str(data["status"])].format(**_derived(data))
        except KeyError:
            return "请补正异议材料"
    if node.code in REQUEST_NODES and data.get("review_notice"):
        return f"{data.get('kind_zh', '申请')}被驳回，可于10日内申请复议"
    if node.code == "closed" and isinstance(data.get("mode"), str):
        return f"结案方式：{CLOSE_MODE_ZH.get(str(data['mode']), str(data['mode']))}"
    if node.code in ("online_search_result", "post_termination_search") and "summary" not in data:
        found = data.get("found")
        if isinstance(found, bool):
            return "查控到财产" if found else "未查控到可供执行的财产"
    template = node.role_summary.get(role, node.summary) if role else node.summary
    values = {k: v for k, v in data.items() if v is not None} | _derived(data)
    for name, kind in node.data.items():  # one amount format on every page (150,000.00 元)
        if kind == MONEY and values.get(name) is not None:
            values[name] = amount_zh(values[name])  # type: ignore[arg-type]
    for candidate in (template, node.summary_fallback):
        if not candidate:
            continue
        try:
            return candidate.format(**values)
        except (KeyError, IndexError, ValueError):
            continue
    return node.name_zh
