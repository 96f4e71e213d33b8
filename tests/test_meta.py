"""extract_meta(): title, published (as precise as the page shows), authors, outlet."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.clean import clean
from pipeline.meta import (extract_meta, find_outlet, heading_author, normalize_given_date, page_date,
                           parse_date, tail_byline)

DATA = Path(__file__).resolve().parent / "data"
SAMPLES = DATA / "samples"
EXPECTED = json.loads((SAMPLES / "expected.json").read_text(encoding="utf-8"))
SAMPLE_IDS = sorted(k for k in EXPECTED if not k.startswith("_"))


def meta_of(raw: str, given: dict | None = None) -> dict:
    return extract_meta(raw, clean(raw, title=(given or {}).get("title")), given)


@pytest.mark.parametrize("sid", SAMPLE_IDS)
def test_sample_meta(sid):
    raw = (SAMPLES / f"{sid}.txt").read_text(encoding="utf-8")
    assert meta_of(raw) == EXPECTED[sid]["meta"]


# ---------------------------------------------------------------- HTML pages with trafilatura's <meta> as given

HTML_META = {
    # trafilatura's title is "Home" and its date a guess (2019-06-28): the page shows 05/08/2019 14:38
    "ewh-dakrlap-co-quan-quan-su-huyen-trien-khai-nhiem-vu-6-thang-cuoi-nam": {
        "title": "Cơ quan Quân sự huyện triển khai nhiệm vụ 6 tháng cuối năm",
        "published": "2019-08-05T14:38", "authors": ["Lệ Sương"], "outlet": None},
    # "Ảnh: Lệ Sương" is a photo credit, not a byline
    "ewh-dakrlap-lap-ban-do-tim-kiem-quy-tap-hai-cot-liet-si-o-dak-r-lap-doi-hoi-nhieu-no-luc": {
        "title": "Lập bản đồ, tìm kiếm, quy tập hài cốt liệt sĩ ở Đắk R'lấp: Đòi hỏi nhiều nỗ lực",
        "published": "2019-08-08T08:52", "authors": [], "outlet": None},
    "ewh-krongno-huong-dan-tinh-muc-luong-phu-cap-cua-can-bo-cong-chuc-tu-172019": {
        "title": "Hướng dẫn tính mức lương, phụ cấp của cán bộ, công chức từ 1/7/2019",
        "published": "2019-06-12", "authors": [], "outlet": None},
    # htmldate took 2019-06-10 from a related-list stamp; the page shows 30/07/2019
    "ewh-krongno-xung-danh-don-vi-quyet-thang": {
        "title": "Xứng danh “Đơn vị Quyết thắng”", "published": "2019-07-30", "authors": [], "outlet": None},
}


@pytest.mark.parametrize("name", sorted(HTML_META))
def test_html_meta(name):
    from tests.test_clean import html_text

    raw, given = html_text(name)
    assert given.get("title") == "Home"
    assert meta_of(raw, given) == HTML_META[name]


# ---------------------------------------------------------------- dates

@pytest.mark.parametrize("line,iso", [
    ("Thường Tín: Nâng cao năng lực (10:25 26/03/2020)", "2020-03-26T10:25"),
    ("Ngày đăng 17/01/2024 | 14:27  | Lượt xem: 390", "2024-01-17T14:27"),
    ("Thứ Tư, 03/04/2019 | 17:12", "2019-04-03T17:12"),
    ("Ngày cập nhật: 02/07/2020 14:28:39", "2020-07-02T14:28:39"),
    ("thứ năm, 08 08 2019 08:52", "2019-08-08T08:52"),
    ("Chủ nhật, 28 07 2019 19:05", "2019-07-28T19:05"),
    ("30/07/2019", "2019-07-30"),
    ("Cập nhật lúc 08h30, ngày 15/7/2019", "2019-07-15T08:30"),
    ("Thứ Hai, 15-7-2019, 10:30 (GMT+7)", "2019-07-15T10:30"),
    ("ngày 15 tháng 7 năm 2019", "2019-07-15"),
    ("31/02/2019", None),
    ("Lượt xem: 390", None),
])
def test_parse_date(line, iso):
    assert parse_date(line) == iso


@pytest.mark.parametrize("raw,iso", [
    ("Huyện ủy họp phiên thường kỳ (10:25 26/03/2020)\nHNP - Sáng 26/3, Huyện ủy họp.", "2020-03-26T10:25"),
    ("| tin nổi bật | 30/07/2019 |\n| Xứng danh “Đơn vị Quyết thắng” |", "2019-07-30"),
    ("Huyện ủy họp phiên thường kỳ\n\nNgày đăng 17/01/2024 | 14:27 | Lượt xem: 390\n\nSáng 17/1, họp.", "2024-01-17T14:27"),
])
def test_page_date_reads_the_header(raw, iso):
    assert page_date(raw) == iso


def test_no_date_from_body_or_related_list():
    raw = ("Huyện ủy họp phiên thường kỳ\n\n"
           "Ngày 17/5/2019, Ban Thường vụ Huyện ủy họp phiên thường kỳ tháng 5 để đánh giá kết quả thực hiện "
           "nhiệm vụ chính trị, nhất là công tác chuẩn bị đại hội đảng bộ các cấp nhiệm kỳ 2020 - 2025.\n\n"
           "Thanh Tình\n\nCÁC TIN KHÁC\nNguyên Tổng Bí thư Lê Khả Phiêu từ trần (7/8/2020)")
    assert meta_of(raw)["published"] is None


def test_a_labelled_document_date_is_not_the_page_date():
    raw = "Mã/Số Hiệu\nTJ-334\nNgày ban hành\n22/12/2011\nTrích dẫn\nThực hiện Nghị quyết số 35/NQ-CP"
    assert page_date(raw) is None
    assert "22/12/2011" in clean(raw).text


@pytest.mark.parametrize("given,shown,expected", [
    ("2019-06-10", "| tin nổi bật | 30/07/2019 |", "2019-07-30"),           # the page wins over a guess
    ("2019-07-30T08:52:00+07:00", "| tin nổi bật | 30/07/2019 |", "2019-07-30T08:52:00"),  # same day, finer
    ("2021-04-28", "", "2021-04-28"),                                         # nothing shown: the given one
    ("2019-07-30T01:52:00Z", "", "2019-07-30T08:52:00"),                      # UTC to Vietnam time
    ("not a date", "", None),
])
def test_given_published(given, shown, expected):
    raw = shown + "\nSáng 30/7, Huyện ủy họp phiên thường kỳ tháng 7 để đánh giá kết quả thực hiện nhiệm vụ."
    assert meta_of(raw, {"published": given})["published"] == expected


def test_normalize_given_date():
    assert normalize_given_date("2019-07-30 08:52") == "2019-07-30T08:52"
    assert normalize_given_date(None) is None


# ---------------------------------------------------------------- titles

def test_title_rubric_above_and_stamp_are_dropped():
    raw = "Tiến tới Đại hội Đảng các cấp\n\nHuyện Vĩnh Lợi: Quan tâm xây dựng tổ chức Đảng\n\nThứ Tư, 03/04/2019 | 17:12\n\nThời gian qua."
    assert meta_of(raw)["title"] == "Huyện Vĩnh Lợi: Quan tâm xây dựng tổ chức Đảng"


def test_a_sane_given_title_wins_and_a_generic_one_does_not():
    raw = "Huyện ủy họp phiên thường kỳ (10:25 26/03/2020)\nSáng 26/3, Huyện ủy họp phiên thường kỳ."
    assert meta_of(raw, {"title": "Tiêu đề do nguồn cung cấp"})["title"] == "Tiêu đề do nguồn cung cấp"
    assert meta_of(raw, {"title": "Trang chủ"})["title"] == "Huyện ủy họp phiên thường kỳ"
    assert meta_of(raw, {"title": "Cổng thông tin điện tử huyện Krông Nô"})["title"] == "Huyện ủy họp phiên thường kỳ"


# ---------------------------------------------------------------- authors

BODY = ("Sáng 5/6, Ban Thường vụ Huyện ủy tổ chức hội nghị sơ kết 6 tháng đầu năm, đánh giá kết quả thực hiện "
        "nhiệm vụ chính trị và triển khai phương hướng, nhiệm vụ trọng tâm 6 tháng cuối năm 2019.")


@pytest.mark.parametrize("byline,authors", [
    ("Thanh Tình", ["Thanh Tình"]),
    ("Hoàng Tình – Đặng Sáng", ["Hoàng Tình", "Đặng Sáng"]),
    ("Bài và ảnh: Hoàng Tuấn", ["Hoàng Tuấn"]),
    ("XUÂN THƯỞNG", ["XUÂN THƯỞNG"]),
    ("Tin, ảnh: Minh Hà", ["Minh Hà"]),
    ("Quỳnh Hoa (TTXVN)", ["Quỳnh Hoa"]),
    ("Ảnh: Lâm Thanh", []),
    ("Theo chinhphu.vn", []),
    ("TTXVN", []),
    ("Toàn cảnh hội nghị.", []),
])
def test_byline_forms(byline, authors):
    raw = f"Huyện ủy sơ kết 6 tháng đầu năm\n\n{BODY}\n\n{byline}"
    assert meta_of(raw)["authors"] == authors


def test_byline_then_source_line():
    raw = f"Huyện ủy sơ kết 6 tháng đầu năm\n\n{BODY}\n\nLệ Sương\n\nTheo Báo Đắk Nông"
    assert meta_of(raw)["authors"] == ["Lệ Sương"]


def test_author_heading_under_the_title():
    raw = ("Tiếp tục đổi mới phương thức lãnh đạo\n\n* HỒ SỸ TRUNG, Phó Bí thư Thường trực Thành ủy\n\n"
           f"(QTO) - {BODY}")
    assert meta_of(raw)["authors"] == ["HỒ SỸ TRUNG"]
    assert heading_author("* PGS.TS NGUYỄN VĂN AN, Giám đốc Học viện") == "NGUYỄN VĂN AN"
    assert heading_author("Nguyễn Văn An, Bí thư Huyện ủy chủ trì hội nghị") is None


def test_byline_glued_to_the_last_paragraph():
    assert tail_byline(BODY[:-1] + "./. Lệ Sương") == ["Lệ Sương"]
    assert tail_byline(BODY + " Theo chinhphu.vn") is None
    assert tail_byline(BODY + " Ảnh: Trí Dũng/TTXVN") is None


def test_a_given_author_list_wins():
    raw = f"Huyện ủy sơ kết 6 tháng đầu năm\n\n{BODY}\n\nThanh Tình"
    assert meta_of(raw, {"authors": ["Nguyễn Văn An"]})["authors"] == ["Nguyễn Văn An"]
    assert meta_of(raw, {"authors": ["TTXVN"]})["authors"] == ["Thanh Tình"]


def test_a_caption_naming_a_person_is_not_a_byline():
    raw = f"Huyện ủy sơ kết 6 tháng đầu năm\n\n{BODY}\n\nÔng Phan Thanh Hải"
    assert meta_of(raw)["authors"] == []


# ---------------------------------------------------------------- outlet

@pytest.mark.parametrize("lead,outlet", [
    ("HNP - Sau 5 năm thực hiện Chương trình số 03-CTr/HU.", "HNP"),
    ("(QTO) - Xác định đổi mới phương thức lãnh đạo.", "QTO"),
    ("GD&TĐ - Sáng 14/7, Bộ GD&ĐT tổ chức hội nghị.", "GD&TĐ"),
    ("(Chinhphu.vn) – Sáng 5/6, Thủ tướng chủ trì phiên họp.", "Chinhphu.vn"),
    ("TJ-334 là mã văn bản.", None),
    ("Sáng 5/6, UBND - HĐND huyện họp.", None),
])
def test_outlet(lead, outlet):
    assert find_outlet(clean(f"Huyện ủy sơ kết 6 tháng đầu năm\n{lead}")) == outlet
