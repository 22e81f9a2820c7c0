#!/usr/bin/env python3
"""Writes customers.csv: 320 synthetic mall customers in five segments (standard library only).

Columns: customer_id, age (years), annual_income (thousand $), spending_score (1-99).
Deterministic: Python's Mersenne Twister seeded with 2024 and our own Box-Muller transform, so
every Python 3 version writes the same bytes. Run from this folder:  python3 make_customers.py
"""
import math
import random

SEGMENTS = [  # (count, (age mean, sd), (income mean, sd), (score mean, sd))
    (50, (25, 4), (30, 8), (78, 8)),    # young, modest income, big spenders
    (60, (32, 4), (85, 10), (82, 7)),   # young and affluent, big spenders
    (90, (42, 10), (55, 8), (50, 6)),   # the middle
    (60, (45, 9), (88, 12), (18, 8)),   # affluent but frugal
    (60, (55, 8), (28, 8), (22, 9)),    # older, low income, frugal
]


def main():
    rng = random.Random(2024)

    def normal(mean, sd):
        u1 = 1.0 - rng.random()
        u2 = rng.random()
        return mean + sd * math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * u2)

    def clip(v, lo, hi):
        return max(lo, min(hi, int(round(v))))

    rows = []
    for count, age, income, score in SEGMENTS:
        for _ in range(count):
            rows.append((clip(normal(*age), 18, 70), clip(normal(*income), 15, 140), clip(normal(*score), 1, 99)))
    rng.shuffle(rows)
    with open("customers.csv", "w", newline="\n") as f:
        f.write("customer_id,age,annual_income,spending_score\n")
        for i, (a, inc, s) in enumerate(rows, start=1):
            f.write(f"{i},{a},{inc},{s}\n")


if __name__ == "__main__":
    main()
