"""Separate an article's body from the site chrome around it.

Scraped government pages wrap a few paragraphs of news in header bands,
date/view-count lines, comment forms, related-article lists, visitor counters,
polls, weather boxes and spam. Entity rules must only see the body, because
anything found in the chrome is a false positive ("Đang online: 5" is not a
numeric claim). The rules here work on the *shape* of lines, not on the
strings of particular sites:

* a line is chrome when its key is a known chrome line or counter
  (``pipeline/data/chrome.json``), when it is only a date/time stamp
  ("Thứ Tư, 03/04/2019 | 17:12"), or a headline ending in a date stamp
  ("Nguyên Tổng Bí thư Lê Khả Phiêu từ trần (7/8/2020)") in a run of such;
* a chrome heading ("CÁC TIN KHÁC", "Viết bình luận") after the body
  starts opens a trailing block that is dropped entirely;
* the title is the headline line of the page header; rubric and band lines
  above it ("TIN TỨC - SỰ KIỆN NỔI BẬT") go, its trailing time stamp goes;
* the body ends at the byline ("Hoàng Tình – Đặng Sáng"): what follows it,
  bar source lines ("Theo chinhphu.vn"), is chrome.

Example::

    >>> c = clean("Tin nổi bật\\nHuyện ủy họp phiên thường kỳ (10:25 26/03/2020)\\n"
    ...           "Sáng 26/3, Huyện ủy họp phiên thường kỳ tháng 3 để đánh giá tình hình.\\n"
    ...           "Thanh Tình\\nCÁC TIN KHÁC\\nHọp báo quý I (7/8/2020)")
    >>> print(c.text)
    Huyện ủy họp phiên thường kỳ
    <BLANKLINE>
    Sáng 26/3, Huyện ủy họp phiên thường kỳ tháng 3 để đánh giá tình hình.
    <BLANKLINE>
    Thanh Tình
    >>> c.title
    'Huyện ủy họp phiên thường kỳ'
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from .resources import check_keys, load_json

_CHROME_KEYS = {"_doc", "counter_labels", "generic_titles", "headings", "inline", "lines", "menu_words",
                "spam", "trailing_phrases"}
_META_KEYS = {"_doc", "agencies", "byline_prefixes", "credit_prefixes", "date_patterns", "honorifics",
              "meta_keywords", "name_prefixes", "not_name_starts", "not_name_words", "outlet_tag",
              "source_prefixes"}

# Odd spaces scrapers leave behind; turned into plain spaces so downstream regexes see " ".
_SPACES = regex.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = regex.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
_TAG = regex.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>]{0,200})?/?>")
_WS = regex.compile(r"\s+")
_BULLET = regex.compile(r"^[\s•·●▪■□◦‣*+\-–—>|]+")
_TABLE_ROW = regex.compile(r"^\s*\|(.*)\|\s*$")
_SENT_END = regex.compile(r"[.!?…;:][\"”’»)\]]*$")
_FORM_FIELD = regex.compile(r"^[^:]{2,30}:?\s*\(\*\)\s*:?\s*$")
_FORM_LABEL = regex.compile(r"^(?:họ (?:và )?tên|(?:số )?điện thoại|e-?mail|mã (?:xác nhận|bảo mật))\s*:$")
_DIGITS_ONLY = regex.compile(r"^(?:\d+|\d{1,3}(?:[.,]\d{3})+)$")
# A date stamp closing a headline: "(8/8/2020)", "(10:25 26/03/2020)", "( )".
_STAMP = regex.compile(
    r"\s*\(\s*(?:\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+\-]\d{2}:?\d{2})?)?|(?:\d{1,2}[:h]\d{2}\s*,?\s*)?\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}(?:\s*[,|\-]?\s*\d{1,2}[:h]\d{2})?"
    r"|\d{1,2}[:h]\d{2}\s*,?\s*\d{1,2}[/.\-]\d{1,2})?\s*\)\s*$")
_SENT_INSIDE = regex.compile(r"[.!?…][\"”’)]*\s+\p{Lu}")
_INNER_STAMP = regex.compile(r"\(\s*\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}(?:\s+\d{1,2}:\d{2})?\s*\)")
_WEEKDAY = r"(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật|t[2-7]|cn)"
_DATE_TOKEN = regex.compile(
    r"(?i)" + _WEEKDAY + r"|\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4}|\d{1,2}[:h]\d{2}(?::\d{2})?|"
    r"\b\d{1,2}\s+\d{1,2}\s+\d{4}\b|\(?gmt\s*[+\-]\s*\d+\)?|\b(?:ngày|lúc|giờ|sáng|chiều|am|pm)\b")
_CREDIT_ANYWHERE = regex.compile(r"(?i)\bảnh\s*:")
_HAS_DATE = regex.compile(r"\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4}|\d{1,2}[:h]\d{2}|\b\d{1,2}\s+\d{1,2}\s+\d{4}\b")

MAX_RUBRICS = 3         # lines above the title that may be dropped as band/rubric/breadcrumb
HEADER_LINES = 8        # non-blank lines scanned for the title and the page's date line
SHORT = 15              # words: longest rubric/band line removed above the title
BODY_WORDS = 25         # words: a line this long ending a sentence is body text
LONG_WORDS = 60         # words: a line this long is body text whatever its end
RESUME_WORDS = 80       # body words after a chrome heading that show it was an inline box


@dataclass
class Cleaned:
    """The body of one article and what was cut off it.

    ``text`` is the title line (when the input has one) then the body
    paragraphs, separated by blank lines; ``removed`` lists the chrome lines
    in input order, for ``--explain``.
    """

    text: str
    title: str | None
    removed: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- resources

@lru_cache(maxsize=None)
def _chrome():
    """Compile chrome.json once: heading set, line regexes, counters, menu words."""
    data = load_json("chrome.json")
    check_keys(data, _CHROME_KEYS, "chrome.json")
    counters = "|".join(regex.escape(w) for w in sorted(data["counter_labels"], key=len, reverse=True))
    return {
        "headings": frozenset(data["headings"]),
        "lines": [regex.compile(p) for p in data["lines"]],
        "counter": regex.compile(r"^(?:" + counters + r")\s*:?\s*[\d.,]+$"),
        "menu": regex.compile(r"^(?:(?:" + "|".join(regex.escape(w) for w in sorted(
            data["menu_words"], key=len, reverse=True)) + r")\b[\s\-–|/,>»›]*)+$"),
        "spam": regex.compile(r"\b(?:" + "|".join(regex.escape(w) for w in data["spam"]) + r")\b"),
        "trailing": regex.compile(r"(?:^|\s+)X(?i:em\s+(?:" + "|".join(regex.escape(p[4:]) for p in sorted(
            data["trailing_phrases"], key=len, reverse=True)) + r"))\s*[.:…>»]*\s*$"),
        "generic_titles": frozenset(data["generic_titles"]),
        "inline": [regex.compile(r"(?i)" + p) for p in data["inline"]],
    }


@lru_cache(maxsize=None)
def _meta_words():
    """Compile meta.json parts that clean needs: meta keywords and the byline shape."""
    data = load_json("meta.json")
    check_keys(data, _META_KEYS, "meta.json")

    def alt(words):
        return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))

    return {
        "meta_kw": regex.compile(r"(?i)^(?:" + alt(data["meta_keywords"]) + r")\b"),
        "byline_prefix": regex.compile(r"(?i)^(?:" + alt(data["byline_prefixes"]) + r")\s*:\s*"),
        "credit_prefix": regex.compile(r"(?i)^(?:" + alt(data["credit_prefixes"]) + r")\s*:"),
        "source_prefix": regex.compile(r"(?i)^\(?\s*(?:" + alt(data["source_prefixes"]) + r")\b"),
        "honorific": regex.compile(r"(?i)^(?:" + alt(data["honorifics"]) + r")\s"),
        "name_prefix": regex.compile(r"(?i)^(?:(?:" + alt(data["name_prefixes"]) + r")\.?\s*[,.]?\s*)+"),
        "agencies": frozenset(data["agencies"]),
        "not_name": regex.compile(r"(?i)^(?:" + alt(data["not_name_starts"]) + r")\b"),
        "not_name_words": frozenset(data["not_name_words"]),
    }


# ---------------------------------------------------------------- line shapes

def normalize(raw: str) -> str:
    """NFC, plain spaces, no zero-width characters, ``\\n`` line ends."""
    text = unicodedata.normalize("NFC", raw)
    text = _TAG.sub("", _INVISIBLE.sub("", _SPACES.sub(" ", text)))
    return "\n".join(line.strip() for line in text.splitlines())


def line_key(line: str) -> str:
    """Lower-cased line without bullets, '(*)', counts or a closing colon.

    >>> line_key("  • Bình luận bạn đọc (0)")
    'bình luận bạn đọc'
    """
    key = _BULLET.sub("", line.casefold()).replace("(*)", " ")
    key = regex.sub(r"\s*\(\s*\d*\s*\)\s*$", "", key)
    key = regex.sub(r"[\s:|!.…>»]+$", "", key)
    return _WS.sub(" ", key).strip()


def words(line: str) -> int:
    return len(line.split())


def is_body_like(line: str) -> bool:
    """A running-text paragraph: long and ending a sentence, or very long.

    >>> is_body_like("Toàn cảnh hội nghị.")
    False
    """
    n = words(line)
    if is_headline_list(line):
        return False
    return n >= LONG_WORDS or (n >= BODY_WORDS and bool(_SENT_END.search(line)))


def is_date_line(line: str) -> bool:
    """Only a date and/or time stamp: "Thứ Tư, 03/04/2019 | 17:12", "30/07/2019".

    >>> is_date_line("Thứ ba, đổi mới và hoàn thiện quy trình.")
    False
    """
    if not _HAS_DATE.search(line):
        return False
    rest = _DATE_TOKEN.sub(" ", line)
    return not regex.search(r"\w", rest)


def is_digits(line: str) -> bool:
    """A bare number: a visitor counter digit when it trails the page ("93401966")."""
    return bool(_DIGITS_ONLY.match(_BULLET.sub("", line).strip()))


def is_label(line: str) -> bool:
    """A field label whose value is the next line ("Ngày ban hành", "Ngày hiệu lực:")."""
    return words(line) <= 4 and not regex.search(r"\d", line) and (
        line.rstrip().endswith(":") or line_key(line).startswith("ngày"))


def is_meta_line(line: str, prev: str = "") -> bool:
    """A header metadata line: date stamp, "Ngày đăng … | Lượt xem: 390".

    A date that is the value of a labelled field ("Ngày ban hành" / "22/12/2011")
    is document content, not page metadata.
    """
    if is_date_line(line):
        return not (prev and is_label(prev))
    key = line_key(line)
    return (words(line) <= SHORT and bool(_meta_words()["meta_kw"].match(key))
            and bool(regex.search(r"\d", key)))


def is_chrome_line(line: str) -> bool:
    """A single chrome line anywhere: ads, rating widget, form field, counter, spam."""
    ch = _chrome()
    key = line_key(line)
    if not key:
        return False
    if ch["counter"].match(key) or _FORM_FIELD.search(line) or _FORM_LABEL.match(line.casefold()):
        return True
    if words(line) <= SHORT and ch["spam"].search(key):
        return True
    return words(line) <= SHORT and any(p.search(key) for p in ch["lines"])


def is_heading(line: str) -> bool:
    """A chrome heading that opens a trailing block ("CÁC TIN KHÁC", "Viết bình luận")."""
    return line_key(line) in _chrome()["headings"]


def is_band(line: str) -> bool:
    """A header band or rubric made of menu words, or a phrase printed twice.

    >>> is_band("TIN TỨC - SỰ KIỆN NỔI BẬT TIN TỨC - SỰ KIỆN NỔI BẬT")
    True
    """
    key = line_key(line)
    if not key:
        return False
    toks = key.split()
    half = len(toks) // 2
    if len(toks) >= 4 and len(toks) % 2 == 0 and toks[:half] == toks[half:]:
        return True
    return bool(_chrome()["menu"].match(key))


def is_headline_list(line: str) -> bool:
    """Related headlines glued into one line: "Tin A(28/06/2019) Tin B(08/08/2019) …".

    Dense stamps and no sentence inside; a paragraph citing two dates
    ("Hiệp định Paris (27/1/1973) … (30/4/1975). Qua …") is running text.
    """
    stamps = len(_INNER_STAMP.findall(line))
    return (stamps >= 2 and words(line) <= 20 * stamps and not _SENT_END.search(line)
            and not _SENT_INSIDE.search(line))


def is_dated_headline(line: str) -> bool:
    """A related-article headline: short, closing on a date stamp, or a glued list of them."""
    if is_headline_list(line):
        return True
    m = _STAMP.search(line)
    return bool(m) and m.start() > 0 and regex.search(r"\d", m.group()) is not None \
        and words(line[:m.start()]) <= 40 and not _SENT_END.search(line[:m.start()])


def strip_stamp(line: str) -> tuple[str, str]:
    """Split a trailing time stamp off a title: ("Thường Tín: …", "(10:25 26/03/2020)")."""
    m = _STAMP.search(line)
    if not m or m.start() == 0:
        return line, ""
    return line[:m.start()].rstrip(), m.group().strip()


def _unwrap_table(line: str) -> tuple[str, bool]:
    """trafilatura renders layout tables as "| a | b |": return the cells' text and
    whether the row is a header metadata row ("| Tin nổi bật | 30/07/2019 |")."""
    m = _TABLE_ROW.match(line)
    if not m:
        return line, False
    cells = [c.strip() for c in m.group(1).split(" | ") if c.strip()]
    if not cells:
        return "", False
    if 1 < len(cells) <= 3 and any(is_date_line(c) for c in cells) and all(
            words(c) <= SHORT for c in cells):
        return " | ".join(cells), True
    return " | ".join(cells), False


# ---------------------------------------------------------------- byline shape

_NAME_TOKEN = regex.compile(r"^(?:\p{Lu}\p{Ll}*|\p{Lu}+|(?:\p{Lu}\.)+\p{Lu}?\p{Ll}*)$")
_INITIALS = regex.compile(r"^(?:\p{Lu}\.)+\p{Lu}?\p{Ll}*\.?$")
_SPLIT_NAMES = regex.compile(r"\s+[-–—]\s*|\s*[-–—]\s+|\s*[,;&+]\s*|\s+và\s+|\s*[–—]\s*")
_KIN_HONORIFICS = frozenset({"anh", "chị", "em", "cô", "bác"})
_ABBREV = regex.compile(r"^\p{Lu}{2,6}\.?$")
_PAREN = regex.compile(r"\s*\([^()]*\)\s*")


def person_name(part: str) -> str | None:
    """The personal name in one byline part, without degree or rank, else None.

    >>> person_name("PGS.TS Nguyễn Văn An")
    'Nguyễn Văn An'
    >>> person_name("TTXVN") is None
    True
    """
    w = _meta_words()
    part = part.strip(" .:-–—*")
    if not part or part.casefold() in w["agencies"]:
        return None
    part = w["name_prefix"].sub("", part).strip(" .,")
    if not part or w["not_name"].match(part) or _honorific_start(part):
        return None
    toks = part.split()
    if len(toks) == 1:
        return part if _INITIALS.match(part) else None
    if len(toks) > 5 or not all(_NAME_TOKEN.match(t) for t in toks):
        return None
    if any(t.casefold() in w["not_name_words"] for t in toks):
        return None
    return part


def parse_byline(line: str) -> list[str] | None:
    """Author names of a byline line, in order; None when the line is not a byline.

    >>> parse_byline("Hoàng Tình – Đặng Sáng")
    ['Hoàng Tình', 'Đặng Sáng']
    >>> parse_byline("Bài và ảnh: Hoàng Tuấn")
    ['Hoàng Tuấn']
    >>> parse_byline("Ảnh: Lâm Thanh") is None
    True
    """
    w = _meta_words()
    line = line.strip().rstrip(".")
    if not line or words(line) > 12 or _honorific_start(line):
        return None
    if w["credit_prefix"].match(line) or w["source_prefix"].match(line):
        return None
    line = w["byline_prefix"].sub("", line, count=1)
    line = _PAREN.sub(" ", line).strip()
    names: list[str] = []
    for k, segment in enumerate(line.split("/")):
        found = _names(segment)
        if found is None:
            if k == 0:
                return None
            continue  # an affiliation after a slash: "Thùy Linh/VOV-Trung tâm Tin", "H.V/Báo Tin Tức"
        names.extend(n for n in found if n not in names)
    return names or None


def _is_agency(token: str) -> bool:
    """An agency or outlet token: "TTXVN", "VOV.VN", "vnexpress.net"."""
    t = token.casefold().strip(".,")
    return t in _meta_words()["agencies"] or bool(regex.fullmatch(r"[\w\-]+\.(?:vn|com|net|org)(?:\.vn)?", t))


def _names(segment: str) -> list[str] | None:
    """Names in one slash-free stretch of a byline, None if a part is not a name."""
    names: list[str] = []
    for part in _SPLIT_NAMES.split(segment):
        toks = part.strip(" .:*").split()
        while toks and _is_agency(toks[0]):
            toks.pop(0)
        while toks and _is_agency(toks[-1]):
            toks.pop()
        if not toks or (len(toks) == 1 and _ABBREV.match(toks[0])):
            continue  # an agency or outlet tag: "TTXVN", "VOV", "ĐTT"
        if " ".join(toks).casefold() in _meta_words()["agencies"]:
            continue
        name = person_name(" ".join(toks))
        if name is None:
            return None
        names.append(name)
    return names


def _honorific_start(line: str) -> bool:
    """A caption about a person ("Ông Phan Thanh Hải"), not a byline. Kinship
    honorifics double as given names ("Anh Văn"), so they count only before a
    full name of two or more syllables."""
    m = _meta_words()["honorific"].match(line)
    if not m:
        return False
    if m.group().strip().casefold() in _KIN_HONORIFICS:
        return words(line) >= 3
    return True


def is_source_line(line: str) -> bool:
    """A source or credit line that may follow the byline ("Theo chinhphu.vn")."""
    w = _meta_words()
    return bool(w["source_prefix"].match(line) or w["credit_prefix"].match(line)) and words(line) <= 12


# ---------------------------------------------------------------- the cleaner

def clean(raw: str, title: str | None = None) -> Cleaned:
    """Cut the site chrome off one scraped article; see the module docstring.

    ``title`` is a title already known (JSONL field, HTML <meta>): it locates
    the title line; a generic one ("Home") is ignored.
    """
    given = title if sane_title(title) else None
    rows = _rows(normalize(raw))
    removed: list[tuple[int, str]] = []
    keep = [True] * len(rows)

    def drop(i: int) -> None:
        if keep[i]:
            keep[i] = False
            removed.append((i, rows[i][0]))

    for i, (line, meta_row) in enumerate(rows):
        prev = rows[i - 1][0] if i else ""
        if meta_row or is_meta_line(line, prev) or is_chrome_line(line):
            drop(i)
    t_idx, found_title, stamp = _find_title(rows, keep, given)
    if t_idx is not None:
        for i in range(t_idx):
            if keep[i]:
                drop(i)
    start = (t_idx + 1) if t_idx is not None else 0
    _drop_blocks(rows, keep, start, drop)
    _drop_after_byline(rows, keep, start, drop)
    lines = [rows[i][0] for i in range(len(rows)) if keep[i]]
    extra = []
    if t_idx is not None and keep[t_idx] and stamp:
        lines[sum(keep[:t_idx])] = found_title
        extra.append((t_idx, stamp))
    lines = _strip_trailing_links(lines, extra, len(rows))
    out = [l for l in lines if l]
    removed = [s for _, s in sorted(removed + extra, key=lambda x: x[0])]
    return Cleaned("\n\n".join(out), found_title or (given.strip() if given else None), removed)


def sane_title(title: str | None) -> bool:
    """A given title worth trusting: not empty, not a site's generic page title."""
    if not title or not title.strip():
        return False
    key = line_key(title)
    if len(key) < 4:
        return False
    return not any(key == g or (key.startswith(g) and not key[len(g)].isalnum())
                   for g in _chrome()["generic_titles"])


def _rows(text: str) -> list[tuple[str, bool]]:
    """Non-blank lines as (text, is_header_metadata_table_row)."""
    rows = []
    for line in text.split("\n"):
        if not line:
            continue
        cell, meta_row = _unwrap_table(line)
        if cell:
            rows.append((cell, meta_row))
    return rows


def _title_like(line: str) -> bool:
    n = words(strip_stamp(line)[0])
    return (2 <= n <= 45 and not _BULLET.match(line) and not line.rstrip().endswith(".")
            and not is_band(line) and not is_heading(line) and parse_byline(line) is None)


def _same_title(line: str, given: str) -> bool:
    a, b = line_key(strip_stamp(line)[0]), line_key(given)
    return a == b or (len(b) >= 12 and (b in a or a in b) and min(len(a), len(b)) >= 0.7 * max(len(a), len(b)))


def _find_title(rows, keep, given):
    """Index of the title line in the page header, the title without its stamp, the stamp.

    With a date line in the header, the title is the headline just above it
    (a rubric above that is chrome), or just below it when the date row comes
    first; without one, the first headline-shaped line that is not a band.
    """
    head = []
    for i, (line, _) in enumerate(rows[:HEADER_LINES]):
        if keep[i] and is_body_like(line):
            break
        head.append(i)
    cands = [i for i in head if keep[i] and _title_like(rows[i][0])]
    if given is not None:
        cands = [i for i in cands if _same_title(rows[i][0], given)]
        pick = cands[0] if cands else None
    else:
        dates = [i for i in head if not keep[i] and (rows[i][1] or is_meta_line(rows[i][0]))]
        stamped = [i for i in cands if regex.search(r"\d", strip_stamp(rows[i][0])[1])]
        pick = None
        if stamped:
            pick = stamped[0]
        elif dates and cands:
            before = [i for i in cands if i < dates[0]]
            pick = before[-1] if before else cands[0]
        elif cands:
            mixed = [i for i in cands if regex.search(r"\p{Ll}", rows[i][0])]
            pick = mixed[0] if mixed else cands[0]
    if pick is None:
        return None, None, ""
    above = [i for i in range(pick) if keep[i]]
    if len(above) > MAX_RUBRICS or not all(_rubric_like(rows[i][0]) for i in above):
        return None, None, ""
    title, stamp = strip_stamp(rows[pick][0])
    return pick, title, stamp


def _rubric_like(line: str) -> bool:
    """A band, rubric or breadcrumb above the title: short, no sentence, no credit."""
    return (words(line) <= SHORT and not regex.search(r"[.!?…]\W*$", line)
            and not _CREDIT_ANYWHERE.search(line))


def _drop_blocks(rows, keep, start, drop):
    """Drop chrome headings and the blocks they open, and related-headline runs."""
    n = len(rows)
    first_body = next((j for j in range(start, n) if keep[j] and not is_heading(rows[j][0])
                       and not is_band(rows[j][0])), n)
    for j in range(start, first_body):
        if keep[j] and is_heading(rows[j][0]):
            drop(j)
    i = first_body + 1
    while i < n:
        line = rows[i][0]
        if keep[i] and is_heading(line):
            rest = [j for j in range(i + 1, n) if keep[j]]
            body_after = sum(words(rows[j][0]) for j in rest if is_body_like(rows[j][0]))
            drop(i)
            for j in rest:
                if body_after >= RESUME_WORDS and is_body_like(rows[j][0]):
                    i = j
                    break
                drop(j)
            else:
                break
            continue
        i += 1
    kept = [j for j in range(first_body, n) if keep[j]]
    for j in reversed(kept):  # a trailing run of bare numbers is a counter's digits
        if not is_digits(rows[j][0]):
            break
        drop(j)
    for pos, j in enumerate(kept):
        if not is_dated_headline(rows[j][0]):
            continue
        prev_ = kept[pos - 1] if pos else None
        next_ = kept[pos + 1] if pos + 1 < len(kept) else None
        in_run = any(k is not None and is_dated_headline(rows[k][0]) for k in (prev_, next_))
        tail = not any(is_body_like(rows[k][0]) for k in kept[pos + 1:])
        if in_run or tail or is_headline_list(rows[j][0]):
            drop(j)


def _drop_after_byline(rows, keep, start, drop):
    """The body ends at the last byline; later lines other than sources are chrome."""
    kept = [j for j in range(start, len(rows)) if keep[j]]
    for pos in range(len(kept) - 1, -1, -1):
        j = kept[pos]
        line = rows[j][0]
        if is_body_like(line):
            return
        if pos == 0 or parse_byline(line) is None:
            continue
        if not any(is_body_like(rows[k][0]) for k in kept[:pos]):
            return
        for k in kept[pos + 1:]:
            if not (is_source_line(rows[k][0]) or line_key(rows[k][0]) in _meta_words()["agencies"]):
                drop(k)
        return


def _strip_trailing_links(lines, extra, order):
    """Cut link texts glued to a paragraph's end ("… Theo chinhphu.vn Xem chi tiết tại đây")
    and toasts or placeholders glued to its start or end ("Nguồn: [Link nguồn]")."""
    ch = _chrome()
    trailing = ch["trailing"]
    out = []
    for line in lines:
        for pat in ch["inline"]:
            m = pat.search(line)
            if m and (m.start() == 0 or m.end() == len(line)):
                extra.append((order, m.group().strip()))
                line = (line[:m.start()] + line[m.end():]).strip()
        m = trailing.search(line)
        if m and m.start() > 0:
            extra.append((order, m.group().strip()))
            line = line[:m.start()].rstrip()
        out.append(line)
    return out
