"""Immediate answer to every scan: a sound and a coloured banner (DESIGN.md §7).

* :class:`FeedbackBanner` - a label that flashes green (accepted) or red
  (rejected) and shows the text in large type; the text stays after the
  flash so the reason can still be read. Colours are set through the dynamic
  property ``feedback`` (``idle`` / ``accepted`` / ``rejected``), so the app
  style sheet may restyle ``QLabel#scanFeedback[feedback="rejected"]``. Text
  carries a ✔ / ✖ mark: the answer does not rely on colour alone.
* :class:`FeedbackSounds` - ``resources/sounds/accept.wav`` (short high beep)
  and ``reject.wav`` (low double buzz) through QSoundEffect. Without
  QtMultimedia, without an audio device (offscreen CI) or when a file cannot
  be loaded it stays silent instead of failing.
* :class:`ScanFeedback` - both together, with a ``muted`` setting; stations
  call :meth:`ScanFeedback.accept` / :meth:`ScanFeedback.reject`.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QWidget

log = logging.getLogger(__name__)

SOUNDS_DIR = Path(__file__).resolve().parents[2] / "resources" / "sounds"
ACCEPTED = "accepted"
REJECTED = "rejected"
IDLE = "idle"

_STYLE = """
QLabel#%(name)s { border-radius: 6px; padding: 12px; }
QLabel#%(name)s[feedback="idle"] { background-color: palette(window); }
QLabel#%(name)s[feedback="accepted"] { background-color: #1e8e3e; color: white; }
QLabel#%(name)s[feedback="rejected"] { background-color: #c5221f; color: white; }
"""


class FeedbackBanner(QLabel):
    """Large-text banner flashing green or red; ``feedback_state`` tells which."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        object_name: str = "scanFeedback",
        accept_flash_ms: int = 1200,
        reject_flash_ms: int = 4000,
        point_size: int = 22,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.accept_flash_ms = accept_flash_ms
        self.reject_flash_ms = reject_flash_ms
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        font = QFont(self.font())
        font.setPointSize(point_size)
        font.setBold(True)
        self.setFont(font)
        self.setMinimumHeight(int(point_size * 3.5))
        self.setAccessibleName(self.tr("Scan result"))
        self.setStyleSheet(_STYLE % {"name": object_name})
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.end_flash)
        self._set_state(IDLE)

    @property
    def feedback_state(self) -> str:
        return str(self.property("feedback"))

    def _set_state(self, state: str) -> None:
        self.setProperty("feedback", state)
        self.style().unpolish(self)
        self.style().polish(self)
        self.update()

    def show_accepted(self, text: str) -> None:
        self._flash(ACCEPTED, "\u2714 " + text if text else "\u2714", self.accept_flash_ms)

    def show_rejected(self, reason: str) -> None:
        self._flash(REJECTED, "\u2716 " + reason if reason else "\u2716", self.reject_flash_ms)

    def _flash(self, state: str, text: str, duration_ms: int) -> None:
        self.setText(text)
        self._set_state(state)
        self._timer.stop()
        if duration_ms > 0:  # 0: keep the colour until the next answer
            self._timer.start(duration_ms)

    def end_flash(self) -> None:
        """Back to the neutral background; the text stays."""
        self._timer.stop()
        self._set_state(IDLE)

    def clear_feedback(self) -> None:
        self.end_flash()
        self.clear()


class FeedbackSounds(QObject):
    """Accept / reject sounds that degrade to silence when audio is unavailable."""

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        sounds_dir: Path = SOUNDS_DIR,
        volume: float = 0.8,
        muted: bool = False,
    ) -> None:
        super().__init__(parent)
        self.muted = muted
        self._effects: dict[str, object] = {}
        self._sound_effect_cls = _sound_effect_class()
        if self._sound_effect_cls is None:
            return
        for kind, name in ((ACCEPTED, "accept.wav"), (REJECTED, "reject.wav")):
            path = sounds_dir / name
            if not path.is_file():
                log.warning("feedback sound %s is missing", path)
                continue
            effect = self._sound_effect_cls(self)
            effect.setSource(QUrl.fromLocalFile(str(path)))
            effect.setVolume(volume)
            self._effects[kind] = effect

    def _usable(self, effect: object) -> bool:
        status = effect.status()  # type: ignore[attr-defined]
        usable = (self._sound_effect_cls.Status.Ready, self._sound_effect_cls.Status.Loading)  # type: ignore[union-attr]
        return status in usable

    @property
    def available(self) -> bool:
        """True if at least one sound can (still) play."""
        return any(self._usable(e) for e in self._effects.values())

    def play(self, kind: str) -> bool:
        """Play the ``accepted`` or ``rejected`` sound; False if silent."""
        if self.muted:
            return False
        effect = self._effects.get(kind)
        if effect is None or not self._usable(effect):
            return False
        try:
            effect.play()  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001 - feedback must never break a scan
            log.debug("playing %s sound failed", kind, exc_info=True)
            return False
        return True


def _sound_effect_class() -> type | None:
    try:
        from PySide6.QtMultimedia import QMediaDevices, QSoundEffect
    except ImportError:  # QtMultimedia or its system libraries missing
        log.info("QtMultimedia unavailable: scan feedback is silent")
        return None
    try:
        if not QMediaDevices.audioOutputs():
            log.info("no audio output device: scan feedback is silent")
            return None
    except Exception:  # noqa: BLE001
        return None
    return QSoundEffect


class ScanFeedback(QObject):
    """Banner + sound for each scan outcome. ``muted`` silences the sound only.

    ``feedback_given(str kind, str text)`` is emitted after each answer
    (``"accepted"`` / ``"rejected"``), e.g. for an audit trail or tests.
    """

    feedback_given = Signal(str, str)

    def __init__(
        self,
        banner: FeedbackBanner | None = None,
        sounds: FeedbackSounds | None = None,
        parent: QObject | None = None,
        *,
        muted: bool = False,
    ) -> None:
        super().__init__(parent)
        self.banner = banner
        self.sounds = sounds if sounds is not None else FeedbackSounds(self)
        self.muted = muted

    @property
    def muted(self) -> bool:
        return self.sounds.muted

    @muted.setter
    def muted(self, value: bool) -> None:
        self.sounds.muted = bool(value)

    def accept(self, text: str = "") -> None:
        if self.banner is not None:
            self.banner.show_accepted(text)
        self.sounds.play(ACCEPTED)
        self.feedback_given.emit(ACCEPTED, text)

    def reject(self, reason: str) -> None:
        if self.banner is not None:
            self.banner.show_rejected(reason)
        self.sounds.play(REJECTED)
        self.feedback_given.emit(REJECTED, reason)
