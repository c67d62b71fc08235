"""Generate the scan feedback sounds (deterministic; rerun to rebuild).

    python resources/sounds/make_sounds.py

accept.wav: one short high beep (2 kHz, 120 ms).
reject.wav: a low double buzz (2 x 160 ms of 180 Hz with odd harmonics).
16-bit mono PCM at 22 050 Hz - the format QSoundEffect plays everywhere.
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 22_050
HERE = Path(__file__).resolve().parent


def tone(
    freq: float, ms: int, *, harmonics: tuple[float, ...] = (1.0,), volume: float = 0.6
) -> list[float]:
    count = RATE * ms // 1000
    fade = min(count // 2, RATE * 5 // 1000)  # 5 ms ramps: no clicks
    norm = sum(harmonics)
    samples = []
    for i in range(count):
        t = i / RATE
        value = (
            sum(
                amp * math.sin(2 * math.pi * freq * (2 * k + 1) * t)
                for k, amp in enumerate(harmonics)
            )
            / norm
        )
        ramp = min(1.0, i / fade, (count - 1 - i) / fade) if fade else 1.0
        samples.append(value * ramp * volume)
    return samples


def silence(ms: int) -> list[float]:
    return [0.0] * (RATE * ms // 1000)


def write(path: Path, samples: list[float]) -> None:
    frames = b"".join(struct.pack("<h", round(s * 32767)) for s in samples)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(frames)


def main() -> None:
    write(HERE / "accept.wav", tone(2000, 120))
    buzz = tone(180, 160, harmonics=(1.0, 0.5, 0.3, 0.2))
    write(HERE / "reject.wav", buzz + silence(80) + buzz)


if __name__ == "__main__":
    main()
