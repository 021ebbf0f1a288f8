from __future__ import annotations

import pytest

from diplograph import errors


def test_codes_are_unique_and_documented(repo_root):
    codes = [e.code for e in errors.ALL_ERRORS]
    assert len(codes) == len(set(codes))
    doc = (repo_root / "docs" / "errors.md").read_text(encoding="utf-8")
    assert [c for c in codes if c not in doc] == []


def test_every_error_class_is_listed():
    listed = set(errors.ALL_ERRORS)
    defined = {v for v in vars(errors).values()
               if isinstance(v, type) and issubclass(v, errors.DiplographError)}
    assert defined == listed


def test_message_carries_code_origin_and_hint():
    exc = errors.EmptyDocument("no text", origin="a.txt")
    text = str(exc)
    assert text.startswith("[DG101] a.txt: no text")
    assert exc.hint in text
    assert isinstance(exc, errors.InputError)
    with pytest.raises(errors.DiplographError):
        raise exc
