"""What posters say about a procedure: published values, per channel, never invented."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from generator.catalogue.model import Channel, Document, Office
from generator.posters.facts import (
    NOT_PUBLISHED, checked_on, clean, documents_to_bring, fee_text, group_by_field, office_lines,
    posted, time_limit_text,
)


@pytest.mark.parametrize("channels, expected", [
    ((), NOT_PUBLISHED),
    ((Channel("in_person"),), NOT_PUBLISHED),
    ((Channel("in_person", fee="Miễn phí"), Channel("online", fee="Miễn phí")), "Miễn phí"),
    ((Channel("in_person", fee="10.000 đồng"), Channel("online")), "Trực tiếp: 10.000 đồng"),
    ((Channel("in_person", fee="10.000 đồng"), Channel("post", fee="10.000 đồng"),
      Channel("online", fee="5.000 đồng")),
     "Trực tiếp, Qua bưu chính: 10.000 đồng; Trực tuyến: 5.000 đồng"),
    ((Channel("online", fee="  Phí :   0 Đồng \n"),), "Phí : 0 Đồng"),
])
def test_fee_is_published_value_labelled_by_channel_where_they_differ(catalogue, channels, expected):
    proc = replace(catalogue.procedure("1.000894"), channels=channels)
    assert fee_text(proc) == expected


def test_time_limit_uses_the_same_rule(catalogue):
    assert time_limit_text(catalogue.procedure("1.001193")) == "Ngay trong ngày làm việc"
    assert time_limit_text(catalogue.procedure("1.000894")) == NOT_PUBLISHED


def test_documents_leave_out_notes_and_count_copies(catalogue):
    proc = replace(catalogue.procedure("1.000894"), documents=(
        Document("- Tờ khai theo mẫu", originals=1, copies=2),
        Document("+ Giấy tờ tùy thân", originals=0),
        Document("Trường hợp ủy quyền thì nộp văn bản ủy quyền", group="Lưu ý"),
    ))
    assert documents_to_bring(proc) == ["Tờ khai theo mẫu (1 bản chính, 2 bản sao)", "Giấy tờ tùy thân"]


def test_clean_folds_spaces_and_drops_a_leading_bullet():
    assert clean("- Giấy tờ chứng minh        nơi cư trú ") == "Giấy tờ chứng minh nơi cư trú"
    assert clean("Giấy A-B") == "Giấy A-B"


def test_office_says_not_published_where_unknown(catalogue):
    commune = replace(catalogue.commune("03127"), office=Office(phone="0215 000 0000"))
    assert office_lines(commune) == [("Địa chỉ", NOT_PUBLISHED), ("Giờ làm việc", NOT_PUBLISHED),
                                     ("Điện thoại", "0215 000 0000")]


def test_grouping_posting_and_dates(catalogue):
    procs = catalogue.procedures_for("03127")
    groups = group_by_field(procs)
    assert [name for name, _ in groups] == ["Chứng thực", "Hộ tịch", "Nghĩa vụ quân sự"]
    assert [p.code for p in groups[1][1]] == ["1.000656", "1.000894", "1.001193"]
    assert checked_on(procs) == date(2026, 10, 3)
    assert checked_on(()) is None
    assert len(posted(procs)) == len(procs)
    assert posted([replace(procs[0], replaced_by="1.000894")]) == []


def test_a_time_limit_given_per_case_is_printed_per_case(catalogue):
    from generator.catalogue.model import Case

    proc = replace(catalogue.procedure("1.000894"), channels=(Channel("in_person"),),
                   cases=(Case("1 ngày làm việc", "Đăng ký kết hôn"), Case("5 ngày làm việc")))
    assert time_limit_text(proc) == "Theo từng trường hợp: Đăng ký kết hôn: 1 ngày làm việc; 5 ngày làm việc"
    assert time_limit_text(replace(proc, channels=(Channel("in_person", time_limit="3 ngày"),))) == "3 ngày"
