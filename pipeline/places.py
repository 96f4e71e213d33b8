"""LOC reading for the units family: places, roads and the divisions they belong to.

Why a module of its own: places are found in their own passes (a level word
and its name: "huyện Thường Tín", "thôn 2"; roads with their type word:
"đường Lê Văn Hiến", "quốc lộ 14"; a country with its state word: "Cộng hòa
Áo"; listed odd shapes: "TP.HCM", "châu Phi"; then bare names per
capitalised run: "Hà Nội") against the gazetteer (pre-2025 divisions, see
scripts/build_gazetteer.py) and the place list of ``units.json``. The
place-name lookups and context tests here are also what ``bodies`` uses to
read the place that ends a body's name ("Huyện ủy Thường Tín").
"""
from __future__ import annotations

import regex

from .spans import Span
from .units_lexicon import _CAPRUN, _E, _key, _Lex, _lex, _retone

# ---------------------------------------------------------------- helpers (shared with ORG)
_PREV_WORD = regex.compile(r"([\p{L}\p{M}\p{N}/:%]+)[^\S\n]*$")
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
