"""Helpers that produce the damaged inputs real scrapers meet."""
import unicodedata

TONES = "\u0300\u0301\u0303\u0309\u0323"


def encode_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows wrote it: base letter (maybe with a
    vowel mark) + a combining tone mark."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        d = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in d[1:] if c in TONES)
        head = unicodedata.normalize("NFC", d[0] + "".join(c for c in d[1:] if c not in TONES))
        out += head.encode("cp1258") + tones.encode("cp1258")
    return bytes(out)


def mojibake(text: str) -> str:
    """UTF-8 bytes read back as CP1252: what a misconfigured CMS stores."""
    raw = text.encode("utf-8")
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in raw)
