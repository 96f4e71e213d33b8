"""clean(): site chrome goes, the body (title, captions, bylines, headings) stays.

Data: the five annotated sample pages (tests/data/samples, with what must go
and stay written down in expected.json by reading them) and four real HTML
pages run through trafilatura as the pipeline does (tests/data/html).
"""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from pipeline.clean import (Cleaned, clean, is_band, is_chrome_line, is_date_line, is_dated_headline,
                            is_heading, parse_byline, strip_stamp)

DATA = Path(__file__).resolve().parent / "data"
SAMPLES = DATA / "samples"
EXPECTED = json.loads((SAMPLES / "expected.json").read_text(encoding="utf-8"))
SAMPLE_IDS = sorted(k for k in EXPECTED if not k.startswith("_"))


def _sample(sid: str) -> str:
    return (SAMPLES / f"{sid}.txt").read_text(encoding="utf-8")


def _flat(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------- the five samples

@pytest.fixture(scope="module")
def cleaned_samples() -> dict[str, Cleaned]:
    return {sid: clean(_sample(sid)) for sid in SAMPLE_IDS}


@pytest.mark.parametrize("sid", SAMPLE_IDS)
def test_sample_chrome_is_gone(sid, cleaned_samples):
    text = cleaned_samples[sid].text
    for chrome in EXPECTED[sid]["gone"]:
        assert chrome not in text, chrome


@pytest.mark.parametrize("sid", SAMPLE_IDS)
def test_sample_body_stays(sid, cleaned_samples):
    text = _flat(cleaned_samples[sid].text)
    for body in EXPECTED[sid]["kept"]:
        assert _flat(body) in text, body


@pytest.mark.parametrize("sid", SAMPLE_IDS)
def test_sample_text_starts_with_title_and_ends_the_body(sid, cleaned_samples):
    c = cleaned_samples[sid]
    assert c.title == EXPECTED[sid]["meta"]["title"]
    assert c.text.split("\n\n")[0] == c.title
    last = EXPECTED[sid]["kept"][-1]
    assert _flat(c.text).endswith(_flat(last))


@pytest.mark.parametrize("sid", SAMPLE_IDS)
def test_sample_text_shape(sid, cleaned_samples):
    c = cleaned_samples[sid]
    assert c.text == unicodedata.normalize("NFC", c.text)
    assert c.text == c.text.strip() and "\n\n\n" not in c.text
    assert all(p.strip() == p and p for p in c.text.split("\n\n"))
    assert "\u00a0" not in c.text


def test_removed_lists_chrome_in_order(cleaned_samples):
    removed = cleaned_samples["004_9b822c38e3d4e473"].removed
    assert removed[0].startswith("Ngày cập nhật")
    assert removed.index("CÁC TIN KHÁC") < removed.index("Copyright 2020 by BÁO QUẢNG TRỊ")


# ---------------------------------------------------------------- real HTML pages

HTML_CASES = {
    "ewh-dakrlap-co-quan-quan-su-huyen-trien-khai-nhiem-vu-6-thang-cuoi-nam": {
        "title": "Cơ quan Quân sự huyện triển khai nhiệm vụ 6 tháng cuối năm",
        "gone": ["TIN ĐÃ ĐƯA", "(28/06/2019)", "Liên kết Website", "SỐ LƯỢT TRUY CẬP", "Xem chi tiết",
                 "An ninh Quốc phòng", "08:52"],
        "kept": ["Chiều ngày 1.8, CQQS huyện", "văn hóa công sở trong LLVT huyện./. Lệ Sương"],
    },
    "ewh-dakrlap-lap-ban-do-tim-kiem-quy-tap-hai-cot-liet-si-o-dak-r-lap-doi-hoi-nhieu-no-luc": {
        "title": "Lập bản đồ, tìm kiếm, quy tập hài cốt liệt sĩ ở Đắk R'lấp: Đòi hỏi nhiều nỗ lực",
        "gone": ["TIN ĐÃ ĐƯA", "Trợ thủ đắc lực", "Liên kết Website", "Xem chi tiết"],
        "kept": ["Nguồn: Đăk Nông Điện tử", "về an táng tại Nghĩa trang Liệt sĩ huyện. Ảnh: Lệ Sương"],
    },
    "ewh-krongno-huong-dan-tinh-muc-luong-phu-cap-cua-can-bo-cong-chuc-tu-172019": {
        "title": "Hướng dẫn tính mức lương, phụ cấp của cán bộ, công chức từ 1/7/2019",
        "gone": ["tin nổi bật", "12/06/2019", "Liên kết Website", "Xem chi tiết"],
        "kept": ["Ảnh minh họa", "Mức lương cơ sở 1.490.000 đồng/tháng | x | Hệ số lương hiện hưởng"],
    },
    "ewh-krongno-xung-danh-don-vi-quyet-thang": {
        "title": "Xứng danh “Đơn vị Quyết thắng”",
        "gone": ["thông tin chỉ đạo điều hành", "30/07/2019", "Liên kết Website", "SỐ LƯỢT"],
        "kept": ["Chiến sĩ Đại đội bộ binh 4 (Ban CHQS huyện Cư Jút) giải lao trên thao trường huấn luyện",
                 "xứng đáng với danh hiệu \"Đơn vị Quyết thắng\"."],
    },
}


def html_text(name: str) -> tuple[str, dict]:
    """The page as the pipeline sees it: trafilatura text and <meta> data."""
    trafilatura = pytest.importorskip("trafilatura")
    html = (DATA / "html" / f"{name}.html").read_text(encoding="utf-8")
    raw = trafilatura.extract(html, include_comments=False, include_tables=True, favor_recall=True,
                              with_metadata=False)
    md = trafilatura.extract_metadata(html)
    return raw, {"title": md.title, "published": md.date} if md else {}


@pytest.mark.parametrize("name", sorted(HTML_CASES))
def test_html_page(name):
    raw, given = html_text(name)
    c = clean(raw, title=given.get("title"))
    case = HTML_CASES[name]
    assert c.title == case["title"]
    assert c.text.split("\n\n")[0] == case["title"]
    for chrome in case["gone"]:
        assert chrome not in c.text, chrome
    for body in case["kept"]:
        assert body in c.text, body
    assert "|" not in c.text.split("\n\n")[0]


# ---------------------------------------------------------------- structure rules, one case each

def _text(lines: list[str], title: str | None = None) -> str:
    return clean("\n".join(lines), title=title).text


LEAD = ("Sáng 5/6, Ban Thường vụ Huyện ủy tổ chức hội nghị sơ kết 6 tháng đầu năm, đánh giá kết quả "
        "thực hiện nhiệm vụ chính trị và triển khai phương hướng, nhiệm vụ trọng tâm 6 tháng cuối năm 2019.")
BODY = ("Theo báo cáo, 6 tháng đầu năm, tổng thu ngân sách trên địa bàn huyện đạt 120 tỷ đồng, bằng 55% dự toán; "
        "công tác xây dựng Đảng được chú trọng, toàn huyện kết nạp 85 đảng viên mới, đạt 60% kế hoạch năm.")


def test_short_real_paragraphs_stay():
    lines = ["Huyện ủy sơ kết 6 tháng đầu năm", LEAD, "Toàn cảnh hội nghị.", "Kết quả nổi bật", BODY,
             "Quang cảnh buổi làm việc", BODY, "Minh Anh"]
    assert _text(lines) == "\n\n".join(lines)


def test_body_sentence_mentioning_comments_stays():
    para = "Bình luận về kết quả này, đồng chí Bí thư Huyện ủy cho rằng cần tiếp tục đổi mới phương thức lãnh đạo."
    lines = ["Huyện ủy sơ kết 6 tháng đầu năm", LEAD, para, BODY]
    assert para in _text(lines)


def test_terminal_heading_drops_its_whole_block():
    lines = ["Huyện ủy sơ kết 6 tháng đầu năm", LEAD, BODY, "Minh Anh", "TIN LIÊN QUAN",
             "Hội nghị Ban Chấp hành Đảng bộ huyện lần thứ 20", "Huyện đoàn ra quân tình nguyện hè",
             "Theo bạn, cải cách hành chính đã thực chất chưa?"]
    text = _text(lines)
    assert text.endswith("Minh Anh")
    assert "TIN LIÊN QUAN" not in text and "Huyện đoàn" not in text


def test_inline_related_box_in_a_long_article_does_not_cut_the_rest():
    rest = [BODY.replace("120", str(n)) for n in range(130, 134)]
    lines = ["Huyện ủy sơ kết 6 tháng đầu năm", LEAD, "Tin liên quan", "Huyện đoàn ra quân tình nguyện hè",
             *rest, "Minh Anh"]
    text = _text(lines)
    assert "Tin liên quan" not in text and "Huyện đoàn ra quân" not in text
    assert all(r in text for r in rest) and text.endswith("Minh Anh")


def test_dated_headline_run_is_a_related_list_but_a_lone_dated_body_line_stays():
    body_line = "Lễ kỷ niệm Ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890)"
    lines = ["Huyện ủy sơ kết 6 tháng đầu năm", LEAD, body_line, BODY,
             "Hội nghị Ban Chấp hành Đảng bộ huyện lần thứ 20 (8/8/2020)",
             "Huyện đoàn ra quân tình nguyện hè (7/8/2020)"]
    text = _text(lines)
    assert body_line in text
    assert "(8/8/2020)" not in text and "(7/8/2020)" not in text


def test_lines_after_the_byline_are_chrome_except_sources():
    lines = ["Huyện ủy sơ kết 6 tháng đầu năm", LEAD, BODY, "Hoàng Tình – Đặng Sáng", "Theo baodaknong.org.vn",
             "CHUYÊN MỤC KHÁC LẠ", "Một trang chưa biết"]
    text = _text(lines)
    assert text.endswith("Hoàng Tình – Đặng Sáng\n\nTheo baodaknong.org.vn")


def test_header_band_and_rubric_above_the_title_go():
    lines = ["TRANG CHỦ > TIN TỨC > XÂY DỰNG ĐẢNG", "Tiến tới Đại hội Đảng các cấp",
             "Huyện Krông Nô: Chăm lo xây dựng tổ chức cơ sở đảng", "Thứ Hai, 15/07/2019 | 08:30", LEAD]
    c = clean("\n".join(lines))
    assert c.title == "Huyện Krông Nô: Chăm lo xây dựng tổ chức cơ sở đảng"
    assert c.text.startswith(c.title + "\n\n" + LEAD[:20])
    assert c.removed[:3] == lines[:2] + [lines[3]]


def test_a_caption_above_a_subheading_is_not_taken_for_a_rubric():
    lines = ["Tổng thống phát biểu bên ngoài Nhà Trắng ngày 27/4 (Ảnh: AFP).", "Thành tích khá ấn tượng", LEAD]
    assert _text(lines) == "\n\n".join(lines)


def test_given_title_locates_the_title_line_and_generic_titles_are_ignored():
    lines = ["Tiến tới Đại hội", "Huyện ủy sơ kết 6 tháng đầu năm", LEAD]
    c = clean("\n".join(lines), title="Huyện ủy sơ kết 6 tháng đầu năm")
    assert c.title == lines[1] and c.text.startswith(lines[1])
    assert clean(LEAD, title="Home").title is None
    assert clean(LEAD, title="Tiêu đề đã biết").title == "Tiêu đề đã biết"


def test_counters_forms_ads_and_spam_lines_go_anywhere():
    chrome = ["image advertisement", "• Đang online: 5", "Lượt xem: 1.234", "Trung bình (0 Bình chọn)",
              "Họ tên:(*)", "Mã xác nhận: Lấy lại mã bảo mật", "Copyright 2020 by BÁO QUẢNG TRỊ",
              "izmir escort bayan izmir escort bayan", "Từ khóa: đại hội, đảng bộ"]
    lines = ["Huyện ủy sơ kết 6 tháng đầu năm", LEAD, *chrome[:4], BODY, *chrome[4:]]
    assert _text(lines) == "\n\n".join([lines[0], LEAD, BODY])


def test_table_numbers_and_form_like_headers_in_the_body_stay():
    lines = ["Danh sách thành viên Hội đồng trường như sau:", "TT", "Họ tên", "Chức vụ", "1", "GS. Lê Anh Tuấn",
             "2", "PGS. Huỳnh Quyết Thắng", "Hiệu trưởng"]
    assert _text(lines) == "\n\n".join(lines)


def test_trailing_link_text_is_cut_off_the_paragraph():
    c = clean(LEAD + " Theo chinhphu.vn Xem chi tiết tại đây")
    assert c.text == LEAD + " Theo chinhphu.vn"
    assert c.removed == ["Xem chi tiết tại đây"]


def test_html_residue_and_nbsp_are_normalised():
    assert clean("HNP -\u00a0Sáng 5/6, hội nghị khai mạc.<o:p></o:p>").text == "HNP - Sáng 5/6, hội nghị khai mạc."


def test_empty_and_blank_input():
    assert clean("").text == "" and clean(" \n \n").text == ""
    assert clean("").title is None and clean("").removed == []


# ---------------------------------------------------------------- line-shape helpers

@pytest.mark.parametrize("line,expected", [
    ("Thứ Tư, 03/04/2019 | 17:12", True),
    ("30/07/2019", True),
    ("thứ năm, 08 08 2019 08:52", True),
    ("Thứ ba, đổi mới và hoàn thiện quy trình, phương pháp đánh giá.", False),
    ("Ngày nhận: 29/5/2019", False),
])
def test_is_date_line(line, expected):
    assert is_date_line(line) is expected


@pytest.mark.parametrize("line,expected", [
    ("Nguyên Tổng Bí thư Lê Khả Phiêu từ trần (7/8/2020)", True),
    ("Tin A(28/06/2019) Tin B(08/08/2019) Tin C(08/08/2019)", True),
    ("Kỷ niệm Ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 - 19/5/2019)", False),
    ("Hội nghị đã thông qua Nghị quyết (10/4/2019).", False),
])
def test_is_dated_headline(line, expected):
    assert is_dated_headline(line) is expected


@pytest.mark.parametrize("line,expected", [
    ("CÁC TIN KHÁC", True), ("Các bài đã đăng :", True), ("Bình luận bạn đọc (0)", True),
    ("Viết bình luận mới", True), ("Thống kê truy cập", True),
    ("Bình luận về vấn đề này, ông An cho biết sẽ kiến nghị lên tỉnh.", False), ("Kết quả nổi bật", False),
])
def test_is_heading(line, expected):
    assert is_heading(line) is expected


@pytest.mark.parametrize("line,expected", [
    ("Nhiệt độ trung bình năm là 25°C, lượng mưa lớn tập trung vào mùa hè.", False),
    ("Hà Nội 25°C", True), ("Nội dung:", False), ("Nội dung:(*)", True), ("Họ tên", False),
    ("93401966", False),  # a bare number is chrome only in a trailing run (see clean)
])
def test_is_chrome_line(line, expected):
    assert is_chrome_line(line) is expected


def test_is_band():
    assert is_band("TIN TỨC - SỰ KIỆN NỔI BẬT TIN TỨC - SỰ KIỆN NỔI BẬT")
    assert not is_band("Tiến tới Đại hội Đảng các cấp")


def test_strip_stamp():
    assert strip_stamp("Thường Tín: Nâng cao năng lực (10:25 26/03/2020)") == (
        "Thường Tín: Nâng cao năng lực", "(10:25 26/03/2020)")
    assert strip_stamp("Thi công đường vành đai ( )") == ("Thi công đường vành đai", "( )")
    assert strip_stamp("Kỳ họp thứ 7 (1/2)") == ("Kỳ họp thứ 7 (1/2)", "")


@pytest.mark.parametrize("line,names", [
    ("Thanh Tình", ["Thanh Tình"]),
    ("Hoàng Tình – Đặng Sáng", ["Hoàng Tình", "Đặng Sáng"]),
    ("Bài và ảnh: Hoàng Tuấn", ["Hoàng Tuấn"]),
    ("XUÂN THƯỞNG", ["XUÂN THƯỞNG"]),
    ("Tin, ảnh: VĂN YÊN (từ Frankfurt-CHLB Đức)", ["VĂN YÊN"]),
    ("Hoàng Thị Hoa, Hữu Quyết (TTXVN)", ["Hoàng Thị Hoa", "Hữu Quyết"]),
    ("Vũ Dũng/VOV Vũ Dũng/VOV", ["Vũ Dũng"]),
    ("Thùy Linh/VOV-Trung tâm Tin Tổng hợp", ["Thùy Linh"]),
    ("K.Linh", ["K.Linh"]),
    ("Anh Văn", ["Anh Văn"]),
    ("Ảnh: Lâm Thanh", None),
    ("Theo chinhphu.vn", None),
    ("TTXVN/Tin Tức", None),
    ("Ông Phan Thanh Hải", None),
    ("Toàn cảnh hội nghị.", None),
    ("Ảnh minh họa", None),
    ("Huyện ủy Thường Tín", None),
])
def test_parse_byline(line, names):
    assert parse_byline(line) == names
