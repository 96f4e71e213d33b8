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

The code is split by what it reads: ``officials_lexicon`` compiles every
pattern once (and folds tones), ``names`` reads PER, ``titles`` reads TITLE
candidates; this module links names to titles and is the public face
(``find``, ``table``, ``fold_tones``, ``name_key``).

    >>> t = "Đồng chí Lê Văn An – Bí thư Huyện ủy, Chủ tịch HĐND huyện chủ trì."
    >>> [(s.label, s.text_of(t)) for s in find(t)]
    [('PER', 'Lê Văn An'), ('TITLE', 'Bí thư Huyện ủy'), ('TITLE', 'Chủ tịch HĐND huyện')]
"""
from __future__ import annotations

import regex

from .names import (_RE_SPACE_CAP, _alias_names, _byline_names, _canonical, _caps_names, _credit_names, _dedupe,
                    _honorific_names, _is_foreign, _Name, _short_names, _surname_names)
from .officials_lexicon import _Lex, _lex, fold_tones, name_key
from .spans import Span
from .titles import _org_of, _Title, _title_candidates

# the moved doctest of ``name_key`` still runs with ``doctest.testmod(officials)``
__test__ = {"name_key": name_key}

# small patterns used per match, compiled once
_RE_SPACES = regex.compile(r"[ \u00a0]+")
_RE_CLAUSE_END = regex.compile(r"[ \u00a0]*(?:[,;.)]|$)")
_RE_CAP_WORD = regex.compile(r"\p{Lu}[\p{Ll}\-]{2,}")
_RE_CAPS_LETTERS = regex.compile(r"\p{Lu}{2}")


# --------------------------------------------------------------------------- linking names to titles

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
