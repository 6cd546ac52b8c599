"""The three kinds of request (contract §9.4): who files them, their statuses and texts.

* ``listing`` — 纠正 / 信用修复 by a listed respondent (or their agent): 失信规定 Art. 11
  「被纳入失信被执行人名单的公民、法人或其他组织认为有下列情形之一的，可以向执行法院申请纠正：
  （一）不应将其纳入失信被执行人名单的；（二）记载和公布的失信信息不准确的；（三）失信信息应予
  删除的。」 and Art. 2 para 2 (early deletion after performing, domain.md §1.2). The court
  reviews within 15 days of receipt (Art. 12, ``disclosure.rules.correction_review_due``);
  ``received → granted | refused``. A refusal carries the 复议 route of Art. 12:
  「对驳回决定不服的，可以自决定书送达之日起十日内向上一级人民法院申请复议」.
* ``lead`` — 财产线索 by an applicant: ``received → checking → found | not_found``.
* ``resumption`` — 申请恢复执行 after 终本 by an applicant (终本规定 Art. 9 「终结本次执行程序后，
  申请执行人发现被执行人有可供执行财产的，可以向执行法院申请恢复执行…执行法院核查属实的，应当
  恢复执行」): ``received → accepted | refused``; a ``resumed`` event for the case moves every
  open request (``received`` or ``accepted``) to ``resumed``, which closes it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from service.requests.models import ListingRequest, PropertyLead, ResumptionRequest

#: 失信规定 Art. 12: the route against a refusal.
LISTING_REVIEW_NOTICE = (
    "对驳回决定不服的，可以自决定书送达之日起十日内向上一级人民法院申请复议"
    "（《最高人民法院关于公布失信被执行人名单信息的若干规定》第十二条）"
)

#: Art. 11's three items as the ``ground`` of a correction request.
CORRECTION_GROUNDS: Mapping[str, str] = {
    "wrongly_listed": "不应将其纳入失信被执行人名单（第十一条第一项）",
    "inaccurate": "记载和公布的失信信息不准确（第十一条第二项）",
    "should_be_deleted": "失信信息应予删除（第十一条第三项）",
}
LISTING_KIND_ZH: Mapping[str, str] = {
    "correction": "失信信息纠正申请",
    "early_deletion": "提前删除失信信息申请（信用修复）",
}
#: Short names for messages and receipts: a WeChat ``thing`` field holds 20 characters, and the
#: summary 「失信纠正申请被驳回，可于10日内申请复议」 must fit whole.
LISTING_KIND_SHORT: Mapping[str, str] = {
    "correction": "失信纠正申请",
    "early_deletion": "信用修复申请",
}
#: The withdrawal reason (disclosure.rules.WITHDRAW_REASONS) a grant applies.
GRANT_REASON: Mapping[str, str] = {
    "early_deletion": "early_deletion",
    "wrongly_listed": "wrongly_listed",
    "inaccurate": "corrected",
    "should_be_deleted": "deletion_due",
}

Model = type[ListingRequest] | type[PropertyLead] | type[ResumptionRequest]


@dataclass(frozen=True)
class Kind:
    type: str  # listing | lead | resumption
    model: Model
    prefix: str  # receipt number prefix
    name_zh: str
    side: str  # respondent | applicant: whose side may file it
    next: Mapping[str, tuple[str, ...]]
    status_zh: Mapping[str, str]
    path: str  # the court API's collection: /api/court/v1/{path}
    scope: str  # the court key's scope
    permission: str  # the console action that decides it

    @property
    def closed(self) -> tuple[str, ...]:
        return tuple(s for s, after in self.next.items() if not after)


LISTING = Kind(
    "listing",
    ListingRequest,
    "JZ",
    "失信信息纠正/信用修复申请",
    "respondent",
    {"received": ("granted", "refused"), "granted": (), "refused": ()},
    {"received": "已收到，审查中", "granted": "已同意", "refused": "已驳回"},
    "listing-requests",
    "disclosures",
    "listing_request.decide",
)
LEAD = Kind(
    "lead",
    PropertyLead,
    "XS",
    "财产线索",
    "applicant",
    {"received": ("checking",), "checking": ("found", "not_found"), "found": (), "not_found": ()},
    {
        "received": "已收到",
        "checking": "核查中",
        "found": "核查属实，已发现财产",
        "not_found": "经核查未发现财产",
    },
    "property-leads",
    "objections",
    "applicant_request.decide",
)
RESUMPTION = Kind(
    "resumption",
    ResumptionRequest,
    "HF",
    "恢复执行申请",
    "applicant",
    {
        "received": ("accepted", "refused", "resumed"),
        "accepted": ("resumed",),
        "refused": (),
        "resumed": (),
    },
    {
        "received": "已收到，核查中",
        "accepted": "核查属实，准予恢复执行",
        "refused": "不予恢复执行",
        "resumed": "已恢复执行",
    },
    "resumption-requests",
    "objections",
    "applicant_request.decide",
)
KINDS: Mapping[str, Kind] = {k.type: k for k in (LISTING, LEAD, RESUMPTION)}


def kind_zh(kind: Kind, row: object) -> str:
    if isinstance(row, ListingRequest):
        return LISTING_KIND_SHORT.get(row.kind, kind.name_zh)
    return kind.name_zh


def review_notice(kind: Kind, status: str) -> str | None:
    """A refused listing request states the route of 失信规定 Art. 12."""
    return LISTING_REVIEW_NOTICE if kind is LISTING and status == "refused" else None
