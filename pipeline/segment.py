"""Sentences and words with exact character offsets, from underthesea.

underthesea returns strings, not offsets, and it splits what an analyst
reads as one token: `05-CT/TW` comes back as five pieces, `35,08%` as two.
This module aligns its output back onto the text, then merges pieces that
fall inside a *protected* span (document codes, numbers, dates and the
multi-syllable units of `data/segment_lexicon.txt`, e.g. `Ban Thường vụ`).

Why not underthesea's own ``fixed_words``: it recompiles its whole
tokenizer regex on every call, which costs more than the segmentation
itself on a lexicon of any size; one compiled pattern here does the same
job once per process.

The same segmentation is registered as a spaCy tokenizer
(``vngov.underthesea_tokenizer.v1``) so that training and extraction see
identical tokens.
"""
from __future__ import annotations

from functools import lru_cache

import regex

from .resources import load_lines

# A line break never falls inside a sentence; paragraphs are split first.
_PARA = regex.compile(r"[^\n]+")

_PROTECTED_SHAPES = [
    # state codes 123/2020/NĐ-CP, 828/QĐ-BTC; Party codes 05-CT/TW, 18 NQ/ TU
    r"\d+(?:/\d{4})?/[\p{Lu}Đ]{1,6}(?:-[\p{Lu}\p{Ll}Đđ]{1,8})+",
    r"\d+[\s-]?\p{Lu}[\p{L}]{0,5}/\s?\p{Lu}{1,4}",
    # dates 15/5/2016, 20-12-2010, times 14:27
    r"\d{1,2}[/-]\d{1,2}[/-]\d{2,4}",
    r"\d{1,2}:\d{2}(?::\d{2})?",
    # numbers 11.940, 35,08%, 382/387, 12,06%/năm
    r"\d+(?:[.,]\d+)*(?:/\d+(?:[.,]\d+)*)?%?",
]


@lru_cache(maxsize=1)
def _protected_re() -> "regex.Pattern":
    words = sorted(load_lines("segment_lexicon.txt"), key=len, reverse=True)
    lexicon = "|".join(regex.escape(w).replace(r"\ ", r"\s+") for w in words)
    shapes = "|".join(_PROTECTED_SHAPES)
    return regex.compile(rf"(?<![\p{{L}}\d])(?:{shapes})(?![\p{{L}}\d])|(?<!\p{{L}})(?i:{lexicon})(?!\p{{L}})")


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence `[start, end)` offsets: underthesea's splits within each line.

    >>> t = "Hội nghị bế mạc. Đồng chí Bí thư phát biểu.\\nThanh Tình"
    >>> [t[s:e] for s, e in sentences(t)]
    ['Hội nghị bế mạc.', 'Đồng chí Bí thư phát biểu.', 'Thanh Tình']
    """
    from underthesea import sent_tokenize

    out: list[tuple[int, int]] = []
    for m in _PARA.finditer(text):
        para, base = m.group(), m.start()
        if not para.strip():
            continue
        pos = 0
        for sent in sent_tokenize(para):
            sent = sent.strip()
            if not sent:
                continue
            i = para.find(sent, pos)
            if i < 0:  # underthesea changed the text: fall back to the rest of the line
                i = pos + (len(para[pos:]) - len(para[pos:].lstrip()))
                end = len(para.rstrip())
                if end > i:
                    out.append((base + i, base + end))
                pos = len(para)
                break
            out.append((base + i, base + i + len(sent)))
            pos = i + len(sent)
        rest = para[pos:]
        if rest.strip():  # text underthesea dropped is kept, never lost
            lead = len(rest) - len(rest.lstrip())
            out.append((base + pos + lead, base + len(para.rstrip())))
    return out


def _align(text: str, tokens: list[str], start: int) -> list[tuple[int, int]]:
    """Map underthesea tokens back to offsets, syllable by syllable."""
    spans: list[tuple[int, int]] = []
    pos, n = start, len(text)
    for tok in tokens:
        t_start = None
        for syl in tok.split():
            while pos < n and text[pos].isspace():
                pos += 1
            if text.startswith(syl, pos):
                end = pos + len(syl)
            else:
                j = text.find(syl, pos, pos + 20 + len(syl))
                if j >= 0:
                    pos, end = j, j + len(syl)
                else:  # normalised by the tokenizer: take the same number of non-space chars
                    end = pos
                    while end < n and not text[end].isspace() and end - pos < len(syl):
                        end += 1
            if t_start is None:
                t_start = pos
            pos = end
        if t_start is not None and pos > t_start:
            spans.append((t_start, pos))
    return spans


def words(text: str) -> list[tuple[int, int]]:
    """Word `[start, end)` offsets over the whole text, sentence by sentence.

    >>> t = "Thực hiện Chỉ thị số 05-CT/TW, đạt 35,08%."
    >>> [t[s:e] for s, e in words(t)]
    ['Thực hiện', 'Chỉ thị', 'số', '05-CT/TW', ',', 'đạt', '35,08%', '.']
    """
    from underthesea import word_tokenize

    out: list[tuple[int, int]] = []
    protected = _protected_re()
    for s, e in sentences(text):
        spans = _align(text, word_tokenize(text[s:e], use_token_normalize=False), s)
        prot = [(m.start(), m.end()) for m in protected.finditer(text, s, e)]
        out.extend(_merge_runs(spans, prot))
    return out


def _merge_runs(spans: list[tuple[int, int]], prot: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Union every token overlapping a protected span with that span's other tokens."""
    if not prot:
        return spans
    out: list[tuple[int, int]] = []
    k = 0
    for s, e in spans:
        while k < len(prot) and prot[k][1] <= s:
            k += 1
        inside = k < len(prot) and prot[k][0] < e
        if inside and out and out[-1][1] > prot[k][0] and out[-1][0] < prot[k][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


# ---- spaCy -----------------------------------------------------------------

def doc_from_offsets(vocab, text: str, offsets: list[tuple[int, int]]):
    """A spaCy Doc whose tokens are `offsets`; the gaps become whitespace tokens.

    A single space after a token is that token's trailing space, as spaCy
    expects; any other gap is a token of its own, so ``doc.text == text``.
    """
    from spacy.tokens import Doc

    words_: list[str] = []
    spaces: list[bool] = []

    def gap(g: str) -> None:
        if not g:
            return
        if words_ and not spaces[-1] and g[0] == " ":
            spaces[-1] = True
            g = g[1:]
        if g:
            words_.append(g)
            spaces.append(False)

    pos = 0
    for s, e in offsets:
        gap(text[pos:s])
        words_.append(text[s:e])
        spaces.append(False)
        pos = e
    gap(text[pos:])
    return Doc(vocab, words=words_, spaces=spaces)


class UndertheseaTokenizer:
    """spaCy tokenizer: underthesea words, protected spans kept whole.

    ``doc.text == text`` always holds; whitespace runs become spaCy's own
    whitespace tokens.
    """

    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, text: str):
        return doc_from_offsets(self.vocab, text, words(text))

    # The tokenizer has no state of its own: its lexicon ships in the package.
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "UndertheseaTokenizer":
        return self

    def to_disk(self, path, **kwargs) -> None:
        pass

    def from_disk(self, path, **kwargs) -> "UndertheseaTokenizer":
        return self


def create_tokenizer():
    """Factory behind the ``vngov.underthesea_tokenizer.v1`` registry name."""

    def make(nlp):
        return UndertheseaTokenizer(nlp.vocab)

    return make


def register() -> None:
    """Register the tokenizer under its versioned name (idempotent)."""
    import spacy

    try:
        spacy.registry.tokenizers.get("vngov.underthesea_tokenizer.v1")
    except Exception:  # not yet registered (entry points may be absent in a source checkout)
        spacy.registry.tokenizers.register("vngov.underthesea_tokenizer.v1", func=create_tokenizer)
