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
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from .resources import check_keys, load_json, load_lines
from .spans import Span

__all__ = ["find", "find_org", "find_loc"]

# ---------------------------------------------------------------- text shapes
_SP = r"[^\S\n]+"                      # spaces, never across a line break
_OSP = r"[^\S\n]*"
_B = r"(?<![\p{L}\p{M}\p{N}])"         # left word boundary
_E = r"(?![\p{L}\p{M}\p{N}])"          # right word boundary
_CAP = r"\p{Lu}(?:[\p{L}\p{M}]|['’](?=\p{L}))*"   # a capitalised syllable ("Đông", "KBang", "M'Đrắk"), no closing quote
_LOW = r"\p{Ll}[\p{L}\p{M}]*"          # a lower-case syllable
_CAPW = r"\p{Lu}(?:\p{Ll}[\p{L}\p{M}]*)?(?![\p{L}\p{M}])"   # a capitalised word, not an acronym ("Y", "Tài")
_ABBR = r"\p{Lu}[\p{Lu}&\-]*\p{Lu}" + _E   # "HĐND", "GD&ĐT", "LĐ-TB&XH"
_CAPRUN = _CAP + r"(?:(?:" + _SP + r"|" + _OSP + r"-" + _OSP + r")" + _CAP + r"){0,6}"

# Old-style tone placement ("hoà", "uỷ", "khoá") → new style ("hòa", "ủy",
# "khóa"). Both forms are two characters, so offsets survive the rewrite.
_TONES = "\u0300\u0301\u0309\u0303\u0323"


def _tone_pairs() -> dict[str, str]:
    pairs = {}
    for a, b in (("o", "a"), ("o", "e"), ("u", "y")):
        for t in _TONES:
            for ca, cb in ((a, b), (a.upper(), b), (a.upper(), b.upper())):
                old = unicodedata.normalize("NFC", ca + cb + t)
                new = unicodedata.normalize("NFC", ca + t + cb)
                if len(old) == 2 and len(new) == 2:
                    pairs[old] = new
    return pairs


_TONE_MAP = _tone_pairs()
_TONE_RE = regex.compile(r"(?<![qQ])(?:" + "|".join(map(regex.escape, _TONE_MAP)) + r")(?![\p{L}\p{M}])")


def _retone(text: str) -> str:
    """Same-length rewrite to new-style tone marks: 'Huyện uỷ' -> 'Huyện ủy'."""
    return _TONE_RE.sub(lambda m: _TONE_MAP[m.group()], text)


@lru_cache(maxsize=65536)
def _key(s: str) -> str:
    """Lookup key: new-style tones, case-folded, one space, tight hyphens, 'Đăk'/'Đắc' -> 'đắk'."""
    s = _retone(unicodedata.normalize("NFC", s)).replace("’", "'")
    s = regex.sub(r"\s*-\s*", "-", " ".join(s.split())).casefold()
    return _DAK_RE.sub("đắk", s)


_DAK_RE = regex.compile(r"(?<![\p{L}\p{M}])đ[aăắá][ck](?![\p{L}\p{M}])")


def _phrase(p: str) -> str:
    """Regex for a lexicon phrase: first syllable as written, the rest in any case."""
    sy = _retone(p).split()
    head = regex.escape(sy[0])
    if len(sy) == 1:
        return head
    tail = _SP.join(regex.escape(s) for s in sy[1:])
    return head + _SP + "(?i:" + tail + ")"


def _alt(phrases, fn=_phrase) -> str:
    items = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "(?:" + "|".join(fn(p) for p in items) + ")"


# ---------------------------------------------------------------- lexicon
@dataclass
class _Entry:
    kind: str | None = None
    bare: bool = False
    generic: bool = False
    committee: bool = False
    expansion: str | None = None
    role: str = "head"          # head | body | abbr | task | numbered


@dataclass
class _Lex:
    entries: dict = field(default_factory=dict)      # key -> _Entry (heads, bodies, abbrs)
    head_re: regex.Pattern = None
    trigger_re: regex.Pattern = None      # first words of every head: where `head_re` can start
    fhead_re: regex.Pattern = None
    qual_re: regex.Pattern = None
    level_re: regex.Pattern = None
    place_re: regex.Pattern = None
    run_re: regex.Pattern = None
    abbr_tok_re: regex.Pattern = None
    abbr: dict = field(default_factory=dict)
    gaz: dict = field(default_factory=dict)           # key -> [(name, level, province)]
    bare_places: dict = field(default_factory=dict)   # key -> province or None (bare-name LOC)
    org_names: dict = field(default_factory=dict)     # key -> province (names after a head)
    places: dict = field(default_factory=dict)
    surnames: frozenset = frozenset()
    honorifics: tuple = ()
    class_before: frozenset = frozenset()
    class_after: tuple = ()
    title_words: tuple = ()
    party_fields: frozenset = frozenset()
    field_heads: dict = field(default_factory=dict)
    levels: dict = field(default_factory=dict)
    geo_levels: frozenset = frozenset()
    stop: frozenset = frozenset()
    single: frozenset = frozenset()
    compound_tails: frozenset = frozenset()
    tu_before: frozenset = frozenset()
    inst_type_re: regex.Pattern = None
    subunits: frozenset = frozenset()
    parents: frozenset = frozenset()
    subcommune: frozenset = frozenset()
    road_re: regex.Pattern = None
    state_re: regex.Pattern = None
    function_words: frozenset = frozenset()


_KEYS = {"_doc", "abbreviations", "bodies", "heads", "field_heads", "named_heads", "named_heads_need",
         "task_heads", "party_fields", "fields", "field_stop", "outlet_heads", "outlets", "pv_outlets",
         "class_before", "class_after", "title_words", "levels", "unit_words", "geo_levels", "places",
         "place_stoplist", "single_syllable_places", "surnames", "honorifics", "function_words",
         "place_compound_tails", "trung_uong_before", "not_fields", "fields_any_case", "inst_heads", "inst_types", "inst_type_tails",
         "numbered_heads", "bare_outlets", "field_abbrs", "topics", "subunit_heads", "parent_heads", "subcommune_levels",
         "road_words", "route_words", "lane_words", "state_prefixes", "state_middles"}
_ENTRY_KEYS = {"kind", "bare", "generic", "committee", "expansion"}


def _nodoc(d: dict) -> dict:
    return {k: v for k, v in d.items() if k != "_doc"}


def _load_gazetteer(lx: _Lex) -> None:
    """Index gazetteer.tsv: every name for 'level + name', provinces/districts for bare names."""
    for line in load_lines("gazetteer.tsv"):
        name, level, prov, _src = line.split("\t")
        if name == "name" and level == "level":
            continue
        lx.gaz.setdefault(_key(name), []).append((name, level, prov))
    upper = {"tỉnh", "thành phố trung ương", "huyện", "quận", "thị xã", "thành phố"}
    for k, rows in lx.gaz.items():
        rows_up = [r for r in rows if r[1] in upper]
        if not rows_up or not regex.match(r"\p{Lu}", rows_up[0][0]):
            continue
        provs = {r[2] for r in rows_up}
        prov = provs.pop() if len(provs) == 1 else None
        lx.org_names[k] = prov
        if (len(k.split()) >= 2 or rows_up[0][0] in lx.single) and k not in lx.stop:
            lx.bare_places[k] = prov


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    """Build every table and pattern once per process from units.json and gazetteer.tsv."""
    data = load_json("units.json")
    check_keys(data, _KEYS, "units.json")
    lx = _Lex()
    _load_tables(lx, data)
    _load_gazetteer(lx)
    _load_places(lx, data)
    fld = _field_pattern(data)
    chainable = _chainable_pattern(data, fld)
    lx.fhead_re = regex.compile(r"(?P<fhead>" + _alt(_nodoc(data["field_heads"])) + r")"
                                + _SP + r"(?P<field>" + fld + r")")
    lx.head_re = _head_pattern(data, chainable)
    lx.trigger_re = _trigger_pattern(data)
    levels = _alt(list(data["levels"]), regex.escape)
    cap_levels = r"(?:" + levels + r"|Tỉnh|Huyện|Quận|Thị xã|Thành phố|Xã|Phường|Thị trấn)"
    lx.qual_re = _qualifier_pattern(data, chainable, cap_levels)
    geo = (r"Thôn|Ấp|Xóm|Buôn|Bon|Tổ dân phố|Công viên địa chất|(?<!(?:nông|ao|đồi|rừng|biển|hải|sông|núi)" + _SP + r")"   # not 'nông thôn Việt Nam'
           + _alt(sorted(lx.geo_levels), regex.escape))
    lx.level_re = regex.compile(_B + r"(?P<level>" + cap_levels + r"|" + geo + r")"
                                + _LSEP + r"(?P<name>" + _CAPRUN + r"|(?:số" + _SP + r")?\d{1,3}" + _E + r")")
    lx.inst_type_re = regex.compile(_SP + _alt(data["inst_types"], regex.escape)
                                    + r"(?:" + _SP + _alt(data["inst_type_tails"], regex.escape) + r")?" + _E)
    lx.road_re = _road_pattern(data)
    lx.state_re = regex.compile(_B + _alt(data["state_prefixes"], regex.escape)
                                + r"(?:" + _SP + _alt(data["state_middles"], regex.escape) + r")?"
                                + _SP + r"(?P<name>" + _CAPRUN + r")" + _E)
    lx.run_re = regex.compile(r"(?<![\p{L}\p{M}\p{N}'’])" + _CAPRUN + _E)
    lx.abbr_tok_re = regex.compile(_B + r"(?:" + "|".join(
        regex.escape(a) for a in sorted(lx.abbr, key=len, reverse=True)) + r")" + _E)
    return lx


_LSEP = r"(?:(?<=\.)" + _OSP + r"|" + _SP + r")"     # 'TP.Đông Hà', 'Q. Tân Phú', 'huyện Ý Yên'
_CAPNODASH = _CAP + r"(?:" + _SP + _CAP + r"){0,4}"   # a name that stops at a dash: 'Trường Sơn - Hồ Chí Minh'


def _road_pattern(data: dict) -> regex.Pattern:
    """'đường Lê Văn Hiến', 'ngõ 83 đường Dục Nội', 'quốc lộ 14', 'QL.1A'; not 'thành phố Huế', 'tổ dân phố 2'."""
    lane = r"(?:" + _alt(data["lane_words"], regex.escape) + _SP + r"\d+[\p{L}\d/]*" + _SP + r")?"
    not_before = r"(?<!(?:[Tt]hành|dân|[Kk]hu|[Kk]hối|lễ|[Đđ]ường)" + _SP + r")"
    road = (not_before + r"(?P<road>" + _alt(data["road_words"], regex.escape) + r")" + _SP
            + r"(?P<rname>" + _CAPNODASH + r")" + _E)
    route = r"(?P<route>" + _alt(data["route_words"], regex.escape) + r")(?:\." + _OSP + r"|" + _SP + r")\d+[A-Z]?" + _E
    return regex.compile(_B + lane + r"(?:" + road + r"|" + route + r")")


def _load_tables(lx: _Lex, data: dict) -> None:
    lx.surnames = frozenset(data["surnames"])
    lx.honorifics = tuple(sorted(data["honorifics"], key=len, reverse=True))
    lx.class_before = frozenset(data["class_before"])
    lx.class_after = tuple(sorted(data["class_after"], key=len, reverse=True))
    lx.title_words = tuple(sorted(data["title_words"], key=len, reverse=True))
    lx.party_fields = frozenset(_key(f) for f in data["party_fields"])
    lx.field_heads = {_key(k): v for k, v in _nodoc(data["field_heads"]).items()}
    lx.levels = dict(data["levels"])
    lx.geo_levels = frozenset(data["geo_levels"])
    lx.stop = frozenset(_key(s) for s in data["place_stoplist"])
    lx.single = frozenset(data["single_syllable_places"])
    lx.places = {_key(k): v for k, v in _nodoc(data["places"]).items()}
    lx.compound_tails = frozenset(data["place_compound_tails"])
    lx.tu_before = frozenset(data["trung_uong_before"])
    lx.subunits = frozenset(_key(h) for h in data["subunit_heads"])
    lx.parents = frozenset(_key(h) for h in data["parent_heads"])
    lx.subcommune = frozenset(_key(h) for h in data["subcommune_levels"])
    lx.function_words = frozenset(data["function_words"])
    for t in data["numbered_heads"]:
        lx.entries[_key(t)] = _Entry(kind="state", role="numbered")
    for role, table in (("body", data["bodies"]), ("head", data["heads"])):
        for name, e in _nodoc(table).items():
            check_keys(e, _ENTRY_KEYS, f"units.json {role} {name!r}")
            lx.entries[_key(name)] = _Entry(role=role, **e)
    for ab, e in data["abbreviations"].items():
        check_keys(e, _ENTRY_KEYS, f"units.json abbreviation {ab!r}")
        lx.entries[_key(ab)] = _Entry(role="abbr", **e)
        lx.abbr[ab] = e["expansion"]
    for t in data["task_heads"]:
        lx.entries[_key(t)] = _Entry(kind=None, role="task")


def _load_places(lx: _Lex, data: dict) -> None:
    """Places shaped like a capitalised run ('Việt Nam') join the per-run lookup;
    the others ('châu Phi', 'TP.HCM', 'Đồng bằng sông Cửu Long') get a pattern."""
    odd = []
    for p, prov in _nodoc(data["places"]).items():
        if regex.fullmatch(_CAPRUN, p):
            lx.bare_places[_key(p)] = prov
        else:
            odd.append(p)
    lx.place_re = regex.compile(_B + r"(?:" + "|".join(
        regex.escape(p) for p in sorted(odd, key=len, reverse=True)) + r")" + _E)


# A second capitalised field word must end the name: 'Viện Cơ khí Động lực,' but not 'Đại học Huế nhiệm kỳ'.
_FIELD_END = (r"(?=[^\S\n]*(?:[,.;:()\n–-]|$)|[^\S\n]+(?:\d|của|và|thuộc|tỉnh|huyện|quận|thị xã|thành phố)"
              r"(?![\p{L}]))")


def _field_pattern(data: dict) -> str:
    """A field after 'Bộ', 'Sở', 'Ban'…: 'Tài chính', 'Công Thương', 'GD&ĐT', 'Giáo dục và Đào tạo',
    'Lao động - Thương binh và Xã hội'. After 'và' or a dash only a field word may follow,
    never a title or a new body: 'Bộ Quốc phòng và Chủ nhiệm Ủy ban…' stops at 'Quốc phòng'."""
    stopper = _alt(list(_nodoc(data["bodies"])) + list(_nodoc(data["heads"])) + list(data["abbreviations"])
                   + list(_nodoc(data["field_heads"])) + list(_nodoc(data["named_heads"]))
                   + list(_nodoc(data["inst_heads"])) + data["numbered_heads"]
                   + data["task_heads"] + data["title_words"] + data["not_fields"])
    # listed fields of 3+ syllables also match written lower-case: 'Trung tâm phát triển quỹ đất'
    lower = [f[0].lower() + f[1:] for f in data["fields"]      # not 'Luật Phòng chống tham nhũng'
             if len(f.split()) >= 3 and f[0].isupper() and not f.startswith("Chống")]
    fields = _alt(data["fields"] + lower)
    low = r"(?!" + _alt(data["function_words"], regex.escape) + _E + r")" + _LOW   # not 'Ủy ban Nigeria đã'
    word = r"(?:" + fields + r"|" + _CAPW + _SP + low + r")" + _E
    nxt = (r"(?!" + stopper + _E + r"|(?:Chủ|Phó|Trưởng|Giám|Tổng|Chánh|Viện|Bí|Thứ|Thủ|Đại|Ủy|Đoàn|Thành|Thị)"
           + _SP + r")"
           + word)
    anycase = r"(?i:" + _alt(data["fields_any_case"], regex.escape) + r")" + _E     # 'Sở y tế', 'Sở Tài Nguyên'
    first = (r"(?:" + fields + _E + r"|" + anycase + r"|" + _ABBR + r"|(?!" + _alt(data["field_stop"]) + _E + r")"
             + word + r")")
    fabbr = _alt(data["field_abbrs"], regex.escape) + _E                       # 'Nông nghiệp và PTNT'
    return (first + r"(?:" + _SP + fields + _E + r"){0,2}"
            + r"(?:" + _SP + nxt + _FIELD_END + r")?"                          # 'Viện Vật lý Kỹ thuật,'
            + r"(?:" + _OSP + r"[-–&]" + _OSP + nxt + r")?"
            + r"(?:" + _SP + r"và" + _SP + r"(?:" + nxt + r"|" + fabbr + r"|" + anycase + r"))?")


def _lex_alternation(data: dict) -> str:
    words = list(_nodoc(data["bodies"])) + list(_nodoc(data["heads"])) + data["task_heads"] + data["numbered_heads"]
    return _alt(words) + _E + r"|" + _alt(list(data["abbreviations"]), regex.escape) + _E


def _chainable_pattern(data: dict, fld: str) -> str:
    """Heads that may also follow another head: bodies, abbreviations, field heads, named units."""
    named = (_alt(_nodoc(data["named_heads"])) + _SP + _alt(data["named_heads_need"])
             + r"(?:" + _SP + _CAPRUN + r")?")
    need = _alt(data["named_heads_need"])
    inst = (r"(?P<inst>(?P<school>[Tt]rường" + _SP + need + r")" + _E
            + r"|" + _alt(_nodoc(data["inst_heads"])) + _E + r")")
    return (r"(?P<lex>" + _lex_alternation(data) + r")"
            + r"|" + inst
            + r"|(?P<named>" + named + r")"
            + r"|(?P<fhead>" + _alt(_nodoc(data["field_heads"])) + r")" + _SP + r"(?P<field>" + fld + r")")


def _head_pattern(data: dict, chainable: str) -> regex.Pattern:
    outlets = (r"(?<!họp" + _SP + r")" + _alt(data["outlet_heads"]) + _SP
               + r"(?:" + _alt(data["outlets"]) + _E + r"|(?!PV" + _E + r")" + _CAPRUN + r")")
    # 'PV Dân trí' -> 'Dân trí' (annotation rulings): the name alone
    pv = (r"(?<=(?:PV|P\.V|[Pp]hóng" + _SP + r"viên)" + _SP + r")"
          + _alt(data["pv_outlets"] + data["outlets"] + data["bare_outlets"]) + _E)
    bare = _alt(data["bare_outlets"], regex.escape) + _E                         # 'Như Dân trí đã phản ánh'
    units = _alt(data["unit_words"], regex.escape)
    low_cell = r"(?P<cell>chi" + _SP + r"bộ)(?=" + _SP + units + _E + r")"                  # 'chi bộ tổ dân phố'
    low_body = r"(?P<lowbody>(?:huyện|tỉnh|thành|quận|thị)" + _SP + r"ủy)(?=" + _SP + r"\p{Lu})"  # 'huyện ủy Quốc Oai'
    lv = r"(?:tỉnh|huyện|quận|thị" + _SP + r"xã|thị" + _SP + r"trấn|thành" + _SP + r"phố|xã|phường)" + _E
    low_unit = r"(?P<lowunit>công" + _SP + r"an|ủy" + _SP + r"ban)(?=" + _SP + lv + r")"    # 'công an huyện'
    low_tt = (r"(?P<lowtt>thường" + _SP + r"trực)(?=" + _SP + r"(?:HĐND|UBND|" + _alt(
        ["Hội đồng nhân dân", "Ủy ban nhân dân", "Đảng ủy", "Huyện ủy", "Tỉnh ủy", "Thành ủy", "Quận ủy", "Thị ủy"])
        + r")" + _E + r")")                                                        # 'thường trực HĐND tỉnh'
    return regex.compile(_B + r"(?:(?P<outlet>" + outlets + r")|(?P<pvout>" + pv + r")|(?P<bareout>" + bare + r")|"
                         + low_cell + r"|" + low_body + r"|" + low_unit + r"|" + low_tt
                         + r"|" + chainable + r")")


def _trigger_pattern(data: dict) -> regex.Pattern:
    """The first word of every head alternative, as written: a cheap literal scan that
    finds where the (large, slow to search) `head_re` may match."""
    phrases = (list(_nodoc(data["bodies"])) + list(_nodoc(data["heads"])) + list(data["abbreviations"])
               + data["task_heads"] + data["numbered_heads"] + list(_nodoc(data["field_heads"]))
               + list(_nodoc(data["named_heads"])) + list(_nodoc(data["inst_heads"])) + data["outlet_heads"]
               + data["pv_outlets"] + data["outlets"] + data["bare_outlets"]
               + ["chi", "huyện", "tỉnh", "thành", "quận", "thị", "công", "ủy", "thường", "Trường", "trường"])
    firsts = {_retone(p).split()[0] for p in phrases}
    return regex.compile(_B + r"(?:" + "|".join(regex.escape(w) for w in sorted(firsts, key=len, reverse=True)) + r")")


def _head_at(lx: _Lex, text: str, i: int):
    """`head_re` matched at offset i, tried only where a head's first word stands."""
    return lx.head_re.match(text, i) if lx.trigger_re.match(text, i) else None


def _qualifier_pattern(data: dict, chainable: str, cap_levels: str) -> regex.Pattern:
    """One qualifier right after a head; its named group says which (see `_QUALIFIERS`)."""
    term = (r"(?:[Kk]hóa|[Nn]hiệm" + _SP + r"kỳ)" + _SP
            + r"(?:\d{4}" + _OSP + r"[-–]" + _OSP + r"\d{2,4}|[IVXLC]+" + _E + r"|\d+" + _E + r")")
    khoi = (r"[Kk]hối" + _SP + r"(?:các" + _SP + r"cơ" + _SP + r"quan|" + _ABBR + r"|"
            + _CAP + r"(?:" + _SP + _LOW + r")?(?:" + _SP + _CAP + r"(?:" + _SP + _LOW + r")?)?)")
    units = _alt(data["unit_words"], regex.escape)
    alts = [
        r"(?P<cap>cấp" + _SP + r"(?:tỉnh|huyện|xã|cơ sở|trung ương|Trung ương|thành phố|quận|phường|thị xã|thị trấn))"
        + _E,
        r"(?P<vn>Việt" + _SP + r"Nam)" + _E,
        r"(?P<of>của)" + _SP + r"(?=" + _lex_alternation(data) + r")",
        r"(?P<num>(?:số" + _SP + r")?\d+)" + _E,
        r"(?P<natl>quốc" + _SP + r"gia)" + _E,
        r"(?P<topic>về" + _SP + r"(?:" + _alt(data["topics"], regex.escape) + _E + r"|" + _ABBR + r"))",
        r"(?P<khoi>" + khoi + r")" + _E,
        chainable,
        r"(?P<level>" + cap_levels + r")(?:" + _LSEP + r"(?P<lname>" + _CAPRUN + r"|\d{1,2}" + _E + r"))?" + _E
        + r"(?!" + _SP + r"(?:hội|ủy)" + _E + r")",                     # not 'xã hội', 'tỉnh ủy'
        r"(?P<lowq>(?:huyện|tỉnh|thành|quận|thị)" + _SP + r"ủy)" + _E + r"(?!" + _SP + r"viên" + _E + r")",
        r"(?P<unit>" + units + r")(?:" + _SP + r"(?P<uname>số" + _SP + r"\d+|\d+|" + _CAPRUN + r"))?" + _E,
        r"(?P<name>" + _CAPRUN + r")",
    ]
    return regex.compile(
        r"(?:(?P<paren>" + _OSP + r"\(" + _OSP + r"(?P<pabbr>" + _ABBR + r")" + _OSP + r"\))"
        + r"|(?P<term>" + _SP + r"(?:" + term + r"|\(" + _OSP + term + _OSP + r"\)))"
        + r"|" + _SP + r"(?:" + r"|".join(alts) + r"))")


# ---------------------------------------------------------------- helpers
_PREV_WORD = regex.compile(r"([\p{L}\p{M}\p{N}/:%]+)[^\S\n]*$")
_PREV2 = regex.compile(r"([\p{L}\p{M}\p{N}]+[^\S\n]+[\p{L}\p{M}\p{N}]+)[^\S\n]*$")
_SENT_START = regex.compile(r"(?:^|[.!?:;…“\"(\[–—-]|\n)[^\S\n]*$")


def _prev_words(text: str, start: int, n: int = 30) -> str:
    return text[max(0, start - n):start]


def _ends_with_word(before: str, words) -> bool:
    """True when `before` ends with one of `words` as whole words."""
    b = before.rstrip()
    for w in words:
        if b.endswith(w) and (len(b) == len(w) or not b[-len(w) - 1].isalnum()):
            return True
    return False


def _starts_with_word(after: str, words) -> bool:
    a = after.lstrip(" \t\xa0")
    for w in words:
        if a.startswith(w) and (len(a) == len(w) or not a[len(w)].isalnum()):
            return True
    return False


def _prefix_name(text: str, start: int, end: int, table: dict, max_syl: int = 5, ok=None):
    """Longest leading run of syllables of text[start:end] that is a key of `table`.

    `ok(value)` can veto a hit. Returns the end offset of that prefix, or None.
    """
    toks = list(regex.finditer(r"[^\s\-]+", text[start:end]))
    for k in range(min(len(toks), max_syl), 0, -1):
        e = start + toks[k - 1].end()
        v = table.get(_key(text[start:e]), _MISSING)
        if v is not _MISSING and (ok is None or ok(v)):
            return e
    return None


_MISSING = object()
_LOWER_TAIL = regex.compile(r"(?:[^\S\n]+\p{Ll}[\p{L}\p{M}]*){1,2}")


def _lower_tail(text: str, s: int, e: int, table: dict, ok=None):
    """A listed name typed with a lower-case syllable: 'tỉnh Yên bái', 'Thị ủy Điện bàn'."""
    m = _LOWER_TAIL.match(text, e)
    if not m:
        return None
    g = _prefix_name(text, s, m.end(), table, ok=ok)
    return g if g and g > e else None
_NUMBERED = frozenset({"ban chỉ đạo"})
# Surnames of most people: a two-syllable run starting with one is a person ('Nguyễn Bốn').
_TOP_SURNAMES = frozenset("Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ".split())
_COMPAT = {"tỉnh": {"tỉnh", "thành phố trung ương"}, "thành phố": {"thành phố", "thành phố trung ương"}}


def _generic_name(lx: _Lex, text: str, start: int, end: int):
    """End of a place name not in the gazetteer: no surname start, cut before a surname, <= 3 syllables."""
    toks = list(regex.finditer(r"[^\s\-]+", text[start:end]))
    if not toks:
        return None
    if toks[0].group() in lx.surnames:        # 'xã Ngô Đồng' yes; 'tỉnh Nguyễn Văn An', 'tỉnh Nguyễn Bốn' no
        ok = len(toks) == 2 and toks[0].group() not in _TOP_SURNAMES
        return start + toks[1].end() if ok else None
    keep = 1
    for t in toks[1:3]:
        if t.group() in lx.surnames:
            break
        keep += 1
    return start + toks[keep - 1].end()


# 'đi học Đại học Luật' is a degree, 'Đại học Huế' a body: these heads need a proper name.
_NEEDS_PROPER = frozenset({"đại học", "đh"})
_NAME_TOK = regex.compile(r"(?P<sep>[^\S\n]?[-–&][^\S\n]?|[^\S\n])"       # one space: two end a caption
                          r"(?P<w>[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}&'’.\-/]*)")
_VOWELS = "aăâeêioôơuưyàằầèềìòồờùừỳáắấéếíóốớúứýảẳẩẻểỉỏổởủửỷãẵẫẽễĩõỗỡũữỹạặậẹệịọộợụựỵ"
_ONE_SYLLABLE = regex.compile(r"[^" + _VOWELS + r"]*[" + _VOWELS + r"]+[^" + _VOWELS + r"]*")
_VIET_SYLLABLE = regex.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?[" + _VOWELS + r"]+"
                               r"(?:ng|nh|ch|[cmnpt])?")


def _inst_name_end(lx: _Lex, text: str, pos: int):
    """(end, closed) of a free institution name after 'Công ty', 'Bệnh viện', 'Đại học'…; end None if none.

    Descriptive words may be lower-case ('TNHH Giáo dục nghề nghiệp Nam Tây
    Nguyên'); once a proper name has been written (two capitalised words, a
    place, a foreign word) a lower-case word ends it ('Bệnh viện Thanh Nhàn
    quan tâm…'). Punctuation, a function word or a new body end it too.
    """
    t = lx.inst_type_re.match(text, pos)
    p = t.end() if t else pos
    toks = []                                  # (start, end, kind) with kind cap | abbr | num | low
    closed = False
    while len(toks) < 14:
        m = _NAME_TOK.match(text, p)
        if not m:
            break
        w, ws = m.group("w"), m.start("w")
        cut = regex.search(r"\.(?=\p{Lu}\p{Ll}|[^\p{L}\p{N}]|$)", w)   # 'Nhàn.Như', 'Huế.'
        if cut and w in ("TP.", "Tp.") and regex.match(r"[^\S\n]?\p{Lu}", text[ws + 3:ws + 5]):
            cut = None                         # '… Giao thông vận tải TP. Hồ Chí Minh'
        if cut:
            w = w[:cut.start()]
        if not w:
            break
        kind = _tok_kind(w)
        dash = m.group("sep").strip() in ("-", "–")
        if dash and (kind == "low" or _head_at(lx, text, ws)):
            break
        if kind == "low":
            if closed or w in ("nhiệm", "khóa", "khoá") or (w in lx.function_words and (w != "và" or not toks or toks[-1][2] != "low"
                                                      or not _and_continues(lx, text, ws + len(w)))):
                break
        elif toks and _head_at(lx, text, ws):
            break                              # a new body: 'Công ty X Bộ Xây dựng'
        elif closed and w in lx.surnames and regex.match(r"[^\S\n]\p{Lu}", text[ws + len(w):ws + len(w) + 2]):
            break                              # a person after the name: 'Giám đốc Bệnh viện X Đào Quang Minh'
        if kind == "num" and not regex.fullmatch(r"\d{1,3}[A-Z]?", w):
            break                              # years and dates end a name
        if kind == "cap" and (toks and toks[-1][2] == "cap" and not dash or _proper_word(lx, w)):
            closed = True
        if kind == "num" and toks:
            closed = True
        toks.append((ws, ws + len(w), kind))
        p = ws + len(w)
        if cut:
            break
    strong = [i for i, x in enumerate(toks) if x[2] != "low"]
    if not strong or (t is None and strong[0] > 3):
        return None, False
    i = strong[-1]
    if i + 1 < len(toks) and toks[i][2] == "cap" and not closed:
        return toks[i + 1][1], False           # 'Quản lý', 'Đa khoa': a capitalised two-syllable word
    return toks[i][1], closed


def _tok_kind(w: str) -> str:
    if w[:1].isdigit():
        return "num"
    if not w[:1].isupper():
        return "low"
    return "abbr" if sum(ch.isupper() for ch in w) >= 2 and not regex.search(r"\p{Ll}{2}", w) else "cap"


def _proper_word(lx: _Lex, w: str) -> bool:
    """A capitalised word that is a name on its own: a place ('Huế') or a foreign word ('Vinco', 'Graz')."""
    return (_key(w) in lx.bare_places or _key(w) in lx.places or _key(w) in lx.org_names
            or not (_VIET_SYLLABLE.fullmatch(w.lower()) and (len(w) == 1 or w[1:].islower())))


def _and_continues(lx: _Lex, text: str, i: int) -> bool:
    """'đầu tư và xây dựng' goes on; 'Công ty X và UBND xã' does not."""
    nxt = regex.match(r"[^\S\n]+([\p{L}\p{M}]+)", text[i:i + 30])
    if not nxt:
        return False
    return not _head_at(lx, text, i + nxt.start(1)) and nxt.group(1) not in lx.function_words


def _initials(s: str) -> str:
    return "".join(w[0] for w in s.split()).upper().replace("Đ", "D")


def _abbr_fits(abbr: str, head_text: str) -> bool:
    """'(BCH)' explains 'Ban Chấp hành': its letters are the initials of the words before it."""
    a = regex.sub(r"[^\p{L}]", "", abbr).upper().replace("Đ", "D")
    ini = _initials(head_text)
    return len(a) >= 2 and ini.endswith(a)


# ---------------------------------------------------------------- ORG
@dataclass
class _Cand:
    start: int
    end: int
    head_end: int
    kind: str | None = None
    bare: bool = False
    generic: bool = False
    committee: bool = False
    specific: bool = False     # a name, unit, 'Khối …' or field pins it down
    task: bool = False
    numbered: bool = False     # takes a bare number: 'Ban Chỉ đạo 896', 'Đoàn kiểm tra số 4'
    named: bool = False
    lower: bool = False        # a lower-case body ('huyện ủy'): an ORG only with its place name
    lowunit: bool = False      # 'công an huyện', 'ủy ban xã Tân Minh': needs its level (and a name below huyện)
    outlet: str | None = None  # 'bare' / 'pv' for an outlet named without 'báo'
    last_paren: int = -1       # start of a '(ABBR)' qualifier that nothing followed yet
    quals: int = 0


def _head_info(lx: _Lex, m) -> _Cand:
    """Flags of the head a match found: kind, may it stand bare, is it a committee…"""
    c = _Cand(m.start(), m.end(), m.end())
    g = m.groupdict()
    if g.get("outlet") or g.get("pvout") or g.get("bareout"):
        c.kind, c.bare, c.specific = "other", True, True
        if not g.get("outlet"):
            c.named, c.outlet = True, "bare" if g.get("bareout") else "pv"
    elif g.get("lowunit"):
        c.kind, c.lowunit = "state", True
    elif g.get("lowtt"):
        c.kind = None
    elif g.get("inst"):
        c.kind = "other"
        e, closed = _inst_name_end(lx, m.string, m.end())
        if e is not None and (closed or g.get("school") or _key(g["inst"]) not in _NEEDS_PROPER):
            c.end = c.head_end = e
            c.bare = c.specific = True
        elif g.get("school") and g["school"][0].isupper():   # 'Trường THPT', 'Trường Chính trị tỉnh'
            c.bare = c.specific = True
        else:
            f = lx.fhead_re.match(m.string, m.start())       # 'Học viện Ngoại giao'
            if f:
                c.end = c.head_end = f.end()
                c.bare = c.specific = True
    elif g.get("cell"):
        c.kind, c.generic = "party", True
    elif g.get("lowbody"):
        c.kind, c.lower = "party", True
    elif g.get("lex"):
        e = lx.entries[_key(g["lex"])]
        c.kind, c.bare, c.generic, c.committee = e.kind, e.bare, e.generic, e.committee
        c.task = e.role == "task"
        c.numbered = c.task or e.role == "numbered" or _key(g["lex"]) in _NUMBERED
        f = lx.fhead_re.match(m.string, m.start())
        if f and f.end() > m.end():              # 'Ban Chỉ đạo Đổi mới và Phát triển doanh nghiệp'
            c.end = c.head_end = f.end()
            c.bare = c.specific = True
            c.kind = c.kind or lx.field_heads.get(_key(f.group("fhead")))
    elif g.get("named"):
        c.kind, c.bare, c.specific = "other", True, True
    else:
        fh = _key(m.group("fhead"))
        fk = _key(m.group("field"))
        c.kind = getattr(lx.entries.get(fk), "kind", None) or lx.field_heads.get(fh)
        if fh in ("ban", "ủy ban"):
            c.kind = "party" if any(fk.startswith(p) for p in lx.party_fields) else "state"
        e = lx.entries.get(_key(m.group(0)))
        if e is not None:          # a fixed head that the field pattern also reads
            c.committee, c.generic = e.committee, e.generic
            c.bare = e.bare
        else:
            c.bare, c.specific = True, True
    return c


def _extend(lx: _Lex, text: str, c: _Cand) -> None:
    """Append the qualifiers written right after a head: 'BCH' + ' Đảng bộ' + ' tỉnh' + ' khóa XIX'.

    Each qualifier kind has a small rule (`_QUALIFIERS`); a rule returns the new
    end of the span, or None to stop before that qualifier.
    """
    pos = c.end
    while True:
        q = lx.qual_re.match(text, pos)
        if not q:
            break
        kind = next(k for k in _QUAL_ORDER if q.group(k) is not None)
        if c.named and kind not in ("paren", "term", "vn"):
            break                                  # nothing chains after a place name
        if kind == "of":                           # 'Tổ công tác' + 'của' + body
            if not c.task:
                break
            pos = q.end("of")
            continue
        new = _QUALIFIERS[kind](lx, text, c, q)
        if new is None:
            break
        c.quals += kind != "term"              # a term alone does not pin a body down: 'Hội đồng nhiệm kỳ…'
        c.last_paren = q.start() if kind == "paren" else -1
        c.end = pos = new
    if c.last_paren >= 0:                      # 'Ủy ban Thường vụ Quốc hội (UBTVQH)': the alias is its own ORG
        c.end, c.quals, c.last_paren = c.last_paren, c.quals - 1, -1


def _q_paren(lx, text, c, q):
    return q.end() if _abbr_fits(q.group("pabbr"), text[c.start:q.start()]) else None


def _q_term(lx, text, c, q):
    return q.end() if c.committee else None


def _q_num(lx, text, c, q):
    if not (c.numbered or (c.generic and q.group("num").startswith("số"))):
        return None
    c.specific = True
    return q.end()


def _q_natl(lx, text, c, q):
    if c.quals or not (c.numbered or _key(text[c.start:c.head_end]).startswith("hội đồng")):
        return None
    return q.end()


def _q_head(lx, text, c, q):
    """A chained body or unit: 'Ban Thường vụ' + 'Huyện ủy', 'Thanh tra' + 'Bộ Y tế'."""
    at = next(q.start(k) for k in ("lex", "inst", "fhead", "named") if q.group(k) is not None)
    h = lx.head_re.match(text, at)
    if h is None or h.group("outlet") or h.group("pvout") or h.group("bareout"):
        return None
    sub = _head_info(lx, h)
    if sub.task or (h.group("inst") and not sub.bare):
        return None
    if h.group("inst"):                          # 'Hội đồng' + 'Đại học Huế'
        c.bare = c.specific = True
        return sub.end
    c.committee |= sub.committee
    if _key(text[c.start:c.head_end]) in _NEUTRAL_HEADS:   # 'Văn phòng Huyện ủy' is a Party office
        c.kind = sub.kind or c.kind
    else:
        c.kind = c.kind or sub.kind
    c.bare = c.bare or sub.bare
    c.specific |= sub.specific and not q.group("lex")
    c.numbered |= sub.numbered and not sub.task            # 'Bộ Tư lệnh Quân khu 4'
    return max(h.end(), sub.end)                           # 'Thanh tra' + 'Sở Xây dựng'


def _q_level(lx, text, c, q):
    """'huyện', 'thị trấn Ngô Đồng', 'TP.Đông Hà', 'quận 1'."""
    c.bare = True
    lv = q.group("level")
    if q.group("lname") is not None:
        e = _level_name_end(lx, text, q.start("lname"), q.end("lname"), lv)
        if e is not None:
            c.specific = c.named = True
            return e
    if lv.endswith("."):                         # 'UBND TP.' at a sentence end: the level without its dot
        return q.start("level") + 2 if lv in ("TP.", "Tp.") else None
    return q.end("level")


def _q_unit(lx, text, c, q):
    """'tổ dân phố số 2', 'thôn Đông Hội', 'khoa Sản'."""
    name = q.group("uname")
    if name is None and q.group("unit") not in ("tổ dân phố", "khu dân cư", "khu phố", "thôn", "ấp"):
        return None
    c.specific = c.bare = True
    if name is not None and not name[0].isdigit() and not name.startswith("số"):
        e = _generic_name(lx, text, q.start("uname"), q.end("uname"))
        return e if e else q.end("unit")
    return q.end()


def _q_name(lx, text, c, q):
    """A province or district name right after a body: 'Huyện ủy Thường Tín', 'Quốc hội Lào'."""
    s, e = q.start("name"), q.end("name")
    end = (_prefix_name(text, s, e, lx.org_names) or _prefix_name(text, s, e, lx.places)
           or _lower_tail(text, s, e, lx.org_names))
    if end is not None:
        c.named = c.specific = c.bare = True
    return end


def _q_plain(lx, text, c, q):
    c.bare = True
    if q.group("khoi") is not None:
        c.specific = True
    return q.end()


def _q_topic(lx, text, c, q):
    """'Ban Chỉ đạo Trung ương về phòng, chống tham nhũng', 'Ủy ban Quốc gia về biến đổi khí hậu'."""
    return q.end() if _key(text[c.start:c.head_end]).startswith(_TOPIC_HEADS) else None


_TOPIC_HEADS = ("ban chỉ đạo", "ủy ban", "hội đồng", "bcđ")
_QUAL_ORDER = ("paren", "term", "cap", "vn", "of", "num", "natl", "topic", "khoi", "lex", "inst", "named", "fhead",
               "level", "lowq", "unit", "name")
_QUALIFIERS = {"paren": _q_paren, "term": _q_term, "num": _q_num, "natl": _q_natl, "lex": _q_head,
               "inst": _q_head, "named": _q_head, "fhead": _q_head, "level": _q_level, "unit": _q_unit,
               "name": _q_name, "topic": _q_topic, "cap": _q_plain, "vn": _q_plain, "khoi": _q_plain,
               "lowq": _q_plain}
_NEUTRAL_HEADS = frozenset({"trung ương", "t.ư", "thường trực", "văn phòng"})


_ORDINAL_WORDS = frozenset({"thứ", "lần", "số", "khóa", "năm", "ngày", "tháng", "điều", "khoản", "kỳ", "đợt"})


def _is_class(lx: _Lex, text: str, c: _Cand, prev_class_end: int) -> bool:
    """Class or set-phrase uses: 'các Đảng bộ', 'Bí thư Đảng ủy ở 5 xã', '04 Đảng ủy xã'."""
    before = _prev_words(text, c.start)
    after = text[c.end:c.end + 20]
    pw = _PREV_WORD.search(before)
    prev = pw.group(1) if pw else ""
    if _counted(lx, before, prev, pw):
        return True
    if before.endswith("/") or regex.match(r"[-/]\p{Lu}", after):
        return True                                               # inside a code: '2502/UBND-THKH'
    if prev_class_end >= 0 and (c.generic or not c.bare) \
            and regex.fullmatch(r"[^\S\n]*(?:,|và|hoặc)[^\S\n]*", text[prev_class_end:c.start]):
        return True                                               # 'các Đảng ủy, Đảng bộ'
    if not c.specific and _starts_with_word(after, lx.class_after):
        return True                                               # 'Đảng ủy các xã', 'Đảng ủy viên'
    if c.generic and not c.specific and _generic_class(lx, before, after, prev):
        return True
    return _set_phrase(lx, text, c, before, after, prev)


def _counted(lx: _Lex, before: str, prev: str, pw) -> bool:
    """'các Đảng bộ', 'một số Huyện ủy', '41 Đảng bộ' — but not 'lần thứ 5 Ban Chấp hành'."""
    p2 = _PREV2.search(before)
    if prev in lx.class_before or (p2 and p2.group(1) in lx.class_before):
        return True
    if regex.fullmatch(r"\d+(?:[.,]\d+)*", prev):              # not '2025được' (glued by the scraper)
        p3 = _PREV_WORD.search(before[:pw.start(1)])
        return not (p3 and p3.group(1).lower() in _ORDINAL_WORDS)
    return False


def _generic_class(lx: _Lex, before: str, after: str, prev: str) -> bool:
    """A body every unit has, named by a position or a relation: 'Bí thư Đảng ủy', 'chi bộ trực thuộc Đảng ủy'."""
    if _ends_with_word(before, lx.title_words) or prev in ("thuộc", "trực"):
        return True
    return bool(regex.match(r"[^\S\n]+(?:ở|tại)[^\S\n]+(?:\d|các|một|những)", after))


def _set_phrase(lx: _Lex, text: str, c: _Cand, before: str, after: str, prev: str) -> bool:
    """'Trung ương 4', 'ngân sách Trung ương', 'từ Trung ương đến địa phương', 'Chính phủ điện tử'."""
    if c.quals:
        return False
    head = _key(text[c.start:c.head_end])
    if head in ("trung ương", "trung ương đảng", "t.ư"):
        if regex.match(r"[^\S\n]*\d", after) or \
                regex.match(r"[^\S\n]+(?:và|đến|tới)[^\S\n]+(?:địa phương|cơ sở)", after):
            return True
        p2 = _PREV2.search(before)
        if p2 and " ".join(p2.group(1).split()) in lx.tu_before:
            return False                           # 'đề nghị Trung ương dành thời gian…'
        return bool(prev) and prev not in lx.tu_before and not _is_sentence_start(text, c.start)
    if head == "sở":                           # 'Sở dĩ', 'lãnh đạo Sở, ngành', 'phường Sở Dầu': not one department
        return bool(regex.match(r"[^\S\n]*(?:,[^\S\n]*)?(?:[Bb]an|[Nn]gành|dĩ|hữu|thích|trường|tại)(?![\p{L}])"
                                r"|[^\S\n]+\p{Lu}", after))
    return head == "chính phủ" and bool(regex.match(r"[^\S\n]+(?:điện tử|số)(?![\p{L}])", after))


def _expansion(lx: _Lex, s: str) -> str | None:
    if not lx.abbr_tok_re.search(s):
        return None
    s = regex.sub(r"[^\S\n]*\([^)]*\)", "", s) if regex.search(r"\(\p{Lu}+\)", s) else s
    return lx.abbr_tok_re.sub(lambda m: lx.abbr[m.group()], s)


def _inside_place(lx: _Lex, t: str, i: int) -> bool:
    """True when the capitalised word before offset i and the words from i form a place name."""
    if not _after_cap_word(t, i):
        return False
    pw = _PREV_WORD.search(t[max(0, i - 25):i])
    nxt = regex.match(r"\S+(?:[^\S\n]+\S+)?", t[i:i + 30])
    words = [pw.group(1)] + (nxt.group().split() if nxt else [])
    return any(_key(" ".join(words[:n])) in lx.bare_places for n in (2, 3))


def find_org(text: str, _norm: str | None = None) -> list[Span]:
    """ORG spans of `text`, e.g. 'Ban Chấp hành (BCH) Đảng bộ thành phố Đông Hà'."""
    lx = _lex()
    t = _norm if _norm is not None else _retone(text)
    out: list[Span] = []
    heads: list[str] = []                  # the head words of each span, for `_merge_dashed`
    pos, prev_class_end = 0, -1
    while True:
        tr = lx.trigger_re.search(t, pos)
        if not tr:
            break
        m = lx.head_re.match(t, tr.start())
        if not m:
            pos = tr.end()
            continue
        if _inside_place(lx, t, m.start()):
            pos = m.end()                          # 'Tây Ban Nha' is a country, not 'Ban Nha…'
            continue
        c = _head_info(lx, m)
        if c.outlet == "bare" and _not_outlet(lx, t, m.start(), m.end()):
            pos = m.end()
            continue
        if m.group("outlet") and regex.search(r"(?<=\s)\p{Lu}[\p{L}\p{M}]*$", m.group("outlet")) \
                and regex.match(r"[^\S\n]+\p{Ll}", t[m.end():m.end() + 3]) and len(m.group("outlet").split()) <= 2:
            pos = m.end()                          # 'báo điện tử Chính phủ' cut short: an unlisted name
            continue
        _extend(lx, t, c)
        head_key = _key(m.group(0))
        if head_key in ("thường trực", "thường vụ") and \
                _ends_with_word(_prev_words(t, c.start), lx.title_words + ("Phó Bí thư", "Ủy viên", "ủy viên")):
            pos = c.head_end                     # 'Phó Bí thư Thường trực Huyện ủy': a title word
            continue
        if _is_class(lx, t, c, prev_class_end):
            prev_class_end = c.end
            pos = c.end
            continue
        if not (c.bare or c.quals) or (c.lower and not c.named) or (c.lowunit and not _unit_ok(t, c)):
            pos = c.head_end
            continue
        surf = text[c.start:c.end]
        out.append(Span("ORG", c.start, c.end, {"kind": c.kind, "expansion": _expansion(lx, surf)}))
        heads.append(_key(t[c.start:c.end]))
        pos = c.end
        a = _alias(lx, t, c.start, c.end)
        if a is not None:
            out.append(Span("ORG", a.start(1), a.end(1), {"kind": c.kind, "expansion": None}))
            heads.append("")
            pos = a.end()
    return _merge_dashed(lx, text, t, out, heads)


_ALIAS_RE = regex.compile(r"[^\S\n]*\([^\S\n]*(\p{Lu}[\p{L}\p{M}\p{N}&.\-]*[\p{L}\p{M}\p{N}](?:[^\S\n]\d{1,3})?)"
                          r"[^\S\n]*\)")


def _alias(lx: _Lex, t: str, start: int, end: int):
    """'Công ty … Hà Nội (Urenco)': an alias in brackets right after a body is its own ORG; not a place ('(Mỹ)')."""
    a = _ALIAS_RE.match(t, end)
    if a is None or a.group(1) in lx.abbr:
        return None                            # a listed abbreviation is found as a head anyway
    letters = regex.sub(r"[^\p{L}]", "", a.group(1)).upper().replace("Đ", "D")
    ini = _initials(regex.sub(r"[^\p{L}\p{M}\s]", " ", t[start:end]))
    if len(letters) < len(ini) and ini.endswith(letters):
        return None                            # '… về phòng chống thiên tai (PCTT)' shortens the topic, not the body
    k = _key(a.group(1))
    if k in lx.gaz or k in lx.places or k in lx.bare_places or regex.fullmatch(r"\p{Lu}\p{Ll}*", a.group(1)) \
            and _ONE_SYLLABLE.fullmatch(k) and len(k) <= 4:
        return None
    return a


def _not_outlet(lx: _Lex, t: str, s: int, e: int) -> bool:
    """A bare outlet name used otherwise: 'đường Thanh Niên', 'Nhựa Thiếu niên Tiền Phong', 'Dân trí là…'."""
    before = _prev_words(t, s)
    if _after_cap_word(t, s) or regex.search(r"(?:[-–]|\b(?:đường|phố))[^\S\n]*$", before):
        return True
    return _is_sentence_start(t, s) and bool(regex.match(r"[^\S\n]+(?:là|có|của|và|được|cao|thấp)(?![\p{L}])",
                                                         t[e:e + 8]))


def _unit_ok(t: str, c: _Cand) -> bool:
    """'công an huyện', 'ủy ban xã Tân Minh'; not 'công an xã' as a force, 'công an xã, phường, thị trấn'."""
    if not c.quals or regex.match(r"[^\S\n]*,[^\S\n]*(?:xã|phường|thị trấn|huyện|quận|tỉnh)(?![\p{L}])", t[c.end:c.end + 15]):
        return False
    if regex.search(r"(?:lực lượng|các|những|bố trí|xây dựng)[^\S\n]*$", _prev_words(t, c.start)):
        return False
    lv = regex.match(r"[^\S\n]+(\S+(?:[^\S\n]+(?:xã|trấn|phố))?)", t[c.head_end:c.head_end + 20])
    if c.named or t[c.start] in "ủu":         # 'ủy ban phường' is that ward's People's Committee
        return True
    return lv is not None and lv.group(1) in ("tỉnh", "huyện", "quận", "thành phố", "thị xã")


def _starts_with_key(k: str, keys: frozenset) -> bool:
    w = k.split()
    return any(" ".join(w[:n]) in keys for n in range(1, min(len(w), 6) + 1))


def _merge_dashed(lx: _Lex, text: str, t: str, out: list, heads: list) -> list:
    """'Cục Chống tham nhũng - Thanh tra Chính phủ': a department dashed to its parent is one ORG (rulings)."""
    res, hs = [], []
    for s, h in zip(out, heads):
        if res and hs[-1] and h and hs[-1].split()[0] != h.split()[0] \
                and regex.fullmatch(r"[^\S\n]*[-–][^\S\n]*", t[res[-1].end:s.start]) \
                and _starts_with_key(hs[-1], lx.subunits) and _starts_with_key(h, lx.parents):
            prev = res[-1]
            res[-1] = Span("ORG", prev.start, s.end, {"kind": prev.attrs["kind"],
                                                      "expansion": _expansion(lx, text[prev.start:s.end])})
            hs[-1] = h
            continue
        res.append(s)
        hs.append(h)
    return res


# ---------------------------------------------------------------- LOC
def _level_name_end(lx: _Lex, text: str, s: int, e: int, level: str):
    """End of the place name after a level word.

    A gazetteer name of that level first ('thị trấn Thanh Nê' must not stop at a
    commune called 'Thanh'), then the whole run in the gazetteer or the place
    list, then a plausible capitalised run ('xã Ngô Đồng', renamed since).
    """
    lv = lx.levels.get(level, lx.levels.get(level.lower(), level.lower()))
    if not text[s].isupper():                  # 'quận 1', 'phường số 3'
        return e if lv in ("quận", "phường") else None
    ok = _COMPAT.get(lv, {lv})
    num = regex.match(r"[^\S\n]\d{1,2}(?![\p{L}\p{N}])", text[e:e + 4])   # 'phường Mỹ Đình 1'
    g = (_prefix_name(text, s, e + (num.end() if num else 0), lx.gaz, ok=lambda rows: any(r[1] in ok for r in rows))
         or _lower_tail(text, s, e, lx.gaz, ok=lambda rows: any(r[1] in ok for r in rows)))   # 'tỉnh Lào cai'
    if g:
        return g
    if _key(text[s:e]) in lx.gaz or _key(text[s:e]) in lx.places:
        return e
    g = _prefix_name(text, s, e, lx.places)
    nxt = regex.match(r"[^\S\n]+(\p{Lu}[\p{L}\p{M}]*)", text[g:g + 12]) if g else None
    if g and not (nxt and nxt.group(1) in lx.surnames):
        g = None                               # 'xã Đức Yên' is not Germany; 'tỉnh Hà Nam Nguyễn…' keeps 'Hà Nam'
    if g or level.endswith("."):               # 'TP. Do đó…' is a sentence end, not a city; 'TP.HCM' is
        a = regex.match(r"\p{Lu}{2,4}(?![\p{L}\p{M}])", text[s:e]) if lv == "thành phố" else None
        return g or (s + a.end() if a else None)   # 'TP.HCM', not 'P.CT' (Phó Chủ tịch)
    g = _generic_name(lx, text, s, e)
    if g and " " not in text[s:g] and not text[s:g].isupper():   # 'thành phố Đại học': part of a common word
        nxt = regex.match(r"[^\S\n]+(\p{Ll}+)", text[g:g + 12])
        if nxt and nxt.group(1) not in lx.function_words:
            return None
    return g


def _province(lx: _Lex, name: str, level: str | None) -> str | None:
    k = _key(name)
    if level is None:
        if k in lx.places:
            return lx.places[k]
        return lx.bare_places.get(k)
    lv = lx.levels.get(level, lx.levels.get(level.lower(), level.lower()))
    ok = {"thành phố", "thành phố trung ương"} if lv == "thành phố" else {lv}
    rows = [r for r in lx.gaz.get(k, []) if r[1] in ok]
    provs = {r[2] for r in rows}
    if len(provs) == 1:
        return provs.pop()
    if k in lx.places:
        return lx.places[k]
    return None


def _bad_context(lx: _Lex, text: str, start: int, end: int) -> bool:
    """Person-name readings of a bare place: 'ông Thanh Hà', 'Ảnh: Thanh Hà', a byline line."""
    before = _prev_words(text, start, 20)
    if _ends_with_word(before, lx.honorifics):
        return True
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", end)
    le = len(text) if le < 0 else le
    if text[ls:le].strip(" \t\xa0-–*.") == text[start:end]:
        return True
    return not text[end:].strip() and _is_sentence_start(text, start)   # a byline closing the article


def _overlaps(spans, s: int, e: int) -> bool:
    return any(s < x.end and x.start < e for x in spans)


def find_loc(text: str, _norm: str | None = None) -> list[Span]:
    """LOC spans: 'huyện Thường Tín', 'Thành phố Đông Hà', 'Hà Nội', 'Châu Phi'.

    Three passes, each skipping what an earlier one found: a level word and its
    name, listed places with odd shapes ('TP.HCM', 'châu Phi'), then bare names
    looked up per capitalised run.
    """
    lx = _lex()
    t = _norm if _norm is not None else _retone(text)
    out: list[Span] = []
    _road_pass(lx, t, out)
    _level_pass(lx, t, out)
    _state_pass(lx, t, out)
    _place_pass(lx, t, out)
    _run_pass(lx, t, out)
    _address_pass(lx, t, out)
    out.sort(key=lambda s: s.start)
    return out


def _road_pass(lx: _Lex, t: str, out: list) -> None:
    """Roads and streets with their type word (rulings): 'đường Lê Văn Hiến', 'quốc lộ 14', 'ngõ 83 đường Dục Nội'."""
    for m in lx.road_re.finditer(t):
        if m.group("road"):
            s, e = m.start("rname"), m.end("rname")
            nxt = regex.match(r"[^\S\n]+(\p{Ll}+)", t[e:e + 12])
            if " " not in t[s:e] and nxt and nxt.group(1) not in lx.function_words:
                continue                          # 'đường Vành đai': one syllable of a longer common name
            if m.group("road")[0].isupper() and _after_cap_word(t, m.start("road")):
                continue                          # 'Nguyễn Văn Đường Hà …'
            level = m.group("road").lower()
        else:
            e = m.end()
            level = _key(m.group("route"))
        out.append(Span("LOC", m.start(), e, {"level": {"ql": "quốc lộ"}.get(level, level), "province": None}))


_ADDR_BEFORE = regex.compile(r"(?<![\p{L}\p{M}\p{N}'’])(" + _CAPRUN + r")[^\S\n]*,[^\S\n]*$")


def _address_pass(lx: _Lex, t: str, out: list) -> None:
    """A commune written bare before its district in an address: 'Quỳnh Thanh, Quỳnh Lưu, Nghệ An'."""
    for x in list(out):
        if x.attrs["level"] is not None or not x.attrs["province"]:
            continue
        k = _key(t[x.start:x.end])
        if not any(r[1] in ("huyện", "quận", "thị xã", "thành phố") for r in lx.gaz.get(k, ())):
            continue
        m = _ADDR_BEFORE.search(t[max(0, x.start - 40):x.start])
        if not m:
            continue
        s = max(0, x.start - 40) + m.start(1)
        e = s + len(m.group(1))
        rows = lx.gaz.get(_key(t[s:e]), ())
        if any(r[1] in ("xã", "phường", "thị trấn") and r[2] == x.attrs["province"] for r in rows) \
                and not _overlaps(out, s, e) and not _bad_context(lx, t, s, e) and not _after_cap_word(t, s):
            out.append(Span("LOC", s, e, {"level": None, "province": x.attrs["province"]}))


def _state_pass(lx: _Lex, t: str, out: list) -> None:
    """A country with its state word: 'Cộng hòa Áo', 'Cộng hòa Dân chủ Nhân dân Lào', 'Liên bang Nga'."""
    for m in lx.state_re.finditer(t):
        e = _prefix_name(t, m.start("name"), m.end("name"), lx.places, ok=lambda v: v is None)
        if e is not None and not _overlaps(out, m.start(), e):
            out.append(Span("LOC", m.start(), e, {"level": None, "province": None}))


def _level_pass(lx: _Lex, t: str, out: list) -> None:
    pos = 0
    while True:
        m = lx.level_re.search(t, pos)
        if not m:
            return
        lv = m.group("level")
        if lv[:1].isupper() and lv.lower() in lx.geo_levels:
            lv = lv.lower()
        geo = lv in lx.geo_levels
        ns = m.start("name")
        e = (_geo_name_end if geo else _level_name_end)(lx, t, ns, m.end("name"), lv)
        if e is None or _overlaps(out, m.start(), e):
            pos = m.end("level")
            continue
        level = _GEO_LEVEL.get(lv) or lx.levels.get(lv, lx.levels.get(lv.lower(), lv.lower()))
        k = _key(t[ns:e])
        if not geo and lx.places.get(k, 0) is None and k not in lx.gaz:
            if level in ("tỉnh", "huyện", "thành phố"):  # '5 tỉnh Tây Nguyên'; not 'Hợp tác xã Việt Nam'
                out.append(Span("LOC", ns, e, {"level": None, "province": None}))
            pos = e
            continue
        out.append(Span("LOC", m.start(), e, {"level": level, "province": _province(lx, t[ns:e], lv)}))
        pos = e if geo else _coordinated(lx, t, e, level, out[-1].attrs["province"], out)


_GEO_LEVEL = {"TDP": "tổ dân phố", "Tổ dân phố": "tổ dân phố", "Bon": "bon"}
_COORD = regex.compile(r"(?:[^\S\n]*,[^\S\n]*(?:và[^\S\n]+)?|[^\S\n]+(?:và|hoặc)[^\S\n]+)(?P<name>" + _CAPRUN + r")" + _E)


def _coordinated(lx: _Lex, t: str, e: int, level: str, prov: str | None, out: list) -> int:
    """Names sharing one level word: 'các xã Đạo Nghĩa và Đắk Sin', 'tỉnh Quảng Nam, Quảng Ngãi'.

    Only gazetteer names of that level (and of the same province below the
    province level) are taken, so 'huyện Krông Nô, Đắk Nông' adds nothing here.
    """
    ok = _COMPAT.get(level, {level})
    top = level in ("tỉnh", "thành phố trung ương")
    while True:
        m = _COORD.match(t, e)
        if not m:
            return e
        s = m.start("name")
        g = _prefix_name(t, s, m.end("name"), lx.gaz, ok=lambda rows: any(
            r[1] in ok and (top or prov is None or r[2] == prov) for r in rows))
        if not g or _bad_context(lx, t, s, g):
            return e
        out.append(Span("LOC", s, g, {"level": level, "province": _province(lx, t[s:g], level)}))
        e = g


def _geo_name_end(lx: _Lex, t: str, s: int, e: int, lv: str):
    """'sông Hồng', 'thôn Hoành', 'miền Nam' (of 'miền Nam Việt Nam'); not 'cửa khẩu Sân' (bay)."""
    if not t[s].isupper():                     # 'thôn 2', 'TDP 3', 'tổ dân phố số 5' (rulings)
        return e if _key(lv) in lx.subcommune else None
    end = _generic_name(lx, t, s, e)
    if end and " " not in t[s:end] and lv not in _ONE_SYLLABLE_GEO:
        return None
    if end and lv in ("miền", "vùng"):
        d = regex.match(r"(?:Đông|Tây|Nam|Bắc|Trung)(?:[^\S\n]+(?:Bắc|Nam|Trung|Bộ))*(?![\p{L}])", t[s:end])
        return s + d.end() if d else (end if _key(t[s:end]) in lx.places else None)
    return end


def _place_pass(lx: _Lex, t: str, out: list) -> None:
    for m in lx.place_re.finditer(t):
        if _overlaps(out, m.start(), m.end()) or _bad_context(lx, t, m.start(), m.end()):
            continue
        if _after_cap_word(t, m.start()):
            continue                              # part of a longer name: 'Nguyễn Việt Nam'
        out.append(Span("LOC", m.start(), m.end(), {"level": None, "province": lx.places.get(_key(m.group()))}))


def _run_pass(lx: _Lex, t: str, out: list) -> None:
    for m in lx.run_re.finditer(t):
        rs = m.start()
        for x in out:                             # 'miền Nam Việt Nam': look past 'miền Nam'
            if rs < x.end < m.end() and x.start < m.end():
                tail = regex.search(r"\p{Lu}", t[x.end:m.end()])
                rs = x.end + tail.start() if tail else m.end()
        if rs >= m.end():
            continue
        for s, e in _run_names(lx, t, rs, m.end()):
            if _overlaps(out, s, e) or _bad_context(lx, t, s, e):
                continue
            pw = regex.search(r"(\p{Lu}[\p{L}\p{M}]*)\s*$", t[max(0, s - 20):s])
            if pw and pw.group(1) in lx.surnames:
                continue                          # 'Phan⏎Thanh Bình' is a person
            out.append(Span("LOC", s, e, {"level": None, "province": _province(lx, t[s:e], None)}))


_ONE_SYLLABLE_GEO = frozenset({"sông", "núi", "hồ", "đảo", "thôn", "ấp", "xóm", "buôn", "bon", "miền", "vùng", "đèo"})


def _is_sentence_start(text: str, i: int) -> bool:
    return bool(_SENT_START.search(text[max(0, i - 20):i]))


def _after_cap_word(text: str, i: int) -> bool:
    """True when a capitalised word that does not open a sentence stands right before offset i."""
    pw = _PREV_WORD.search(text[max(0, i - 25):i])
    if not pw or not pw.group(1)[:1].isupper():
        return False
    return not _is_sentence_start(text, max(0, i - 25) + pw.start(1))


def _run_names(lx: _Lex, t: str, s: int, e: int):
    """Place names in one capitalised run: 'Việt Nam - Lào' gives two, 'Nguyễn Thanh Bình' none."""
    opens = _is_sentence_start(t, s)
    if opens and " " in t[s:e] and _key(t[s:e]) not in lx.bare_places:   # 'Tại Thừa Thiên - Huế'
        s2 = s + t[s:e].index(" ") + 1
        if " " in t[s2:e] and _key(t[s2:e]) in lx.bare_places:
            return [(s2, e)]
    parts = list(regex.finditer(r"[^\s\-][^-]*?(?=[^\S\n]*-[^\S\n]*|$)", t[s:e]))
    if len(parts) == 1 or _key(t[s:e]) in lx.bare_places:
        hit = _run_place(lx, t, s, e, opens=opens)
        return [hit] if hit else []
    res = []
    for i, p in enumerate(parts):
        hit = _run_place(lx, t, s + p.start(), s + p.end(), opens=i == 0 and opens)
        if hit:
            res.append(hit)
    return res


def _run_place(lx: _Lex, t: str, s: int, e: int, opens: bool):
    """The place a run is, or starts with.

    Whole run: 'Hà Nội'. After a sentence-initial word: 'Tại Hà Nội'. Before a
    person's name: 'Thủ tướng Nhật Bản Shinzo Abe', 'Bí thư Hà Nội Hoàng Trung Hải'.
    """
    run = t[s:e]
    k = _key(run)
    if k in lx.bare_places:
        if len(k.split()) == 1:
            nxt = regex.match(r"[^\S\n]+(\p{Ll}+)", t[e:e + 12])
            if nxt and (opens or nxt.group(1) in lx.compound_tails):
                return None                       # 'Pháp lệnh', 'Mỹ thuật', sentence-initial 'Nga có…'
        return (s, e)
    toks = list(regex.finditer(r"\S+", run))
    if len(toks) < 2:
        return None
    if opens:
        s2 = s + toks[1].start()
        if len(toks) >= 3 and _key(t[s2:e]) in lx.bare_places:
            return (s2, e)
    for n in range(min(len(toks) - 1, 4), 0, -1):
        pe = s + toks[n - 1].end()
        pk = _key(t[s:pe])
        if pk not in lx.bare_places or (n == 1 and pk not in lx.places):
            continue
        rest = [x.group() for x in toks[n:]]
        if rest[0] in lx.surnames or (pk in lx.places and len(rest) >= 2):
            return (s, pe)
    for n in range(1, len(toks) - 1):            # 'Nhà Vua Tây Ban Nha': a listed country at the end
        ps = s + toks[n].start()
        if _key(t[ps:e]) in lx.places and toks[n - 1].group() not in lx.surnames:
            return (ps, e)
    return None


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
