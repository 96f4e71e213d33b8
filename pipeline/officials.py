"""Officials family: people (``PER``) and the positions they hold (``TITLE``).

Why: an analyst reading Party and state news wants a table of *who holds
what*. A position is only worth a ``TITLE`` span when a named person holds it
("Đồng chí Trịnh Tiến Tường – Phó Bí thư thường trực Huyện ủy"), so titles
are found first as candidates and kept only once linked to a holder:

* ``NAME – TITLE, TITLE`` / ``NAME, TITLE`` / ``NAME (TITLE)`` / ``NAME - khi đó là TITLE và hiện nay là TITLE``;
* ``NAME làm TITLE`` / ``NAME được bổ nhiệm giữ chức TITLE`` (appointed, elected, former positions);
* ``TITLE NAME`` ("Bí thư chi bộ Phan Văn Vo", "Bộ trưởng Dung") and ``TITLE là ông NAME``;
* ``TITLE, TITLE NAME`` (a coordinated title before a named one);
* a member table: a name alone on its line, its titles on the next lines;
* a later bare mention ("Đồng chí Chủ tịch TP cũng cho biết") whose head matches and whose
  organisation words fit exactly one earlier holder's title ("Chủ tịch UBND TP Hà Nội").

Titles may be abbreviated ("GĐ Sở TN và MT", "PCT.HĐND tỉnh", "TUV") or short
("Chủ tịch TP", "Bí thư phường Điện Dương"). Names are a family name from
``surnames.txt`` plus 1-3 capitalised syllables, an ALL-CAPS name, a bare name
or initials after an honorific or academic prefix ("ông Trump", "TS Guy Martini",
"cô N.T.H"), a byline line at the end of the body or a photo credit ("Ảnh: X.T").

Attributes: TITLE ``holder`` (the person's full name as first written in the
article, even where the mention next to the title is short: "ông Quý" ->
"Phạm Sỹ Quý") and ``holder_start`` (where that name is written). PER ``caps``
(ALL-CAPS) and ``role`` ("byline" or "credit"; absent for other names).
All lexicons live in ``pipeline/data/titles.json`` (plus the shared
``gazetteer.tsv``, read only to tell "tỉnh Nguyễn Bốn" from "xã Lê Lợi");
the matching is a handful of compiled-regex passes over the text, with
Python work only per match.

    >>> t = "Đồng chí Lê Văn An – Bí thư Huyện ủy, Chủ tịch HĐND huyện chủ trì."
    >>> [(s.label, s.text_of(t)) for s in find(t)]
    [('PER', 'Lê Văn An'), ('TITLE', 'Bí thư Huyện ủy'), ('TITLE', 'Chủ tịch HĐND huyện')]
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import regex

from .resources import check_keys, load_json, load_lines
from .spans import Span

_KEYS = {
    "_doc", "heads", "modifiers", "bodies_place", "bodies_plain", "body_lower_ok", "domain_bodies",
    "open_bodies", "company_types", "levels", "places_not_names", "name_stop_syllables", "honorifics",
    "honorific_stop", "byline_prefixes", "credit_prefixes", "credit_stop", "not_name_before",
    "city_words", "set_phrase_names", "plural_markers", "countries", "time_words", "place_preps",
    "surname_nouns", "orun_stop", "fallback_bodies", "head_levels", "apposition_words", "appoint_words",
    "chain_words", "org_aliases", "generic_after", "backref_block_before", "academic_prefixes", "topic_bodies",
    "topic_openers", "run_phrases", "orun_compounds", "head_block_before", "term_words", "alias_names",
    "shared_heads", "initial_honorifics",
}
_SP = r"[ \u00a0]+"          # spaces inside a phrase (never a newline)
_SP1 = r"[ \u00a0]"          # the single space between the syllables of a name
_TONES = "\u0300\u0301\u0303\u0309\u0323"

# small patterns used per match, compiled once
_RE_TOKEN = regex.compile(r"[^ \u00a0\-]+")
_RE_CAP_BEFORE = regex.compile(r"(\p{Lu}\p{Ll}*)[ \u00a0]$")
_RE_GLUED = regex.compile(r"[\p{L}\p{N}.]")
_RE_SPACE_DIGIT = regex.compile(r"[ \u00a0]+\d")
_RE_SPACE_LOWER = regex.compile(r"[ \u00a0]+\p{Ll}")
_RE_SPACE_LOWER_OR_HYPHEN = regex.compile(r"(?:[ \u00a0]+|-)\p{Ll}")
_RE_CAPS_BEFORE = regex.compile(r"\p{Lu}{2,}[ \u00a0]*$")
_RE_CAPS_AFTER = regex.compile(r"[ \u00a0]*\p{Lu}{2,}")
_RE_LINE_START = regex.compile(r"(?:^|\n)[ \t*•\-–]*$")
_RE_CAPS_END = regex.compile(r"[ \t]*(?:\n|$|[,(–\-])")
_RE_NAME_SHAPE = regex.compile(r"\p{Lu}\p{Ll}*(?:[ ]\p{Lu}\p{Ll}*)*(?:[ ]\p{Lu}\p{Ll}*|[ ]\p{Lu}\.)")
_RE_FOREIGN_TOK = regex.compile(r"\p{Lu}[\p{Ll}\-]*")
_RE_NAME_PART = regex.compile(r"[^,&\-–—]+")
_RE_PART_TRIM = regex.compile(r"^[ \t]*(?:và[ \t]+)?|[ \t]+$")
_RE_INITIALS = regex.compile(r"\p{Lu}\.(?:[ ]?\p{Lu}\.?)+")
_RE_RUN_AFTER = regex.compile(r"[ \u00a0]+(\p{Lu}[\p{Ll}\-]+(?:[ \u00a0]\p{Lu}[\p{Ll}\-]+){1,6})(?![\p{L}&])")
_RE_SPACES = regex.compile(r"[ \u00a0]+")
_RE_CLAUSE_END = regex.compile(r"[ \u00a0]*(?:[,;.)]|$)")
_RE_CAP_WORD = regex.compile(r"\p{Lu}[\p{Ll}\-]{2,}")
_RE_WORD = regex.compile(r"\S+")
_RE_CAPS_LETTERS = regex.compile(r"\p{Lu}{2}")
_RE_GLUED_NAME = regex.compile(r"\p{Lu}\p{Ll}+(?:Thị|Văn)[ \u00a0]")
_RE_SPACE_SI = regex.compile(r"[ \u00a0]+s[ĩỹ](?!\p{L})")
_RE_INNER_CAP = regex.compile(r"\p{Ll}\p{Lu}")
_RE_SPACE_CAP = regex.compile(r"[ \u00a0]+\p{Lu}")
_RE_SHORT_AFTER = regex.compile(r"[ \u00a0]+(\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+)?)(?![\p{L}\p{N}'’])(?![ \u00a0]+\p{Lu})")


# --------------------------------------------------------------------------- text folding

@lru_cache(maxsize=1)
def _tone_map() -> dict[str, str]:
    """Old-style tone placement -> new style, same length ("Uỷ" -> "Ủy", "hoà" -> "hòa").

    Why: articles mix "Huyện uỷ" and "Huyện ủy"; folding a same-length copy of
    the text lets one lexicon entry match both without moving any offset.
    """
    out = {}
    for a, b in (("o", "a"), ("o", "e"), ("u", "y")):
        for t in _TONES:
            for fa, fb in ((a, b), (a.upper(), b), (a.upper(), b.upper())):
                old = fa + unicodedata.normalize("NFC", fb + t)
                new = unicodedata.normalize("NFC", fa + t) + fb
                out[old] = new
    return out


@lru_cache(maxsize=1)
def _tone_re():
    alts = "|".join(sorted(_tone_map(), key=len, reverse=True))
    return regex.compile(r"(?<![qQ])(?:" + alts + r")(?!\p{L})")


def fold_tones(text: str) -> str:
    """Return ``text`` with old-style tones moved ("Huyện uỷ" -> "Huyện ủy"); same length."""
    m = _tone_map()
    return _tone_re().sub(lambda x: m[x.group()], text)


def name_key(s: str) -> str:
    """Normal form used to compare names, places and titles: case and tone placement folded.

    Diacritics are kept: "Công" (a given name) is not "Cổng", "Lê Chấn" is not "Lê Chân".

    >>> name_key("HỒ SỸ TRUNG") == name_key("Hồ Sỹ Trung")
    True
    >>> name_key("Huyện uỷ") == name_key("huyện ủy")
    True
    """
    return " ".join(fold_tones(unicodedata.normalize("NFC", s)).casefold().split())


# --------------------------------------------------------------------------- compiled lexicon

def _phrase(s: str) -> str:
    """Regex for a lexicon phrase: escaped words joined by flexible spaces."""
    return _SP.join(regex.escape(w) for w in fold_tones(s).split())


def _alt(items, ci: bool = False) -> str:
    pats = [_phrase(x) for x in sorted(set(items), key=lambda x: (-len(x), x))]
    body = "|".join(pats)
    return f"(?i:{body})" if ci else f"(?:{body})"


def _trie_alt(items, ci: bool = False) -> str:
    """One regex for a set of phrases, nested by shared prefixes (fast: fails on the first char).

    Why: a flat alternation of 200 phrases is tried phrase by phrase at every
    position; a prefix tree rejects most positions after one character.
    Longer phrases win because every optional tail is greedy.
    """
    trie: dict = {}
    for phrase in items:
        node = trie
        for ch in " ".join(fold_tones(phrase).split()):
            node = node.setdefault(ch.lower() if ci else ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        ends = "" in node
        alts = [(_SP if ch == " " else regex.escape(ch)) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if ends:
            return "(?:" + body + ")?"
        return body

    pat = emit(trie)
    return f"(?i:{pat})" if ci else f"(?:{pat})"


@dataclass(frozen=True)
class _Lex:
    title_re: object
    head_re: object
    body_re: object
    name_re: object
    caps_re: object
    hon_re: object
    hon_initials_re: object
    credit_re: object
    byline_re: object
    block_before_re: object
    city_before_re: object
    plural_before_re: object
    coord_block_re: object
    head_org_words: dict
    body_kind: dict
    places: frozenset
    surnames: frozenset
    stop: frozenset
    hon_stop: frozenset
    credit_stop: frozenset
    set_phrase: frozenset
    time_words: frozenset
    place_prep_re: object
    surname_nouns: frozenset
    gaz: frozenset
    mapped_levels: frozenset
    shared_heads: tuple
    countries: frozenset
    alias_re: object
    alias_full: dict
    org_aliases: tuple
    org_filler: frozenset
    chain_first_re: object
    chain_next_re: object
    line_head_re: object
    table_first_re: object
    table_next_re: object
    title_is_re: object
    former_before_re: object
    generic_after_re: object


def _by_len(items) -> list[str]:
    return sorted(set(items), key=len, reverse=True)


def _name_patterns(d: dict, surnames: list[str], syl: str) -> dict:
    """Names anchored on a family name, ALL-CAPS names, honorific + name, credits and bylines."""
    sur_alt = "|".join(regex.escape(s) for s in _by_len(surnames) if s != "H'")
    caps_sur = "|".join(regex.escape(s.upper()) for s in _by_len(surnames) if s != "H'")
    hon_alt = "|".join([regex.escape(h) for h in _by_len(d["honorifics"])]
                       + [regex.escape(h) + r"\.?" for h in _by_len(d["academic_prefixes"])])
    initial = rf"{_SP1}\p{{Lu}}\.(?![ \u00a0]?\p{{Lu}}\.)"                 # "Lê Văn K."
    glued = rf"(?:{sur_alt})(?=(?:Thị|Văn)[ \u00a0])"                   # "TônThị Ngọc Hạnh" (scraper glue)
    name = (rf"(?:{sur_alt})(?:{_SP1}{syl}){{1,3}}(?:{initial})?|{glued}{syl}(?:{_SP1}{syl}){{1,2}}"
            rf"|H['’]{_SP1}?{syl}(?:{_SP1}{syl}){{0,3}}")
    initials = r"\p{Lu}\.(?:[ ]?\p{Lu}\.?)+(?!\p{L})"                        # "X.T"
    caps_run = r"\p{Lu}{2,}(?:[ ]\p{Lu}{2,}){0,3}(?![\p{L}])"
    nameish = rf"(?:{initials}|{caps_run}|{syl}(?:[ ]{syl}){{0,3}}(?!\p{{L}}))"
    more = rf"(?:[ \t]*(?:,|và|-|–|—|&)[ \t]*{nameish})"                  # "Hoàng Tình – Đặng Sáng"
    return {
        "name_re": regex.compile(rf"(?<![\p{{L}}\p{{N}}])(?P<name>{name})(?![\p{{L}}\p{{N}}'’])"),
        "caps_re": regex.compile(
            rf"(?<![\p{{L}}\p{{N}}])(?P<name>(?:{caps_sur})(?:{_SP1}\p{{Lu}}+){{1,3}})(?![\p{{L}}\p{{N}}])"),
        "hon_initials_re": regex.compile(
            rf"(?<!\p{{L}})(?:{_alt(d['initial_honorifics'])}){_SP}(?P<ini>\p{{Lu}}(?:\.\p{{Lu}})*)"
            rf"(?=\.|[ \u00a0]*[(,;:)]|[ \u00a0]+\p{{Ll}})(?![\p{{L}}\p{{N}}])"),
        "hon_re": regex.compile(
            rf"(?<!\p{{L}})(?P<hon>{hon_alt}){_SP}(?P<run>{syl}(?:{_SP1}{syl}){{0,3}})(?![\p{{L}}\p{{N}}])"),
        "credit_re": regex.compile(
            rf"(?<!\p{{L}})(?:{_alt(d['credit_prefixes'])})[ \t]*:[ \t]*(?P<c>{nameish}{more}*)"),
        "byline_re": regex.compile(
            rf"(?m)^[ \t*•\-–]*(?:(?P<pre>{_alt(d['byline_prefixes'])})(?:[ \t]*:[ \t]*|(?<=(?i:ảnh))[ \t]+))?"
            rf"(?P<names>{nameish}{more}{{0,3}})[ \t.]*(?:\([^()\n]{{1,25}}\))?[ \t]*$"),
    }


def _title_pattern(d: dict, stop_alt: str, sur_alt: str) -> tuple:
    """The TITLE grammar: HEAD [domain] [Thường trực] ((BODY [type] [name|place] [LEVEL [place]]){1,3} | LEVEL [place]).

    A level right after the head is the short form of "Chủ tịch UBND TP": "Chủ tịch TP",
    "Bí thư phường Điện Dương".

    Returns the compiled regex, the body regex, the body kinds and, per head,
    the word index where its own organisation part begins ("Trưởng |ban").
    """
    heads, head_org = [], {}
    for h in d["heads"]:
        words = h.replace("|", "| ").split()
        plain = " ".join(w for w in words if w != "|")
        if "|" in words:
            head_org[name_key(plain)] = words.index("|")
        heads.append(plain)
    body_kind, bodies_cs, bodies_ci = {}, [], []
    lower_ok = {name_key(b) for b in d["body_lower_ok"]}
    for kind, items in (("place", d["bodies_place"]), ("plain", d["bodies_plain"])):
        for b in items:
            body_kind.setdefault(name_key(b), kind)
            (bodies_ci if name_key(b) in lower_ok else bodies_cs).append(b)
    for head, doms in d["domain_bodies"].items():
        for dom in doms:
            body_kind.setdefault(name_key(f"{head} {dom}"), "domain")
            bodies_ci.append(f"{head} {dom}")
    for b in d["open_bodies"]:
        body_kind.setdefault(name_key(b), "open")
        bodies_cs.append(b)
    for b in d["fallback_bodies"]:
        body_kind.setdefault(name_key(b), "open")
    # tried last, so "Phòng Nội vụ" stays a domain body and only "Phòng Đăng ký đất đai" falls back
    body_alt = (_trie_alt(bodies_cs) + "|" + _trie_alt(bodies_ci, ci=True)
                + r"|(?<!\p{Lu}\p{Ll}*[ \u00a0])" + _trie_alt(d["fallback_bodies"]))
    level_alt = _trie_alt(d["levels"], ci=True) + rf"(?!{_SP1}ủy(?!\p{{L}}))"     # "Tỉnh ủy" is a body
    ptok = (rf"(?!(?:{stop_alt})(?!\p{{L}}))"
            rf"(?:\p{{Lu}}\p{{Ll}}*(?:['’]\p{{L}}+)?(?:-\p{{Ll}}+)*|\p{{Lu}}{{2,}}(?:&\p{{Lu}}+)?|\d+\p{{L}}?)")
    # a set phrase may sit inside an organisation name: "Bộ Tư lệnh Bảo vệ Lăng Chủ tịch Hồ Chí Minh"
    ptok = rf"(?:{_alt(d['run_phrases'])}(?![\p{{L}}\p{{N}}])|{ptok})"
    run = rf"{ptok}(?:(?:{_SP1}|{_SP1}?-{_SP1}?){ptok}){{0,6}}"
    domain_after_head = _trie_alt({x for v in d["domain_bodies"].values() for x in v}, ci=True)
    # a sentence-case organisation name after a body: "Cục Quản lý công sản", "Công ty Địa ốc Đất Lành"
    # a lower word of an organisation name; a stop word only inside a compound ("Đăng ký đất đai")
    compounds = "|".join(
        rf"(?<=(?i:{regex.escape(a)})[ ]){regex.escape(b)}(?!\p{{L}})"
        rf"|(?<!\p{{L}}){regex.escape(a)}(?=[ ]{regex.escape(b)}(?!\p{{L}}))"
        for a, b in (c.split() for c in d["orun_compounds"]))
    stop_low = _alt(d['orun_stop'])     # a verb or function word ends a sentence-case name ("… phát triển đã")
    low = rf"(?:{compounds}|(?!(?:{stop_low})(?!\p{{L}}))\p{{Ll}}+)"
    joint = rf"(?:{_SP1}|{_SP1}?[-–]{_SP1}?)"
    # "Cơ khí Động lực", "Công tác Sinh viên", "Tài chính - Kế toán": capitalised groups inside,
    # each followed by a lower word
    inner = rf"(?!(?:{sur_alt})(?!\p{{L}})){ptok}"   # a family name inside would be a holder, not the org
    orun = (rf"(?P<orun>(?:\p{{Lu}}{{2,}}(?:&\p{{Lu}}+)?{_SP1}|{inner}{_SP1}?[-–]{_SP1}?)*"
            rf"\p{{Lu}}\p{{Ll}}+(?:{_SP1}{low}){{1,3}}"
            rf"(?:{joint}(?:{inner}{joint})+{low}(?:{_SP1}{low}){{0,3}}){{0,2}})"
            rf"(?:{_SP1}(?P<run>{run})|(?=[ ]?[,.;:()\n–]|$|{_SP1}(?:{level_alt}|\p{{Lu}}|{stop_low}(?!\p{{L}}))))")
    # "Ban Chỉ đạo phòng, chống thiên tai và tìm kiếm cứu nạn": the topic of a steering board
    topic_low = rf"(?!(?:{_alt(d['orun_stop'])})(?!\p{{L}}))\p{{Ll}}+"
    topic = (rf"(?:(?<=(?i:{_alt(d['topic_bodies'])})){_SP}(?P<topic>(?:{_alt(d['topic_openers'])})(?!\p{{L}})"
             rf"(?:,?{_SP1}(?:và{_SP1})?(?:{topic_low}|\p{{Lu}}{{2,}}(?:-\d+)?(?![\p{{L}}\p{{N}}]))){{0,8}}))?")
    unit = (rf"(?P<body>{body_alt})(?:{_SP}(?P<ctype>{_trie_alt(d['company_types'])}))?"
            rf"(?:{_SP}(?!(?:{body_alt})(?![\p{{L}}\p{{N}}]))(?:{orun}|(?P<run>{run})))?{topic}"
            rf"(?:{_SP}(?P<level>{level_alt})(?:(?:{_SP}|(?<=\.))(?:số{_SP})?(?P<run>{run}))?)?")
    head_start = (rf"(?<![\p{{L}}/])(?<!(?<!\p{{L}})(?:{_alt(d['head_block_before'])}){_SP1})"
                  rf"(?P<head>{_trie_alt(heads, ci=True)})")
    title_re = regex.compile(
        rf"{head_start}"
        rf"(?:(?<=(?i:ban|phòng|bộ trưởng|thứ trưởng)){_SP}(?:(?P<dom>{domain_after_head})"
        rf"(?:{_SP1}?[-–]{_SP1}?\p{{Lu}}\p{{Ll}}+(?:{_SP1}{low}){{1,3}}(?![\p{{L}}\p{{N}}]))?"
        rf"|(?<=(?i:ban|phòng){_SP}){orun}){topic})?"
        rf"(?:{_SP}(?P<mod>{_trie_alt(d['modifiers'], ci=True)}))?"
        rf"(?:(?<=(?i:đại sứ|lãnh sự)){_SP}(?P<run>{run}){_SP}tại{_SP}(?P<run>{run}))?"
        rf"(?:(?:(?:{_SP}|(?<=\.)|(?<=\p{{Ll}})(?=\p{{Lu}}))(?:{unit})){{1,3}}"
        rf"|{_SP}(?P<level>{_trie_alt(d['head_levels'] + d['term_words'], ci=True)})(?:{_SP}(?:số{_SP})?(?P<run>{run}))?)?"
        rf"(?:{_SP}(?P<level>{_trie_alt(d['term_words'], ci=True)}){_SP}(?P<run>{run}))?"   # "… nhiệm kỳ 2021-2026"
        rf"(?![\p{{L}}\p{{N}}])")
    # the head alone is a fast scan; the full grammar is only tried where a head starts
    head_re = regex.compile(head_start)
    return title_re, head_re, regex.compile(rf"(?:{body_alt})(?!\p{{L}})"), body_kind, head_org


def _context_patterns(d: dict) -> dict:
    """Look-behind tests run on the few characters before a candidate."""
    sp = r"[ \u00a0]"
    return {
        "block_before_re": regex.compile(
            rf"(?:(?<![\p{{L}}])(?:{_alt(d['not_name_before'])}){sp}*|\d+\p{{L}}?{sp}+|\d+/\d+{sp}+)$"),
        "city_before_re": regex.compile(rf"(?<![\p{{L}}])(?:{_alt(d['city_words'])})[ .\u00a0]*$"),
        "plural_before_re": regex.compile(
            rf"(?:(?<![\p{{L}}])(?:{_alt(d['plural_markers'])})|\d+){sp}+(?:(?:đồng chí|vị|ông|bà){sp}+)?$"),
        # NAME – [hiện là] TITLE / NAME, nguyên TITLE / NAME được bổ nhiệm làm TITLE
        "chain_first_re": regex.compile(
            rf"[ \t\u00a0]*(?:[–—\-,:(][ \t\u00a0]*(?:(?:{_alt(d['apposition_words'])})[ \t\u00a0,]+)?"
            rf"|[ \t\u00a0]+(?:{_alt(d['appoint_words'])})[ \t\u00a0]+)"),
        # TITLE, TITLE / TITLE kiêm TITLE / TITLE - TITLE / TITLE và hiện nay là TITLE (";" separates people)
        "chain_next_re": regex.compile(
            rf"[ \t\u00a0]*(?:[,–—\-][ \t\u00a0]*|[ \t\u00a0]+(?=\p{{Ll}}))"
            rf"(?:(?:{_alt(d['chain_words'])})[ \t\u00a0]+)?(?:(?:nguyên|kiêm)[ \t\u00a0]+)?"),
        # a name alone on its line (a table of members: "2\n\nPGS. Huỳnh Quyết Thắng\n\nPhó Bí thư Đảng ủy")
        "line_head_re": regex.compile(
            rf"(?:^|\n)[ \t*•\-–]*(?:\d{{1,3}}[.)]?[ \t]+)?"
            rf"(?:(?:{_alt(d['academic_prefixes'] + d['honorifics'])})\.?[ \t]*)*$"),
        "table_first_re": regex.compile(r"[ \t\u00a0]*\n[ \t\u00a0\n]*(?:[Nn]guyên[ \t\u00a0]+)?"),
        "table_next_re": regex.compile(r"[ \t\u00a0]*[,;–—\-]?[ \t\u00a0]*\n[ \t\u00a0\n]*|[ \t\u00a0]+"),
        # TITLE là [ông] NAME ("Người được giới thiệu ứng cử đại biểu HĐND phường là ông …")
        "title_is_re": regex.compile(rf"[ \t\u00a0]+là[ \t\u00a0]*,?[ \t\u00a0]*(?:(?:{_alt(d['honorifics'])}){sp}+)?"),
        "former_before_re": regex.compile(
            rf"(?:(?<![\p{{L}}])(?:{_alt(d['backref_block_before'], ci=True)}){sp}+|[;–—\-]{sp}*"
            rf"|(?<![\p{{L}}])\p{{Lu}}[\p{{L}}\p{{N}}&.]*{sp}*,{sp}*)$"),
        "generic_after_re": regex.compile(rf"{sp}+(?:{_alt(d['generic_after'])})(?![\p{{L}}])"),
        "coord_block_re": regex.compile(
            rf"(?<!\p{{L}})(?:ủy quyền|tiếp|qua|gửi|thay mặt|Thay mặt|với)(?:{sp}+của)?{sp}+$"),
        "place_prep_re": regex.compile(rf"(?<![\p{{L}}])(?:{_alt(d['place_preps'], ci=True)}){sp}+$"),
    }


def _gazetteer_keys() -> frozenset:
    """Names of the provinces, districts and communes in ``gazetteer.tsv`` (shared with units), folded.

    Only used to tell "tỉnh Nguyễn Bốn" (a person) from "xã Lê Lợi" (a commune);
    never to reject a name elsewhere ("Hoàng Văn Thụ" is also a ward).
    """
    out = set()
    for line in load_lines("gazetteer.tsv"):
        name = line.split("\t", 1)[0]
        if name and not name.startswith("#") and name != "name":
            out.add(name_key(name))
    return frozenset(out)


def _alias_pattern(aliases: dict):
    alts = []
    for name, v in aliases.items():
        for w in v["before"]:
            alts.append(rf"(?<![\p{{L}}]){regex.escape(w)}{_SP1}(?P<a>{regex.escape(name)})(?![\p{{L}}\p{{N}}])")
        for w in v["after"]:
            alts.append(rf"(?<!\p{{Lu}}\p{{Ll}}*[ ])(?<![\p{{L}}])(?P<a>{regex.escape(name)})"
                        rf"(?={_SP1}{_phrase(w)}(?![\p{{L}}]))")
    return regex.compile("|".join(alts)) if alts else regex.compile(r"(?!)")


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    """Compile every pattern once per process from titles.json and surnames.txt."""
    d = load_json("titles.json")
    check_keys(d, _KEYS, "titles.json")
    surnames = [fold_tones(s) for s in load_lines("surnames.txt")]
    stop = [fold_tones(s) for s in d["name_stop_syllables"]]
    stop_alt = "|".join(regex.escape(s) for s in _by_len(stop))
    # one capitalised syllable of a name; a lone capital must not be an initial ("K.")
    syl = rf"(?!(?:{stop_alt})(?!\p{{L}}))\p{{Lu}}(?:\p{{Ll}}+(?:['’]\p{{L}}+)?|(?![.\p{{L}}]))"
    sur_alt = "|".join(regex.escape(x) for x in _by_len(surnames) if x != "H'")
    title_re, head_re, body_re, body_kind, head_org = _title_pattern(d, stop_alt, sur_alt)
    return _Lex(
        title_re=title_re, head_re=head_re, body_re=body_re, **_name_patterns(d, surnames, syl), **_context_patterns(d),
        head_org_words=head_org, body_kind=body_kind,
        places=frozenset(name_key(p) for p in d["places_not_names"] + d["countries"]),
        surnames=frozenset(surnames), stop=frozenset(stop),
        hon_stop=frozenset(fold_tones(x) for x in d["honorific_stop"]),
        credit_stop=frozenset(name_key(x) for x in d["credit_stop"]),
        set_phrase=frozenset(name_key(x) for x in d["set_phrase_names"]),
        time_words=frozenset(d["time_words"]),
        surname_nouns=frozenset(d["surname_nouns"]),
        gaz=_gazetteer_keys(),
        mapped_levels=frozenset(name_key(x) for x in d["head_levels"]),
        shared_heads=tuple(name_key(x) for x in d["shared_heads"]),
        countries=frozenset(name_key(x) for x in d["countries"]),
        alias_re=_alias_pattern(d["alias_names"]),
        alias_full={name_key(k): name_key(v["full"]) for k, v in d["alias_names"].items()},
        org_aliases=tuple((f" {name_key(k)} ", name_key(v)) for k, v in
                          sorted(d["org_aliases"]["aliases"].items(), key=lambda kv: -len(kv[0]))),
        org_filler=frozenset(name_key(x) for x in d["org_aliases"]["filler"]),
    )


# --------------------------------------------------------------------------- names

@dataclass
class _Name:
    start: int
    end: int
    role: str = "name"        # name | byline | credit
    caps: bool = False


def _tokens(ct: str, start: int, end: int):
    """(start, end) of the words of ``ct[start:end]`` (offsets relative to ``start``)."""
    return [(m.start(), m.end()) for m in _RE_TOKEN.finditer(ct[start:end])]


def _is_place(s: str) -> bool:
    return name_key(s) in _lex().places


def _known_place(s: str) -> bool:
    """A listed place or a division in the gazetteer (only used where a place is expected)."""
    return _is_place(s) or name_key(s) in _lex().gaz


_VIET_SYL = regex.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
    r"[aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]{1,3}"
    r"(?:ch|ng|nh|[cmnpt])?")


def _is_foreign(tok: str) -> bool:
    """True when a capitalised token cannot be a Vietnamese syllable ("Trump", "Jae-in", not "May")."""
    return any(not _VIET_SYL.fullmatch(part) for part in tok.lower().split("-") if part)


def _best_split(ct: str, toks: list[tuple[int, int]], min_len: int, first_ok: bool = True,
                holder: bool = True) -> int | None:
    """Index where a trailing person name starts in a run of capitalised tokens, or None.

    Why: "Bắc Ninh Nguyễn Tử Quỳnh" and "Phú Thọ Cao Đình Thưởng" are a place
    followed by a name; the name starts at a family name, is 2-4 syllables,
    and the place before it is rarely a single syllable ("Bắc" | "Ninh Nguyễn…").
    Among valid cuts a 3-syllable name wins (the commonest shape), then a cut
    that does not leave a one-syllable place.
    """
    lx = _lex()
    n = len(toks)
    best, best_rank = None, None
    for k in range(n):
        if k == 0 and not first_ok:
            continue
        t = ct[toks[k][0]:toks[k][1]]
        if t not in lx.surnames or not (min_len <= n - k <= 4):
            continue
        if k == 1 and not first_ok and ct[toks[0][0]:toks[0][1]] in lx.surnames:
            continue                 # "Trường Tiểu học Nguyễn|Văn Cừ": the school's name, not a holder
        ns, ne = toks[k][0], toks[-1][1]
        txt = ct[ns:ne]
        if _is_place(txt) or (holder and name_key(txt) in lx.set_phrase) or not _RE_NAME_SHAPE.fullmatch(txt):
            continue
        if n - k > 2 and name_key(ct[ns:toks[k + 1][1]]) in lx.countries:
            continue                 # "Hà Lan Lodewijck Asscher": a country, then a name
        known = not k or _known_place(ct[toks[0][0]:toks[k - 1][1]])
        lone_surname = k == 1 and ct[toks[0][0]:toks[0][1]] in lx.surnames - lx.surname_nouns
        rank = (lone_surname, n - k != 3, not known, k == 1, k)
        if best_rank is None or rank < best_rank:
            best, best_rank = k, rank
    return best


def _foreign_split(ct: str, toks: list[tuple[int, int]]) -> int | None:
    """Index where a foreign name starts after an optional country ("Anh Theresa May" -> 1)."""
    lx = _lex()
    k = 0
    for j in (3, 2, 1):
        if len(toks) > j and name_key(ct[toks[0][0]:toks[j - 1][1]]) in lx.places:
            k = j
            break
    rest = toks[k:]
    if 2 <= len(rest) <= 4 and any(_is_foreign(ct[a:b]) for a, b in rest):
        if all(_RE_FOREIGN_TOK.fullmatch(ct, a, b) for a, b in rest):
            return k
    return None


def _cap_tokens_before(ct: str, s: int, limit: int = 3) -> list[tuple[int, int]]:
    """Capitalised tokens written right before ``s`` on the same line ("Phú Thọ|Cao Đình Thưởng")."""
    out = []
    pos = s
    while len(out) < limit:
        m = _RE_CAP_BEFORE.search(ct[max(0, pos - 20):pos])
        if not m:
            break
        a = max(0, pos - 20) + m.start(1)
        if a > 0 and _RE_GLUED.match(ct, a - 1):
            break
        if m.group(1) in _lex().stop or m.group(1) in _lex().hon_stop:
            break
        out.insert(0, (a, a + len(m.group(1))))
        pos = a
    return out


def _trim_time_word(ct: str, s: int, e: int, min_tokens: int) -> int:
    """Drop a trailing "Sáng"/"Chiều" that starts the next sentence ("Ảnh: Thu Giang Sáng 3/7")."""
    toks = ct[s:e].split()
    if len(toks) > min_tokens and toks[-1] in _lex().time_words and _RE_SPACE_DIGIT.match(ct, e):
        return e - len(toks[-1]) - 1
    return e


def _surname_names(ct: str) -> list[_Name]:
    """Family-name-anchored names ("Nguyễn Trường Năng"), minus streets, places and org names.

    Why the look-behind checks: "đường Nguyễn Huệ", "Trường THPT Lê Quý Đôn",
    "thành phố Hồ Chí Minh" hold a name shape but are not a person.
    """
    lx = _lex()
    out = []
    pos = 0
    while True:
        m = lx.name_re.search(ct, pos)
        if not m:
            break
        s, e = m.span("name")
        pos = e
        if _RE_GLUED_NAME.match(ct, s, e):   # "TônThị Ngọc Hạnh": scraper glue inside the name
            if not lx.block_before_re.search(ct[max(0, s - 30):s]):
                out.append(_Name(s, e))
            continue
        prev = _cap_tokens_before(ct, s)
        toks = prev + [(s + a, s + b) for a, b in _tokens(ct, s, e)]
        k = _best_split(ct, toks, 2, holder=False)
        if k is None:
            continue
        if toks[k][0] != s:
            if toks[k][0] > s:       # the match began inside a place: retry from the real name
                pos = toks[k][0]
                continue
            continue
        if prev and k == len(prev) and len(prev) == 1 and not _is_place(ct[prev[0][0]:prev[0][1]]):
            continue                 # "Bắc Ninh …" style run with no better cut
        e = _trim_time_word(ct, s, e, 2)
        pre = ct[max(0, s - 30):s]
        if lx.block_before_re.search(pre):
            continue
        if name_key(ct[s:e]) in lx.set_phrase and lx.city_before_re.search(pre):
            continue
        if len(ct[s:e].split()) == 2 and lx.place_prep_re.search(pre):
            continue                 # "ở Kim Liên", "tại Lâm Hà": a place
        words = ct[s:e].split()
        if words[0] in lx.surname_nouns and (_is_place(" ".join(words[1:])) or (
                len(words) == 2 and _RE_SPACE_LOWER.match(ct, e))):
            continue                 # "Đoàn Thanh Hóa", "Đoàn Đại biểu …": a delegation, not a person
        b = lx.body_re.match(ct, s)
        if b and b.end() > e:
            continue  # "Đoàn Thanh niên": the start of an organisation name
        out.append(_Name(s, e))
    return out


def _caps_names(ct: str) -> list[_Name]:
    """ALL-CAPS names with a family name ("HỒ SỸ TRUNG") standing alone, not inside a caps headline."""
    lx = _lex()
    out = []
    for m in lx.caps_re.finditer(ct):
        s, e = m.span("name")
        if _RE_CAPS_BEFORE.search(ct[max(0, s - 12):s]) or _RE_CAPS_AFTER.match(ct, e):
            continue  # part of a longer caps run: a headline, not a name
        toks = ct[s:e].split()
        if _is_place(ct[s:e]) or any(t.capitalize() in lx.stop for t in toks[1:]):
            continue
        if _RE_LINE_START.search(ct[max(0, s - 6):s]) or _RE_CAPS_END.match(ct, e):
            out.append(_Name(s, e, caps=True))
    return out


def _honorific_names(ct: str) -> list[_Name]:
    """Bare names after an honorific ("ông Trump", "đồng chí Trường Chinh")."""
    lx = _lex()
    out = []
    for m in lx.hon_initials_re.finditer(ct):
        out.append(_Name(*m.span("ini")))     # "cô T.T.K.N", "anh N.V.K", "cô N."
    for m in lx.hon_re.finditer(ct):
        s, e = m.span("run")
        toks = ct[s:e].split()
        if (toks[0] in lx.surnames and len(toks) > 1) or toks[0] in lx.hon_stop:
            continue                 # family-name runs are found by _surname_names
        if len(toks) == 1 and (_RE_SPACE_SI.match(ct, e) or (toks[0] in lx.surnames and _RE_SPACE_CAP.match(ct, e))):
            continue                 # "ông Tiến sĩ …"; "TS. Nguyễn DanhNguyên" (glued, unreadable)
        if _is_place(f"{m.group('hon')} {toks[0]}"):
            continue                 # "Bà Rịa - Vũng Tàu"
        if _is_place(" ".join(toks)) or _is_place(toks[0]) or _is_place(" ".join(toks[:2])):
            continue
        out.append(_Name(s, e))
    return out


def _short_names(ct: str, titles: list, names: list[_Name]) -> list[_Name]:
    """A given name alone right after a title ("Bộ trưởng Dung"), when the article names that person in full.

    Why: papers write the full name once and then "Bộ trưởng Dung", "Bí thư Hùng";
    a lone capitalised syllable is a name only when it ends a full name already found.
    """
    lx = _lex()
    tails = set()
    for n in names:
        toks = name_key(ct[n.start:n.end]).split()
        if n.role == "name" and len(toks) >= 2:
            tails.update((toks[-1], " ".join(toks[-2:])) if len(toks) >= 3 else (toks[-1],))
    out = []
    for t in titles:
        m = _RE_SHORT_AFTER.match(ct, t.end) if t.name_after is None else None
        first = m.group(1).split()[0] if m else ""
        if (m and name_key(m.group(1)) in tails and first not in lx.stop and first not in lx.hon_stop
                and not _is_place(m.group(1))):
            out.append(_Name(m.start(1), m.end(1)))   # "Bộ trưởng Dung", "Bí thư Xuân Anh"
    return out


def _alias_names(ct: str) -> list[_Name]:
    """One-syllable names of leaders in set phrases: "Bác Hồ" -> "Hồ", "Hồ Chủ tịch" -> "Hồ" (ruling)."""
    out = []
    for m in _lex().alias_re.finditer(ct):
        out.append(_Name(m.start("a"), m.end("a"), role="alias"))
    return out


def _split_names(ct: str, s: int, e: int) -> list[tuple[int, int]]:
    """Cut a credit/byline group into names at ",", "và", "-", "–", "&"."""
    out = []
    for m in _RE_NAME_PART.finditer(ct[s:e]):
        part = m.group()
        part2 = _RE_PART_TRIM.sub("", part)
        if not part2:
            continue
        off = s + m.start() + part.index(part2)
        out.append((off, off + len(part2)))
    return out


def _nameish_ok(txt: str, need_two: bool) -> bool:
    """Whether a credit/byline chunk looks like a person's (pen) name, not an agency or a place."""
    lx = _lex()
    toks = txt.split()
    if not toks or name_key(txt) in lx.credit_stop or name_key(toks[0]) in lx.credit_stop:
        return False
    if _RE_INITIALS.fullmatch(txt):
        return True                  # "X.T", "N.V.A"
    if len(toks) > 4 or (need_two and len(toks) < 2):
        return False
    if any(t.capitalize() in lx.stop for t in toks) or _is_place(txt):
        return False
    is_caps = all(t.isupper() for t in toks)
    if is_caps and len(toks) < 2:
        return False
    if any(_is_foreign(t) for t in toks):
        return False
    return is_caps or all(t[:1].isupper() and not t[1:].isupper() for t in toks)


def _credit_names(ct: str) -> list[_Name]:
    """Photo credits: "Ảnh: Lâm Thanh", "(Ảnh: X.T)", "Ảnh: Văn Điệp – TTXVN" (agency dropped)."""
    lx = _lex()
    out = []
    for m in lx.credit_re.finditer(ct):
        for s, e in _split_names(ct, *m.span("c")):
            toks = ct[s:e].split()
            if len(toks) >= 3 and not ct[s:e].isupper() and _RE_SPACE_LOWER.match(ct, e):
                e = s + len(" ".join(toks[:-1]))   # "Ảnh: Quang Hùng Tham dự …": the next sentence began
            e = _trim_time_word(ct, s, e, 1)
            if _nameish_ok(ct[s:e], need_two=True):
                out.append(_Name(s, e, role="credit"))
            else:
                break
    return out


def _is_body_line(line: str) -> bool:
    line = line.strip()
    return len(line.split()) >= 8 and line[-1:] in ".!?…:;”\"»)"


def _neighbour_line(ct: str, pos: int, forward: bool) -> str | None:
    """The nearest non-blank line before/after ``pos`` (None at the text edge)."""
    if forward:
        for line in ct[pos:].split("\n")[1:] if "\n" in ct[pos:] else []:
            if line.strip():
                return line
        return None
    before = ct[:pos].split("\n")[:-1]
    for line in reversed(before):
        if line.strip():
            return line
    return None


def _byline_names(ct: str) -> list[_Name]:
    """Byline lines: "Bài và ảnh: Hoàng Tuấn" anywhere; a bare "Thanh Tình" / "XUÂN THƯỞNG" line
    only where the body ends (after a prose paragraph, before chrome or the end of the text)."""
    lx = _lex()
    out = []
    for m in lx.byline_re.finditer(ct):
        parts = _split_names(ct, *m.span("names"))
        if not parts:
            continue
        if not m.group("pre"):
            prev = _neighbour_line(ct, m.start(), forward=False)
            nxt = _neighbour_line(ct, m.end(), forward=True)
            if prev is None or not _is_body_line(prev) or (nxt is not None and _is_body_line(nxt)):
                continue
        names = [(s, e) for s, e in parts if _nameish_ok(ct[s:e], need_two=not m.group("pre"))]
        if len(names) != len(parts):
            continue
        out.extend(_Name(s, e, role="byline") for s, e in names)
    return out


# --------------------------------------------------------------------------- titles

@dataclass
class _Title:
    start: int
    end: int
    holder: _Name | None = None
    via: str = ""             # how the holder was found
    name_after: _Name | None = None
    bare: bool = False        # only a head ("Thủ tướng"), no organisation phrase
    head_only: bool = False   # nothing after the head and modifier (a domain counts: "Trưởng ban Tổ chức")
    head_key: str = ""        # folded head ("phó bí thư"); a modifier counts as organisation words
    org_end: int = 0          # where the head (and modifier) ends


def _split_final_run(ct: str, m, lx: _Lex) -> tuple[int, _Name | None]:
    """Split the capitalised run ending a title into place + holder name.

    Why: "Chủ tịch UBND tỉnh Hà Tĩnh Đặng Quốc Khánh" is one regex match; the
    place keeps the title, the trailing family-name run is the holder. After
    a level word or a place-taking body a holder needs 3+ syllables
    ("huyện Lê Chân" is a place, "huyện Lê Văn Hà" a person).
    """
    runs = m.spans("run")
    if not runs or runs[-1][1] != m.end():
        return m.end(), None
    rs, re_ = runs[-1]
    groups = ("level", "body", "ctype", "run", "head", "mod", "dom", "orun", "topic")
    ends = [x[1] for g in groups for x in m.spans(g) if x[1] <= rs]
    prev_end = max(ends) if ends else rs
    after_level = any(x[1] == prev_end for x in m.spans("level"))
    body_end = [x for x in m.spans("body") if x[1] == prev_end]
    kind = lx.body_kind.get(name_key(ct[body_end[0][0]:body_end[0][1]])) if body_end else None
    if any(x[1] == prev_end for x in m.spans("ctype")):
        kind = "open"
    toks = [(rs + a, rs + b) for a, b in _tokens(ct, rs, re_)]
    cut_time = next((i for i in range(2, len(toks)) if ct[toks[i][0]:toks[i][1]] in lx.time_words
                     and _RE_SPACE_DIGIT.match(ct, toks[i][1])), None)
    if cut_time is not None:         # "… Nguyễn Thị Kim Ngân Sáng 27/5": the next sentence began
        toks = toks[:cut_time]
        re_ = toks[-1][1]
    min_len = 3 if (after_level or kind == "place") else 2
    k = _best_split(ct, toks, min_len, first_ok=kind != "open")
    if min_len == 3 and (kind == "place" or _level_is_mapped(ct, m, prev_end)):
        k2 = _two_syllable_holder(ct, toks)
        if k2 is not None and (k is None or (k and not _known_place(ct[toks[0][0]:toks[k - 1][1]]))):
            k = k2                   # "tỉnh Đắk Nông Nguyễn Bốn", not "Đắk | Nông Nguyễn Bốn"
    if k is None and kind == "plain" and not after_level:
        k = _foreign_split(ct, toks)  # "Chủ tịch Quốc hội Esteban Lazo"; never "huyện Đắk Song"
    if k is not None:
        cut = prev_end if k == 0 else toks[k - 1][1]
        return cut, _Name(toks[k][0], toks[-1][1])
    if (len(toks) == 1 and _RE_SPACE_LOWER_OR_HYPHEN.match(ct, re_) and ct[rs:re_].istitle() and re_ - rs > 1
            and not _is_place(ct[rs:re_]) and name_key(ct[rs:re_]) not in lx.gaz):
        return prev_end, None        # "Đảng ủy Cơ quan …": a sentence-case name we cannot delimit
    return re_, None


def _level_is_mapped(ct: str, m, prev_end: int) -> bool:
    """Whether the level word before the final run is one the gazetteer covers (tỉnh … xã, not thôn)."""
    return any(x[1] == prev_end and name_key(ct[x[0]:x[1]]) in _lex().mapped_levels for x in m.spans("level"))


def _two_syllable_holder(ct: str, toks: list[tuple[int, int]]) -> int | None:
    """Index of a two-syllable holder after a level word ("Chủ tịch UBND tỉnh Nguyễn Bốn"), or None.

    Why: "huyện Lê Chân" is a place and "tỉnh Nguyễn Bốn" a person; the
    gazetteer of provinces, districts and communes tells them apart. The
    name must start with a family name and not be a listed division, and
    whatever stands before it must be one.
    """
    lx = _lex()
    if len(toks) < 2:
        return None
    k = len(toks) - 2
    name = ct[toks[k][0]:toks[-1][1]]
    if ct[toks[k][0]:toks[k][1]] not in lx.surnames or not _RE_NAME_SHAPE.fullmatch(name):
        return None
    if _is_place(name) or name_key(name) in lx.gaz or name_key(name) in lx.set_phrase:
        return None
    if k and not _known_place(ct[toks[0][0]:toks[k - 1][1]]):
        return None
    return k


def _title_matches(ct: str, lx: _Lex):
    """``title_re`` matches, non-overlapping, tried only where ``head_re`` finds a head (same result, faster)."""
    last = 0
    for h in lx.head_re.finditer(ct):
        if h.start() < last:
            continue
        m = lx.title_re.match(ct, h.start())
        if m:
            last = m.end()
            yield m


def _title_candidates(ct: str) -> list[_Title]:
    """Every title-shaped phrase, with a holder name glued to its end when there is one."""
    lx = _lex()
    out = []
    for m in _title_matches(ct, lx):
        end, name = _split_final_run(ct, m, lx)
        head_end = max(x[1] for g in ("head", "mod", "dom") for x in m.spans(g))
        t = _Title(m.start(), end, name_after=name, bare=end <= head_end,
                   head_only=end <= max(x[1] for g in ("head", "mod") for x in m.spans(g))
                   and name_key(m.group("head")) not in lx.head_org_words,
                   head_key=name_key(m.group("head")), org_end=m.end("head"))
        last_body = m.spans("body")[-1] if m.spans("body") else None
        plain_end = last_body is not None and last_body[1] == end and lx.body_kind.get(name_key(ct[last_body[0]:last_body[1]])) == "plain"
        if name is None and end == m.end() and (t.bare or plain_end):
            run = _RE_RUN_AFTER.match(ct, end)
            if run:
                rs = run.start(1)
                toks = [(rs + a, rs + b) for a, b in _tokens(ct, rs, run.end(1))]
                cut_at = next((i for i, (a, b) in enumerate(toks) if ct[a:b] in lx.stop), len(toks))
                toks = toks[:cut_at]
                k = _best_split(ct, toks, 2)
                if k is None:
                    k = _foreign_split(ct, toks)
                if k is not None:     # "Chủ tịch Vinatex Trần Quang Nghị", "Thủ tướng Anh Theresa May"
                    if k:
                        t.end = toks[k - 1][1]
                    t.name_after = _Name(toks[k][0], toks[-1][1])
                else:                 # "Thủ tướng Campuchia", "Tổng thống Belarus": the country qualifies the title
                    j = next((j for j in (3, 2, 1) if len(toks) >= j and _is_place(ct[toks[0][0]:toks[j - 1][1]])), 0)
                    if j:
                        t.end = toks[j - 1][1]
        out.append(t)
    return out


def _name_at(ct: str, pos: int, names_by_start: dict) -> _Name | None:
    """A name starting right after ``pos`` (one or more spaces, same line)."""
    sp = _RE_SPACES.match(ct, pos)
    return names_by_start.get(sp.end()) if sp else None


def _org_tokens(ct: str, t: _Title) -> frozenset:
    """Organisation words of a title, abbreviations folded ("Ủy ban nhân dân thành phố" -> {ubnd, tp})."""
    lx = _lex()
    k = " " + name_key(ct[t.org_end:t.end]).replace(".", " ") + " "
    for phrase, abbr in lx.org_aliases:
        if phrase in k:
            k = k.replace(phrase, f" {abbr} ")
    return frozenset(k.split()) - lx.org_filler


def _title_after(ct: str, pos: int, lx: _Lex, t_by_start: dict, table: bool, first: bool):
    """The title candidate joined to ``pos`` by an apposition/chain connector, or None."""
    m = (lx.chain_first_re if first else lx.chain_next_re).match(ct, pos)
    t = t_by_start.get(m.end()) if m and m.end() > pos else None
    if t is None and table:
        m = (lx.table_first_re if first else lx.table_next_re).match(ct, pos)
        t = t_by_start.get(m.end()) if m and m.end() > pos else None
    return t, m


def _link_name_first(ct: str, titles: list[_Title], names: list[_Name]) -> None:
    """NAME – TITLE, TITLE … / NAME làm TITLE / a member table (name line, then its titles)."""
    lx = _lex()
    t_by_start = {t.start: t for t in titles}
    for n in names:
        if n.role != "name" or name_key(ct[n.start:n.end]) in lx.set_phrase:
            continue
        table = bool(lx.line_head_re.search(ct, max(0, n.start - 40), n.start)) and bool(
            lx.table_first_re.match(ct, n.end))
        t, m = _title_after(ct, n.end, lx, t_by_start, table, first=True)
        if t is not None and t.head_only and "," in m.group() and not _RE_CLAUSE_END.match(ct, t.end):
            t = None                 # "… Đại sứ X, Thủ tướng hy vọng …": a new clause, not an apposition
        chain = []
        while t is not None and t.holder is None:
            chain.append(t)
            t, m = _title_after(ct, t.end, lx, t_by_start, table, first=False)
        if chain and t is not None and t.via == "after" and m.group().strip() == ",":
            continue                 # "ông A, Tổng Bí thư, Chủ tịch nước B": the titles are B's
        for c in chain:
            c.holder, c.via = n, "before"


def _link_backrefs(ct: str, titles: list[_Title], canon: dict) -> None:
    """A later bare mention of a title held by exactly one person named earlier is that person's.

    Why (ruling): "Đồng chí Chủ tịch TP cũng cho biết", "Theo Bí thư Thị ủy Điện Bàn"
    refer back to the person named with that title. The mention must have the
    same head and an organisation phrase that is a subset of the earlier one or
    a superset of a non-empty one ("Chủ tịch TP" ~ "Chủ tịch UBND TP Hà Nội"); plural,
    former and class uses ("các Bí thư", "nguyên Chủ tịch", "Chủ tịch UBND các xã") never link.
    """
    lx = _lex()
    held: list[tuple[str, frozenset, _Name]] = []
    for t in titles:
        if t.holder is not None:
            h = canon.get(t.holder.start, t.holder)
            if name_key(ct[h.start:h.end]) not in lx.set_phrase:   # "Chủ tịch Hồ Chí Minh" is not "the chairman"
                held.append((t.head_key, _org_tokens(ct, t), h))
            continue
        if not ct[t.start].isupper() or lx.generic_after_re.match(ct, t.end):
            continue
        pre = ct[max(0, t.start - 40):t.start]
        if lx.plural_before_re.search(pre) or lx.former_before_re.search(pre):
            continue
        if _RE_SPACE_CAP.match(ct, t.end) or t.head_key.startswith(lx.shared_heads):
            continue                 # "Thủ tướng Hun Sen" (a name we could not read); "Ủy viên …" is held by many
        org = _org_tokens(ct, t)
        same = {h.start: h for hk, o, h in held if hk == t.head_key and o == org}
        cands = same or {h.start: h for hk, o, h in held if hk == t.head_key and (org <= o or (o and o <= org))}
        if len(cands) == 1:
            t.holder, t.via = next(iter(cands.values())), "backref"


def _link(ct: str, titles: list[_Title], names: list[_Name], canon: dict) -> None:
    """Attach holders to title candidates (see module docstring for the patterns)."""
    lx = _lex()
    by_start = {n.start: n for n in names}
    by_end = {n.end: n for n in names}
    # 1. TITLE NAME, TITLE là ông NAME
    for t in titles:
        n = t.name_after or _name_at(ct, t.end, by_start)
        if n is None:
            m = lx.title_is_re.match(ct, t.end)
            n = by_start.get(m.end()) if m else None
        if n is not None and n.role == "name" and (t.bare or name_key(ct[n.start:n.end]) not in lx.set_phrase):
            t.holder, t.via = n, "after"           # "Chủ tịch Hồ Chí Minh" is a TITLE + PER (ruling)
        elif t.bare and t.start - 1 in by_end and by_end[t.start - 1].role == "alias":
            t.holder, t.via = by_end[t.start - 1], "after"   # "Hồ Chủ tịch"
    # 2. NAME – TITLE, TITLE …
    _link_name_first(ct, titles, names)
    # 3. TITLE, TITLE NAME: a coordinated title shares the holder of the next one
    for i in range(len(titles) - 2, -1, -1):
        t, nxt = titles[i], titles[i + 1]
        if t.holder is None and nxt.holder is not None and nxt.via in ("after", "coord") and ct[t.start].isupper():
            m = lx.chain_next_re.match(ct, t.end)
            if lx.coord_block_re.search(ct[max(0, t.start - 30):t.start]) or any(
                    _is_foreign(w) for w in _RE_CAP_WORD.findall(ct, t.start, t.end)):
                continue             # "Thừa ủy quyền của Thủ tướng, Bộ trưởng X …": two people
            if m and m.end() == nxt.start and "\n" not in ct[t.end:nxt.start]:
                t.holder, t.via = nxt.holder, "coord"
    # 4. later bare mentions
    _link_backrefs(ct, titles, canon)


# --------------------------------------------------------------------------- public API

def _dedupe(names: list[_Name]) -> list[_Name]:
    """Keep non-overlapping names; earlier and longer first, bylines/credits win ties."""
    rank = {"byline": 0, "credit": 0, "name": 1, "alias": 2}
    names = sorted(names, key=lambda n: (n.start, rank[n.role], -(n.end - n.start)))
    out: list[_Name] = []
    for n in names:
        if out and n.start < out[-1].end:
            continue
        out.append(n)
    return out


def _canonical(ct: str, names: list[_Name]) -> dict[int, _Name]:
    """Map each name mention (by start) to the person's full name as first written in the article.

    Why (annotation ruling): a title's holder is the full name, even where the
    mention next to the title is short ("Bộ trưởng Dũng" -> "Mai Tiến Dũng",
    "ông Quý" -> "Phạm Sỹ Quý"). A short name takes the full name it ends with;
    when several full names end with it, the nearest one written before it.
    """
    lx = _lex()
    people = sorted((n for n in names if n.role == "name"), key=lambda n: n.start)
    first: dict[str, _Name] = {}
    full: list[tuple[list[str], _Name]] = []
    by_glue: dict[str, _Name] = {}
    for n in people:
        k = name_key(ct[n.start:n.end])
        glued = _RE_INNER_CAP.search(ct, n.start, n.end) is not None
        g = k.replace(" ", "")
        if g not in by_glue or (_RE_INNER_CAP.search(ct, by_glue[g].start, by_glue[g].end) and not glued):
            by_glue[g] = n           # "TônThị Ngọc Hạnh" is written "Tôn Thị Ngọc Hạnh" elsewhere
        if k not in first:
            first[k] = n
            if len(k.split()) >= 2:
                full.append((k.split(), n))
    for k in list(first):
        first[k] = by_glue.get(k.replace(" ", ""), first[k])
    out = {}
    for n in names:
        full_key = lx.alias_full.get(name_key(ct[n.start:n.end])) if n.role == "alias" else None
        out[n.start] = first.get(full_key, n) if full_key else n
    for n in people:
        k = name_key(ct[n.start:n.end])
        toks = k.split()
        short = len(toks) == 1 or ct[n.start:n.end].split()[0] not in lx.surnames
        cands = [(f, m) for f, m in full if short and len(f) > len(toks) and f[-len(toks):] == toks]
        if not cands:
            out[n.start] = first[k]
            continue
        before = [m for f, m in cands if m.start < n.start]
        out[n.start] = max(before, key=lambda m: m.start) if before else cands[0][1]
    return out


def find(text: str) -> list[Span]:
    """PER and TITLE spans of ``text`` (non-overlapping), titles only with a named holder.

    The ``holder`` of a TITLE is the person's full name as first written in
    the article; ``holder_start`` is where that name is written.

    >>> t = "Đồng chí Trưởng ban Tổ chức Huyện ủy Nguyễn Trường An trình bày báo cáo."
    >>> [(s.label, s.text_of(t), s.attrs.get("holder")) for s in find(t)]
    [('TITLE', 'Trưởng ban Tổ chức Huyện ủy', 'Nguyễn Trường An'), ('PER', 'Nguyễn Trường An', None)]
    """
    ct = fold_tones(text)
    titles = _title_candidates(ct)
    special = _byline_names(ct) + _credit_names(ct)
    title_names = [t.name_after for t in titles if t.name_after is not None]
    generic = _surname_names(ct) + _caps_names(ct) + _honorific_names(ct) + _alias_names(ct)
    names = _dedupe(special + title_names + generic)
    names = _dedupe(names + _short_names(ct, titles, names))
    canon = _canonical(ct, names)
    _link(ct, titles, names, canon)
    kept = [t for t in titles if t.holder is not None]
    spans = []
    for t in kept:
        h = canon.get(t.holder.start, t.holder)
        spans.append(Span("TITLE", t.start, t.end, {"holder": text[h.start:h.end], "holder_start": h.start}))
    for n in names:
        if any(n.start < t.end and t.start < n.end for t in kept):
            continue
        attrs = {}
        if n.caps or (text[n.start:n.end].isupper() and _RE_CAPS_LETTERS.search(text, n.start, n.end)):
            attrs["caps"] = True
        if n.role in ("byline", "credit"):
            attrs["role"] = n.role
        spans.append(Span("PER", n.start, n.end, attrs))
    spans.sort(key=lambda s: (s.start, s.end))
    return spans


def _org_of(title: str) -> str | None:
    """The organisation phrase of a title text ("Trưởng ban Tổ chức Huyện ủy" -> "Ban Tổ chức Huyện ủy")."""
    lx = _lex()
    ct = fold_tones(title)
    m = lx.title_re.match(ct)
    if not m:
        return None
    head = m.group("head")
    cut = None
    words_before = lx.head_org_words.get(name_key(head))
    if words_before is not None:
        ws = list(_RE_WORD.finditer(title, 0, m.end("head")))
        cut = ws[words_before].start() if words_before < len(ws) else None
    elif m.group("dom"):             # "Bộ trưởng Y tế" -> "Bộ Y tế", "Trưởng phòng Nội vụ" -> "Phòng Nội vụ"
        word = "Bộ" if name_key(head) in ("bộ trưởng", "thứ trưởng") else None
        org = title[m.start("dom"):].strip()
        return f"{word} {org}" if word else None
    elif m.spans("body"):
        cut = m.spans("body")[0][0]
    if cut is None:
        return None
    org = title[cut:].strip()
    return org[:1].upper() + org[1:] if org else None


def table(text: str, spans: list[Span]) -> list[dict]:
    """One row per named official: ``{"name", "titles", "orgs"}``.

    Why: the record's officials list is what an analyst reads. ``titles`` are
    the title *mentions* in reading order, each ``{"text", "start", "end",
    "org"}`` (org: the organisation phrase of that mention, or None), so an
    analyst can count and locate them; ``orgs`` is the de-duplicated list of
    those organisations. Mentions of one person merge on the normalised
    holder name; bylines and photo credits are never officials.

    >>> t = "Ông Lê Văn An, Chủ tịch UBND xã cho biết. Đồng chí LÊ VĂN AN nhấn mạnh."
    >>> table(t, find(t))
    [{'name': 'Lê Văn An', 'titles': [{'text': 'Chủ tịch UBND xã', 'start': 15, 'end': 31, 'org': 'UBND xã'}], 'orgs': ['UBND xã']}]
    """
    credits, shown = set(), {}
    for s in spans:
        if s.label == "PER" and (s.attrs.get("role") in ("byline", "credit") or s.attrs.get("byline")):
            credits.add(s.start)
        elif s.label == "PER":           # the name as shown: the first mention not in capitals
            name = text[s.start:s.end]
            if not name.isupper():
                shown.setdefault(name_key(name), name)
    rows: dict[str, dict] = {}
    for s in sorted((s for s in spans if s.label == "TITLE" and s.attrs.get("holder")), key=lambda s: s.start):
        holder = s.attrs["holder"]
        if s.attrs.get("holder_start") in credits:
            continue
        row = rows.setdefault(name_key(holder), {"name": shown.get(name_key(holder), holder), "titles": [], "orgs": []})
        org = _org_of(text[s.start:s.end])
        row["titles"].append({"text": text[s.start:s.end], "start": s.start, "end": s.end, "org": org})
        if org is not None and org not in row["orgs"]:
            row["orgs"].append(org)
    return list(rows.values())
