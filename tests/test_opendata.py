"""Open data as a spreadsheet opens it: no cell from a procedure file runs as a formula."""

from __future__ import annotations

import csv
import dataclasses
import io

import pytest

from generator.site import opendata

FORMULAS = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)",
            "\t=1", "\r=1", " =1", "＝1"]


@pytest.mark.parametrize("text", FORMULAS)
def test_a_cell_that_would_run_is_kept_as_text(text):
    assert opendata.spreadsheet_text(text) == "'" + text


@pytest.mark.parametrize("text", ["Đăng ký khai sinh", "1.000894", "a=b", "x-y", "mail@x.vn", "'quoted"])
def test_ordinary_text_is_unchanged(text):
    assert opendata.spreadsheet_text(text) == text


def test_the_catalogue_csv_neutralises_every_data_cell(catalogue):
    proc = catalogue.procedures[0]
    hostile = dataclasses.replace(proc, name=FORMULAS[0], field=FORMULAS[1], agency=FORMULAS[2],
                                  source=dataclasses.replace(proc.source, title=FORMULAS[3], decision=FORMULAS[4]))
    cat = dataclasses.replace(catalogue, procedures=(hostile, *catalogue.procedures[1:]))
    rows = list(csv.reader(io.StringIO(opendata.catalogue_csv(cat))))
    first = dict(zip(rows[0], rows[1]))
    assert [first[k] for k in ("name", "field", "agency", "source_title", "source_decision")] == [
        "'" + text for text in FORMULAS[:5]]
    for row in rows[1:]:
        assert not [cell for cell in row if cell[:1] in ("=", "+", "-", "@", "\t", "\r")], row
