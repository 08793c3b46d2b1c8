"""fold(): the shared table (also used by the browser's fold in docs/assets/search.js) and its properties."""

from __future__ import annotations

import json
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.text import fold, fold_words, nfc
from tests.conftest import DATA

FOLD_CASES = json.loads((DATA / "fold_cases.json").read_text(encoding="utf-8"))["cases"]
VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
vietnamese_text = st.text(alphabet=VIETNAMESE + VIETNAMESE.upper() + " 0123456789.,-", max_size=60)


@pytest.mark.parametrize("case", FOLD_CASES, ids=[c["note"] for c in FOLD_CASES])
def test_fold_table(case):
    assert fold(case["input"]) == case["folded"]


def test_fold_table_covers_nfd_and_upper_case():
    inputs = [c["input"] for c in FOLD_CASES]
    assert any(unicodedata.normalize("NFC", s) != s for s in inputs)
    assert any(s != s.lower() for s in inputs)


@given(st.text(max_size=80))
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


@given(st.text(max_size=80))
def test_fold_leaves_no_combining_marks_and_no_d_stroke(text):
    folded = fold(text)
    assert not any(unicodedata.combining(ch) for ch in unicodedata.normalize("NFD", folded))
    assert "đ" not in folded and "Đ" not in folded


@given(vietnamese_text)
def test_fold_of_vietnamese_is_ascii_and_keeps_length(text):
    folded = fold(text)
    assert folded.isascii()
    assert len(folded) == len(text)  # the tokenizer's character offsets rely on this


@given(vietnamese_text)
def test_fold_ignores_normal_form_and_case(text):
    assert fold(unicodedata.normalize("NFD", text)) == fold(text) == fold(text.upper()) == fold(nfc(text))


def test_fold_words_cuts_folded_text_into_words():
    assert fold_words("Đăng ký, khai-sinh (An Bình) y tế?*") == ["dang", "ky", "khai", "sinh", "an", "binh", "y", "te"]
    assert fold_words("?* [] ...") == []
