"""Time of one automatic order review for a typical 3-line order.

    python bench/bench_review.py [N] [--rounds R]

Reviews the same passing 3-line order (a piece product, a chilled product,
a weighed product) N times (default 20,000) per round and prints the
microseconds per review of each round and their median, then the same for
an order that fails five rules (messages are only built for failures).
Wall-clock and thread CPU time are both shown: on a shared machine the
wall-clock figure includes other processes' time, so the verdict uses the
median thread CPU time of the rounds.
Target (orders intake, 10,000-order import): <= 30 us per typical order.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from dataclasses import replace
from datetime import date, datetime, timezone

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from app.services.orders.review import review  # noqa: E402
from app.services.orders.review_settings import ReviewSettings  # noqa: E402
from app.services.orders.review_types import ProductFacts, ReviewLine, ReviewSubject  # noqa: E402

TARGET_US = 30.0


def typical_order() -> ReviewSubject:
    apple = ProductFacts(id=1, sku="APL-001", name_en="Fuji apple", name_zh="富士苹果", active=True, unit="piece",
                         nominal_weight_g=None, price_cents=450, shelf_life_days=20, min_remaining_shelf_life_days=5,
                         latest_expiry=date(2025, 3, 30))
    milk = replace(apple, id=2, sku="MLK-1L", name_en="Fresh milk 1 l", name_zh="鲜牛奶 1 升", price_cents=1_290,
                   min_remaining_shelf_life_days=3, latest_expiry=date(2025, 3, 18))
    beef = replace(apple, id=3, sku="BEEF-500", name_en="Beef sirloin", name_zh="牛外脊", unit="weighed",
                   nominal_weight_g=500, price_cents=12_900, shelf_life_days=6, min_remaining_shelf_life_days=2,
                   latest_expiry=date(2025, 3, 15))
    return ReviewSubject(
        channel="shopify", customer_name="王小明", phone="+86 138 1234 5678", email="xiaoming@example.cn",
        has_address=True, address_line1="浦东新区世纪大道 100 号 12 楼", city="上海市", province="上海市",
        postal_code="200120", country="CN", delivery_date=date(2025, 3, 11), delivery_slot="09:00-12:00",
        payment_status="paid", received_at=datetime(2025, 3, 10, 2, 0, tzinfo=timezone.utc),
        lines=(ReviewLine(1, "APL-001", 2, 450, apple), ReviewLine(2, "MLK-1L", 3, 1_290, milk),
               ReviewLine(3, "BEEF-500", 1, 6_450, beef)),
        warehouse_id=1, warehouse_code="SH1")


def per_review_us(order, settings, n: int) -> tuple[float, float]:
    """(wall-clock, thread CPU) microseconds per review."""
    start, cpu_start = time.perf_counter(), time.thread_time()
    for _ in range(n):
        review(order, settings)
    return (time.perf_counter() - start) / n * 1e6, (time.thread_time() - cpu_start) / n * 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    settings = ReviewSettings.from_json({})
    typical = typical_order()
    assert review(typical, settings) == [], "the typical order must pass"
    failing = replace(typical, phone="12345", email="", postal_code="2001", delivery_date=date(2025, 3, 1),
                      payment_status="pending")
    assert len(review(failing, settings)) == 5

    print(f"Python {platform.python_version()} on {platform.machine()} ({platform.system()}), "
          f"{args.n:,} reviews x {args.rounds} rounds")
    per_review_us(typical, settings, 1000)  # warm up
    verdict = 0
    for label, order in (("typical 3-line order, passes", typical), ("3-line order failing 5 rules", failing)):
        rounds = [per_review_us(order, settings, args.n) for _ in range(args.rounds)]
        median = statistics.median(wall for wall, _cpu in rounds)
        cpu = statistics.median(cpu for _wall, cpu in rounds)
        print(f"{label:32s} median {median:6.1f} us/review wall, {cpu:6.1f} us CPU  "
              f"(wall per round: {', '.join(f'{wall:.1f}' for wall, _cpu in rounds)})")
        if order is typical:
            verdict = 0 if cpu <= TARGET_US else 1
            print(f"{'':32s} -> {10_000 * cpu / 1e6 * 1000:.0f} ms CPU for a 10,000-order import; "
                  f"target <= {TARGET_US:.0f} us: {'met' if verdict == 0 else 'NOT met'}")
    return verdict


if __name__ == "__main__":
    sys.exit(main())
