"""Constrained field types shared by the model: vocabulary codes, UK postcodes and phone
numbers, e-mail and web addresses, and area codes.

Each type validates and normalises in Python and describes itself in JSON Schema no more
strictly than it validates, so a document the schema rejects is also rejected by the model.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated, Any
from urllib.parse import urlsplit

import phonenumbers
from pydantic import AfterValidator, GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from .. import vocab as _vocab

_SYNTAX = set("^$\\.*+?()[]{}|")


def _ci_pattern(text: str) -> str:
    """An ECMA-262 pattern matching ``text`` in any case, with any run of spaces."""
    out: list[str] = []
    for ch in text:
        if ch.isspace():
            if not out or out[-1] != r"\s+":
                out.append(r"\s+")
        elif ch.upper() != ch.lower():
            out.append(f"[{ch.upper()}{ch.lower()}]")
        elif ch in _SYNTAX:
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


@dataclass(frozen=True)
class VocabularyCode:
    """Annotation for a ``str`` field that takes a code of the named vocabulary."""

    name: str

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        vocabulary = _vocab.get(self.name)
        by_code = vocabulary.by_code

        def check(value: Any) -> str:
            if isinstance(value, str) and value in by_code:
                return value
            if not isinstance(value, str):
                raise PydanticCustomError("string_type", "Input should be a valid string")
            try:
                return vocabulary.normalise(value)
            except _vocab.UnknownTermError as exc:
                raise PydanticCustomError(
                    "vocabulary",
                    "'{value}' is not in the {vocabulary} list.{hint} Allowed: {allowed}.",
                    {
                        "value": value,
                        "vocabulary": vocabulary.title,
                        "hint": f" Did you mean {exc.suggestion!r}?" if exc.suggestion else "",
                        "allowed": ", ".join(vocabulary.codes),
                        "suggestion": exc.suggestion,
                    },
                ) from None

        return core_schema.no_info_plain_validator_function(
            check, json_schema_input_schema=core_schema.str_schema(),
            serialization=core_schema.plain_serializer_function_ser_schema(lambda v: v, when_used="always"),
        )

    def __get_pydantic_json_schema__(self, cs: core_schema.CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        vocabulary = _vocab.get(self.name)
        labels = "|".join(
            _ci_pattern(text) for t in vocabulary.terms for text in dict.fromkeys((t.code, t.label))
        )
        return {
            "type": "string",
            "anyOf": [{"enum": list(vocabulary.codes)}, {"pattern": rf"^\s*(?:{labels})\s*$"}],
            "x-vocabulary": vocabulary.name,
        }


@dataclass(frozen=True)
class _Checked:
    """Annotation for a ``str`` field normalised by a function that raises ValueError."""

    kind: str
    json_schema: tuple[tuple[str, Any], ...]

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        fn = _CHECKS[self.kind]
        kind = self.kind

        def check(value: str) -> str:
            try:
                return fn(value)
            except ValueError as exc:
                raise PydanticCustomError(kind, "{reason}", {"reason": str(exc), "value": value}) from None

        return core_schema.no_info_after_validator_function(check, core_schema.str_schema())

    def __get_pydantic_json_schema__(self, cs: core_schema.CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        schema: dict[str, Any] = {"type": "string"}
        for key, value in self.json_schema:
            schema[key] = list(value) if isinstance(value, tuple) else value
        return schema


_POSTCODE = re.compile(r"^(GIR0AA|[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2})$")


def normalise_postcode(value: str) -> str:
    """A UK postcode in capitals with one space before the inward code: ``EC2V 7HH``."""
    compact = "".join(value.split()).upper()
    if not _POSTCODE.match(compact):
        raise ValueError(f"{value!r} is not a UK postcode. Write it like EC2V 7HH.")
    return f"{compact[:-3]} {compact[-3:]}"


@lru_cache(maxsize=65536)
def normalise_phone(value: str) -> str:
    """A phone number checked as a UK number (or an international one written with +),
    in the national format for UK numbers: ``020 7332 1002``. UK short numbers (111,
    116 123) are kept as digits."""
    text = value.strip()
    try:
        number = phonenumbers.parse(text, "GB")
    except phonenumbers.NumberParseException:
        raise ValueError(f"{value!r} is not a phone number. Write it like 020 7332 1002.") from None
    if phonenumbers.is_valid_number(number):
        if number.country_code == 44:
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    from phonenumbers import shortnumberinfo

    if not text.startswith("+") and shortnumberinfo.is_valid_short_number_for_region(number, "GB"):
        digits = "".join(ch for ch in text if ch.isdigit())
        return digits if len(digits) <= 4 else f"{digits[:3]} {digits[3:]}"
    raise ValueError(
        f"{value!r} is not a valid UK phone number: check the number of digits and the area code."
    )


# The WHATWG HTML definition of a valid e-mail address, with its local part held to RFC 5322's
# dot-atom (section 3.2.3: no leading, trailing or doubled dot), as the "email" format of the
# Open Referral schemas requires (JSON Schema: RFC 5321 Mailbox).
_ATEXT = r"[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]+"
_EMAIL = re.compile(
    rf"^{_ATEXT}(?:\.{_ATEXT})*@[a-zA-Z0-9](?:[a-zA-Z0-9-]{{0,61}}[a-zA-Z0-9])?"
    r"(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$"
)


def normalise_email(value: str) -> str:
    text = value.strip()
    if not _EMAIL.match(text):
        raise ValueError(f"{value!r} is not an e-mail address. Write it like send@cityoflondon.gov.uk.")
    return text


# The common shape, accepted without parsing: a lower-case http(s) scheme, a plain host name,
# an optional port, then printable ASCII without spaces. Everything else is parsed below.
_PLAIN_URL = re.compile(r"https?://[A-Za-z0-9.\-]+(?::[0-9]{1,5})?(?:[/?#][!-~]*)?")


def normalise_url(value: str) -> str:
    """A web address: absolute, http or https only (never ``javascript:`` or ``file:``)."""
    text = value.strip()
    if _PLAIN_URL.fullmatch(text):
        return text
    return _parsed_url(value, text)


def _parsed_url(value: str, text: str) -> str:
    try:
        parts = urlsplit(text)
    except ValueError:
        parts = None
    if parts is None or parts.scheme.lower() not in ("http", "https"):
        raise ValueError(f"{value!r} is not a web address: it must start with https:// (or http://).")
    if not parts.hostname or any(ch.isspace() for ch in text):
        raise ValueError(f"{value!r} is not a web address: it needs a host name and no spaces.")
    return text


_GSS = re.compile(r"^[EWSN][0-9]{8}$")


def normalise_gss(value: str) -> str:
    text = value.strip().upper()
    if not _GSS.match(text):
        raise ValueError(f"{value!r} is not an ONS/GSS area code. Write it like E09000001.")
    return text


def normalise_uprn(value: str) -> str:
    text = value.strip()
    if not (text.isdigit() and len(text) <= 12 and int(text) > 0):
        raise ValueError(f"{value!r} is not a UPRN: it is a number of up to 12 digits.")
    return text.lstrip("0")


_CHECKS: dict[str, Callable[[str], str]] = {
    "postcode": normalise_postcode,
    "phone": normalise_phone,
    "email": normalise_email,
    "url": normalise_url,
    "gss_code": normalise_gss,
    "uprn": normalise_uprn,
}

Postcode = Annotated[
    str,
    _Checked("postcode", (("pattern", r"^\s*(?:[Gg]\s*[Ii]\s*[Rr]\s*0\s*[Aa]\s*[Aa]|(?:[A-Za-z]\s*){1,2}[0-9]\s*[A-Za-z0-9]?\s*[0-9]\s*[A-Za-z]\s*[A-Za-z])\s*$"), ("examples", ("EC2V 7HH",)))),
]
PhoneNumber = Annotated[str, _Checked("phone", (("minLength", 3), ("examples", ("020 7332 1002",))))]
Email = Annotated[str, _Checked("email", (("format", "email"), ("examples", ("send@cityoflondon.gov.uk",))))]
WebAddress = Annotated[
    str, _Checked("url", (("format", "uri"), ("pattern", r"^\s*[Hh][Tt][Tt][Pp][Ss]?://"), ("examples", ("https://www.cityoflondon.gov.uk/",))))
]
GssCode = Annotated[str, _Checked("gss_code", (("pattern", r"^\s*[EWSNewsn][0-9]{8}\s*$"), ("examples", ("E09000001",))))]
Uprn = Annotated[str, _Checked("uprn", (("pattern", r"^\s*[0-9]{1,12}\s*$"), ("examples", ("200000071925",))))]

Need = Annotated[str, VocabularyCode("needs")]
ProvisionCategory = Annotated[str, VocabularyCode("provision-categories")]
Level = Annotated[str, VocabularyCode("levels")]
ProviderType = Annotated[str, VocabularyCode("provider-types")]
AccessRoute = Annotated[str, VocabularyCode("access-routes")]
DeliveryMethod = Annotated[str, VocabularyCode("delivery-methods")]
ServiceStatus = Annotated[str, VocabularyCode("service-status")]
CostKind = Annotated[str, VocabularyCode("cost-kinds")]
StatutoryTopic = Annotated[str, VocabularyCode("statutory-topics")]
DocumentKind = Annotated[str, VocabularyCode("document-kinds")]
AccessibleFormat = Annotated[str, VocabularyCode("accessible-formats")]
Weekday = Annotated[str, VocabularyCode("weekdays")]
PhoneType = Annotated[str, VocabularyCode("phone-types")]
LocationType = Annotated[str, VocabularyCode("location-types")]
AccessibilityFeature = Annotated[str, VocabularyCode("accessibility-features")]


def _canonical_order(name: str) -> Any:
    """Vocabulary lists are sets: duplicates dropped, terms in the vocabulary's own order, so
    every format (RDF included, where multi-valued properties have no order) round-trips."""
    order = {code: i for i, code in enumerate(_vocab.get(name).codes)}

    def canonical(values: list[str]) -> list[str]:
        return sorted(set(values), key=order.__getitem__) if len(values) > 1 else values

    return AfterValidator(canonical)


NeedList = Annotated[list[Need], _canonical_order("needs")]
ProvisionCategoryList = Annotated[list[ProvisionCategory], _canonical_order("provision-categories")]
AccessRouteList = Annotated[list[AccessRoute], _canonical_order("access-routes")]
DeliveryMethodList = Annotated[list[DeliveryMethod], _canonical_order("delivery-methods")]
WeekdayList = Annotated[list[Weekday], _canonical_order("weekdays")]
AccessibilityFeatureList = Annotated[list[AccessibilityFeature], _canonical_order("accessibility-features")]


_EMPTY: dict[type, Any] = {}


def _empty_is_none(value: Any) -> Any:
    """An optional group with nothing in it (every field at its default) is no group at all,
    so that a blank section of a spreadsheet and a missing one read the same."""
    if value is None:
        return None
    cls = type(value)
    empty = _EMPTY.get(cls)
    if empty is None:
        empty = _EMPTY[cls] = cls()  # made once a class: never handed out, so never changed
    return None if value == empty else value


EmptyIsNone = AfterValidator(_empty_is_none)
