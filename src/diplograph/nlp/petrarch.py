"""Read PETRARCH / TABARI actor dictionaries into our alias rows.

The format: one actor a block; a line `NAME_WITH_UNDERSCORES [CODE]` or a bare name followed by
lines `[CODE yymmdd-yymmdd]`, `[CODE >yymmdd]`, `[CODE <yymmdd]`; `+ALIAS` lines add names;
text after `#` is a comment. A CODE such as USAGOV is a country code plus a role.
"""
from __future__ import annotations

import re
from datetime import date

from ..errors import ConfigError

_CODE = re.compile(r"\[([^\]]*)\]")
_ROLES = {"GOV", "MIL", "LEG", "JUD", "MED", "DIP", "PTY", "OPP", "REB", "BUS", "CVL", "ELI",
          "COP", "SPY", "IGO", "NGO", "EDU", "HLH", "REF", "LAB", "AGR", "CRM", "IRC"}
# PETRARCH's IGO codes for the organisations we name otherwise
_KNOWN = {"IGOUNO": "UN", "IGOEU": "EU", "IGONAT": "NATO", "IGOAFR": "AU", "IGOASN": "ASEAN",
          "IGOARL": "LAS", "IGOOIC": "OIC", "IGOGCC": "GCC"}


def _yymmdd(text: str) -> date | None:
    text = text.strip()
    if not text:
        return None
    if not re.fullmatch(r"\d{6}", text):
        raise ValueError(text)
    yy, mm, dd = int(text[:2]), int(text[2:4]), int(text[4:])
    # two-digit years: the future is the last century
    return date((2000 if yy <= date.today().year % 100 else 1900) + yy, mm, dd)


def parse_code(spec: str) -> dict:
    """`USAGOV 090120-170120` -> {code, role, start, end}."""
    parts = spec.split()
    if not parts:
        raise ValueError("empty code")
    raw, when = parts[0].upper(), (parts[1] if len(parts) > 1 else "")
    if set(raw) == {"-"}:  # [---]: known, but no actor (our blocks)
        return {"code": "-", "role": None, "start": "", "end": "", "via": "block"}
    code, role = _KNOWN.get(raw, raw), None
    if raw not in _KNOWN and len(raw) == 6 and raw[3:] in _ROLES:
        code, role = raw[:3], raw[3:]
    start = end = None
    if when.startswith(">"):
        start = _yymmdd(when[1:])
    elif when.startswith("<"):
        end = _yymmdd(when[1:])
    elif "-" in when:
        a, b = when.split("-", 1)
        start, end = _yymmdd(a), _yymmdd(b)
    elif when:
        raise ValueError(when)
    return {"code": code, "role": role, "start": start.isoformat() if start else "",
            "end": end.isoformat() if end else ""}


def _name(text: str) -> str:
    return " ".join(text.replace("_", " ").split())


def parse_dictionary(text: str, *, origin: str = "<dictionary>") -> list[dict]:
    """Alias rows (text, code, role, via, case, start, end) for every name and code."""
    rows: list[dict] = []
    names: list[str] = []
    codes: list[dict] = []

    def flush() -> None:
        for name in dict.fromkeys(names):
            for c in codes:
                rows.append({"text": name, "via": "import", "case": "lower", **c})  # c may set via
        names.clear()
        codes.clear()

    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line or line.startswith(("<", "{", "!", "&")):
            continue  # comments, and TABARI's compound and class lines we do not read
        try:
            # agent codes ([~GOV]) belong to PETRARCH's agents dictionary: not read here
            specs = [parse_code(m) for m in _CODE.findall(line) if not m.strip().startswith("~")]
        except ValueError as exc:
            raise ConfigError(f"{origin}:{n}: bad code or date in {raw.strip()!r}: {exc}") from exc
        bare = _name(_CODE.sub("", line))
        if line.startswith("+"):
            if bare.lstrip("+").strip():
                names.append(_name(bare.lstrip("+")))
            codes.extend(specs)
        elif line.startswith("["):
            codes.extend(specs)
        else:
            flush()
            names.append(bare)
            codes.extend(specs)
    flush()
    return rows
