"""Every pattern of the officials family (PER, TITLE), compiled once per process.

Why a module of its own: the TITLE grammar, the name patterns and the
look-behind tests that link a name to a title are all built from one lexicon
(``pipeline/data/titles.json``, plus ``surnames.txt`` and the shared
``gazetteer.tsv``) and share its pieces (the stop syllables end both a name
and an organisation run; the body pattern keeps "Đoàn Thanh niên" from being
read as a person). ``names``, ``titles`` and ``officials`` only match; they
all read the one ``_lex()`` built here. The text folding ("Huyện uỷ" ->
"Huyện ủy", same length) lives here too because every lexicon phrase is
folded the same way before it becomes a regex.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import regex

from .resources import check_keys, load_json, load_lines

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
    # one capitalised syllable of a name; a lone capital must not be an initial ("K."); Central
    # Highlands names glue a one-letter prefix with an apostrophe ("H'Thuy", "K'Thanh", "N'Trang")
    syl = (rf"(?!(?:{stop_alt})(?!\p{{L}}))\p{{Lu}}(?:['’]\p{{Lu}}\p{{Ll}}+|\p{{Ll}}+(?:['’]\p{{L}}+)?"
           rf"|(?![.'’\p{{L}}]))")
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
