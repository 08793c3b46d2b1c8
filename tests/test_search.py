"""Building and running queries: diacritics, typos, prefixes, synonyms, filters, highlights."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from api.index import IndexHolder, publish_index
from api.search import get_procedure, name_share, search
from api.tables import counted_name
from generator.catalogue.load import load_catalogue
from generator.text import fold, fold_words
from bench.relevance import expected, rank_of
from tests.conftest import FIXTURE_PROCEDURES, write_files


def codes(loaded, text, **kwargs):
    return [hit["code"] for hit in search(loaded, text, **kwargs)["results"]]


def sample_procedure(code: str, name: str, field: str = "Hộ tịch", extra: str = "") -> str:
    return (f"code: '{code}'\nname: {name}\nlevel: commune\nfield: {field}\n"
            f"agency: Ủy ban nhân dân cấp xã\nsample: true\n{extra}"
            f"source:\n  title: Dữ liệu kiểm thử\n  checked: 2026-10-03\n")


def tiny_index(tmp_path: Path, procedures: dict[str, str]):
    files = {"_communes.yml": (FIXTURE_PROCEDURES / "_communes.yml").read_text(encoding="utf-8")}
    files.update({f"{code}.yml": text for code, text in procedures.items()})
    cat = load_catalogue(write_files(tmp_path / "procedures", files))
    publish_index(cat, tmp_path / "index")
    return IndexHolder(tmp_path / "index").get()


@pytest.mark.parametrize("text", ["dang ky khai sinh", "Đăng ký khai sinh", "ĐĂNG KÝ KHAI SINH",
                                  "\u0110a\u0306ng ky\u0301 khai sinh"])  # the last one is NFD
def test_folded_and_diacritic_queries_find_birth_registration_first(loaded_index, text):
    assert codes(loaded_index, text)[0] == "1.001193"


@pytest.mark.parametrize("text, code", [("khia sinh", "1.001193"), ("ket hno", "1.000894"),
                                        ("nghia vu qaun su", "1.013133")])
def test_typos_are_forgiven(loaded_index, text, code):
    assert codes(loaded_index, text)[0] == code


def test_prefix_of_the_last_word_matches_while_typing(loaded_index):
    assert codes(loaded_index, "dang ky ket h")[0] == "1.000894"
    assert codes(loaded_index, "nghia v")[0] == "1.013133"


def test_trailing_space_ends_the_prefix(loaded_index):
    assert codes(loaded_index, "kh") != []
    assert codes(loaded_index, "kh ") == []


@pytest.mark.parametrize("text, code", [("làm giấy khai sinh", "1.001193"), ("bao tu", "1.000656"),
                                        ("cưới", "1.000894")])
def test_everyday_words_reach_the_procedure(loaded_index, text, code):
    assert codes(loaded_index, text)[0] == code


def test_exact_diacritics_rank_first(tmp_path):
    loaded = tiny_index(tmp_path, {
        "1.000001": sample_procedure("1.000001", "Thủ tục hỏn thử"),
        "1.000002": sample_procedure("1.000002", "Thủ tục hôn thử"),
    })
    assert codes(loaded, "hôn")[0] == "1.000002"
    assert codes(loaded, "hỏn")[0] == "1.000001"
    assert sorted(codes(loaded, "hon")) == ["1.000001", "1.000002"]


def test_names_the_query_covers_more_of_move_up_among_the_best():
    # "Thủ tục" opens half the names and is not counted.
    def share(words, terms):
        return name_share(counted_name(words), frozenset(terms))

    assert share(("thu", "tuc", "dang", "ky", "khai", "sinh"), {"khai", "sinh"}) == 0.5
    assert share(("dang", "ky", "khai", "sinh", "luu", "dong"), {"khai", "sinh"}) == 1 / 3
    assert share(("thu", "tuc"), {"thu"}) == 0.5
    assert share(("nuoi", "con", "nuoi"), {"nuoi"}) == 2 / 3


def test_the_shorter_name_that_is_what_was_asked_comes_first_on_the_real_catalogue(relevance_indexes):
    _, loaded = relevance_indexes("real")
    for q, code in [("khai sinh", "1.001193"), ("ket hon", "1.000894"), ("khai tu", "1.000656")]:
        assert codes(loaded, q)[0] == code


def test_a_rare_pair_of_common_words_counts(tmp_path):
    loaded = tiny_index(tmp_path, {
        "1.000001": sample_procedure("1.000001", "Thủ tục cấp giấy thông hành sang nước bạn Lào"),
        "1.000002": sample_procedure("1.000002", "Thủ tục cấp giấy phép lao động cho người lao động"),
        "1.000003": sample_procedure("1.000003", "Thủ tục thông báo hoạt động hành nghề"),
        "1.000004": sample_procedure("1.000004", "Thủ tục thông báo hành chính"),
    })
    assert codes(loaded, "giay thong hanh lao")[0] == "1.000001"


def test_one_letter_syllables_are_searchable(tmp_path):
    loaded = tiny_index(tmp_path, {
        "1.000001": sample_procedure("1.000001", "Thủ tục cấp giấy phép y tế"),
        "1.000002": sample_procedure("1.000002", "Thủ tục cấp giấy phép xây dựng"),
    })
    assert codes(loaded, "y te")[0] == "1.000001"


def test_phrase_search_in_a_long_name(tmp_path):
    # whoosh-ng 5.4.0 raised UnpicklingError here: its position encoding mistakes a gap of
    # 46 (the byte ".") for an old pickle. Real procedure names run past 46 words.
    words = " ".join(f"từ{i}" for i in range(44))  # "khai" lands at position 46
    loaded = tiny_index(tmp_path, {"1.000001": sample_procedure("1.000001", f"Thủ tục {words} khai sinh")})
    assert codes(loaded, "khai sinh") == ["1.000001"]


def test_procedure_code_finds_the_procedure(loaded_index):
    assert codes(loaded_index, "1.013133") == ["1.013133"]


@pytest.mark.parametrize("text", ["?*", "*", "[a TO z]", "name:khai", "sample:true", "khai^100", '"khai sinh"',
                                  "(", "\\", "-", "khai~5", "OR AND NOT", "{}[]<>", "khai*"])
def test_query_syntax_is_just_text(loaded_index, text):
    found = search(loaded_index, text)
    assert len(found["results"]) <= found["total"]
    assert search(loaded_index, "sample:true")["total"] == 0  # no hidden field to query


def test_no_words_means_no_results(loaded_index):
    assert search(loaded_index, "?* ... !!") == {"total": 0, "results": []}


def test_commune_filter_keeps_only_what_the_commune_delivers_with_its_urls(loaded_index):
    # 1.013133 is delivered only by 03127 and 03328; 1.000001 is a province-level procedure.
    assert "1.013133" not in codes(loaded_index, "nghia vu quan su", commune="03158")
    hits = search(loaded_index, "nghia vu quan su", commune="03328")["results"]
    assert hits[0]["code"] == "1.013133"
    assert hits[0]["url"] == "/03328/1.013133/" and hits[0]["commune"] == "03328"
    assert "1.000001" not in codes(loaded_index, "thu tuc cap tinh", commune="03127")


def test_without_commune_urls_are_the_province_pages(loaded_index):
    hit = search(loaded_index, "khai sinh", base_url="https://niemyet.example/")["results"][0]
    assert hit["url"] == "https://niemyet.example/tthc/1.001193/"
    assert hit["commune"] is None


def test_field_filter(loaded_index):
    assert set(codes(loaded_index, "thu tuc", field="chung-thuc")) == {"1.000001", "2.000815"}


def test_highlight_marks_matched_words_and_escapes_html(loaded_index):
    hit = search(loaded_index, "khia sinh")["results"][0]
    assert hit["highlight"] == "Thủ tục đăng ký <mark>khai</mark> <mark>sinh</mark>"
    hit = search(loaded_index, "bao tu")["results"][0]
    assert hit["highlight"] == "Thủ tục đăng ký <mark>khai</mark> <mark>tử</mark>"


def test_highlight_escapes_names(tmp_path):
    loaded = tiny_index(tmp_path, {"1.000001": sample_procedure("1.000001", "'Thủ tục <b>khai</b> & cấp'")})
    assert search(loaded, "khai")["results"][0]["highlight"] == (
        "Thủ tục &lt;b&gt;<mark>khai</mark>&lt;/b&gt; &amp; cấp")


def test_results_are_plain_data_usable_after_the_searcher_closed(loaded_index):
    found = search(loaded_index, "khai sinh")
    assert all(type(hit) is dict for hit in found["results"])
    assert {type(v) for hit in found["results"] for v in hit.values()} <= {str, bool, float, type(None)}


def test_get_procedure(loaded_index):
    proc = get_procedure(loaded_index, "1.013133")
    assert proc["url"] == "/tthc/1.013133/"
    assert proc["communes"] == [{"code": "03127", "url": "/03127/1.013133/"},
                                {"code": "03328", "url": "/03328/1.013133/"}]
    assert get_procedure(loaded_index, "9.999999") is None


# Relevance: tests/data/relevance.yml. Every fixture query must find its procedure in the
# top 3; on the real catalogue at least RELEVANCE_TOP3 of them (bench/relevance.py
# writes the figures, by kind of query, to bench/results.md).
ROOT = FIXTURE_PROCEDURES.parents[2]
RELEVANCE = yaml.safe_load((ROOT / "tests" / "data" / "relevance.yml").read_text(encoding="utf-8"))
RELEVANCE_TOP3 = 0.95


@pytest.fixture(scope="module")
def relevance_indexes(tmp_path_factory):
    """One published index per catalogue of relevance.yml, built on first use."""
    built = {}

    def get(name):
        if name not in built:
            cat = load_catalogue(ROOT / RELEVANCE["catalogues"][name])
            root = tmp_path_factory.mktemp(f"relevance-{name}")
            publish_index(cat, root)
            built[name] = (cat, IndexHolder(root).get())
        return built[name]

    return get


@pytest.mark.parametrize("case", RELEVANCE["queries"]["fixture"],
                         ids=[fold(c["q"]) + (f" @ {fold(c['commune'])}" if "commune" in c else "")
                              for c in RELEVANCE["queries"]["fixture"]])
def test_relevance_on_the_fixture(relevance_indexes, case):
    cat, loaded = relevance_indexes("fixture")
    assert expected(case) & {p.code for p in cat.procedures}, f"the fixture has no procedure {case['code']}"
    assert rank_of(loaded, case) is not None, search(loaded, case["q"], limit=3)["results"]
    if "commune" in case:
        commune = loaded.communes.resolve(case["commune"])["code"]
        hit = next(hit for hit in search(loaded, case["q"], commune=commune, limit=3)["results"]
                   if hit["code"] in expected(case))
        assert hit["url"] == f"/{commune}/{hit['code']}/"


@pytest.mark.parametrize("q, phrases", [("so do", ["quyen su dung dat", "so do"]),
                                         ("liet si", ["liet si", "nguoi co cong"]),
                                         ("giay chung tu", ["khai tu", "giay chung tu"])])
def test_an_everyday_phrase_typed_alone_is_read_as_a_phrase_or_what_it_means(relevance_indexes, q, phrases):
    # Word by word, "so do" matched 417 of 456 procedures ("số", "sở", "do", "độ").
    _, loaded = relevance_indexes("real")
    found = search(loaded, q, limit=50)
    assert 0 < found["total"] < 40
    for hit in found["results"]:
        name = " ".join(fold_words(hit["name"]))
        assert any(phrase in name for phrase in phrases), hit["name"]


def test_relevance_on_the_real_catalogue(relevance_indexes):
    cat, loaded = relevance_indexes("real")
    cases = RELEVANCE["queries"]["real"]
    codes_here = {p.code for p in cat.procedures}
    assert [c["q"] for c in cases if not expected(c) & codes_here] == [], "relevance.yml names procedures not in procedures/"
    asked = {p.field for c in cases for p in cat.procedures if p.code in expected(c)}
    assert {p.field for p in cat.procedures} - asked == set(), "fields relevance.yml asks nothing of"
    misses = [(c["q"], c["code"]) for c in cases if rank_of(loaded, c) is None]
    assert 1 - len(misses) / len(cases) >= RELEVANCE_TOP3, misses


def test_a_commune_procedure_comes_before_another_bodys_that_matches_as_well(tmp_path):
    # The other body's procedure is indexed first, so equal scores alone would put it first.
    other = sample_procedure("1.000001", "Cấp lại hộ chiếu phổ thông").replace("level: commune", "level: other")
    loaded = tiny_index(tmp_path, {"1.000001": other,
                                   "1.000002": sample_procedure("1.000002", "Cấp lại hộ chiếu phổ thông")})
    assert codes(loaded, "cap lai ho chieu") == ["1.000002", "1.000001"]
    assert codes(loaded, "cap lai ho chieu", commune="03127") == ["1.000002"]  # on no commune's list
