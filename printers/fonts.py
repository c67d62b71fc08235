"""Fonts for documents with Chinese text (product names, addresses).

reportlab's own fonts cover Latin-1 only, so Chinese needs a font file from
the machine, embedded (subset) in the PDF so that any printer or viewer shows
it. The search order:

1. ``FRESHFLOW_CJK_FONT`` (a path, optionally ``path#face`` for a .ttc),
2. well-known files (WenQuanYi, Droid Sans Fallback, AR PL, Microsoft YaHei,
   SimSun, Noto Sans CJK, Source Han Sans, PingFang),
3. whatever fontconfig (``fc-match``) names for Simplified Chinese.

reportlab embeds TrueType outlines only. Most Linux machines carry Noto Sans
CJK, whose outlines are PostScript (CFF): for those the glyphs a document
needs are converted to TrueType with fontTools (a few milliseconds per
glyph, cached per process) and embedded as a small font of their own.

No usable font -> :class:`FontUnavailable` with what to install; nothing is
printed without its Chinese text.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from app.errors import DomainError
from app.i18n import _

#: Latin text: a standard PDF font (no embedding needed).
LATIN = "Helvetica"
LATIN_BOLD = "Helvetica-Bold"

ENV_VAR = "FRESHFLOW_CJK_FONT"

#: Files that often exist, TrueType outlines first (embedded as they are), then PostScript-outline ones.
KNOWN_FONTS: tuple[str, ...] = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/wenquanyi/wqy-zenhei/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simsun.ttc",
    "C:/Windows/Fonts/simhei.ttf",
    "/Library/Fonts/Arial Unicode.ttf",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf",
    "/usr/share/fonts/adobe-source-han-sans/SourceHanSansSC-Regular.otf",
    "/usr/share/fonts/opentype/source-han-sans/SourceHanSansSC-Regular.otf",
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/STHeiti Light.ttc",
)

#: A character every Chinese font has; a face without it is not one.
_PROBE = "中"


class FontUnavailable(DomainError):
    """No font on this machine can print the document's Chinese text."""


def needs_cjk(text: str) -> bool:
    """True when ``text`` has characters the standard PDF fonts (Windows-1252) cannot show."""
    try:
        text.encode("cp1252")
        return False
    except UnicodeEncodeError:
        return True


@dataclass(frozen=True)
class FontSource:
    path: str
    face: int
    family: str
    truetype: bool  # TrueType outlines: reportlab embeds the file itself


_lock = threading.Lock()
_source: FontSource | None = None
_searched = False
_converter = None        # _CffConverter for the chosen PostScript-outline font
_registered: dict[str, str] = {}   # key -> registered reportlab font name


def _missing_message() -> str:
    return _("No font for Chinese text found on this computer. Install one (for example the package "
             "fonts-noto-cjk or fonts-wqy-microhei) or set {var} to a .ttf, .ttc or .otf file, then print again."
             ).format(var=ENV_VAR)


def find_cjk_font() -> FontSource | None:
    """The font used for Chinese text (searched once per process), or None."""
    global _source, _searched
    with _lock:
        if not _searched:
            _source = _search()
            _searched = True
        return _source


def reset() -> None:
    """Forget the font found (tests; after installing a font)."""
    global _source, _searched, _converter
    with _lock:
        _source, _searched, _converter = None, False, None
        _registered.clear()


def _search() -> FontSource | None:
    configured = os.environ.get(ENV_VAR, "").strip()
    if configured:
        path, _sep, face = configured.partition("#")
        source = _probe_file(path, int(face) if face.isdigit() else None)
        if source is None:
            raise FontUnavailable(_("{var} is set to {path}, which is not a usable Chinese font (missing, unreadable, "
                                    "or without Chinese characters). Point it at a .ttf, .ttc or .otf file with "
                                    "Chinese, or unset it.").format(var=ENV_VAR, path=configured))
        return source
    for path in KNOWN_FONTS:
        if os.path.exists(path):
            source = _probe_file(path, None)
            if source is not None:
                return source
    return _from_fontconfig()


def _from_fontconfig() -> FontSource | None:
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None
    try:
        out = subprocess.run([fc_match, "-f", "%{file}\n%{index}\n", "sans-serif:lang=zh-cn"],
                             capture_output=True, text=True, timeout=10).stdout.splitlines()
    except (OSError, subprocess.SubprocessError):
        return None
    if not out or not os.path.exists(out[0]):
        return None
    return _probe_file(out[0], int(out[1]) if len(out) > 1 and out[1].isdigit() else None)


def _probe_file(path: str, face: int | None) -> FontSource | None:
    """The file's best face for Simplified Chinese, if it has one we can embed."""
    if not os.path.isfile(path):
        return None
    faces = [face] if face is not None else _face_order(path)
    for index in faces:
        try:
            font = TTFont(f"probe-{index}", path, subfontIndex=index)
        except TTFError as error:
            if "postscript outlines" in str(error).lower():
                found = _probe_cff(path, index)
                if found is not None:
                    return found
            continue
        except Exception:  # an unreadable or foreign file: not ours to print with
            continue
        if ord(_PROBE) in font.face.charToGlyph:
            return FontSource(path, index, font.face.name.decode("latin-1", "replace")
                              if isinstance(font.face.name, bytes) else str(font.face.name), True)
    return None


def _face_order(path: str) -> list[int]:
    """Faces of a collection, the Simplified Chinese one first (Noto Sans CJK puts JP first)."""
    count = _face_count(path)
    if count <= 1:
        return [0]
    names = _face_names(path, count)
    preferred = [i for i, name in enumerate(names) if any(tag in name for tag in (" SC", " CN", "GB", "Simplified"))]
    return preferred + [i for i in range(count) if i not in preferred]


def _face_count(path: str) -> int:
    with open(path, "rb") as handle:
        head = handle.read(12)
    if head[:4] != b"ttcf":
        return 1
    return int.from_bytes(head[8:12], "big")


def _face_names(path: str, count: int) -> list[str]:
    try:
        from fontTools.ttLib import TTFont as FontToolsFont
    except ImportError:
        return [""] * count
    names = []
    for index in range(count):
        try:
            font = FontToolsFont(path, fontNumber=index, lazy=True)
            names.append(str(font["name"].getDebugName(4) or ""))
            font.close()
        except Exception:
            names.append("")
    return names


def _probe_cff(path: str, index: int) -> FontSource | None:
    try:
        from fontTools.ttLib import TTFont as FontToolsFont
    except ImportError:
        return None
    try:
        font = FontToolsFont(path, fontNumber=index, lazy=True)
        has = ord(_PROBE) in (font.getBestCmap() or {})
        family = str(font["name"].getDebugName(4) or Path(path).stem)
        font.close()
    except Exception:
        return None
    return FontSource(path, index, family, False) if has else None


def cjk_font_for(text: str) -> str:
    """The name of a registered reportlab font that shows every character of ``text``.

    Raises :class:`FontUnavailable` when no font on this machine can."""
    source = find_cjk_font()
    if source is None:
        raise FontUnavailable(_missing_message())
    if source.truetype:
        key = f"{source.path}#{source.face}"
        with _lock:
            name = _registered.get(key)
            if name is None:
                name = f"FreshFlowCJK-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:8]}"
                pdfmetrics.registerFont(TTFont(name, source.path, subfontIndex=source.face))
                _registered[key] = name
        return name
    return _converted_font(source, text)


def _converted_font(source: FontSource, text: str) -> str:
    global _converter
    characters = sorted({ch for ch in text if ch.isprintable()} | {" "})
    key = hashlib.sha1("".join(characters).encode("utf-8")).hexdigest()[:16]
    with _lock:
        name = _registered.get(key)
        if name is not None:
            return name
        try:
            if _converter is None or _converter.source != source:
                _converter = _CffConverter(source)
            data = _converter.truetype_font(characters, f"FreshFlowCJK-{key}")
        except ImportError:
            raise FontUnavailable(_("The Chinese font {font} needs the Python package fonttools to be printed; "
                                    "install it (pip install fonttools) or install a TrueType Chinese font such as "
                                    "fonts-wqy-microhei.").format(font=source.path)) from None
        name = f"FreshFlowCJK-{key}"
        pdfmetrics.registerFont(TTFont(name, io.BytesIO(data)))
        _registered[key] = name
        return name


class _CffConverter:
    """Turns glyphs of a PostScript-outline (CFF) font into a small TrueType font (quadratic outlines)."""

    def __init__(self, source: FontSource):
        from fontTools.ttLib import TTFont as FontToolsFont

        self.source = source
        self.font = FontToolsFont(source.path, fontNumber=source.face, lazy=True)
        self.cmap = self.font.getBestCmap() or {}
        self.glyph_set = self.font.getGlyphSet()
        self.metrics = self.font["hmtx"]
        self.glyphs: dict[str, object] = {}

    def _glyph(self, name: str):
        from fontTools.pens.cu2quPen import Cu2QuPen
        from fontTools.pens.ttGlyphPen import TTGlyphPen

        glyph = self.glyphs.get(name)
        if glyph is None:
            pen = TTGlyphPen(None)
            # cubic -> quadratic within 1 unit of 1000 per em; TrueType winds the other way round
            self.glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
            glyph = self.glyphs[name] = pen.glyph()
        return glyph

    def truetype_font(self, characters: list[str], ps_name: str) -> bytes:
        """A TrueType font of these characters' glyphs. ``ps_name`` must differ between fonts: reportlab takes a
        second font with a PostScript name it has seen for the first one."""
        from fontTools.fontBuilder import FontBuilder

        cmap = {ord(ch): self.cmap[ord(ch)] for ch in characters if ord(ch) in self.cmap}
        order = [".notdef"] + sorted({name for name in cmap.values() if name != ".notdef"})
        builder = FontBuilder(self.font["head"].unitsPerEm, isTTF=True)
        builder.setupGlyphOrder(order)
        builder.setupCharacterMap(cmap)
        builder.setupGlyf({name: self._glyph(name) for name in order})
        builder.setupHorizontalMetrics({name: self.metrics[name] for name in order})
        hhea, os2 = self.font["hhea"], self.font["OS/2"]
        builder.setupHorizontalHeader(ascent=hhea.ascent, descent=hhea.descent)
        builder.setupNameTable({"familyName": ps_name, "styleName": "Regular", "psName": ps_name})
        builder.setupOS2(sTypoAscender=os2.sTypoAscender, sTypoDescender=os2.sTypoDescender,
                         sTypoLineGap=os2.sTypoLineGap, usWinAscent=os2.usWinAscent, usWinDescent=os2.usWinDescent,
                         fsType=os2.fsType)  # keep the licence's embedding rule (reportlab checks it)
        builder.setupPost()
        out = io.BytesIO()
        builder.save(out)
        return out.getvalue()
