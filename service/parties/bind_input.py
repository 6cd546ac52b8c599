"""What a person types into the binding form, made into what the court recorded (issue 18).

A party types the case number as printed or as they remember it: ``2024浙0203执3001`` without
brackets or 号, with half-width, full-width or square brackets, with spaces; a name with a
space between the characters (``张 三``); an identity number with spaces. What can be
normalised is, before the look-up. What is certainly wrong — an identity number whose check
character does not match (GB 11643-1999 居民身份证号码 / GB 32100-2015 统一社会信用代码) or a
case number that is not an 执行 case number — is told to the person at once, on the page and
by the server, without spending one of the five tries: it says nothing about any case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from service import identifiers

_SPACES = re.compile(r"[\s\u3000]+")
_OTHER_BRACKETS = str.maketrans(
    {"〔": "（", "〕": "）", "[": "（", "]": "）", "【": "（", "】": "）"}
)
_BARE_YEAR = re.compile(r"^(\d{4})(?=\D)")
_CJK = r"\u3400-\u9fff\uf900-\ufaff·"
_SPACE_BY_CJK = re.compile(rf"(?<=[{_CJK}])\s+|\s+(?=[{_CJK}])")


@dataclass(frozen=True)
class FieldProblem:
    field: str
    message: str


def case_number(text: str) -> str:
    """``2024浙0203执3001`` → ``（2024）浙0203执3001号``; any bracket kind, spaces dropped."""
    s = _SPACES.sub("", text.translate(identifiers.FULLWIDTH_TO_ASCII)).translate(_OTHER_BRACKETS)
    s = s.replace("(", "（").replace(")", "）")
    s = _BARE_YEAR.sub(r"（\1）", s)
    if s and not s.endswith("号"):
        s += "号"
    return s


def name(text: str) -> str:
    """Spaces next to a Chinese character dropped (``张 三`` → ``张三``), others made single
    (an organisation's Latin name keeps one space between words)."""
    folded = _SPACES.sub(" ", text.replace("\u3000", " ")).strip()
    return _SPACE_BY_CJK.sub("", folded)


def identity(text: str) -> str:
    """Spaces and hyphens dropped, letters upper-case."""
    return re.sub(r"[\s\u3000-]+", "", text.translate(identifiers.FULLWIDTH_TO_ASCII)).upper()


def problems(case_no: str, id_no: str) -> list[FieldProblem]:
    """What is certainly wrong with normalised input, in words for the person; [] when
    nothing is (which does not mean anything matches)."""
    found: list[FieldProblem] = []
    try:
        identifiers.normalize_case_number(case_no)
    except identifiers.IdentifierError as error:
        found.append(FieldProblem("case_no", f"案号有误：{error.detail}。"))
    if len(id_no) != 18:
        found.append(
            FieldProblem(
                "id_no", f"身份证号码和统一社会信用代码都是 18 位，您填写了 {len(id_no)} 位。"
            )
        )
        return found
    try:
        identifiers.validate_resident_id(id_no)
        return found
    except identifiers.IdentifierError as error:
        resident = error.detail
    try:
        identifiers.validate_credit_code(id_no)
    except identifiers.IdentifierError as error:
        if id_no[:17].isdigit():
            found.append(FieldProblem("id_no", f"身份证号码有误：{resident}，请核对。"))
        else:
            found.append(FieldProblem("id_no", f"统一社会信用代码有误：{error.detail}，请核对。"))
    return found
