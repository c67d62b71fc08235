"""Fuzz the barcode parser: nothing but BarcodeError may escape.

    python bench/fuzz_barcodes.py [N] [--seed S]

Runs N inputs (default 1,000,000): about a third random text (ASCII,
control characters, GS, full-width and other Unicode, with scanner-like
prefixes), the rest valid scans from the benchmark mix mutated 1-4 times
(flip, insert, delete a character, insert GS, truncate, duplicate or swap a
slice). Prints how many were accepted, rejected (by reason) and crashed. A
crash is any exception other than BarcodeError, or a BarcodeError produced
by the parser's last-resort guard (``code == "internal"``). Exits 1 on any
crash, printing the first few with their cause.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
import traceback
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench_barcodes import make_corpus  # noqa: E402

from app.barcodes import BarcodeError, parse_scan, scan_to_json  # noqa: E402

GS = "\x1d"
ASCII = [chr(c) for c in range(32, 127)]
SPECIAL = list("0123456789()]:/\x1d\r\n\t \x00\x7f") + [
    "\u00a0", "\u2028", "\uff10", "\uff11", "\uff08", "\uff09", "\uff1a", "\u0660", "\u0663",
    "é", "ß", "中", "😀", "\u200b", "\ufeff", "²", "Ⅻ",
]  # fmt: skip
PREFIXES = [
    "", "", "", "]C1", "]C0", "]d2", "]d1", "]Q3", "]Q1", "]e0", "]E0", "]E3", "]E4", "]I1", "]J1", "]Y", "]",
    "]Y3", "]Z0", "(01)", "(", "01", "00", "02", "37", "3103", "392", "B:", "pl:", "X:",
    "https://id.gs1.org/01/", "http://[", "HTTPS://", GS,
]  # fmt: skip


def random_text(rng: random.Random) -> str:
    n = rng.randint(0, 48)
    r = rng.random()
    if r < 0.4:
        body = "".join(rng.choices("0123456789", k=n))
    elif r < 0.7:
        body = "".join(rng.choice(ASCII) if rng.random() < 0.7 else rng.choice(SPECIAL) for _ in range(n))
    else:
        body = "".join(chr(rng.randint(0, 0x2FFFF)) if rng.random() < 0.3 else rng.choice(SPECIAL) for _ in range(n))
    return rng.choice(PREFIXES) + body


def mutate(rng: random.Random, text: str) -> str:
    for _ in range(rng.randint(1, 4)):
        pos = rng.randint(0, len(text))
        op = rng.randrange(8)
        if op == 0 and text:  # flip a character
            pos = min(pos, len(text) - 1)
            pool = "0123456789" if rng.random() < 0.6 else rng.choice(SPECIAL + ASCII)
            text = text[:pos] + rng.choice(pool) + text[pos + 1 :]
        elif op == 1:  # insert
            text = text[:pos] + rng.choice(SPECIAL + ASCII) + text[pos:]
        elif op == 2 and text:  # delete
            text = text[:pos] + text[pos + 1 :]
        elif op == 3:  # insert GS
            text = text[:pos] + GS + text[pos:]
        elif op == 4:  # truncate
            text = text[:pos]
        elif op == 5 and text:  # duplicate a slice
            end = rng.randint(pos, len(text))
            text = text[:end] + text[pos:end] + text[end:]
        elif op == 6 and len(text) > 2:  # swap two characters
            i, j = rng.randrange(len(text)), rng.randrange(len(text))
            chars = list(text)
            chars[i], chars[j] = chars[j], chars[i]
            text = "".join(chars)
        else:  # delete a slice
            end = rng.randint(pos, len(text))
            text = text[:pos] + text[end:]
    return text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", nargs="?", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=20251127)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    corpus = [text for _category, text in make_corpus(rng, 5000)]
    counts: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    crashes: list[tuple[str, BaseException]] = []
    started = time.perf_counter()
    for i in range(args.n):
        if rng.random() < 0.33:
            source, text = "random", random_text(rng)
        else:
            source, text = "mutated", mutate(rng, rng.choice(corpus))
        counts[source] += 1
        try:
            result = parse_scan(text)
        except BarcodeError as exc:
            if exc.code == "internal":
                counts["crash"] += 1
                crashes.append((text, exc.__cause__ or exc))
            else:
                counts["rejected"] += 1
                reasons[exc.code] += 1
        except Exception as exc:  # noqa: BLE001 - this is what we hunt
            counts["crash"] += 1
            crashes.append((text, exc))
        else:
            counts["accepted"] += 1
            counts[f"accepted {result.kind}"] += 1
            if i % 97 == 0:  # the JSON output must stay serialisable
                json.dumps(scan_to_json(text))
    elapsed = time.perf_counter() - started

    print(f"barcode fuzz: {args.n:,} inputs, seed {args.seed}, {elapsed:.1f} s ({args.n / elapsed:,.0f}/s)")
    print(f"  random inputs:   {counts['random']:>9,}")
    print(f"  mutated inputs:  {counts['mutated']:>9,}")
    print(f"  accepted:        {counts['accepted']:>9,}")
    for key in sorted(k for k in counts if k.startswith("accepted ")):
        print(f"    {key[9:]:<16} {counts[key]:>9,}")
    print(f"  rejected (BarcodeError): {counts['rejected']:>,}")
    for reason, count in reasons.most_common():
        print(f"    {reason:<16} {count:>9,}")
    print(f"  crashes (other exceptions or guard hits): {counts['crash']}")
    for text, exc in crashes[:5]:
        print(f"\n--- crash on {text!r}")
        traceback.print_exception(exc, file=sys.stdout)
    return 1 if counts["crash"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
