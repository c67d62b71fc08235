from __future__ import annotations

import wave
from pathlib import Path

import pytest

from ui.scanning import feedback as fb
from ui.scanning.feedback import FeedbackBanner, FeedbackSounds, ScanFeedback

SOUNDS = Path(fb.SOUNDS_DIR)


@pytest.mark.parametrize("name", ["accept.wav", "reject.wav"])
def test_sound_files_are_small_pcm_wavs(name):
    path = SOUNDS / name
    with wave.open(str(path), "rb") as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, 22050)
        duration = wav.getnframes() / wav.getframerate()
    assert 0.05 < duration < 0.6
    assert path.stat().st_size < 32_000


def test_accept_and_reject_sound_differ():
    assert (SOUNDS / "accept.wav").read_bytes() != (SOUNDS / "reject.wav").read_bytes()


def test_banner_flashes_green_then_returns_to_idle(qtbot):
    banner = FeedbackBanner(accept_flash_ms=30)
    qtbot.addWidget(banner)
    assert banner.objectName() == "scanFeedback"
    assert banner.feedback_state == "idle"
    banner.show_accepted("Apples 1 kg")
    assert banner.feedback_state == "accepted"
    assert "Apples 1 kg" in banner.text()
    qtbot.waitUntil(lambda: banner.feedback_state == "idle", timeout=2000)
    assert "Apples 1 kg" in banner.text()  # the text stays readable


def test_banner_rejection_is_red_and_large(qtbot):
    banner = FeedbackBanner(reject_flash_ms=0)
    qtbot.addWidget(banner)
    banner.show_rejected("Wrong order: scan a box for #1042")
    assert banner.feedback_state == "rejected"
    assert banner.text().startswith("\u2716")  # not colour alone
    assert banner.font().pointSize() >= 18 and banner.font().bold()
    qtbot.wait(50)
    assert banner.feedback_state == "rejected"  # 0 ms: stays until the next answer
    banner.show_accepted("OK")
    assert banner.feedback_state == "accepted"


def test_banner_colours_follow_state(qtbot):
    banner = FeedbackBanner()
    qtbot.addWidget(banner)
    banner.show()
    banner.show_accepted("ok")
    green = banner.grab().toImage().pixelColor(5, banner.height() // 2)
    banner.show_rejected("no")
    red = banner.grab().toImage().pixelColor(5, banner.height() // 2)
    assert green.green() > green.red()
    assert red.red() > red.green()


def test_sounds_degrade_silently_without_audio(qtbot):
    # offscreen CI: no audio device (or no QtMultimedia) - must not raise
    sounds = FeedbackSounds()
    sounds.play("accepted")
    sounds.play("rejected")
    assert sounds.play("unknown") is False


class FakeEffect:
    class Status:
        Null, Loading, Ready, Error = range(4)

    instances: list[FakeEffect] = []

    def __init__(self, parent=None, status=Status.Ready):
        self._status = status
        self.source = None
        self.plays = 0
        FakeEffect.instances.append(self)

    def setSource(self, url):
        self.source = url.toLocalFile()

    def setVolume(self, volume):
        self.volume = volume

    def status(self):
        return self._status

    def play(self):
        self.plays += 1


@pytest.fixture
def fake_audio(monkeypatch):
    FakeEffect.instances = []
    monkeypatch.setattr(fb, "_sound_effect_class", lambda: FakeEffect)
    return FakeEffect


def test_sounds_play_and_mute(qtbot, fake_audio):
    sounds = FeedbackSounds()
    accept, reject = fake_audio.instances
    assert accept.source.endswith("accept.wav") and reject.source.endswith("reject.wav")
    assert sounds.available
    assert sounds.play("accepted") and accept.plays == 1
    sounds.muted = True
    assert not sounds.play("rejected") and reject.plays == 0


def test_sound_in_error_state_is_skipped(qtbot, fake_audio):
    sounds = FeedbackSounds()
    for effect in fake_audio.instances:
        effect._status = FakeEffect.Status.Error
    assert not sounds.available
    assert not sounds.play("accepted")


def test_missing_sound_files_are_tolerated(qtbot, fake_audio, tmp_path):
    sounds = FeedbackSounds(sounds_dir=tmp_path)
    assert not sounds.available
    assert not sounds.play("accepted")


def test_scan_feedback_combines_banner_and_sound(qtbot, fake_audio):
    banner = FeedbackBanner()
    qtbot.addWidget(banner)
    feedback = ScanFeedback(banner)
    accept, reject = fake_audio.instances
    with qtbot.waitSignal(feedback.feedback_given) as given:
        feedback.reject("Unknown barcode 123")
    assert given.args == ["rejected", "Unknown barcode 123"]
    assert banner.feedback_state == "rejected" and reject.plays == 1
    feedback.muted = True
    feedback.accept("Picked")
    assert banner.feedback_state == "accepted" and accept.plays == 0
    assert feedback.muted and feedback.sounds.muted


def test_scan_feedback_without_banner(qtbot):
    feedback = ScanFeedback(muted=True)
    feedback.accept()
    feedback.reject("x")
