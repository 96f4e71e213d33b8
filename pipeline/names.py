"""PER reading for the officials family: where a person's name starts and ends.

Why a module of its own: reading a name is its own small grammar, used both
on its own (a family name from ``surnames.txt`` plus 1-3 capitalised
syllables, an ALL-CAPS name, a bare name or initials after an honorific or
academic prefix: "ông Trump", "TS Guy Martini", "cô N.T.H"; a byline line at
the end of the body or a photo credit: "Ảnh: X.T") and by ``titles`` to cut
the holder off a capitalised run ("Chủ tịch UBND tỉnh Hà Tĩnh Đặng Quốc
Khánh"). It also maps every mention to the full name first written in the
article ("ông Quý" -> "Phạm Sỹ Quý"). Patterns come from ``officials_lexicon``.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from .officials_lexicon import _lex, name_key

# small patterns used per match, compiled once
_RE_TOKEN = regex.compile(r"[^ \u00a0\-]+")
_RE_CAP_BEFORE = regex.compile(r"(\p{Lu}\p{Ll}*)[ \u00a0]$")
_RE_GLUED = regex.compile(r"[\p{L}\p{N}.]")
_RE_SPACE_DIGIT = regex.compile(r"[ \u00a0]+\d")
_RE_SPACE_LOWER = regex.compile(r"[ \u00a0]+\p{Ll}")
_RE_CAPS_BEFORE = regex.compile(r"\p{Lu}{2,}[ \u00a0]*$")
_RE_CAPS_AFTER = regex.compile(r"[ \u00a0]*\p{Lu}{2,}")
_RE_LINE_START = regex.compile(r"(?:^|\n)[ \t*•\-–]*$")
_RE_CAPS_END = regex.compile(r"[ \t]*(?:\n|$|[,(–\-])")
_RE_NAME_SHAPE = regex.compile(r"\p{Lu}\p{Ll}*(?:[ ]\p{Lu}\p{Ll}*)*(?:[ ]\p{Lu}\p{Ll}*|[ ]\p{Lu}\.)")
_RE_FOREIGN_TOK = regex.compile(r"\p{Lu}[\p{Ll}\-]*")
_RE_NAME_PART = regex.compile(r"[^,&\-–—]+")
_RE_PART_TRIM = regex.compile(r"^[ \t]*(?:và[ \t]+)?|[ \t]+$")
_RE_INITIALS = regex.compile(r"\p{Lu}\.(?:[ ]?\p{Lu}\.?)+")
_RE_GLUED_NAME = regex.compile(r"\p{Lu}\p{Ll}+(?:Thị|Văn)[ \u00a0]")
_RE_SPACE_SI = regex.compile(r"[ \u00a0]+s[ĩỹ](?!\p{L})")
_RE_INNER_CAP = regex.compile(r"\p{Ll}\p{Lu}")
_RE_SPACE_CAP = regex.compile(r"[ \u00a0]+\p{Lu}")
_RE_SHORT_AFTER = regex.compile(r"[ \u00a0]+(\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+)?)(?![\p{L}\p{N}'’])(?![ \u00a0]+\p{Lu})")


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


# --------------------------------------------------------------------------- one name per person

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
