"""Rights-list content: the canonical form that ``content_sha256`` is computed over, and the
default version seeded at start-up.

Canonical serialisation (so anyone can recompute ``content_sha256``)::

    sha256( UTF-8( JSON({"items": [{"no": 1, "text": "…"}, …], "title": "…", "version": "…"}) ) )

with JSON written with keys sorted, no insignificant whitespace (separators ``,`` and ``:``),
non-ASCII characters as themselves (not ``\\u`` escapes), items in ascending ``no`` order, and
every string exactly as served by ``GET …/rights-list`` (titles and texts are stored NFC-normalised
and stripped of surrounding whitespace when published). In Python::

    json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class RightsItem:
    no: int
    text: str


def clean(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


def canonical_bytes(version: str, title: str, items: Sequence[RightsItem]) -> bytes:
    doc = {
        "items": [{"no": i.no, "text": i.text} for i in sorted(items, key=lambda i: i.no)],
        "title": title,
        "version": version,
    }
    return json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def content_sha256(version: str, title: str, items: Sequence[RightsItem]) -> str:
    return hashlib.sha256(canonical_bytes(version, title, items)).hexdigest()


DEFAULT_VERSION = "default"
DEFAULT_TITLE = "申请执行人权利清单（系统预置版本，待本院审定）"
DEFAULT_NOTE = (
    "系统根据法律和司法解释汇编的预置清单，并非本院正式文本，不向当事人送达；"
    "请法院审定后发布正式版本。"
)

# The 15 rights compiled in ../shared/domain.md §3 ("our compilation, not an official list"),
# and four from domain-round2.md §4.3, §6, §7. The 拒执罪 自诉 item follows 法释〔2024〕13号
# Art. 14 (which carries on 法释〔2015〕16号 Art. 3) and 法〔2018〕147号 item 1, checked against
# published reproductions (docs/filings.md, "Rights lists"); the draft is for the court to
# review, never served as it is.
DEFAULT_ITEMS: tuple[RightsItem, ...] = tuple(
    RightsItem(no, text)
    for no, text in enumerate(
        [
            "有权知悉执行案件的案号、承办人及其联系方式和立案信息。"
            "（依据：《关于人民法院执行流程公开的若干意见》第三条）",
            "有权通过互联网、短信、微信等方式查询执行流程节点信息。"
            "（依据：《关于人民法院执行流程公开的若干意见》第二条、第三条）",
            "有权向法院提供被执行人的财产线索，法院应在七日内（情况紧急的三日内）调查核实。"
            "（依据：《关于民事执行中财产调查若干问题的规定》第二条）",
            "因客观原因无法查明被执行人财产的，有权申请法院调查。"
            "（依据：《关于民事执行中财产调查若干问题的规定》第二条第二款）",
            "被执行人为法人或非法人组织的，有权书面申请法院委托审计，法院应在十日内决定。"
            "（依据：《关于民事执行中财产调查若干问题的规定》第十七条）",
            "有权书面申请法院发布悬赏公告查找可供执行的财产，法院应在十日内决定。"
            "（依据：《关于民事执行中财产调查若干问题的规定》第二十一条、第二十二条）",
            "有权申请将符合条件的被执行人纳入失信被执行人名单（法院十五日内决定），"
            "也可书面申请删除失信信息。"
            "（依据：《关于公布失信被执行人名单信息的若干规定》第五条、第十条）",
            "有权申请对被执行人采取限制出境、在征信系统记录、通过媒体公布不履行义务信息等措施。"
            "（依据：《民事诉讼法》第二百六十六条）",
            "有权与被执行人自行和解；被执行人不履行和解协议的，有权申请恢复执行或就和解协议起诉。"
            "（依据：《关于执行和解若干问题的规定》第九条、第十条）",
            "有权申请变更、追加执行当事人；对裁定不服的，可在十日内申请复议。"
            "（依据：《关于民事执行中变更、追加当事人若干问题的规定》）",
            "认为执行行为违反法律规定的，有权提出书面异议，法院应在十五日内审查；"
            "对裁定不服的，可在裁定送达之日起十日内向上一级法院申请复议。"
            "（依据：《民事诉讼法》第二百三十六条）",
            "执行法院自收到申请执行书之日起超过六个月未执行的，有权向上一级法院申请执行。"
            "（依据：《民事诉讼法》第二百三十七条）",
            "法院终结本次执行程序前，有权被告知案件执行情况并发表意见（终本约谈）。"
            "（依据：《关于严格规范终结本次执行程序的规定（试行）》第五条）",
            "终结本次执行程序后五年内，有权每六个月获知一次网络查控结果；"
            "发现被执行人有可供执行财产的，可随时申请恢复执行，不受申请执行时效限制。"
            "（依据：《关于严格规范终结本次执行程序的规定（试行）》第九条；"
            "《民事诉讼法》解释第五百一十七条）",
            "执行款到账后，有权及时领取执行款。（依据：《关于执行款物管理工作的规定》）",
            "案外人对执行标的提出异议，法院裁定中止执行的，有权自裁定送达之日起十五日内"
            "向执行法院提起执行异议之诉（许可执行之诉）；逾期未起诉的，法院将解除对该标的的"
            "执行措施。（依据：《民事诉讼法》第二百三十八条；《民事诉讼法》解释第三百零二条、"
            "第三百零四条、第三百一十四条）",
            "被执行人未按执行通知书指定的期间履行的，有权书面申请法院对其采取限制消费措施。"
            "（依据：《关于限制被执行人高消费及有关消费的若干规定》第一条、第四条）",
            "负有执行义务的人拒不执行判决、裁定，侵犯申请执行人人身、财产权利，应当依法追究"
            "刑事责任，申请执行人曾经提出控告，而公安机关或者人民检察院不予追究刑事责任的，"
            "申请执行人可以向人民法院提起刑事自诉；向公安机关控告后，公安机关不接受控告材料"
            "或者接受后六十日内不予书面答复的，也可以自诉。"
            "（依据：《刑法》第三百一十三条；《刑事诉讼法》第二百一十条第（三）项；"
            "《最高人民法院、最高人民检察院关于办理拒不执行判决、裁定刑事案件适用法律若干问题的"
            "解释》（法释〔2024〕13号）第十四条；《最高人民法院关于拒不执行判决、裁定罪自诉案件"
            "受理工作有关问题的通知》（法〔2018〕147号）第一条）",
            "申请执行的期间为二年，自法律文书规定履行期间的最后一日起计算（分期履行的，"
            "自最后一期届满之日起计算）；因撤回申请而终结执行的，可在该期间内再次申请。"
            "（依据：《民事诉讼法》第二百五十条；《民事诉讼法》解释第五百一十八条）",
        ],
        start=1,
    )
)
