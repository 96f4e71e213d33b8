"""Every encoding a Vietnamese scraper meets ends as NFC text, or a named error."""
import unicodedata

import pytest

from pipeline.decode import DecodeError, decode_bytes, decode_text, detect_legacy, repair_mojibake
from tests.damage import encode_cp1258, mojibake

TEXT = ("Đồng chí Trịnh Tiến Tường – Phó Bí thư thường trực Huyện ủy, Chủ tịch HĐND huyện. "
        "Chỉ thị số 05-CT/TW ngày 15/5/2016 về học tập và làm theo tư tưởng, đạo đức Hồ Chí Minh; "
        "382/387 chi bộ đạt 98,7%.")


@pytest.mark.parametrize("encode", [
    pytest.param(lambda s: s.encode("utf-8"), id="utf-8"),
    pytest.param(lambda s: s.encode("utf-8-sig"), id="utf-8-bom"),
    pytest.param(lambda s: s.encode("utf-16"), id="utf-16-bom"),
    pytest.param(lambda s: s.encode("utf-16-be"), id="utf-16-be-nobom"),
    pytest.param(lambda s: s.encode("utf-16-le"), id="utf-16-le-nobom"),
    pytest.param(encode_cp1258, id="windows-1258"),
    pytest.param(lambda s: unicodedata.normalize("NFD", s).encode("utf-8"), id="nfd"),
    pytest.param(lambda s: mojibake(s).encode("utf-8"), id="mojibake"),
])
def test_encodings_end_as_the_same_nfc_text(encode):
    got = decode_bytes(encode(TEXT))
    assert got.text == TEXT
    assert unicodedata.is_normalized("NFC", got.text)


def test_windows_1258_tone_marks_are_composed():
    got = decode_bytes(encode_cp1258("Huyện ủy"))
    assert got.text == "Huyện ủy" and len(got.text) == 8
    assert "Windows-1258" in " ".join(got.notes)


def test_mojibake_repair_is_reported():
    fixed, changed = repair_mojibake(mojibake("Ban Thường vụ Huyện ủy") + "\nđúng rồi")
    assert changed and fixed == "Ban Thường vụ Huyện ủy\nđúng rồi"


def test_clean_text_is_not_touched_by_mojibake_repair():
    assert repair_mojibake(TEXT) == (TEXT, False)


@pytest.mark.parametrize("data,kind", [
    pytest.param(b"", "empty", id="empty"),
    pytest.param(b" \n \t", "empty", id="whitespace"),
    pytest.param(bytes(range(256)) * 10, "binary", id="binary"),
    pytest.param(b"abc\x00def\x00" * 3, "binary", id="nul"),
    pytest.param("Céng hoµ x· héi chñ nghÜa ViÖt Nam cña §¶ng, c¸c huyÖn".encode("latin-1"), "legacy_encoding", id="tcvn3"),
    pytest.param("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam cuûa Ñaûng caùc huyeän".encode("utf-8"), "legacy_encoding", id="vni"),
    pytest.param(b"\xfd\xfc\xfb" * 4 + b"\xc3\x28\x81\x8d", None, id="undecodable"),
])
def test_bad_bytes_raise_a_named_error(data, kind):
    with pytest.raises(DecodeError) as err:
        decode_bytes(data)
    if kind:
        assert err.value.kind == kind
    assert str(err.value)


def test_size_limit_is_configurable():
    with pytest.raises(DecodeError) as err:
        decode_bytes(b"a" * 101, max_bytes=100)
    assert err.value.kind == "too_large" and "100" in str(err.value)
    assert decode_bytes(b"a" * 100, max_bytes=100).text == "a" * 100


def test_legacy_detection_names_the_encoding():
    assert detect_legacy("Céng hoµ x· héi chñ nghÜa ViÖt Nam, cña §¶ng") == "TCVN3"
    assert detect_legacy(TEXT) is None


def test_crlf_becomes_lf():
    assert decode_text("a\r\nb\rc").text == "a\nb\nc"
