"""The statistical extractor: a spaCy tok2vec + ner pipeline, and how it meets the rules.

Rules find what has a grammar (codes, numbers, titles with a lexicon head);
the model finds names and bodies that have none ("ông Hà Văn Thắng",
"Công ty TNHH Một thành viên Cao su Đắk Nông"). The model predicts only
PER, ORG and LOC.

Merge policy (deterministic, applied before the flat overlap resolution):

1. a model span with the same label and offsets as a rule span marks that
   rule span ``source = "both"``;
2. a model span that overlaps no rule span is added with ``source = "model"``;
3. a model span that overlaps a rule span is dropped: where both fire and
   disagree, the rule, whose errors we can read and fix, wins;
4. a model-only span must look like a proper name: it starts with a capital
   letter, and a PER has every syllable capitalised. Vietnamese writes
   names and bodies capitalised, so a lower-case model span is almost
   always a generic phrase ("cán bộ", "các xã"); this one cheap test
   removes most of the model's false positives on held-out articles;
5. a model-only span right after a numeral or a plural/quantifier word
   ("41 Đảng bộ", "các Đảng ủy", "mỗi xã") is dropped: Vietnamese marks a
   class that way, and the guidelines label only specific bodies and places;
6. a model-only span that opens a sentence must stay capitalised past its
   first syllable: there the first capital is the sentence's, not the
   name's, so a lone "Tượng", "Còn" or "Từ" at a sentence start is an
   ordinary word, while "Sông Đà" or "Bắc Kinh" still reads as a name;
7. a one-word model-only PER ("Vinaconex", "Trump") must come right after
   an honorific or a title head ("ông Công", "Tổng thống Trump"): a bare
   one-word capitalised name is as often a company, a brand or an agency
   ("của Vinastas", "như Reuters"); hyphen pieces count as words ("Lê-nin");
8. a model-only PER right after a place or institution noun that the
   rules' own lexicon marks as "no person follows" (``not_name_before``
   of ``titles.json``: "đường", "cầu", "Trường", "Công ty") or whose
   surface is a known place name (``places_not_names``) is dropped:
   Vietnamese names streets, bridges and schools after people
   ("cầu Trần Thị Lý"), and there the name is a place, not a person —
   but a place name right after a lower-case honorific is a person's
   ("ông Vinh": Vietnamese writes place names that start with an
   honorific capitalised, "Bà Rịa");
9. a model-only PER written in Vietnamese syllables must be confirmed by
   the rules' lexicons: it comes right after an honorific or a title head
   ("đồng chí Trường Chinh", whose pen name has no family name), or the
   rules label its surface PER elsewhere in the article (a later bare
   mention of a named person). The rules' surname grammar already reads
   Vietnamese names in person contexts, so the Vietnamese-looking names
   left to the model are mostly streets, bodies and places named after
   people ("Sư Vạn Hạnh", "Liên Hợp Quốc"). A name with a word outside
   Vietnamese syllable structure ("Toshihiro", "Na-cai") is foreign: the
   rules cannot read it, and the model may add it when an honorific or a
   title head stands earlier in the same clause ("Thủ tướng Vương quốc Hà
   Lan Mark Rutte", "Tổng thống Cộng hòa Czech Milos Zeman"). Without one,
   a foreign-looking span is as often an outlet, a company or a currency
   ("The Diplomat", "Warburg Pincus", "Deutsche Mark"): in a sample of 50
   such corpus additions only 23 were persons;
10. one sense per article: a model-only span whose surface the rules
    label with another label elsewhere in the article is dropped ("Ngô
    Quyền" a street (LOC) in one sentence is not a PER in the next);
11. a model-only ORG or LOC that starts with a head the rules' own lexicon
    knows ("Đảng ủy", "Chi bộ", "BTV" in ``units.json``) is dropped: where
    such a head stands unlabelled the rules have judged it a class ("Bí
    thư Đảng ủy" of every commune, "các Chi bộ"); the model is there for
    bodies *without* a lexicon head. Nor is a span that is only a type
    word after which ``titles.json`` expects a name ("THPT", "HTX",
    "Trường"): it names a kind of institution, not one. A span with a
    quotation mark in it is a quoted title ("Sổ tay đảng viên điện tử"),
    not a body;
12. a model-only PER right after a place preposition (``place_preps`` of
    ``titles.json``: "tại La Hay", "ở Kuala Lampua") or "bang" ("bang Tây
    Bengal") is dropped: Vietnamese puts persons after those words almost
    never, foreign places often, and rule 9 lets foreign-looking names
    through. A one-word PER in capitals ("Tổng Giám đốc WHO") is an
    agency, not a person. A model span that starts with a capitalised
    honorific ("Ngài Edano Yukio") is trimmed to the name after it, as the
    guidelines keep honorifics outside PER;
13. a model-only ORG or LOC must be shaped like a name: it does not end
    on a function word of ``units.json`` ("Bộ đã", "Tổng công ty của":
    a head with the clause after it), no bracket, comma or full
    stop at an edge ("Bộ."), no bracket unbalanced inside ("Đoàn 83 ("), no letters glued
    across a missing space ("VĐHLcung"); an abbreviation in brackets is an
    ORG only after a body: a rule ORG or a capitalised name ("Liên minh
    Nghị viện Thế giới (IPU)"), not a lower-case term ("tổng sản phẩm
    trên địa bàn (GRDP)", "công nghệ thông tin (CNTT)");
14. a model-only LOC that starts with a noun after which ``titles.json``
    expects no person but which is no place word of ``units.json`` (levels,
    geographic, road and hamlet words) names a facility or a body
    ("Công viên Gia Định", "Bệnh viện Chợ Rẫy", "Công ty X"), and the
    guidelines label facilities not at all and bodies as ORG; a bare
    compass word ("phía Bắc") is a direction, not a place;
15. a model-only ORG or LOC of one character ("F" in a list of letters),
    or headed by a word of ``merge.json``'s ``not_bodies`` (honours,
    prizes, works, programmes, events, terms, sectors, armed forces,
    service desks, professions, legal subdivisions, academic titles:
    "Huân chương Độc lập hạng", "Mục IV Điều 1", "Lễ hội Hoa", "Khóa VIII",
    "Ngành Công thương", "LLVT Hà Tĩnh", "BPMC", "Nhà thiết kế Việt Hùng",
    "Giáo sư"; the annotation rulings label none of them) or by a
    document kind of ``directives.json`` ("Luật Giá") is dropped: these
    name things, not bodies. Rule 5's class marker also reaches over
    a list ("các Sở, Ban, ngành": "Ban" is one of a class);
16. the head decides the label and the span: a model ORG headed by a
    place word and a name ("KCN Phú Vinh", "Khu dân cư Sông Giồng": the
    level, geographic and road words of ``units.json`` and ``merge.json``'s
    ``zone_heads``) is a LOC, and a model LOC right after a type word the
    guidelines keep inside a place ("cầu", "thủ đô", "nút giao":
    ``type_before_place``) is extended over it ("cầu Trần Thị Lý"). The
    model learned names, and often leaves the lower-case type word out;
17. a model-only ORG or LOC is dropped when it is a position (a title
    head of ``titles.json``: "Cục trưởng"), a delegation or team described
    only in lower case ("Đoàn công tác", which the guidelines do not label),
    an identifier or a bare Roman numeral ("BN2899", "XIV"), a capitalised
    phrase after a word of ``not_after`` (coordinates, crop seasons,
    ordinals, prizes, directions, sectors, or a document kind of
    ``directives.json``: "độ Vĩ Bắc", "vụ Hè Thu", "phía Đông Nam",
    "ngành KH&CN", "Luật Biểu tình"; a LOC after "Theo" is a source,
    "Theo Reuters"), a description of three words or
    more with nothing capitalised after its head ("Trung tâm hành chính":
    a name capitalises its own part), or a piece of a quoted title ("Vì An
    toàn" in "\"Vì An toàn thực phẩm\"", "Con đường" in "\"Vành đai và
    Con đường\""). Over the cross-validation folds of the first 103
    training articles, rules 16-17 cut the model's wrong additions from
    90 to 50 and raised its right ones from 101 to 111;
18. a model-only PER or ORG must be probable: the greedy tagger gives no
    score, so the sentence is re-read with a beam search
    (`NerModel.confidence`) and the span needs at least ``min_confidence``
    of ``merge.json`` (0.5) of the beam's probability. Where the beam
    doubts the greedy answer the span is wrong more often than right: on
    the cross-validation folds of the 123 training articles this kept 21
    of 24 right person additions and dropped 7 of 9 wrong ones, and kept
    8 of 24 right body additions while dropping 24 of 27 wrong ones. Places
    have no floor: the beam scores many right place additions low.

So ``--no-model`` output equals the default output minus the model-only
spans (and with ``both`` read as ``rule``): the model can add, never change
a rule span.

Models are loaded once per process, lazily, from ``models/<name>-<version>/``.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

import regex

from .names import _VIET_SYL
from .spans import Span

MODEL_LABELS = ("PER", "ORG", "LOC")
DEFAULT_NAME = "vngov_ner"


def models_dir() -> Path:
    return Path(str(resources.files("pipeline"))).parent / "models"


def default_model_path() -> Path | None:
    """The newest ``models/vngov_ner-*`` folder, or None when none ships."""
    d = models_dir()
    if not d.is_dir():
        return None
    found = sorted((p for p in d.glob(f"{DEFAULT_NAME}-*") if (p / "meta.json").exists() and (p / "config.cfg").exists()),
                   key=lambda p: _version_key(p.name.rsplit("-", 1)[-1]))
    return found[-1] if found else None


def _version_key(v: str) -> tuple:
    return tuple(int(x) if x.isdigit() else 0 for x in v.split("."))


class NerModel:
    """A loaded spaCy pipeline that returns `Span`s like any rule family."""

    def __init__(self, nlp, path: Path | None = None):
        self.nlp = nlp
        self.path = path
        self._last: tuple[str, dict] = ("", {})  # the last text `find` tagged and its sentence docs

    def find(self, text: str, sentences: list[tuple[int, int]] | None = None) -> list[Span]:
        """Entities of `text`, predicted sentence by sentence on the sentences that can hold one.

        A sentence with no capital letter after its first word cannot yield a
        span the merge accepts (rules 4 and 6), so it is neither segmented nor
        tagged: on government news that skips about a third of the text, and
        underthesea segmentation plus the tagger are most of the pipeline's
        cost. The tagger's context window (a few tokens) never crosses a
        sentence anyway.
        """
        if sentences is None:
            from .segment import sentences as split

            sentences = split(text)
        todo = [(s, e) for s, e in sentences if _INNER_CAPITAL.search(text, s, e)]
        out: list[Span] = []
        docs = {}
        for (s, e), doc in zip(todo, self.nlp.pipe((text[s:e] for s, e in todo), batch_size=64)):
            docs[(s, e)] = doc
            out.extend(Span(x.label_, s + x.start_char, s + x.end_char, {}, "model")
                       for x in doc.ents if x.label_ in MODEL_LABELS)
        self._last = (text, docs)  # `confidence` re-reads a few of them without segmenting again
        return out

    def confidence(self, text: str, spans: list[Span], sentences: list[tuple[int, int]] | None = None,
                   beam_width: int = 16) -> list[float]:
        """The model's probability of each span, from a beam search over the sentences that hold one.

        The greedy tagger that `find` runs gives no score, so a span it
        predicted is re-read with a beam (spaCy's ``beam_parse``): the share
        of the beam's probability mass on analyses that contain exactly this
        span and label. Only the few sentences holding a span the merge
        would add are re-read, so the cost stays small.
        """
        if not spans:
            return []
        if sentences is None:
            from .segment import sentences as split

            sentences = split(text)
        where = [next(((s, e) for s, e in sentences if s <= x.start and x.end <= e), (x.start, x.end)) for x in spans]
        todo = sorted(set(where))
        cached = self._last[1] if self._last[0] == text else {}
        fresh = [k for k in todo if k not in cached]
        # a doc tagged by `find` still carries its tok2vec tensor, which the ner's listener reads
        index = {**{k: cached[k] for k in todo if k in cached},
                 **dict(zip(fresh, self.nlp.pipe((text[s:e] for s, e in fresh), disable=["ner"])))}
        for k in todo:  # the greedy entities would bind the beam: mark them unknown, not absent
            index[k].set_ents([], default="missing")
        ner = self.nlp.get_pipe("ner")
        scored = dict(zip(todo, ner.scored_ents(ner.beam_parse([index[k] for k in todo], beam_width=beam_width))))
        out = []
        for x, key in zip(spans, where):
            span = index[key].char_span(x.start - key[0], x.end - key[0])
            out.append(0.0 if span is None else float(scored[key].get((span.start, span.end, x.label), 0.0)))
        return out

    def __reduce__(self):  # worker processes reload from disk instead of pickling the pipeline
        return (load, (str(self.path),))


@lru_cache(maxsize=4)
def load(path: str) -> NerModel:
    """Load a model folder once per process."""
    import spacy

    from .segment import register

    register()
    p = Path(path)
    if not (p / "config.cfg").exists():
        raise FileNotFoundError(f"not a model folder (no config.cfg): {p}")
    return NerModel(spacy.load(p), p)


def load_default(path: str | None = None) -> NerModel | None:
    """The model at `path`, else the shipped default, else None (rules only)."""
    if path:
        return load(str(Path(path).resolve()))
    p = default_model_path()
    return load(str(p)) if p else None


def merge(rule_spans: list[Span], model_spans: list[Span], text: str, confidence=None) -> list[Span]:
    """Combine rule and model spans by the policy in the module docstring.

    ``confidence``, when given, maps the model spans the policy would add to
    their probabilities (`NerModel.confidence`); those below the label's
    ``min_confidence`` in ``merge.json`` are not added (rule 18).
    """

    def text_of(span: Span) -> str:
        return text[span.start:span.end]

    exact = {(s.label, s.start, s.end): s for s in rule_spans}
    sense: dict[str, set[str]] = {}
    for r in rule_spans:
        if r.label in MODEL_LABELS:
            sense.setdefault(text_of(r), set()).add(r.label)
    out = list(rule_spans)
    added: list[tuple[Span, Span]] = []  # (as predicted, as reshaped by rules 12 and 16)
    for raw in sorted(model_spans, key=lambda s: (s.start, s.end, s.label)):
        m = _relabel_by_head(_trim_honorific(raw, text), text)
        hit = exact.get((m.label, m.start, m.end))
        if hit is not None:
            hit.source = "both"
        elif _accept(m, text, rule_spans, sense):
            added.append((raw, _with_place_type(m, text, rule_spans)))
    floor = _merge_lexicon()["min_confidence"]
    need = [i for i, (_, m) in enumerate(added) if floor.get(m.label, 0.0) > 0.0]
    if confidence is not None and need:  # rule 18; only labels with a floor are re-read
        low = {i for i, p in zip(need, confidence([added[i][0] for i in need])) if p < floor[added[i][1].label]}
        added = [pair for i, pair in enumerate(added) if i not in low]
    return out + [m for _, m in added]


def _accept(m: Span, text: str, rule_spans: list[Span], sense: dict[str, set[str]]) -> bool:
    """Rules 3-15 and 17 for a model span that no rule span matches exactly (16 reshapes it before and after)."""
    surface = text[m.start:m.end]
    if any(m.overlaps(r) for r in rule_spans) or not looks_like_name(surface, m.label):  # rules 3, 4
        return False
    if _CLASS_MARKER.search(text, max(0, m.start - 40), m.start):  # rule 5
        return False
    if _SENTENCE_START.search(text, max(0, m.start - 8), m.start) and not _named_past_first(surface):  # rule 6
        return False
    if not sense.get(surface, {m.label}) <= {m.label}:  # rule 10
        return False
    if m.label != "PER" and (_known_head(surface) or _QUOTES.search(surface)):  # rule 11
        return False
    if m.label != "PER" and not _body_shaped(text, m, rule_spans):  # rule 13
        return False
    if m.label == "LOC" and (_facility_head(surface) or surface in _merge_lexicon()["compass"]):  # rule 14
        return False
    if m.label != "PER" and (len(surface) < 2 or _starts_with(surface, _merge_lexicon()["not_bodies"])):  # rule 15
        return False
    if m.label != "PER" and _no_body(text, m):  # rule 17
        return False
    return m.label != "PER" or _person_ok(text, m, sense)


def _person_ok(text: str, m: Span, sense: dict[str, set[str]]) -> bool:
    """Rules 7-9 and 12 for a model-only PER: "ông Công", "Toshihiro Nakai" yes; "cầu Trần Thị Lý", "Vinaconex" no."""
    surface = text[m.start:m.end]
    after_person_word = _person_word_before(text, m.start)
    if _one_word(surface) and not after_person_word:  # rule 7
        return False
    if _names_a_place(text, m):  # rule 8
        return False
    if (surface.isupper() and _one_word(surface)) or _place_prep_before(text, m.start):  # rule 12
        return False
    if after_person_word or "PER" in sense.get(surface, ()):  # rule 9
        return True
    return _foreign(surface) and _title_in_clause(text, m.start)


# a capital letter that is not the sentence's first letter
_INNER_CAPITAL = regex.compile(r"\S\s+[\p{Lu}]|[\p{Ll}\d][\p{Lu}]")
_QUOTES = regex.compile(r"[\"“”‘’«»]")


@lru_cache(maxsize=1)
def _head_words() -> frozenset:
    """First words of the bodies, heads and abbreviations the units lexicon knows."""
    from .resources import load_json

    d = load_json("units.json")
    names = [k for key in ("bodies", "heads", "abbreviations") for k in d.get(key, {}) if not k.startswith("_")]
    return frozenset(n.split()[0].casefold() + (" " + n.split()[1].casefold() if len(n.split()) > 1 else "") for n in names)


def _known_head(surface: str) -> bool:
    """Rule 11: "Đảng ủy các xã", "BTV" start with a lexicon head; "Viện Pasteur" does not."""
    w = surface.split()
    if surface in _place_context()[2]:  # a bare type word: "THPT", "HTX"
        return True
    return bool(w) and (w[0].casefold() in _head_words() or " ".join(w[:2]).casefold() in _head_words())


# what may stand between a sentence end (or the text / line start) and the next word
_SENTENCE_START = regex.compile(r"(?:\A|[.!?:;…\n])[\s\"“”'‘’(\[*•–—-]*\Z")


def _one_word(surface: str) -> bool:
    return len(regex.split(r"[\s\-‐]+", surface.strip())) < 2


@lru_cache(maxsize=2)
def _person_words(with_academic: bool) -> str:
    """Honorifics and title heads of ``titles.json`` (plus "ngài"), as one regex alternation."""
    from .resources import load_json

    keys = ("honorifics", "heads", "academic_prefixes") if with_academic else ("honorifics", "heads")
    d = load_json("titles.json")
    words = {w.replace("|", "").strip() for k in keys for w in d.get(k, [])} | ({"ngài"} if not with_academic else set())
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True) if w)


@lru_cache(maxsize=1)
def _person_word_re():
    """Rules 7, 9: what may stand right before a name ("ông ", "Bộ trưởng ", "TS. ")."""
    return regex.compile(rf"(?<![\p{{L}}])(?:{_person_words(True)})[\s.]+\Z", regex.IGNORECASE)


@lru_cache(maxsize=1)
def _person_word_anywhere_re():
    """Rule 9: an honorific or title head anywhere in a window."""
    return regex.compile(rf"(?<![\p{{L}}])(?:{_person_words(False)})(?![\p{{L}}])", regex.IGNORECASE)


_CLAUSE_END = regex.compile(r"[.!?;:\n\])]")


def _title_in_clause(text: str, start: int) -> bool:
    """Rule 9: "Thủ tướng CH Séc Bohuslav Sobotka" yes; "trên trang mạng Asia Sentinel" no."""
    window = text[max(0, start - 60):start]
    cut = max((m.end() for m in _CLAUSE_END.finditer(window)), default=0)
    return bool(_person_word_anywhere_re().search(window, cut))


def _person_word_before(text: str, start: int) -> bool:
    """Rules 7, 9: "ông Công" / "Tổng thống Trump" yes, "của Vinastas" no."""
    return bool(_person_word_re().search(text, max(0, start - 60), start))


@lru_cache(maxsize=1)
def _place_context():
    """Rule 8 lexicons from ``titles.json``: nouns after which a name is no person, and place names."""
    from .resources import load_json

    d = load_json("titles.json")
    words = d.get("not_name_before", [])
    alt = "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))
    return (regex.compile(rf"(?<![\p{{L}}])(?:{alt})[\s.]+\Z"), frozenset(d.get("places_not_names", [])),
            frozenset(words))


def _names_a_place(text: str, m: Span) -> bool:
    """Rule 8: "cầu Trần Thị Lý", "Trường Lê Quý Đôn" name places; "Bắc Kinh" is one; "ông Vinh" is a man."""
    before, places, _ = _place_context()
    if before.search(text, max(0, m.start - 40), m.start):
        return True
    return text[m.start:m.end] in places and not _lower_honorific_re().search(text, max(0, m.start - 12), m.start)


@lru_cache(maxsize=1)
def _lower_honorific_re():
    """Rule 8: a lower-case honorific of ``titles.json`` right before ("ông Vinh"; "Bà Rịa" is written capitalised)."""
    from .resources import load_json

    words = [w for w in load_json("titles.json").get("honorifics", []) if w[:1].islower()]
    return regex.compile(rf"(?<![\p{{L}}])(?:{'|'.join(regex.escape(w) for w in sorted(words, key=len, reverse=True))})\s+\Z")


@lru_cache(maxsize=1)
def _prep_re():
    """Rule 12: place prepositions of ``titles.json`` (and "bang") right before a span."""
    from .resources import load_json

    words = set(load_json("titles.json").get("place_preps", [])) | {"bang"}
    alt = "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))
    return regex.compile(rf"(?<![\p{{L}}])(?:{alt})\s+\Z", regex.IGNORECASE)


def _place_prep_before(text: str, start: int) -> bool:
    """Rule 12: "tại La Hay", "bang South Carolina" yes; "của Donald Trump" no."""
    return bool(_prep_re().search(text, max(0, start - 20), start))


@lru_cache(maxsize=1)
def _honorific_head_re():
    """Rule 12: a capitalised honorific of ``titles.json`` opening a span ("Ngài ", "Ông ")."""
    from .resources import load_json

    # "Anh" is left out: it is also a given name ("Anh Tuấn") and a country ("Anh Theresa May")
    words = {w[:1].upper() + w[1:] for w in load_json("titles.json").get("honorifics", [])} - {"Anh"} | {"Ngài"}
    alt = "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))
    return regex.compile(rf"(?:{alt})\s+(?=\p{{Lu}})")


def _trim_honorific(m: Span, text: str) -> Span:
    """Rule 12: "Ngài Edano Yukio" -> "Edano Yukio"; the honorific is not part of the name."""
    h = _honorific_head_re().match(text, m.start, m.end)
    if h is None or m.label != "PER":
        return m
    return Span(m.label, h.end(), m.end, dict(m.attrs), m.source)


_EDGE_PUNCT = regex.compile(r"^[\s(),;:.\-–]|[\s(,;:.\-–]$")
_GLUED = regex.compile(r"\p{Lu}{2,}\p{Ll}{2,}")
_BRACKETED = regex.compile(r"\(\s*\Z")
_CLAUSE_BREAK = regex.compile(r"[.!?;:\n]")


@lru_cache(maxsize=1)
def _function_words() -> frozenset:
    from .resources import load_json

    return frozenset(load_json("units.json").get("function_words", []))


@lru_cache(maxsize=1)
def _merge_lexicon() -> dict:
    """``merge.json``: the few words the merge policy needs that no rule family has."""
    from .resources import load_json

    d = load_json("merge.json")
    lex = {k: frozenset(d[k]) for k in ("compass", "place_nouns", "not_bodies")}
    lex["min_confidence"] = {k: float(v) for k, v in d.get("min_confidence", {}).items() if not k.startswith("_")}
    kinds = load_json("directives.json")  # a document is no body either: "Luật Giá", "Nghị quyết 29"
    lex["not_bodies"] |= {k.casefold() for key in ("kinds", "compound_kinds") for k in kinds.get(key, [])}
    return lex


@lru_cache(maxsize=1)
def _place_words() -> frozenset:
    """Rules 14, 16: the level, geographic, road and hamlet words of ``units.json``, case-folded."""
    from .resources import load_json

    u = load_json("units.json")
    return frozenset(w.casefold() for k in ("geo_levels", "road_words", "route_words", "lane_words", "subcommune_levels",
                                            "levels") for w in u.get(k, []))


@lru_cache(maxsize=1)
def _facility_words() -> frozenset:
    """Rule 14: ``not_name_before`` words of ``titles.json`` that are no place word of ``units.json``."""
    from .resources import load_json

    places = _place_words() | _merge_lexicon()["place_nouns"]
    return frozenset(w.casefold() for w in load_json("titles.json").get("not_name_before", [])
                     if w.casefold() not in places and not w.rstrip(" -").endswith("Mác"))


def _starts_with(surface: str, words: frozenset) -> bool:
    """The first one, two or three words of ``surface``, case-folded, are in ``words``."""
    w = surface.casefold().split()
    return any(" ".join(w[:n]) in words for n in (1, 2, 3) if len(w) >= n)


def _facility_head(surface: str) -> bool:
    """Rule 14: "Công viên Gia Định", "Bệnh viện Chợ Rẫy" yes; "sông Đà", "huyện Đắk Song" no."""
    return _starts_with(surface, _facility_words())


def _lower_term_before(text: str, pos: int) -> bool:
    """Rule 13: the up to five words before a bracket are all lower-case ("công nghệ thông tin (")."""
    window = _CLAUSE_BREAK.split(text[max(0, pos - 80):pos])[-1]
    words = window.replace(",", " ").split()[-5:]
    return bool(words) and not any(w[:1].isupper() for w in words)


def _body_shaped(text: str, m: Span, rule_spans: list[Span]) -> bool:
    """Rule 13: "Viện Pasteur", "Thế giới (IPU)" yes; "Bộ đã", "Đoàn 83 (", "địa bàn (GRDP)" no."""
    surface = text[m.start:m.end]
    words = surface.split()
    if len(words) > 1 and words[-1] in _function_words():
        return False
    if _EDGE_PUNCT.search(surface) or surface.count("(") != surface.count(")") or _GLUED.search(surface):
        return False
    if m.label == "ORG" and len(words) == 1 and surface.isupper() and _BRACKETED.search(text, max(0, m.start - 3), m.start):
        open_at = text.rfind("(", 0, m.start)
        body_end = len(text[:open_at].rstrip())
        after_body = any(r.label == "ORG" and r.end == body_end for r in rule_spans)
        return after_body or not _lower_term_before(text, open_at)
    return True


@lru_cache(maxsize=1)
def _zone_words() -> frozenset:
    """Rule 16: heads that make a place — the place words of ``units.json`` and ``merge.json``'s zone heads."""
    from .resources import load_json

    return _place_words() | {w.casefold() for w in load_json("merge.json")["zone_heads"]}


def _relabel_by_head(m: Span, text: str) -> Span:
    """Rule 16: a model ORG headed by a place word and a name is a LOC ("KCN Phú Vinh"); "Huyện ủy" stays."""
    if m.label != "ORG":
        return m
    w = text[m.start:m.end].split()
    head = next((n for n in (2, 1) if len(w) > n and " ".join(w[:n]).casefold() in _zone_words()), 0)
    if not head or not (w[head][:1].isupper() or w[head][:1].isdigit()):
        return m
    return Span("LOC", m.start, m.end, dict(m.attrs), m.source)


@lru_cache(maxsize=1)
def _type_before_re():
    """Rule 16: a place type word of ``merge.json`` or a road word of ``units.json`` right before a span."""
    from .resources import load_json

    u = load_json("units.json")
    words = set(load_json("merge.json")["type_before_place"]) | {
        w for k in ("road_words", "route_words", "lane_words") for w in u.get(k, [])}
    alt = "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))
    return regex.compile(rf"(?<![\p{{L}}])(?:{alt}) \Z")


def _with_place_type(m: Span, text: str, rule_spans: list[Span]) -> Span:
    """Rule 16: "cầu [Trần Thị Lý]" -> "cầu Trần Thị Lý": the guidelines keep a place's type word in its span."""
    t = _type_before_re().search(text, max(0, m.start - 20), m.start) if m.label == "LOC" else None
    if t is None or any(r.start < m.start and t.start() < r.end for r in rule_spans):
        return m
    return Span(m.label, t.start(), m.end, dict(m.attrs), m.source)


@lru_cache(maxsize=1)
def _no_body_res():
    """Rule 17 patterns, built once from ``titles.json`` heads and ``merge.json``."""
    from .resources import load_json

    lex = load_json("merge.json")
    heads = {h.replace("|", "").strip() for h in load_json("titles.json").get("heads", [])}
    kinds = load_json("directives.json")  # after a document kind comes the document's name: "Luật Biểu tình"
    after = set(lex["not_after"]) | {v for key in ("kinds", "compound_kinds") for k in kinds.get(key, []) for v in (k, k.lower())}

    def alt(words):
        return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True) if w)

    return (regex.compile(rf"(?:{alt(heads)})(?![\p{{L}}])"),  # a position, not a body: "Cục trưởng"
            regex.compile(rf"(?:{alt(lex['group_heads'])})(?:\s+[\p{{Ll}}\d][\p{{L}}\d]*)*"),  # "Đoàn công tác"
            regex.compile(rf"(?<![\p{{L}}])(?:{alt(after)})\s+\Z"),  # "độ Vĩ Bắc", "vụ Hè Thu", "Luật Biểu tình"
            regex.compile(rf"(?<![\p{{L}}])(?:{alt(lex['not_place_after'])})\s+\Z"))  # a source: "Theo Reuters"


_IDENTIFIER = regex.compile(r"\p{L}+\d+\p{L}*|[IVXLC]+")  # "BN2899", "F1"; a bare Roman numeral "XIV"
_OPEN_QUOTE = regex.compile(r"[\"“‘«]\s*\Z")
_CLOSE_QUOTE = regex.compile(r"\s*[\"”’»]")


def _no_body(text: str, m: Span) -> bool:
    """Rule 17: "Cục trưởng", "Đoàn công tác", "độ Vĩ Bắc", "BN2899", an unclosed quotation; not "Đội QLTT 12B"."""
    surface = text[m.start:m.end]
    title_head, group, after, source = _no_body_res()
    if m.label == "LOC" and source.search(text, max(0, m.start - 8), m.start):
        return True
    if title_head.match(surface) or group.fullmatch(surface) or _IDENTIFIER.fullmatch(surface):
        return True
    if after.search(text, max(0, m.start - 20), m.start):
        return True
    words = surface.split()
    if len(words) >= 3 and not any(w[:1].isupper() or any(c.isdigit() for c in w) for w in words[1:]):
        return True  # "Trung tâm hành chính", "Công ty thuê": a description; a name capitalises its own part
    # inside a quoted title: '"Vì An toàn thực phẩm"', '"Vành đai và Con đường"'
    if _OPEN_QUOTE.search(text, max(0, m.start - 3), m.start) and not _CLOSE_QUOTE.match(text, m.end):
        return True
    return _inside_quote(text, m)


def _inside_quote(text: str, m: Span) -> bool:
    """Rule 17: a piece of a quoted title ("Con đường" in “Vành đai và Con đường”), not the whole quotation.

    A quotation is open at the span when the last mark before it in its clause
    opens one (a curly or guillemet opener, or an odd count of straight quotes).
    """
    window = text[max(0, m.start - 80):m.start]
    cut = max((x.end() for x in _CLAUSE_END.finditer(window)), default=0)
    marks = [c for c in window[cut:] if c in "\"“”«»"]
    straight_open = marks.count('"') % 2 == 1 and marks[-1:] == ['"']
    if not marks or not (marks[-1] in "“«" or straight_open):
        return False
    close = regex.match(r"[^\"”»\n]{0,60}[\"”»]", text[m.end:m.end + 61])
    whole = _OPEN_QUOTE.search(text, max(0, m.start - 3), m.start) and close is not None and not close.group()[:-1].strip()
    return close is not None and not whole


def _foreign(surface: str) -> bool:
    """Rule 9: a word that is no Vietnamese syllable ("Toshihiro"), or a transliteration ("Na-cai")."""
    words = regex.findall(r"[\p{L}]+(?:[-‐][\p{L}]+)*", surface)
    # an ALL-CAPS word is an abbreviation ("ĐB"), no evidence either way
    return any("-" in w or "‐" in w or not _VIET_SYL.fullmatch(w.lower()) for w in words if not w.isupper())


def _named_past_first(surface: str) -> bool:
    """Rule 6: a capitalised syllable after the first ("Bắc Kinh" yes, "Tượng" no)."""
    return any(w[:1].isupper() for w in surface.split()[1:])


_CLASS_MARKER = regex.compile(r"(?:(?<![\p{L}\d])(?:\d+|các|những|mỗi|từng|nhiều|một số|hai|ba|bốn)\s+"
                              r"(?:\p{Lu}\p{Ll}*,\s*){0,3})\Z", regex.IGNORECASE)


def looks_like_name(surface: str, label: str) -> bool:
    """Rule 4 of the merge policy: capitalised like a proper name."""
    words = surface.split()
    if not words or not words[0][:1].isupper():
        return False
    if label == "PER":
        return all(w[:1].isupper() for w in words)
    return True
