"""Segmentation: exact offsets, codes and numbers kept whole, spaCy sees the same tokens."""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.segment import UndertheseaTokenizer, sentences, words

SYLLABLES = ["Đảng", "bộ", "huyện", "Huyện", "ủy", "uỷ", "Chương", "Mỹ", "Ban", "Thường", "vụ", "đồng", "chí",
             "Nguyễn", "Văn", "An", "Chỉ", "thị", "số", "05-CT/TW", "382/387", "35,08%", "11.940", "2020-2025",
             "ngày", "15/5/2016", "HĐND", "(", ")", "“", "”", "–", "-", ",", ".", "...", ";", ":", "!", "?",
             "hoà", "hòa", "Ủy", "ban", "nhân", "dân", "123/2020/NĐ-CP", "12,06%/năm", "18 NQ/ TU", "\u00a0", "x"]
SEPARATORS = [" ", " ", " ", "  ", "\n", "\n\n", "\u00a0", "\t", " \n "]


@st.composite
def vietnamese_like(draw):
    n = draw(st.integers(min_value=0, max_value=60))
    parts = []
    for _ in range(n):
        parts.append(draw(st.sampled_from(SYLLABLES)))
        parts.append(draw(st.sampled_from(SEPARATORS)))
    if draw(st.booleans()):
        parts.append(draw(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=15)))
    return "".join(parts)


def _check_spans(text, spans):
    last = 0
    for s, e in spans:
        assert 0 <= s < e <= len(text)
        assert s >= last, "spans must be ordered and disjoint"
        assert text[s:e] == text[s:e].strip(), "no span starts or ends in whitespace"
        last = e


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(vietnamese_like())
def test_sentence_and_word_offsets_are_exact(text):
    sents = sentences(text)
    _check_spans(text, sents)
    toks = words(text)
    _check_spans(text, toks)
    # every non-space character of the text lies in some word: nothing dropped
    covered = sum(e - s for s, e in toks)
    assert covered >= sum(1 for c in text if not c.isspace()) - sum(1 for c in text if c in "\u200b\ufeff")


@pytest.mark.parametrize("text,token", [
    ("Thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị.", "05-CT/TW"),
    ("theo Nghị định 123/2020/NĐ-CP ngày 19/10/2020", "123/2020/NĐ-CP"),
    ("theo Nghị định 123/2020/NĐ-CP ngày 19/10/2020", "19/10/2020"),
    ("có 11.940 đảng viên", "11.940"),
    ("đạt 35,08% kế hoạch", "35,08%"),
    ("đã đại hội xong 382/387 chi bộ", "382/387"),
    ("Nghị quyết 18 NQ/ TU được ban hành", "18 NQ/ TU"),
    ("Ban Thường vụ Huyện ủy họp", "Ban Thường vụ"),
    ("Ủy ban nhân dân huyện chỉ đạo", "Ủy ban nhân dân"),
    ("tăng trưởng 12,06%/năm", "12,06%"),
])
def test_protected_tokens_are_never_split(text, token):
    toks = [text[s:e] for s, e in words(text)]
    assert token in toks, toks


def test_sentences_never_cross_a_line_break():
    text = "Tiêu đề bài viết\nHội nghị bế mạc. Đồng chí Bí thư phát biểu.\n\nThanh Tình"
    got = [text[s:e] for s, e in sentences(text)]
    assert got == ["Tiêu đề bài viết", "Hội nghị bế mạc.", "Đồng chí Bí thư phát biểu.", "Thanh Tình"]


AWKWARD = ["", " ", "\n\n", "a", "  Huyện ủy  ", "Huyện  ủy\tChương Mỹ\n\n\nxã", "05-CT/TW", "hoà hòa uỷ ủy",
           "“Nâng cao”…", "\u00a0HNP -\u00a0Sau 5 năm", "x" * 3 + "\n" + " " * 5]


@pytest.mark.parametrize("text", AWKWARD)
def test_spacy_tokenizer_keeps_the_text(text):
    from spacy.lang.xx import MultiLanguage

    nlp = MultiLanguage()
    nlp.tokenizer = UndertheseaTokenizer(nlp.vocab)
    assert nlp(text).text == text


def test_tokenizer_is_registered_under_a_versioned_name():
    import spacy

    from pipeline.segment import register

    register()
    make = spacy.registry.tokenizers.get("vngov.underthesea_tokenizer.v1")()
    from spacy.lang.xx import MultiLanguage

    tok = make(MultiLanguage())
    assert [t.text for t in tok("Chỉ thị số 05-CT/TW")] == ["Chỉ thị", "số", "05-CT/TW"]
