"""Tests for service.identifiers (vectors from domain.md §6 plus hypothesis properties)."""

from __future__ import annotations

import datetime
import pickle
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.identifiers import (
    CREDIT_CODE_ALPHABET,
    EXECUTION_TYPE_CODES,
    PROVINCE_COURT_CODES,
    CaseNumber,
    IdentifierError,
    age_on,
    compute_credit_code_check,
    compute_resident_id_check,
    mask_id_number,
    mask_phone,
    normalize_case_number,
    parse_case_number,
    resident_id_birth_date,
    resident_id_gender,
    validate_credit_code,
    validate_id_no,
    validate_phone,
    validate_resident_id,
)

FAST = settings(max_examples=100, deadline=None, database=None)

# --------------------------------------------------------------------------------------
# Verified vectors (domain.md §6)
# --------------------------------------------------------------------------------------

VALID_IDS = [
    "360426199101010071",
    "120103198806018241",
    "11010519491231002X",
    "330203199001011236",
    "330203198001011231",
]
VALID_USCC = ["91110108551385082Q", "91110000600037341L", "91330203MA2H3K4L4D"]


@pytest.mark.parametrize("id_no", VALID_IDS)
def test_valid_resident_ids(id_no: str) -> None:
    assert validate_resident_id(id_no) == id_no
    assert compute_resident_id_check(id_no[:17]) == id_no[17]
    assert validate_id_no("person", id_no) == id_no


@pytest.mark.parametrize(
    "bad",
    [
        "360426199101010072",  # wrong check character (domain.md vector)
        "36042619910101007",  # 17 chars
        "3604261991010100711",  # 19 chars
        "360426910101007",  # legacy 15-digit form is not accepted
        "360426199102300079",  # 30 February
        "360426199113010071",  # month 13
        "360426170001010071",  # year 1700 outside (18|19|20)xx
        "36042619910101007Y",
        "",
        "   ",
        "３６０４２６１９９１０１０１００７１x",  # full-width, 19 chars
    ],
)
def test_invalid_resident_ids(bad: str) -> None:
    with pytest.raises(IdentifierError) as exc:
        validate_resident_id(bad)
    assert exc.value.code == "id_no_invalid"
    # details never echo the input
    if len(bad.strip()) >= 4:
        assert bad.strip() not in exc.value.detail


def test_resident_id_normalisation() -> None:
    assert validate_resident_id(" 11010519491231002x\n") == "11010519491231002X"
    assert validate_resident_id("３３０２０３１９９００１０１１２３６") == "330203199001011236"


def test_feb_29_only_in_leap_years() -> None:
    first17 = "11010520000229001"
    assert validate_resident_id(first17 + compute_resident_id_check(first17))
    first17 = "11010519000229001"  # 1900 is not a leap year
    with pytest.raises(IdentifierError):
        validate_resident_id(first17 + compute_resident_id_check(first17))


def test_birth_date_gender_age() -> None:
    assert resident_id_birth_date("11010519491231002X") == datetime.date(1949, 12, 31)
    assert resident_id_gender("11010519491231002X") == "女"  # sequence 002
    assert resident_id_gender("360426199101010071") == "男"  # sequence 007
    assert resident_id_gender("120103198806018241") == "女"  # sequence 824
    id_no = "330203199001011236"
    assert age_on(id_no, datetime.date(2024, 12, 31)) == 34
    assert age_on(id_no, datetime.date(2025, 1, 1)) == 35
    assert age_on(id_no, datetime.date(1990, 1, 1)) == 0
    with pytest.raises(ValueError):
        age_on(id_no, datetime.date(1989, 12, 31))
    leap17 = "11010520080229002"
    leap = leap17 + compute_resident_id_check(leap17)
    assert age_on(leap, datetime.date(2009, 2, 28)) == 0
    assert age_on(leap, datetime.date(2009, 3, 1)) == 1
    assert age_on(leap, datetime.date(2012, 2, 29)) == 4
    with pytest.raises(IdentifierError):
        resident_id_birth_date("360426199101010072")


@pytest.mark.parametrize("code", VALID_USCC)
def test_valid_credit_codes(code: str) -> None:
    assert validate_credit_code(code) == code
    assert compute_credit_code_check(code[:17]) == code[17]
    assert validate_id_no("organization", code.lower()) == code


@pytest.mark.parametrize(
    "bad",
    [
        "91310115MA1H8R7C6D",  # CSDN example: fails the checksum (expected check 7)
        "91110108551385082R",
        "91110108551385082",
        "O1110108551385082Q",  # letter O not in the alphabet
        "91110108551385O82Q",
        "B1110108551385082Q",  # department B does not exist
        "96110108551385082Q",  # category 6 is outside [1-59]
        "9111010855138508AQ",  # position 17 must be 0-9/X
        "9111A108551385082Q",  # region code must be digits
        "",
    ],
)
def test_invalid_credit_codes(bad: str) -> None:
    with pytest.raises(IdentifierError) as exc:
        validate_credit_code(bad)
    assert exc.value.code == "credit_code_invalid"


def test_csdn_example_expected_check() -> None:
    assert compute_credit_code_check("91310115MA1H8R7C6") == "7"
    assert validate_credit_code("91310115MA1H8R7C67") == "91310115MA1H8R7C67"


def test_validate_id_no_kinds() -> None:
    with pytest.raises(IdentifierError) as exc:
        validate_id_no("person", "91110108551385082Q")
    assert exc.value.code == "id_no_invalid"
    with pytest.raises(IdentifierError) as exc:
        validate_id_no("organization", "330203199001011236")
    assert exc.value.code == "credit_code_invalid"
    with pytest.raises(IdentifierError) as exc:
        validate_id_no("robot", "330203199001011236")
    assert exc.value.code == "id_no_invalid"


def test_compute_check_rejects_bad_input() -> None:
    for bad in ["1234567890123456", "1234567890123456X", "１２３４５６７８９０１２３４５６７"]:
        with pytest.raises(IdentifierError):
            compute_resident_id_check(bad)
    for bad in ["9111010855138508", "9111010855138508I", "9111010855138508q"]:
        with pytest.raises(IdentifierError):
            compute_credit_code_check(bad)


def test_identifier_error_shape() -> None:
    err = IdentifierError("phone_invalid", "bad")
    assert isinstance(err, ValueError)
    assert (err.code, err.detail) == ("phone_invalid", "bad")
    assert str(err) == "phone_invalid: bad"
    clone = pickle.loads(pickle.dumps(err))
    assert (clone.code, clone.detail) == ("phone_invalid", "bad")


# --------------------------------------------------------------------------------------
# Masking
# --------------------------------------------------------------------------------------


def test_mask_id_number_examples() -> None:
    assert mask_id_number("330203198001011231") == "3302031980****1231"
    assert mask_id_number("360426199101010071") == "3604261991****0071"
    assert mask_id_number("91330203MA2H3K4L4D") == "91330203MA****4L4D"
    assert mask_id_number(" 11010519491231002x ") == "1101051949****002X"
    assert mask_id_number("360426910101007") == "*" * 18  # 15-digit legacy
    assert mask_id_number("08790937-1") == "*" * 18
    assert mask_id_number("") == "*" * 18


def test_mask_phone_examples() -> None:
    assert mask_phone("13800000000") == "138****0000"
    assert mask_phone("+86 138 1234 5678") == "138****5678"
    assert mask_phone("0574-87000000") == "0574-****00"
    assert mask_phone("057487001234-123") == "0574-****34"
    assert mask_phone("010-6512345") == "010-****45"
    assert mask_phone("not a phone") == "*" * 11


# --------------------------------------------------------------------------------------
# Phones
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("13800000000", "13800000000"),
        ("+8613800000000", "13800000000"),
        ("8613800000000", "13800000000"),
        ("+86 138-0000-0000", "13800000000"),
        ("１３８００００００００", "13800000000"),
        ("19912345678", "19912345678"),
        ("0574-87000000", "0574-87000000"),
        ("057487000000", "0574-87000000"),
        ("0574 8700000", "0574-8700000"),
        ("0574-87000000-123", "0574-87000000-123"),
        ("01065123456", "010-65123456"),
        ("021-55556666", "021-55556666"),
        ("02155556666", "021-55556666"),
    ],
)
def test_valid_phones(raw: str, normalised: str) -> None:
    assert validate_phone(raw) == normalised
    assert validate_phone(normalised) == normalised


@pytest.mark.parametrize(
    "bad",
    [
        "12800000000",  # 12x is not a mobile prefix
        "1380000000",  # 10 digits
        "138000000000",  # 12 digits
        "+8713800000000",
        "0574-1700000",  # local number starting 1
        "0574-870000",  # 6-digit local number
        "057-487000000",  # separator disagrees with the 4-digit area code
        "0105-6512345",  # separator disagrees with the 3-digit area code 010
        "0574-87000000-1234567",
        "5748700000",
        "",
        "电话",
    ],
)
def test_invalid_phones(bad: str) -> None:
    with pytest.raises(IdentifierError) as exc:
        validate_phone(bad)
    assert exc.value.code == "phone_invalid"


# --------------------------------------------------------------------------------------
# Case numbers
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("（2024）浙0203执1234号", CaseNumber(2024, "浙0203", "执", 1234, False)),
        ("(2024)浙0203执1234号", CaseNumber(2024, "浙0203", "执", 1234, False)),
        (" （2024)浙0203执恢12号\t", CaseNumber(2024, "浙0203", "执恢", 12, False)),
        ("（2024）浙0203恢执12号", CaseNumber(2024, "浙0203", "恢执", 12, False)),
        ("（2024）浙知恢执1号", CaseNumber(2024, "浙知", "恢执", 1, False)),
        ("（２０２４）浙０２０３执保１２号", CaseNumber(2024, "浙0203", "执保", 12, False)),
        ("(2021)粤03执异77号", CaseNumber(2021, "粤03", "执异", 77, False)),
        ("（2020）最高法执监5号", CaseNumber(2020, "最高法", "执监", 5, False)),
        ("（2019）兵08执复8号", CaseNumber(2019, "兵08", "执复", 8, False)),
        ("（2018）云0114执1302号", CaseNumber(2018, "云0114", "执", 1302, False)),
        ("（2023）京73执协3号", CaseNumber(2023, "京73", "执协", 3, False)),
        ("（2023）浙知执他3号", CaseNumber(2023, "浙知", "执他", 3, False)),
        ("（2023）内0102执99999999号", CaseNumber(2023, "内0102", "执", 99999999, False)),
        ("(2012)东执字第253号", CaseNumber(2012, "东", "执", 253, True)),
        ("（2010）深中法执恢字第7号", CaseNumber(2010, "深中法", "执恢", 7, True)),
        ("(1949)京执字第1号", CaseNumber(1949, "京", "执", 1, True)),
    ],
)
def test_parse_case_number_examples(raw: str, expected: CaseNumber) -> None:
    parsed = parse_case_number(raw)
    assert parsed == expected
    assert normalize_case_number(raw) == str(expected)
    assert parse_case_number(str(parsed)) == parsed


def test_resumption_number_is_court_plus_type_not_court_hui() -> None:
    """案号规定 Arts. 1–3 (法院代字 + 专门审判代字 + 类型代字) with the type codes of domain.md
    §6.3 and the 「恢执」 spelling of 法明传〔2018〕335号: （2024）浙0203恢执12号 is court 浙0203, a
    恢复执行 case — not court 「浙0203恢」 with type 执."""
    parsed = parse_case_number("（2024）浙0203恢执12号")
    assert (parsed.court_code, parsed.type_code) == ("浙0203", "恢执")
    assert parsed.type_name == "恢复执行案件"
    assert parsed.is_resumption
    assert parse_case_number("（2024）浙0203执恢12号").is_resumption
    assert not parse_case_number("（2024）浙0203执12号").is_resumption


def test_case_number_str() -> None:
    assert str(CaseNumber(2024, "浙0203", "执", 1234, False)) == "（2024）浙0203执1234号"
    assert str(CaseNumber(2012, "东", "执", 253, True)) == "（2012）东执字第253号"
    assert CaseNumber(2024, "浙0203", "执恢", 1, False).type_name == "恢复执行案件"


@pytest.mark.parametrize(
    "bad",
    [
        "（2024）浙0203执1234",  # missing 号
        "2024浙0203执1234号",  # no brackets
        "（24）浙0203执1234号",
        "（1948）浙0203执1234号",  # year out of range
        "（2101）浙0203执1234号",
        "（2024）浙0203民初1234号",  # not an execution case
        "（2019）兵08财保8号",
        "（2022）最高法知民终82号",
        "（2024）浙0203执配1号",  # 执配 is not a known code
        "（2024）浙0203执0号",
        "（2024）浙0203执012号",
        "（2024）浙0203执123456789号",  # more than 8 digits
        "（2024）浙 0203执1234号",  # inner whitespace
        "（2024）浙020执1234号",  # 3-digit court number
        "（2024）东执1234号",  # 东 is not a provincial code (legacy court codes need 字第)
        "（2024）浙0203执执1号",
        "（2015）浙0203执字第12号",  # digits are not allowed in a legacy court code
        "（2012）执字第1号",  # legacy court code must have at least one character
        "（2012）一二三四五六七执字第1号",  # legacy court code longer than 6
        "〔2024〕浙0203执1234号",
        "（2024）浙0203执١٢号",  # non-ASCII (Arabic-Indic) digits
        "",
        "号",
    ],
)
def test_invalid_case_numbers(bad: str) -> None:
    with pytest.raises(IdentifierError) as exc:
        parse_case_number(bad)
    assert exc.value.code == "case_no_invalid"
    assert exc.value.detail


def test_execution_type_codes_table() -> None:
    assert list(EXECUTION_TYPE_CODES) == [
        "执",
        "执恢",
        "恢执",
        "执保",
        "执异",
        "执复",
        "执监",
        "执协",
        "执他",
    ]
    assert "执配" not in EXECUTION_TYPE_CODES


# --------------------------------------------------------------------------------------
# Hypothesis strategies
# --------------------------------------------------------------------------------------

digits = st.sampled_from("0123456789")


@st.composite
def id_first17(draw: st.DrawFn) -> str:
    area = "".join(draw(st.lists(digits, min_size=6, max_size=6)))
    born = draw(st.dates(datetime.date(1800, 1, 1), datetime.date(2099, 12, 31)))
    seq = "".join(draw(st.lists(digits, min_size=3, max_size=3)))
    return f"{area}{born:%Y%m%d}{seq}"


@st.composite
def uscc_first17(draw: st.DrawFn) -> str:
    dept = draw(st.sampled_from("123456789ANY"))
    category = draw(st.sampled_from("123459"))
    region = "".join(draw(st.lists(digits, min_size=6, max_size=6)))
    body = "".join(draw(st.lists(st.sampled_from(CREDIT_CODE_ALPHABET), min_size=8, max_size=8)))
    org_check = draw(st.sampled_from("0123456789X"))
    return dept + category + region + body + org_check


cjk = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
# A 专门审判代字 cannot be a character that begins a type code (执, 恢 of 恢执).
special_chars = cjk.filter(lambda c: c not in "执恢")


@st.composite
def modern_court_codes(draw: st.DrawFn) -> str:
    if draw(st.booleans()):
        base = "最高法"
    else:
        number = draw(
            st.one_of(
                st.just(""),
                st.integers(0, 99).map("{:02d}".format),
                st.integers(0, 9999).map("{:04d}".format),
            )
        )
        base = draw(st.sampled_from(sorted(PROVINCE_COURT_CODES))) + number
    special = draw(st.one_of(st.just(""), special_chars))
    return base + special


legacy_court_codes = st.text(
    alphabet=st.one_of(cjk, st.sampled_from("东执恢字第号法")), min_size=1, max_size=6
).filter(lambda c: not c.endswith("恢"))  # 「…恢执字第」 reads as type 恢执
type_codes = st.sampled_from(sorted(EXECUTION_TYPE_CODES))
years = st.integers(1949, 2100)
seqs = st.integers(1, 99_999_999)


@st.composite
def case_numbers(draw: st.DrawFn) -> tuple[str, CaseNumber]:
    """(half-width text, the CaseNumber it was built from)."""
    year, type_code, seq = draw(years), draw(type_codes), draw(seqs)
    if draw(st.booleans()):
        court = draw(legacy_court_codes)
        return f"({year}){court}{type_code}字第{seq}号", CaseNumber(
            year, court, type_code, seq, True
        )
    court = draw(modern_court_codes())
    return f"({year}){court}{type_code}{seq}号", CaseNumber(year, court, type_code, seq, False)


FULLWIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")

# Text biased towards the characters the parsers care about.
case_like_text = st.text(
    alphabet=st.sampled_from("()（）０１0123456789 执恢保异字第号浙京最高法东兵内X-+"),
    max_size=30,
)
id_like_text = st.text(alphabet=st.sampled_from("0123456789XxAQYN９ -+*"), max_size=22)


# --------------------------------------------------------------------------------------
# (a) resident IDs
# --------------------------------------------------------------------------------------


@FAST
@given(id_first17(), st.data())
def test_resident_id_check_roundtrip(first17: str, data: st.DataObject) -> None:
    check = compute_resident_id_check(first17)
    assert check in "0123456789X"
    assert validate_resident_id(first17 + check) == first17 + check
    assert validate_resident_id(first17 + check.lower()) == first17 + check
    wrong = data.draw(st.sampled_from([c for c in "0123456789X" if c != check]))
    with pytest.raises(IdentifierError):
        validate_resident_id(first17 + wrong)
    # MOD 11-2 catches every single-digit substitution in the body as well.
    pos = data.draw(st.integers(0, 16))
    new = data.draw(digits.filter(lambda d: d != first17[pos]))
    changed = first17[:pos] + new + first17[pos + 1 :]
    with pytest.raises(IdentifierError):
        validate_resident_id(changed + check)


# --------------------------------------------------------------------------------------
# (b) credit codes
# --------------------------------------------------------------------------------------


@FAST
@given(uscc_first17(), st.data())
def test_credit_code_check_roundtrip(first17: str, data: st.DataObject) -> None:
    check = compute_credit_code_check(first17)
    assert check in CREDIT_CODE_ALPHABET
    code = first17 + check
    assert validate_credit_code(code) == code
    assert validate_credit_code(f" {code.lower()} ") == code
    wrong = data.draw(st.sampled_from([c for c in CREDIT_CODE_ALPHABET if c != check]))
    with pytest.raises(IdentifierError):
        validate_credit_code(first17 + wrong)


@FAST
@given(
    st.text(alphabet=st.sampled_from(CREDIT_CODE_ALPHABET), min_size=17, max_size=17),
    st.integers(0, 16),
    st.sampled_from(CREDIT_CODE_ALPHABET),
)
def test_credit_code_check_detects_substitution(first17: str, pos: int, new: str) -> None:
    changed = first17[:pos] + new + first17[pos + 1 :]
    same = compute_credit_code_check(changed) == compute_credit_code_check(first17)
    assert same == (changed == first17)


# --------------------------------------------------------------------------------------
# (c) masking
# --------------------------------------------------------------------------------------


@FAST
@given(st.one_of(st.text(max_size=25), id_like_text, id_first17().map(lambda s: s + "X")))
def test_mask_id_number_shape(text: str) -> None:
    masked = mask_id_number(text)
    assert len(masked) == 18
    assert masked[10:14] == "****"
    assert mask_id_number(masked) == masked


@FAST
@given(
    st.text(alphabet=st.sampled_from("0123456789X"), min_size=18, max_size=18),
    st.text(alphabet=st.sampled_from("0123456789"), min_size=4, max_size=4),
)
def test_mask_id_number_hides_chars_11_to_14(id_no: str, other: str) -> None:
    twin = id_no[:10] + other + id_no[14:]
    assert mask_id_number(id_no) == mask_id_number(twin)
    assert mask_id_number(id_no) == id_no[:10] + "****" + id_no[14:]


@FAST
@given(
    st.sampled_from("3456789"),
    st.text(alphabet=digits, min_size=9, max_size=9),
    st.text(alphabet=digits, min_size=4, max_size=4),
)
def test_mask_phone_mobile(second: str, rest: str, other: str) -> None:
    phone = "1" + second + rest
    assert validate_phone("+86" + phone) == phone
    masked = mask_phone(phone)
    assert masked == phone[:3] + "****" + phone[7:]
    # digits 4-7 do not influence the masked form
    assert mask_phone(phone[:3] + other + phone[7:]) == masked


# --------------------------------------------------------------------------------------
# (d) case-number round trip
# --------------------------------------------------------------------------------------


@FAST
@given(case_numbers(), st.data())
def test_case_number_roundtrip(generated: tuple[str, CaseNumber], data: st.DataObject) -> None:
    half, expected = generated
    parsed = parse_case_number(half)
    assert parsed == expected
    canonical = str(parsed)
    assert canonical.startswith("（")
    assert canonical.endswith("号")
    assert parse_case_number(canonical) == parsed
    assert normalize_case_number(canonical) == canonical

    full = half.replace("(", "（").replace(")", "）")
    mixed = half.replace("(", "（") if data.draw(st.booleans()) else half.replace(")", "）")
    assert normalize_case_number(full) == canonical
    assert normalize_case_number(mixed) == canonical
    assert normalize_case_number(f"  {full.translate(FULLWIDTH_DIGITS)}\n") == canonical


# --------------------------------------------------------------------------------------
# (e) no exception other than IdentifierError, ever
# --------------------------------------------------------------------------------------

any_text = st.one_of(st.text(max_size=80), case_like_text, id_like_text)


def _error_code(func: Callable[..., object], *args: str) -> str | None:
    """The IdentifierError code ``func(*args)`` raises, or None if it returns."""
    try:
        func(*args)
    except IdentifierError as exc:
        return exc.code
    return None


@FAST
@given(case_numbers())
def test_court_code_never_swallows_the_start_of_a_type_code(
    generated: tuple[str, CaseNumber],
) -> None:
    """案号规定 Art. 3: 法院代字 (+ 专门审判代字) then 类型代字. Whatever court and type are
    combined, the parsed modern court code never ends with a character that begins a type code
    (执, or 恢 of 恢执), so a resumption number keeps its type."""
    half, expected = generated
    parsed = parse_case_number(half)
    assert parsed.type_code == expected.type_code
    assert parsed.is_resumption == (expected.type_code in ("执恢", "恢执"))
    if not parsed.legacy:
        assert parsed.court_code[-1] not in "执恢"


@FAST
@given(any_text)
def test_parse_case_number_total(text: str) -> None:
    assert _error_code(parse_case_number, text) in {None, "case_no_invalid"}
    if _error_code(parse_case_number, text) is None:
        result = parse_case_number(text)
        assert parse_case_number(str(result)) == result


@FAST
@given(any_text)
def test_validators_total(text: str) -> None:
    checks: list[tuple[Callable[[str], object], str]] = [
        (validate_resident_id, "id_no_invalid"),
        (validate_credit_code, "credit_code_invalid"),
        (validate_phone, "phone_invalid"),
        (compute_resident_id_check, "id_no_invalid"),
        (compute_credit_code_check, "credit_code_invalid"),
        (resident_id_birth_date, "id_no_invalid"),
        (resident_id_gender, "id_no_invalid"),
    ]
    for func, code in checks:
        assert _error_code(func, text) in {None, code}
    assert _error_code(validate_id_no, "person", text) in {None, "id_no_invalid"}
    assert _error_code(validate_id_no, "organization", text) in {None, "credit_code_invalid"}
    assert _error_code(validate_id_no, "other", text) == "id_no_invalid"
    assert len(mask_id_number(text)) == 18
    assert isinstance(mask_phone(text), str)


@pytest.mark.parametrize("value", [None, 123, b"330203199001011236", ["x"]])
def test_non_str_input_raises_identifier_error(value: object) -> None:
    for func in (validate_resident_id, validate_credit_code, validate_phone, parse_case_number):
        with pytest.raises(IdentifierError):
            func(value)  # type: ignore[arg-type]
    assert mask_id_number(value) == "*" * 18  # type: ignore[arg-type]
    assert mask_phone(value) == "*" * 11  # type: ignore[arg-type]
