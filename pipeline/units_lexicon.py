"""The compiled lexicon of the units family (ORG, LOC), built once per process.

Why a module of its own: one lexicon (``pipeline/data/units.json`` plus
``gazetteer.tsv``) feeds both readers, and its patterns are woven together:
a body's qualifier may be a level and a place ("UBND xã Tân Minh"), a field
stops at any head word ("Bộ Quốc phòng và Chủ nhiệm …"), the place pass
needs the same gazetteer index the ORG pass uses to name a body. Building
it here, once, keeps ``bodies`` (ORG) and ``places`` (LOC) pure matchers
over one ``_lex()``. The text shapes (syllable, capitalised run, word
boundaries), the same-length tone rewrite ("Huyện uỷ" -> "Huyện ủy") and the
lookup key (case, spaces, "Đăk" -> "đắk") live here because every pattern
and every lookup uses them.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from .resources import check_keys, load_json, load_lines

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
