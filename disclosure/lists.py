"""The public lists beyond 失信 (contract §9.6): what rule asks for each, and what each shows.

Only the fields a verified text (or, where no text was found, the national site's observed
practice, marked so) supports are published; docs/disclosures.md quotes the texts and says
which were not found.

* **终本案件** (``terminated``). The articles of 终本规定 (法〔2016〕373号) on the 终本案件信息库
  (entry, items, correction, shielding) were **not found** in any source searched (domain.md
  §2.8, domain-round2.md §5; searched again for this issue). What is verified: Art. 9 (five years
  of six-monthly searches; 「符合恢复执行条件的，执行法院应当及时恢复执行」) and that the national
  site has a 终本案件 section of nine fields (domain.md §1.15 ◐): 案号 · 被执行人姓名/名称 · 性别 ·
  身份证号码/组织机构代码 · 执行法院 · 立案时间 · 终本日期 · 执行标的 · 未履行金额. We publish those
  less 性别 (not needed to tell a debtor apart once the masked number is shown: the minimum), and
  withdraw a record when the case stops being a 终本 case (resumed, or closed in another mode).
* **限制消费** (``restricted``). 限制消费规定 Art. 6 (2010 ✅, same in substance 2015 ◐):
  「人民法院根据案件需要和被执行人的情况可以向有义务协助调查、执行的单位送达
  协助执行通知书，也可以在相关媒体上进行公告。」
  Art. 5 ◐: the order 「应当载明限制消费的期间、项目、法律后果等内容」.
  Art. 3 ◐: for a unit debtor its 法定代表人、主要负责人、影响债务履行的直接责任人员、
  实际控制人 are bound too, so the public must see who.
  Art. 9 ✅ (2010): 「被执行人履行完毕生效法律文书确定的义务的，人民法院应当在本规定
  第六条通知或者公告的范围内及时以通知或者公告解除限制消费令」 — a record is withdrawn
  on full performance, automatically from a ``closed`` event ``fully_performed``.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

TERMINATED: Final = "terminated"
RESTRICTED: Final = "restricted"


@dataclass(frozen=True)
class PublicList:
    key: str
    title: str  # 终本案件 / 限制消费人员
    slug: str  # URL segment under /api/public/v1/ and /disclosures/
    rule: str  # the rule that asks for the publication, as shown on the pages
    withdraw_reasons: MappingProxyType[str, str]  # reason → Chinese text
    #: ``closed`` modes that withdraw the case's records at once, with the reason used.
    closure_reasons: MappingProxyType[str, str]
    withdrawn_on_resume: bool
    gone_text: str  # the 410 page


LISTS: Final = MappingProxyType(
    {
        TERMINATED: PublicList(
            key=TERMINATED,
            title="终本案件",
            slug="terminated-cases",
            rule="《最高人民法院关于严格规范终结本次执行程序的规定（试行）》：终结本次执行程序后，"
            "申请执行人发现被执行人有可供执行财产的，可以申请恢复执行（第九条）。",
            withdraw_reasons=MappingProxyType(
                {
                    "resumed": "已恢复执行",
                    "performed": "已履行完毕",
                    "execution_terminated": "已终结执行",
                    "closed": "已以其他方式结案",
                    "wrongly_listed": "录入错误",
                }
            ),
            # Every closure but 终本 itself ends the 终本 case; 终本 (the CMS may close a 终本
            # case as ``terminated_current_procedure``) keeps it.
            closure_reasons=MappingProxyType(
                {
                    "fully_performed": "performed",
                    "terminated": "execution_terminated",
                    "withdrawn": "execution_terminated",
                    "not_enforced": "closed",
                    "rejected": "closed",
                    "cancelled": "closed",
                }
            ),
            withdrawn_on_resume=True,
            gone_text="这条终本案件信息已因恢复执行、履行完毕或结案而撤下，不再公开。",
        ),
        RESTRICTED: PublicList(
            key=RESTRICTED,
            title="限制消费人员",
            slug="consumption-restrictions",
            rule="《最高人民法院关于限制被执行人高消费及有关消费的若干规定》第六条：人民法院可以在相关"
            "媒体上进行公告；第九条：被执行人履行完毕的，人民法院应当及时以通知或者公告解除限制消费令。",
            withdraw_reasons=MappingProxyType(
                {
                    "performed": "被执行人已履行完毕（第九条）",
                    "security_provided": "被执行人提供确实有效的担保（第九条）",
                    "applicant_consent": "经申请执行人同意（第九条）",
                    "wrongly_listed": "录入错误",
                }
            ),
            closure_reasons=MappingProxyType({"fully_performed": "performed"}),
            withdrawn_on_resume=False,
            gone_text="这条限制消费信息已解除或撤下，不再公开。",
        ),
    }
)

BY_SLUG: Final = MappingProxyType({x.slug: x for x in LISTS.values()})
