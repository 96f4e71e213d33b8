"""Article metadata: title, publication time, authors and outlet tag.

A record needs to say when and by whom a statement was published, but the
page only shows it in chrome that `clean` removes from the text: the header
date line ("Thứ Tư, 03/04/2019 | 17:12"), the title's stamp
("(10:25 26/03/2020)"), the byline under the body ("Hoàng Tình – Đặng Sáng")
or an author heading ("* HỒ SỸ TRUNG, Phó Bí thư Thường trực Thành ủy").
Dates are read from the page header only, never from the body or from
related-article lists, and keep the precision the page shows.

Example::

    >>> from pipeline.clean import clean
    >>> raw = ("Huyện ủy họp phiên thường kỳ\\nThứ Tư, 03/04/2019 | 17:12\\n"
    ...        "HNP - Sáng 3/4, Huyện ủy họp phiên thường kỳ tháng 4 để đánh giá tình hình.\\nXUÂN THƯỞNG")
    >>> extract_meta(raw, clean(raw))
    {'title': 'Huyện ủy họp phiên thường kỳ', 'published': '2019-04-03T17:12', 'authors': ['XUÂN THƯỞNG'], 'outlet': 'HNP'}
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from functools import lru_cache

import regex

from .clean import (HEADER_LINES, Cleaned, _meta_words, _rows, is_body_like, is_meta_line,
                    is_source_line, line_key, normalize, parse_byline, person_name, sane_title,
                    strip_stamp, words)
from .resources import load_json

MAX_TRAILING_CAPTIONS = 4  # short lines after the last paragraph stepped over to find its byline
VN_TZ = timezone(timedelta(hours=7))   # Vietnam keeps one offset all year
_ISO = regex.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
                     r"(?:[T ](?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?)?"
                     r"\s*(?P<tz>Z|[+\-]\d{2}:?\d{2})?$")
_TAIL = regex.compile(r"(?:[.!?…]|\./\.)[\"”’)]*\s+(?P<tail>(?:[^.!?…\n]|(?<=\b\p{Lu})\.){3,80}?)\s*\.?$")
_HEADING = regex.compile(r"^(?P<bullet>[*•]\s*)?(?P<name>[^,:;()]{3,60}?)\s*[,–—]\s*\S")


@lru_cache(maxsize=None)
def _patterns():
    """meta.json date patterns and outlet tag, compiled once."""
    data = load_json("meta.json")
    _meta_words()  # validates the keys
    return ([regex.compile(p, regex.IGNORECASE) for p in data["date_patterns"]],
            regex.compile(data["outlet_tag"]))


def extract_meta(raw: str, cleaned: Cleaned, given: dict | None = None) -> dict:
    """{"title", "published", "authors", "outlet"} of one article.

    ``given`` holds what the input already knew (JSONL fields, HTML <meta>);
    a sane given title or author list wins. The date the page itself shows
    wins over a given date (which is often a guess: htmldate took 2019-06-10
    from a related-list stamp on a page showing 30/07/2019) unless both name
    the same day and the given one is more precise.
    """
    given = given or {}
    return {
        "title": find_title(cleaned, given.get("title")),
        "published": find_published(raw, given.get("published")),
        "authors": find_authors(cleaned, given.get("authors")),
        "outlet": find_outlet(cleaned),
    }


# ---------------------------------------------------------------- title

def find_title(cleaned: Cleaned, given: str | None = None) -> str | None:
    """The given title when sane, else the headline line found by `clean`, without stamp.

    >>> find_title(Cleaned("", None), "Thường Tín: Nâng cao năng lực (10:25 26/03/2020)")
    'Thường Tín: Nâng cao năng lực'
    """
    for cand in (given if sane_title(given) else None, cleaned.title):
        if cand and cand.strip():
            return " ".join(strip_stamp(normalize(cand).replace("\n", " "))[0].split())
    return None


# ---------------------------------------------------------------- date

def parse_date(line: str) -> str | None:
    """The first day/month/year (with its time, if shown) in a header line, as ISO.

    >>> parse_date("Ngày đăng 17/01/2024 | 14:27 | Lượt xem: 390")
    '2024-01-17T14:27'
    >>> parse_date("thứ năm, 08 08 2019 08:52")
    '2019-08-08T08:52'
    """
    best = None
    for pat in _patterns()[0]:
        for m in pat.finditer(line):
            iso = _iso(m.groupdict())
            if iso:
                if best is None or m.start() < best[0] or (m.start() == best[0] and len(iso) > len(best[1])):
                    best = (m.start(), iso)
                break
    return best[1] if best else None


def _iso(g: dict) -> str | None:
    try:
        d, m, y = int(g["d"]), int(g["m"]), int(g["y"])
        datetime(y, m, d)
    except (TypeError, ValueError):
        return None
    if not 1945 <= y <= 2100:
        return None
    out = f"{y:04d}-{m:02d}-{d:02d}"
    if g.get("H") is not None and g.get("M") is not None:
        h, mi = int(g["H"]), int(g["M"])
        if h > 23 or mi > 59:
            return out
        out += f"T{h:02d}:{mi:02d}"
        if g.get("S") is not None and int(g["S"]) < 60:
            out += f":{int(g['S']):02d}"
    return out


def normalize_given_date(value) -> str | None:
    """A given date as ISO local time: "2019-07-30", "2019-07-30T01:52:00Z" → "2019-07-30T08:52:00"."""
    if not value or not isinstance(value, str):
        return None
    value = value.strip()
    m = _ISO.match(value)
    if not m:
        return parse_date(value)
    g = m.groupdict()
    iso = _iso(g)
    if not iso or not g["tz"] or g["H"] is None:
        return iso
    fmt = "%Y-%m-%dT%H:%M:%S" if g["S"] is not None else "%Y-%m-%dT%H:%M"
    tz = g["tz"].replace("Z", "+00:00")
    if ":" not in tz:
        tz = tz[:3] + ":" + tz[3:]
    local = datetime.fromisoformat(iso + tz).astimezone(VN_TZ)
    return local.strftime(fmt)


def page_date(raw: str) -> str | None:
    """The date the page header shows: title stamp, date row or "Ngày đăng …" line.

    Only the header (lines above the lead paragraph) is read, then metadata
    lines with a keyword anywhere ("Ngày cập nhật: …"); body sentences and
    related-article stamps are never used.
    """
    rows = _rows(normalize(raw))
    prev = ""
    for line, meta_row in rows[:HEADER_LINES]:
        if is_body_like(line):
            break
        stamp = strip_stamp(line)[1]
        if meta_row or is_meta_line(line, prev) or stamp:
            iso = parse_date(stamp or line)
            if iso:
                return iso
        prev = line
    kw = _meta_words()["meta_kw"]
    for line, _ in rows:
        if words(line) <= 15 and kw.match(line_key(line)):
            iso = parse_date(line)
            if iso:
                return iso
    return None


def find_published(raw: str, given=None) -> str | None:
    """Publication time, ISO 8601 local, at the precision shown; None when not shown."""
    shown, known = page_date(raw), normalize_given_date(given)
    if shown and known and known[:10] == shown[:10] and len(known) > len(shown):
        return known
    return shown or known


# ---------------------------------------------------------------- authors

def sane_authors(authors) -> bool:
    """A given author list worth trusting: non-empty names, none an agency tag."""
    if not authors or not isinstance(authors, (list, tuple)):
        return False
    agencies = _meta_words()["agencies"]
    return all(isinstance(a, str) and a.strip() and 1 <= words(a) <= 6
               and a.strip().casefold() not in agencies for a in authors)


def heading_author(par: str) -> str | None:
    """The author of an author heading: "* HỒ SỸ TRUNG, Phó Bí thư …" → "HỒ SỸ TRUNG".

    A starred line or a name in capitals followed by a comma and the author's
    position; a plain "Nguyễn Văn An, Bí thư …" opening a sentence is not one.
    """
    m = _HEADING.match(par)
    if not m or words(par) > 30:
        return None
    name = person_name(m.group("name"))
    if name is None:
        return None
    if m.group("bullet") or regex.sub(r"[\s.]", "", name).isupper():
        return name
    return None


def tail_byline(par: str) -> list[str] | None:
    """A byline glued to the last paragraph: "… tại chỗ./. Lệ Sương" → ["Lệ Sương"]."""
    m = _TAIL.search(par)
    if not m:
        return None
    return parse_byline(m.group("tail"))


def find_authors(cleaned: Cleaned, given=None) -> list[str]:
    """Authors in the order written: author heading under the title, then the byline."""
    if sane_authors(given):
        return [" ".join(a.split()) for a in given]
    pars = cleaned.text.split("\n\n") if cleaned.text else []
    first = 1 if cleaned.title and pars and pars[0] == cleaned.title else 0
    found: list[str] = []
    for par in pars[first:first + 3]:
        name = heading_author(par)
        if name:
            found.append(name)
            break
    found.extend(n for n in end_byline(pars[first:]) if n not in found)
    return found


def end_byline(pars: list[str]) -> list[str]:
    """Names of the byline closing the body: the last short line shaped like one,
    or a byline glued to the last running-text paragraph; photo captions
    trailing the body (HTML layouts put them after the text) are stepped over."""
    agencies = _meta_words()["agencies"]
    skipped = 0
    for par in reversed(pars):
        if is_source_line(par) or line_key(par) in agencies:
            continue
        if is_body_like(par):
            return tail_byline(par) or []
        names = parse_byline(par)
        if names:
            return names
        skipped += 1
        if skipped > MAX_TRAILING_CAPTIONS:
            return []
    return []


# ---------------------------------------------------------------- outlet

def find_outlet(cleaned: Cleaned) -> str | None:
    """The outlet tag opening the lead: "HNP - Sau 5 năm …" → "HNP", "(QTO) - …" → "QTO"."""
    tag = _patterns()[1]
    pars = cleaned.text.split("\n\n") if cleaned.text else []
    first = 1 if cleaned.title and pars and pars[0] == cleaned.title else 0
    for par in pars[first:first + 3]:
        m = tag.match(par)
        if m:
            return m.group("p") or m.group("c")
        if is_body_like(par):
            break
    return None
