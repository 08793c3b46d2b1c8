"""The poster font draws every Vietnamese letter, and text wraps by measured width."""

from __future__ import annotations

import unicodedata

import pytest
from PIL import ImageFont

from generator.posters.fonts import FACES, advance, clip, fit_size, font, text_width, wrap, wrap_lines

VOWELS = "aăâeêioôơuưy"
TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]  # huyền sắc hỏi ngã nặng
LETTERS = [unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES] + ["đ"]
ALL_LETTERS = LETTERS + [letter.upper() for letter in LETTERS]
MISSING = "\u0e01"  # a Thai letter: not in the font, so it prints the .notdef box


def mask_bytes(typeface: ImageFont.FreeTypeFont | ImageFont.ImageFont, text: str) -> bytes:
    mask = typeface.getmask(text, mode="1")
    return bytes(mask.size) + bytes(mask)


def has_glyph(typeface, letter: str) -> bool:
    """True when the letter draws something other than the font's missing-glyph box."""
    drawn = mask_bytes(typeface, letter)
    return any(drawn[8:]) and drawn != mask_bytes(typeface, MISSING)


def test_every_vietnamese_letter_has_a_real_glyph():
    assert len(ALL_LETTERS) == 146
    for face in FACES:
        typeface = font(face, 50)
        missing = [letter for letter in ALL_LETTERS if not has_glyph(typeface, letter)]
        assert missing == [], face


def test_the_glyph_check_catches_a_missing_letter():
    assert not has_glyph(font("regular", 50), MISSING)
    assert not has_glyph(font("regular", 50), "\u0e02")  # another Thai letter: the same box


def test_tone_and_vowel_marks_change_the_drawing():
    typeface = font("bold", 60)
    drawings = {mask_bytes(typeface, letter) for letter in ("a", "ă", "à", "ằ", "ẳ", "ặ")}
    assert len(drawings) == 6


def test_width_is_the_sum_of_letter_advances_as_freetype_measures():
    typeface = font("regular", 46)
    for text in ("Thủ tục đăng ký khai sinh", "Phí, lệ phí: 8.000 đồng/bản", "ẰẲẴẶ ĐƯỜNG"):
        assert text_width("regular", 46, text) == typeface.getlength(text)
    assert text_width("bold", 46, "Đăng ký") > text_width("regular", 46, "Đăng ký")
    assert advance("regular", 46, "m") == typeface.getlength("m")


@pytest.mark.parametrize("width", [200, 500, 900])
def test_wrap_keeps_every_word_and_fits_the_width(width):
    text = "Thủ tục chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền cấp"
    lines = wrap(text, "regular", 46, width)
    assert " ".join(lines) == text
    assert all(text_width("regular", 46, line) <= width for line in lines)


def test_wrap_splits_a_word_longer_than_the_line_between_letters():
    word = "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html"
    lines = wrap(word, "regular", 46, 300)
    assert "".join(lines) == word and len(lines) > 2
    assert all(text_width("regular", 46, line) <= 300 for line in lines)


def test_wrap_leaves_room_for_a_label_on_the_first_line():
    lines = wrap("năm ngày làm việc kể từ ngày nhận đủ hồ sơ", "regular", 46, 600, first=200)
    assert text_width("regular", 46, lines[0]) <= 200
    assert all(text_width("regular", 46, line) <= 600 for line in lines[1:])
    assert wrap("khai sinh", "regular", 46, 600, first=10)[0] == ""  # nothing fits beside it


def test_fit_size_shrinks_within_limits_only():
    text = "niemyet.dienbien.gov.vn/03127/1.001193/"
    size = fit_size(text, "regular", 42, 33, 900)
    assert size is not None and 33 <= size <= 42 and text_width("regular", size, text) <= 900
    assert fit_size(text, "regular", 42, 33, 300) is None


def test_wrap_lines_gives_each_line_its_own_width():
    text = "Thủ tục đăng ký khai sinh kết hợp đăng ký nhận cha, mẹ, con có yếu tố nước ngoài"
    lines = wrap_lines(text, "regular", 46, (250, 250, 900))
    assert " ".join(lines) == text
    assert all(text_width("regular", 46, line) <= (250 if i < 2 else 900) for i, line in enumerate(lines))
    assert len(lines) < len(wrap(text, "regular", 46, 250))


def test_clip_cuts_with_an_ellipsis_only_when_there_is_more():
    lines = wrap("một hai ba bốn năm sáu bảy tám chín mười " * 8, "regular", 46, 400)
    assert clip(lines, len(lines), "regular", 46, 400) == lines
    cut = clip(lines, 3, "regular", 46, 400)
    assert len(cut) == 3 and cut[:2] == lines[:2] and cut[2].endswith(" …")
    assert text_width("regular", 46, cut[2]) <= 400
