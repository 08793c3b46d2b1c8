"""Finding communes by code, current name or the name of a unit merged into them."""

from __future__ import annotations

import pytest

from api.communes import CommuneDirectory, CommuneNotFound
from api.index import commune_entry
from generator.catalogue.load import load_catalogue
from tests.conftest import FIXTURE_PROCEDURES


@pytest.fixture(scope="module")
def directory():
    return CommuneDirectory([commune_entry(c) for c in load_catalogue(FIXTURE_PROCEDURES).communes])


def test_former_name_finds_the_commune_that_absorbed_it(directory):
    found = directory.find("thanh minh")
    assert [c["code"] for c in found] == ["03127"]
    assert found[0]["matched"] == {"name": "Xã Thanh Minh", "former": True, "exact": True}


@pytest.mark.parametrize("text", ["Thanh Nưa", "thanh nua", "XÃ THANH NƯA", "xa thanh nua"])
def test_current_name_with_or_without_kind_and_marks(directory, text):
    assert directory.resolve(text)["code"] == "03328"


def test_partial_names_rank_exact_then_prefix_then_contained(directory):
    found = directory.find("thanh")
    # "Thanh Nưa" starts with it (current name); "Thanh Minh", "Hua Thanh", "Thanh Luông" are former names.
    assert [c["code"] for c in found] == ["03328", "03127"]
    assert found[0]["matched"]["exact"] is False


def test_code_lookup(directory):
    assert directory.resolve("03158")["name"] == "Xã Sín Thầu"
    assert [c["code"] for c in directory.find("03158")] == ["03158"]


@pytest.mark.parametrize("text, message", [
    ("99999", "không có xã, phường mã '99999'"),
    ("thanh", "không có xã, phường tên 'thanh'"),
    ("Hà Nội", "không có xã, phường tên 'Hà Nội'"),
])
def test_resolve_errors(directory, text, message):
    with pytest.raises(CommuneNotFound, match=message):
        directory.resolve(text)


def two_communes_sharing(name: str):
    return CommuneDirectory([
        {"code": "00001", "name": "Xã Một", "kind": "xã", "former": [name], "url": "/00001/"},
        {"code": "00002", "name": "Xã Hai", "kind": "xã", "former": [name], "url": "/00002/"},
    ])


def test_a_former_unit_split_between_two_communes_is_ambiguous():
    with pytest.raises(CommuneNotFound, match=r"several communes \(00001 Xã Một, 00002 Xã Hai\)"):
        two_communes_sharing("Xã Na Tông").resolve("na tong")


def test_a_current_name_beats_the_same_former_name():
    directory = two_communes_sharing("Xã Một")
    assert directory.resolve("xa mot")["code"] == "00001"
