"""The folding tokenizer: what documents and queries turn into."""

from __future__ import annotations

import pickle
import unicodedata

from api.analysis import FoldingTokenizer, exact_words, has_marks
from generator.text import fold_words


def test_folds_the_whole_string_before_splitting_nfd_text():
    nfd = unicodedata.normalize("NFD", "Đăng ký khai sinh")
    assert fold_words(nfd) == ["dang", "ky", "khai", "sinh"]


def test_keeps_short_syllables_and_drops_punctuation():
    assert fold_words("An Bình, y tế; (Thủ tục) ?* [a TO z]") == [
        "an", "binh", "y", "te", "thu", "tuc", "a", "to", "z"]


def test_exact_words_keep_diacritics_in_nfc_lower_case():
    assert exact_words(unicodedata.normalize("NFD", "Kết HÔN")) == ["kết", "hôn"]


def test_has_marks():
    assert has_marks("kết hôn") and has_marks("đi")
    assert not has_marks("ket hon") and not has_marks("KET")


def test_positions_and_character_offsets_match_the_original_nfc_text():
    text = "Thủ tục đăng ký"
    tokens = [(t.text, t.pos, t.startchar, t.endchar)
              for t in FoldingTokenizer()(text, positions=True, chars=True)]
    assert tokens == [("thu", 0, 0, 3), ("tuc", 1, 4, 7), ("dang", 2, 8, 12), ("ky", 3, 13, 15)]
    assert [text[s:e] for _, _, s, e in tokens] == ["Thủ", "tục", "đăng", "ký"]


def test_tokenizers_compare_by_kind_and_survive_pickling():
    # The schema (with its tokenizer) is pickled into the index and read back by the API.
    assert FoldingTokenizer() == FoldingTokenizer()
    assert FoldingTokenizer() != FoldingTokenizer(exact=True)
    restored = pickle.loads(pickle.dumps(FoldingTokenizer(exact=True)))
    assert restored == FoldingTokenizer(exact=True)
    assert type(restored).__module__ == "api.analysis"
