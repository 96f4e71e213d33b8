"""ORG and LOC spans: Party, state and mass bodies, and the places they govern.

Why a grammar and not a list: Party/state writing names a body by a *head*
("Ban Thường vụ", "UBND", "Bộ", "Đảng bộ") followed by *qualifiers* that pin
it down ("Huyện ủy", "huyện Thường Tín", "cấp xã", "khóa XIX"), so
"Ban Thường vụ Huyện ủy Chương Mỹ" is one ORG and "huyện Chương Mỹ" on its
own is a LOC. Bare body nouns are ORG only when they mean one body:
"Toàn Đảng bộ huyện có…" is, "các Đảng bộ trực thuộc" is a class.

    >>> t = "Ban Thường vụ Huyện ủy Thường Tín làm việc với UBND xã Tân Minh."
    >>> [(s.label, s.text_of(t)) for s in find(t)]
    [('ORG', 'Ban Thường vụ Huyện ủy Thường Tín'), ('ORG', 'UBND xã Tân Minh')]

Institutions and companies have free names after their head ("Công ty TNHH
MTV Môi trường đô thị Hà Nội", "Bệnh viện Chợ Rẫy"), read word by word until
punctuation, a function word or a new body; an alias in brackets after a body
is its own ORG ("Tập đoàn Điện lực Việt Nam (EVN)").

Places come from ``gazetteer.tsv`` (pre-2025 divisions, see
scripts/build_gazetteer.py) and ``units.json`` (countries, regions, aliases);
roads and sub-commune units keep their type word ("đường Lê Văn Hiến",
"quốc lộ 14", "thôn 2"). All matching is a few compiled-regex passes over the
text (a literal scan of head first-words finds where the big head pattern may
start); Python only looks at the (few) candidates.

The code is split by what it reads: ``units_lexicon`` compiles the lexicon
and gazetteer once, ``bodies`` reads ORG (``find_org``), ``places`` reads
LOC (``find_loc``); this module merges the two (``find``).
"""
from __future__ import annotations

from .bodies import find_org
from .places import _overlaps, find_loc
from .spans import Span
from .units_lexicon import _lex, _retone  # noqa: F401  (_lex re-exported: tests call ``units._lex()``)

__all__ = ["find", "find_org", "find_loc"]


# ---------------------------------------------------------------- API
def find(text: str) -> list[Span]:
    """ORG and LOC spans of one text, flat: a LOC inside or across an ORG is dropped.

    >>> [s.attrs["level"] for s in find("Cán bộ, đảng viên huyện Vĩnh Lợi")]
    ['huyện']
    """
    norm = _retone(text)
    orgs = find_org(text, norm)
    locs = [l for l in find_loc(text, norm) if not _overlaps(orgs, l.start, l.end)]
    return sorted(orgs + locs, key=lambda s: (s.start, s.end))
