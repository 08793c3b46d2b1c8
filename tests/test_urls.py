"""URLs added for search and posters: the search page, offline search files, typed URLs."""

from __future__ import annotations

from generator import urls


def test_search_page_and_offline_index_paths():
    assert urls.search_page_path() == "/tim-kiem/"
    assert urls.offline_index_path("03127") == "/03127/tim-kiem.json"
    assert urls.offline_index_path() == "/tim-kiem.json"


def test_search_path_is_the_search_page_scoped_to_a_commune():
    assert urls.search_path("03127") == "/tim-kiem/?xa=03127"
    assert urls.search_path("03127").startswith(urls.search_page_path())
    assert urls.absolute("https://niemyet.vn/", urls.search_path("03127")) == \
        "https://niemyet.vn/tim-kiem/?xa=03127"


def test_typed_drops_only_the_scheme():
    assert urls.typed("https://niemyet.vn/03127/1.001193/") == "niemyet.vn/03127/1.001193/"
    assert urls.typed("http://niemyet.vn/tim-kiem/?xa=03127") == "niemyet.vn/tim-kiem/?xa=03127"
