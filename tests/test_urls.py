"""URLs added for search: the search page and the offline search files."""

from __future__ import annotations

from generator import urls


def test_search_page_and_offline_index_paths():
    assert urls.search_page_path() == "/tim-kiem/"
    assert urls.offline_index_path("03127") == "/03127/tim-kiem.json"
    assert urls.offline_index_path() == "/tim-kiem.json"
