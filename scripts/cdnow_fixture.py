#!/usr/bin/env python3
"""Derives Tests/MetricsTests/Fixtures/cdnow-sample-summary.csv from the CDNOW 1/10 sample.

The transaction log is `lifetimes/datasets/CDNOW_sample.txt` inside the PyPI package
`lifetimes` (0.11.3): one line per transaction, columns master id, sample id (1..2357),
date yyyymmdd, number of CDs, dollar value. Per sample customer, on the calibration period
(first purchase .. 1997-09-30 inclusive), purchases on the same day are one purchase whose value
is the sum of that day's lines:
  x          = distinct purchase days - 1 (repeat purchases)
  t_x_days   = last purchase day - first purchase day
  T_days     = 1997-09-30 - first purchase day
  repeat_spend = total value of the repeat purchase days (all but the first), 2 decimals
This reproduces lifetimes' cdnow_customers_summary_with_transactions.csv (x, t_x, T in weeks
= days / 7, zbar = repeat_spend / x), printed there to 2 decimals.

Usage: python3 scripts/cdnow_fixture.py PATH/TO/CDNOW_sample.txt > FILE  (see cdnow-fixture.sh)
"""
import collections
import datetime
import sys

END = datetime.date(1997, 9, 30)


def main(path):
    cents = collections.defaultdict(lambda: collections.defaultdict(int))
    customers = set()
    with open(path) as f:
        for line in f:
            fields = line.split()
            if len(fields) != 5:
                continue
            customer = int(fields[1])
            customers.add(customer)
            day = datetime.datetime.strptime(fields[2], "%Y%m%d").date()
            if day <= END:
                cents[customer][day] += round(float(fields[4]) * 100)
    assert len(customers) == 2357, len(customers)
    print("customer,x,t_x_days,T_days,repeat_spend")
    for customer in sorted(customers):
        days = sorted(cents[customer])
        spend = sum(cents[customer][d] for d in days[1:])
        print(f"{customer},{len(days) - 1},{(days[-1] - days[0]).days},{(END - days[0]).days},"
              f"{spend // 100}.{spend % 100:02d}")


if __name__ == "__main__":
    main(sys.argv[1])
