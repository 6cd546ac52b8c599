"""Identifier validation, normalisation and masking (pure functions, no I/O).

Covers, per ../shared/domain.md §6 and ../shared/contract.md §0/§2:

* 案号 (case numbers) — 法〔2015〕137号 as amended by 法〔2018〕335号, plus the pre-2016
  「字第」 form; only 执行类 type codes are accepted.
* 居民身份证号码 — GB 11643-1999, 18 characters, ISO 7064 MOD 11-2 check character.
* 统一社会信用代码 — GB 32100-2015, 18 characters, MOD 31 check character.
* Mainland phone numbers (mobile and landline).

Every validator takes arbitrary text and either returns the normalised value or raises
:class:`IdentifierError`; no other exception escapes for any ``str`` input (non-``str``
input is rejected with :class:`IdentifierError` too). Error details never echo the input:
identity numbers and phones are personal data and must not end up in logs or responses.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Final

__all__ = [
    "CREDIT_CODE_ALPHABET",
    "EXECUTION_TYPE_CODES",
    "PROVINCE_COURT_CODES",
    "RESUMPTION_TYPE_CODES",
    "CaseNumber",
    "IdentifierError",
    "age_on",
    "compute_credit_code_check",
    "compute_resident_id_check",
    "mask_id_number",
    "mask_phone",
    "normalize_case_number",
    "parse_case_number",
    "resident_id_birth_date",
    "resident_id_gender",
    "validate_credit_code",
    "validate_id_no",
    "validate_phone",
    "validate_resident_id",
]


class IdentifierError(ValueError):
    """An identifier failed validation.

    ``code`` is the machine-readable problem code (``case_no_invalid``, ``id_no_invalid``,
    ``credit_code_invalid``, ``phone_invalid``); ``detail`` is a human-readable reason that
    never contains the rejected value.
    """

    def __init__(self, code: str, detail: str) -> None:
        # args == (code, detail) keeps the exception picklable.
        super().__init__(code, detail)
        self.code = code
        self.detail = detail

    def __str__(self) -> str:
        return f"{self.code}: {self.detail}"


# --------------------------------------------------------------------------------------
# Shared helpers
# --------------------------------------------------------------------------------------

# Longest input any validator looks at; anything longer is rejected before regex work.
_MAX_INPUT_LEN: Final = 64

# Full-width ASCII (U+FF01..U+FF5E) -> ASCII, and the ideographic space -> space.
_FULLWIDTH_TO_ASCII: Final = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
FULLWIDTH_TO_ASCII: Final = _FULLWIDTH_TO_ASCII  # for str.translate by input normalisers


def _prepare(text: object, code: str, what: str) -> str:
    """Type/length checks, strip surrounding whitespace, fold full-width ASCII."""
    if not isinstance(text, str):
        raise IdentifierError(code, f"{what}必须是字符串")
    if len(text) > _MAX_INPUT_LEN:
        raise IdentifierError(code, f"{what}过长")
    folded = text.translate(_FULLWIDTH_TO_ASCII).strip()
    if not folded:
        raise IdentifierError(code, f"{what}为空")
    return folded


# --------------------------------------------------------------------------------------
# 案号 (case numbers)
# --------------------------------------------------------------------------------------

#: 执行类 type codes (类型代字) -> 案件类型, per domain.md §6.3. 执配 is deliberately absent.
#: 恢执 is the spelling of SPC notice 法明传〔2018〕335号 for 恢复执行 (domain.md §4, §8: the
#: 2015 standard says 执恢); both are read as the same type and kept as the court wrote them.
EXECUTION_TYPE_CODES: Final[dict[str, str]] = {
    "执": "首次执行案件",
    "执恢": "恢复执行案件",
    "恢执": "恢复执行案件",
    "执保": "财产保全执行案件",
    "执异": "执行异议案件",
    "执复": "执行复议案件",
    "执监": "执行监督案件",
    "执协": "执行协调案件",
    "执他": "其他执行案件",
}

#: One-character 法院代字 of the high courts (Art. 4): provincial abbreviations as used in
#: case numbers (贵州 = 黔, 云南 = 云, 内蒙古 = 内), plus 军 (PLA) and 兵 (XPCC).
PROVINCE_COURT_CODES: Final[frozenset[str]] = frozenset(
    "京津冀晋内辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川黔云藏陕甘青宁新军兵"
)

_MIN_YEAR: Final = 1949
_MAX_YEAR: Final = 2100
_MAX_SEQ_DIGITS: Final = 8

_TYPE_ALT: Final = "|".join(
    re.escape(c) for c in sorted(EXECUTION_TYPE_CODES, key=lambda c: (-len(c), c))
)
_CJK: Final = "\u4e00-\u9fff"
_PROVINCE_CLASS: Final = "".join(sorted(PROVINCE_COURT_CODES))

# Current (2016+) court code: 最高法 | province [+ 2 or 4 digits], then an optional
# one-character 专门审判代字. No verified list of 专门审判代字 exists (domain.md §6.3), so it
# is any CJK ideograph that cannot begin a type code, and it is tried only after reading the
# rest as a type code has failed (lazy ``??``): 浙0203恢执12号 is court 浙0203 + type 恢执,
# never court 「浙0203恢」 + 执.
_TYPE_STARTS: Final = "".join(sorted({c[0] for c in EXECUTION_TYPE_CODES}))
_SPECIAL_CLASS: Final = f"[{_CJK}](?<![{_TYPE_STARTS}])"

_HEAD_RE: Final = re.compile(r"\(([0-9]{4})\)")
_MODERN_RE: Final = re.compile(
    rf"\(([0-9]{{4}})\)"
    rf"((?:最高法|[{_PROVINCE_CLASS}](?:[0-9]{{4}}|[0-9]{{2}})?)(?:{_SPECIAL_CLASS})??)"
    rf"({_TYPE_ALT})"
    rf"([0-9]+)号"
)
_LEGACY_RE: Final = re.compile(
    rf"\(([0-9]{{4}})\)"
    rf"([{_CJK}]{{1,6}}?)"
    rf"({_TYPE_ALT})"
    rf"字第([0-9]+)号"
)
_BRACKETS: Final = str.maketrans({"（": "(", "）": ")"})
#: Type codes of 恢复执行 cases: a ``resumed`` event's new case number is one of these.
RESUMPTION_TYPE_CODES: Final = frozenset({"执恢", "恢执"})


@dataclass(frozen=True)
class CaseNumber:
    """A parsed 执行 case number (案号)."""

    year: int  # 收案年度
    court_code: str  # 法院代字 incl. optional 专门审判代字, e.g. "浙0203", "最高法", "东"
    type_code: str  # key of EXECUTION_TYPE_CODES
    seq: int  # 案件编号
    legacy: bool  # the pre-2016 「字第」 form

    def __str__(self) -> str:
        middle = "字第" if self.legacy else ""
        return f"（{self.year}）{self.court_code}{self.type_code}{middle}{self.seq}号"

    @property
    def type_name(self) -> str:
        """案件类型 name of ``type_code`` (e.g. "首次执行案件")."""
        return EXECUTION_TYPE_CODES[self.type_code]

    @property
    def is_resumption(self) -> bool:
        """A 恢复执行 case number (执恢, or 恢执 as the SPC notice spells it)."""
        return self.type_code in RESUMPTION_TYPE_CODES


def _case_error(detail: str) -> IdentifierError:
    return IdentifierError("case_no_invalid", detail)


def parse_case_number(text: str) -> CaseNumber:
    """Parse an 执行 case number.

    Accepted: full-width ``（）`` or half-width ``()`` brackets (mixed is fine), full-width
    digits, surrounding whitespace. Not accepted: whitespace inside the number, a missing
    trailing 「号」, a case number with leading zeros or a zero 案件编号, more than 8 digits
    of 案件编号, a year outside 1949..2100, non-执行 type codes (民初, 财保, …).

    Current form: ``（年度）法院代字[专门审判代字]类型代字编号号`` where 法院代字 is
    「最高法」 or a one-character provincial code (see :data:`PROVINCE_COURT_CODES`)
    optionally followed by a 2- or 4-digit number. Legacy form: ``（年度）XX执字第N号``
    where the court part is any 1–6 CJK characters. Neither form is tied to a year range
    (old numbers are not renumbered, so no cut-over date is enforced).
    """
    s = _prepare(text, "case_no_invalid", "案号").translate(_BRACKETS)
    if any(ch.isspace() for ch in s):
        raise _case_error("案号中间不能有空白字符")
    head = _HEAD_RE.match(s)
    if head is None:
        raise _case_error("案号须以括号内的四位收案年度开头，如（2024）")
    year = int(head.group(1))
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        raise _case_error(f"收案年度须在 {_MIN_YEAR}–{_MAX_YEAR} 之间")
    if not s.endswith("号"):
        raise _case_error("案号须以“号”结尾")

    legacy = "字第" in s
    m = (_LEGACY_RE if legacy else _MODERN_RE).fullmatch(s)
    if m is None:
        if not any(code in s for code in EXECUTION_TYPE_CODES):
            raise _case_error("不是执行类案号：类型代字须为 " + "、".join(EXECUTION_TYPE_CODES))
        if legacy:
            raise _case_error("旧式案号格式不正确，应为（年度）法院简称+类型代字+字第+编号+号")
        raise _case_error(
            "案号格式不正确，应为（年度）法院代字+[专门审判代字]+类型代字+编号+号，"
            "法院代字为“最高法”或省级简称加 2 位或 4 位数字"
        )
    _, court_code, type_code, digits = m.groups()
    if len(digits) > _MAX_SEQ_DIGITS:
        raise _case_error(f"案件编号最多 {_MAX_SEQ_DIGITS} 位")
    if digits.startswith("0"):
        raise _case_error("案件编号不能以 0 开头")
    return CaseNumber(
        year=year, court_code=court_code, type_code=type_code, seq=int(digits), legacy=legacy
    )


def normalize_case_number(text: str) -> str:
    """Canonical (full-width bracket) form of a case number."""
    return str(parse_case_number(text))


# --------------------------------------------------------------------------------------
# 居民身份证号码 (GB 11643-1999)
# --------------------------------------------------------------------------------------

_RIC_WEIGHTS: Final = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_RIC_CHECK: Final = "10X98765432"
_RIC_RE: Final = re.compile(
    r"[0-9]{6}(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9X]"
)
_DIGITS17_RE: Final = re.compile(r"[0-9]{17}")


def _id_error(detail: str) -> IdentifierError:
    return IdentifierError("id_no_invalid", detail)


def compute_resident_id_check(first17: str) -> str:
    """ISO 7064 MOD 11-2 check character ("0"–"9" or "X") for 17 ASCII digits."""
    if not isinstance(first17, str) or _DIGITS17_RE.fullmatch(first17) is None:
        raise _id_error("本体码须为 17 位数字")
    total = sum(int(ch) * w for ch, w in zip(first17, _RIC_WEIGHTS, strict=True))
    return _RIC_CHECK[total % 11]


def validate_resident_id(text: str) -> str:
    """Validate an 18-character resident ID; return it stripped with an upper-case X.

    Checks the pattern of domain.md §6.1 (birth years 1800–2099), that the birth date is a
    real calendar date, and the check character. The address code is not checked against
    GB/T 2260 (historical codes stay valid) and a future birth date is not rejected.
    15-digit legacy numbers are rejected (the contract requires 18 characters).
    """
    s = _prepare(text, "id_no_invalid", "身份证号码").upper()
    if len(s) != 18:
        raise _id_error("身份证号码须为 18 位")
    if _RIC_RE.fullmatch(s) is None:
        raise _id_error("身份证号码格式不正确")
    try:
        datetime.date(int(s[6:10]), int(s[10:12]), int(s[12:14]))
    except ValueError:
        raise _id_error("身份证号码中的出生日期不存在") from None
    if compute_resident_id_check(s[:17]) != s[17]:
        raise _id_error("身份证号码校验码错误")
    return s


def resident_id_birth_date(id_no: str) -> datetime.date:
    """Birth date encoded in a (valid) resident ID."""
    s = validate_resident_id(id_no)
    return datetime.date(int(s[6:10]), int(s[10:12]), int(s[12:14]))


def age_on(id_no: str, day: datetime.date) -> int:
    """Age in completed years (周岁) on ``day``.

    The birthday itself counts as completed (someone born 2010-06-01 is 14 on
    2024-06-01); a 29 February birthday is completed on 1 March in common years.
    NB: criminal-law practice counts 周岁 from the day *after* the birthday — callers
    needing that rule should pass ``day - timedelta(days=1)``.
    Raises ``ValueError`` if ``day`` is before the birth date.
    """
    born = resident_id_birth_date(id_no)
    if day < born:
        raise ValueError("day is before the birth date")
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def resident_id_gender(id_no: str) -> str:
    """ "男" if the sequence code (characters 15–17) is odd, "女" if even."""
    s = validate_resident_id(id_no)
    return "男" if int(s[14:17]) % 2 == 1 else "女"


# --------------------------------------------------------------------------------------
# 统一社会信用代码 (GB 32100-2015)
# --------------------------------------------------------------------------------------

#: The 31 characters of GB 32100 (digits and upper-case letters except I, O, Z, S, V).
CREDIT_CODE_ALPHABET: Final = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_VALUES: Final = {ch: i for i, ch in enumerate(CREDIT_CODE_ALPHABET)}
_USCC_WEIGHTS: Final = tuple(pow(3, i, 31) for i in range(17))
# Pattern of domain.md §6.2 (uscc-utils): department, category, 6-digit region code,
# 8 characters of 主体标识码, its check character, the USCC check character.
_USCC_RE: Final = re.compile(r"[1-9ANY][1-59][0-9]{6}[0-9A-Z]{8}[0-9X][0-9A-HJ-NP-RTUW-Y]")


def _credit_error(detail: str) -> IdentifierError:
    return IdentifierError("credit_code_invalid", detail)


def compute_credit_code_check(first17: str) -> str:
    """GB 32100 check character for the first 17 characters (GB 32100 alphabet only)."""
    if (
        not isinstance(first17, str)
        or len(first17) != 17
        or any(ch not in _USCC_VALUES for ch in first17)
    ):
        raise _credit_error("本体码须为 17 位，且只含数字和除 I、O、Z、S、V 外的大写字母")
    total = sum(_USCC_VALUES[ch] * w for ch, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def validate_credit_code(text: str) -> str:
    """Validate a unified social credit code; return it stripped and upper-cased.

    Checks the domain.md §6.2 pattern (登记管理部门 1–9/A/N/Y, 机构类别 1–5/9, 6-digit
    region code, position 17 in 0–9/X), that every character is in the GB 32100 alphabet,
    and the check character. The embedded 组织机构代码 check (GB 11714) and the region
    code against GB/T 2260 are not verified.
    """
    s = _prepare(text, "credit_code_invalid", "统一社会信用代码").upper()
    if len(s) != 18:
        raise _credit_error("统一社会信用代码须为 18 位")
    if any(ch not in _USCC_VALUES for ch in s):
        raise _credit_error("统一社会信用代码只能包含数字和除 I、O、Z、S、V 外的大写字母")
    if _USCC_RE.fullmatch(s) is None:
        raise _credit_error("统一社会信用代码格式不正确（登记管理部门、机构类别或行政区划码）")
    if compute_credit_code_check(s[:17]) != s[17]:
        raise _credit_error("统一社会信用代码校验码错误")
    return s


def validate_id_no(kind: str, text: str) -> str:
    """``kind`` "person" -> resident ID, "organization" -> credit code.

    An unknown ``kind`` raises ``IdentifierError("id_no_invalid", ...)``.
    """
    if kind == "person":
        return validate_resident_id(text)
    if kind == "organization":
        return validate_credit_code(text)
    raise _id_error("证件类型须为 person 或 organization")


# --------------------------------------------------------------------------------------
# Masking of identity numbers
# --------------------------------------------------------------------------------------

_FULLY_MASKED_ID: Final = "*" * 18


def mask_id_number(text: str) -> str:
    """Characters 1–10 + ``****`` + characters 15–18 (``3302031980****1231``).

    Used for resident IDs and credit codes alike. Surrounding whitespace is ignored and
    letters are upper-cased; the value is not otherwise validated. Anything that is not
    exactly 18 characters (15-digit legacy IDs, 9-character 组织机构代码, garbage, non-str)
    becomes 18 asterisks, which reveals neither content nor length. The result is always
    18 characters and masking is idempotent.
    """
    if not isinstance(text, str):
        return _FULLY_MASKED_ID
    s = text.strip().upper()
    if len(s) != 18:
        return _FULLY_MASKED_ID
    return s[:10] + "****" + s[14:]


# --------------------------------------------------------------------------------------
# Phones
# --------------------------------------------------------------------------------------

_MOBILE_RE: Final = re.compile(r"(?:\+?86)?(1[3-9][0-9]{9})")
_LANDLINE_RE: Final = re.compile(r"(0[0-9]{2,3})([- ]?)([0-9]{7,8})(?:-([0-9]{1,6}))?")
_LOCAL_RE: Final = re.compile(r"[2-9][0-9]{6,7}")


def _phone_error(detail: str) -> IdentifierError:
    return IdentifierError("phone_invalid", detail)


def _area_code_length(digits: str) -> int:
    """3 for 010 and 020–029 (the 3-digit area codes), 4 for every other area code."""
    return 3 if digits.startswith(("010", "02")) else 4


def validate_phone(text: str) -> str:
    """Validate a mainland phone number and return its normalised form.

    * Mobile ``1[3-9]`` + 9 digits, optionally prefixed ``+86``/``86``; spaces and hyphens
      between digit groups are ignored. Normalised to the bare 11 digits: ``13800000000``.
    * Landline: area code (``010``/``02x`` = 3 digits, any other ``0xxx`` = 4 digits), an
      optional ``-`` or space, a 7–8 digit local number starting 2–9, and an optional
      ``-ext`` (1–6 digits). Normalised to ``0574-87000000`` / ``0574-87000000-12``.
      When no separator is given the area-code length rule splits the digits; when one
      is given it must agree with that rule.
    """
    s = _prepare(text, "phone_invalid", "电话号码")
    compact = re.sub(r"[ -]", "", s)
    mobile = _MOBILE_RE.fullmatch(compact)
    if mobile is not None:
        return mobile.group(1)

    landline = _LANDLINE_RE.fullmatch(s)
    if landline is None:
        raise _phone_error("电话号码须为手机号（1[3-9] 开头 11 位）或带区号的固定电话")
    area, sep, local, ext = landline.groups()
    expected = _area_code_length(area)
    if sep:
        if len(area) != expected:
            raise _phone_error("区号位数不正确")
    else:
        joined = area + local
        area, local = joined[:expected], joined[expected:]
    if _LOCAL_RE.fullmatch(local) is None:
        raise _phone_error("固定电话号码须为 7–8 位且不以 0 或 1 开头")
    return f"{area}-{local}" + (f"-{ext}" if ext else "")


_FULLY_MASKED_PHONE: Final = "*" * 11


def mask_phone(text: str) -> str:
    """Mask a phone number for display.

    Mobile: first 3 + ``****`` + last 4 (``138****0000``). Landline: area code + ``-****``
    + last 2 digits of the local number (``0574-****00``); the extension is dropped and
    the number of hidden digits is not revealed. Input that does not validate (or is not a
    ``str``) becomes 11 asterisks, leaking nothing.
    """
    try:
        phone = validate_phone(text)
    except IdentifierError:
        return _FULLY_MASKED_PHONE
    if "-" not in phone:
        return phone[:3] + "****" + phone[7:]
    area, local = phone.split("-")[:2]
    return f"{area}-****{local[-2:]}"
