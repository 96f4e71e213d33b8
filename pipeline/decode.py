"""Bytes to NFC Unicode, or a clear reason why not.

Vietnamese pages reach us in every encoding the last twenty years produced:
UTF-8 with and without BOM, UTF-16 from Windows tools, Windows-1258 (which
writes tone marks as *combining* characters, so it must be NFC-composed),
UTF-8 that was once read as CP1252 and saved again ("Chá»‰ thá»‹" for
"Chỉ thị"), and text typed with legacy font encodings (TCVN3/ABC "ChØ thÞ",
VNI "Chæ thò") that no codec can decode because the bytes were never meant
as characters. Everything downstream assumes NFC text, so this is the one
place that decides.

A failure is a `DecodeError` with a `kind` (``empty``, ``binary``,
``legacy_encoding``, ``undecodable``, ``too_large``) that the record's
`error.type` carries, never an exception escaping the run.
"""
from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass, field

import regex

DEFAULT_MAX_BYTES = 5_000_000

# Letters only Vietnamese uses (precomposed, NFC): their share tells a right
# decoding from a wrong one.
_VI_LETTERS = regex.compile(
    r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]",
    regex.IGNORECASE,
)
# UTF-8 read as CP1252/Latin-1: a lead byte Ã/Ä/Æ/á»/áº... followed by a
# continuation-byte character.
_CONT = "".join(sorted({bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(0x80, 0xC0)}))
_MOJIBAKE = regex.compile("(?:[ÃÄÆ]|á[º»])[" + regex.escape(_CONT) + "]")
# Legacy font encodings seen through a Latin codec. TCVN3 puts toned vowels on
# Latin-1 symbols (µ ¸ ¶ · ¹ © ª « ¬ ® ...) inside words; VNI writes a base
# vowel followed by a mark letter (aø, aù, aû, aõ, aï, ö, ñ for đ).
_TCVN3_WORD = regex.compile(r"\b[A-Za-z]*[µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉË®ªÌÐÎÏÑ«ÒÕÓÔÖ¬×ÝØÜÞ­ßãáâäåæçèéêëìíîïñòóôõöøùúûüý][A-Za-z]*\b")
_TCVN3_HINT = regex.compile(r"(?:ViÖt|cña|®¶ng|§¶ng|nh©n|ng­êi|®­îc|cho|trong|c¸c|n¨m|tØnh|huyÖn|x·)")
_VNI_HINT = regex.compile(r"(?:Vieät|cuûa|ñaûng|Ñaûng|nhaân|ngöôøi|ñöôïc|caùc|naêm|tænh|huyeän|xaõ|vôùi|coù|ñeán)")
_CONTROL = regex.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


class DecodeError(ValueError):
    """Why an input cannot become text; `kind` goes into the record's error."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


@dataclass
class Decoded:
    text: str
    encoding: str
    notes: list[str] = field(default_factory=list)


def _vi_share(text: str) -> float:
    letters = sum(1 for c in text if c.isalpha())
    return len(_VI_LETTERS.findall(text)) / letters if letters else 0.0


def _cp1252_bytes(text: str) -> bytes:
    """Re-encode text that was decoded as CP1252 (with Latin-1 for its 5 holes)."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            if ord(ch) < 256:
                out.append(ord(ch))
            else:
                raise
    return bytes(out)


def repair_mojibake(text: str) -> tuple[str, bool]:
    """Undo UTF-8-read-as-CP1252 damage, line by line, where it is evident.

    >>> repair_mojibake("Chá»‰ thá»‹ sá»‘ 05")[0]
    'Chỉ thị số 05'
    """
    if not _MOJIBAKE.search(text):
        return text, False
    fixed_any = False
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if not _MOJIBAKE.search(line):
            continue
        try:
            candidate = _cp1252_bytes(line).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if _vi_share(candidate) >= _vi_share(line):
            lines[i] = candidate
            fixed_any = True
    return "\n".join(lines), fixed_any


def detect_legacy(text: str) -> str | None:
    """Name the legacy Vietnamese font encoding a text was typed in, if any.

    >>> detect_legacy("Céng hoµ x· héi chñ nghÜa ViÖt Nam, cña §¶ng")
    'TCVN3'
    """
    sample = text[:20000]
    words = max(1, len(sample.split()))
    vi = len(_VI_LETTERS.findall(sample))
    tc = len(_TCVN3_HINT.findall(sample))
    vni = len(_VNI_HINT.findall(sample))
    if vni >= 2 and vni / words > 0.01 and vi < vni * 3:
        return "VNI"
    tc_words = len(_TCVN3_WORD.findall(sample))
    if tc >= 2 and tc_words / words > 0.15 and vi < tc_words * 0.5:
        return "TCVN3"
    return None


def _from_bom(data: bytes) -> tuple[str, str] | None:
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                     (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as e:
                raise DecodeError("undecodable", f"starts with a {enc} byte-order mark but is not valid {enc}: {e.reason} at byte {e.start}") from None
    return None


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 saved without a BOM: NULs fill every other byte of ASCII text."""
    even, odd = data[0::2].count(0), data[1::2].count(0)
    half = len(data) / 2
    for enc, nuls in (("utf-16-le", odd), ("utf-16-be", even)):
        if half and nuls / half > 0.3:
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                return None
            plausible = sum(1 for c in text if ord(c) < 0x250 or 0x1E00 <= ord(c) <= 0x1EFF or 0x2000 <= ord(c) <= 0x206F)
            return (text, enc) if plausible >= 0.95 * len(text) else None
    return None


def decode_bytes(data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> Decoded:
    """Turn raw bytes into NFC text, repairing what can be repaired.

    >>> decode_bytes("Huyện ủy".encode("utf-16")).text
    'Huyện ủy'
    """
    if len(data) > max_bytes:
        raise DecodeError("too_large", f"input is {len(data):,} bytes, over the limit of {max_bytes:,} (raise it with --max-bytes)")
    if not data.strip():
        raise DecodeError("empty", "input is empty" if not data else "input holds only whitespace")
    notes: list[str] = []
    got = _from_bom(data)
    if got is None and b"\x00" in data:
        got = _utf16_without_bom(data)
        if got is None:
            n = data.count(0)
            raise DecodeError("binary", f"input holds {n:,} NUL byte(s): binary data, not text")
    if got is None:
        try:
            got = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as e:
            latin = data.decode("latin-1")
            legacy = detect_legacy(latin)
            if legacy:
                raise DecodeError("legacy_encoding", f"text is in the legacy {legacy} font encoding; convert it to Unicode first (e.g. with UniKey's converter)") from None
            cp = unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))
            if cp.count("\ufffd") == 0 and _vi_share(cp) > 0.05:
                got = cp, "cp1258"
                notes.append("decoded as Windows-1258")
            else:
                raise DecodeError("undecodable", f"not UTF-8 (invalid byte 0x{data[e.start]:02x} at offset {e.start}) and not recognisable Windows-1258 or UTF-16") from None
    return decode_text(got[0], encoding=got[1], notes=notes)


def decode_text(text: str, encoding: str = "str", notes: list[str] | None = None) -> Decoded:
    """Checks and repairs that apply to text however it arrived (files, JSONL fields, stdin)."""
    notes = list(notes or [])
    if not text.strip():
        raise DecodeError("empty", "text is empty" if not text else "text holds only whitespace")
    if "\x00" in text:
        raise DecodeError("binary", f"text holds {text.count(chr(0)):,} NUL character(s): binary data, not text")
    controls = len(_CONTROL.findall(text))
    if controls > max(8, len(text) // 100):
        raise DecodeError("binary", f"text holds {controls:,} control characters: binary data, not text")
    legacy = detect_legacy(text)
    if legacy:
        raise DecodeError("legacy_encoding", f"text is in the legacy {legacy} font encoding; convert it to Unicode first (e.g. with UniKey's converter)")
    text, repaired = repair_mojibake(text)
    if repaired:
        notes.append("repaired mojibake (UTF-8 read as CP1252)")
        if _MOJIBAKE.search(text):
            notes.append("some mojibake could not be repaired")
    nfc = unicodedata.normalize("NFC", text)
    if nfc != text:
        notes.append("normalised to NFC")
    if "\r" in nfc:
        nfc = nfc.replace("\r\n", "\n").replace("\r", "\n")
    return Decoded(nfc, encoding, notes)
