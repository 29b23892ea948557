#!/usr/bin/env python3
"""An independent implementation of the definitions in docs/metrics/ (written from the docs, not
from the Swift code), compared value by value with `retention report --metrics-json`.

    reference.py --input DIR --metrics FILE --as-of YYYY-MM-DD [--inactivity-days N]

Reads the CSV exports with pandas (the sample set: customers, subscriptions, invoices, surveys,
tickets; or an order business: customers, orders, surveys), computes per month: the activity
ledger (who pays when), first-payment cohorts, logo churn flows, churn reasons, the Kaplan–Meier
curve, "signed up, never paid", the MRR bridge, CSAT / NPS / CES and support times and SLA
breach rates, then compares with the JSON: integers and money
(whole cents, summed as integers here) exactly, doubles within 1e-12 relative. Prints one line per
mismatch (at most 40) and a last line `reference check: PASS …` or `reference check: FAIL …`;
exits 1 on any mismatch.
"""
import argparse
import datetime as dt
import json
import math
import sys

import pandas as pd

Z = 1.959963984540054  # two-sided 95 % normal quantile, the one z of docs/metrics
ORIGIN = dt.date(1970, 1, 1)


def day(text):
    """A date or date-time (yyyy-MM-dd, yyyy-MM-ddTHH:mm:ssZ, yyyy-MM-dd HH:mm:ss) → days since 1970, UTC."""
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return None
    text = str(text).strip()
    if not text:
        return None
    try:
        return (dt.date.fromisoformat(text[:10]) - ORIGIN).days
    except ValueError:
        return None


def date_of(n):
    return ORIGIN + dt.timedelta(days=n)


def month_index(n):
    d = date_of(n)
    return d.year * 12 + d.month - 1


def month_start(index):
    return (dt.date(index // 12, index % 12 + 1, 1) - ORIGIN).days


def month_label(index):
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def cents(text):
    """'1234.50' → 123450 (exact, no floating point)."""
    text = str(text).strip()
    negative = text.startswith("-")
    text = text.lstrip("-")
    whole, _, frac = text.partition(".")
    value = int(whole or "0") * 100 + int((frac + "00")[:2] or "0")
    return -value if negative else value


def round_half_away(x):
    return math.floor(x + 0.5) if x >= 0 else -math.floor(-x + 0.5)


def column(frame, *names):
    key = {c.lower().replace(" ", "").replace("_", ""): c for c in frame.columns}
    for n in names:
        if n in key:
            return frame[key[n]]
    return None


# ---------------------------------------------------------------------------------------------
# Inputs

def load(directory, as_of):
    import glob
    import os

    def one(*patterns):
        for p in patterns:
            found = sorted(glob.glob(os.path.join(directory, p)))
            if found:
                return pd.read_csv(found[0], dtype=str, keep_default_na=False)
        return None

    raw = one("customers*.csv")
    customers = []  # dicts, in file order; duplicates keep the first row
    index = {}
    ids = column(raw, "customerid", "id")
    signups = column(raw, "createddate", "signupdate", "signup")
    churns = column(raw, "cancellationdate", "churndate")
    reasons = column(raw, "churnreason")
    kinds = column(raw, "churntype")
    for i in range(len(raw)):
        cid = ids.iloc[i].strip()
        signup = day(signups.iloc[i])
        if not cid or cid in index or signup is None:
            continue
        kind = kinds.iloc[i].strip().lower() if kinds is not None else ""
        index[cid] = len(customers)
        customers.append({
            "id": cid, "signup": signup, "churn": day(churns.iloc[i]) if churns is not None else None,
            "reason": reasons.iloc[i].strip() if reasons is not None else "",
            "kind": kind if kind in ("voluntary", "involuntary") else None,
        })

    subs = one("subscriptions*.csv")
    subscriptions = []
    if subs is not None:
        seen = set()
        for _, r in subs.iterrows():
            sid, cid = r["Subscription ID"], r["Customer ID"].strip()
            start = day(r["Start Date"])
            if sid in seen or cid not in index or start is None:
                continue
            seen.add(sid)
            amount = float(r["Amount"])
            interval = r["Billing Interval"].strip().lower()
            monthly = amount / 12 if interval in ("year", "annual", "yearly") else amount
            trial = r["Status"].strip().lower() in ("trialing", "trial") or amount == 0
            mrr = 0 if trial else round_half_away(monthly * 100)  # whole cents (docs: MinorUnit)
            subscriptions.append({"customer": index[cid], "start": start, "end": day(r["Canceled At"]),
                                  "mrr": mrr, "trial": trial})

    orders = one("orders*.csv", "invoices*.csv")
    order_rows = []
    if orders is not None and not subscriptions:
        oid = column(orders, "orderid", "invoiceid", "id")
        ocust = column(orders, "customerid", "customer")
        odate = column(orders, "orderdate", "date")
        oamount = column(orders, "amount")
        seen = set()
        for i in range(len(orders)):
            key = oid.iloc[i]
            d = day(odate.iloc[i])
            cid = ocust.iloc[i].strip()
            if key in seen or d is None or cid not in index:
                continue
            seen.add(key)
            order_rows.append((index[cid], d, cents(oamount.iloc[i])))

    surveys = one("surveys*.csv", "responses*.csv")
    answers = []
    if surveys is not None:
        kind_col = column(surveys, "survey", "type", "kind")
        date_col = column(surveys, "submittedat", "respondedat", "date")
        score_col = column(surveys, "score")
        for i in range(len(surveys)):
            d = day(date_col.iloc[i])
            try:
                score = float(score_col.iloc[i])
            except ValueError:
                continue
            if d is None or d > as_of:
                continue
            answers.append((kind_col.iloc[i].strip().upper(), d, score))
    tickets = one("tickets*.csv")
    ticket_rows = []
    if tickets is not None:
        def instant(text):
            text = str(text).strip()
            if not text:
                return None
            t = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
            if t.tzinfo is None:
                t = t.replace(tzinfo=dt.timezone.utc)
            return int(t.timestamp())
        seen = set()
        for _, r in tickets.iterrows():
            if r["Ticket ID"] in seen:
                continue
            seen.add(r["Ticket ID"])
            ticket_rows.append({"created": instant(r["Created At"]), "response": instant(r["First Response At"]),
                                "resolved": instant(r["Solved At"]), "priority": r["Priority"].strip().lower(),
                                "status": r["Status"].strip().lower()})
    return customers, subscriptions, order_rows, answers, ticket_rows


# ---------------------------------------------------------------------------------------------
# The activity ledger: spans [start, end) per customer, end None while active at as-of

def merge(spans):
    out = []
    for s, e in sorted(spans, key=lambda x: x[0]):
        if out and (out[-1][1] is None or s <= out[-1][1]):
            ls, le = out[-1]
            if le is not None:
                out[-1] = (ls, None if e is None else max(e, le))
            continue
        out.append((s, e))
    return out


def contains(span, d):
    return span[0] <= d and (span[1] is None or d < span[1])


def order_spans(days, gap, as_of):
    spans = []
    if not days:
        return spans
    start = last = days[0]
    for d in days[1:]:
        if d > last + gap:
            spans.append((start, last + gap))
            start = d
        last = d
    end = last + gap
    spans.append((start, end if end <= as_of else None))
    return spans


def cancel(spans, d, resumed):
    """The CRM cancellation d cuts the span containing it (paid days after d in it: reactivation)
    or extends the last span to d; before the first span or in a gap it adds nothing."""
    for i, sp in enumerate(spans):
        if contains(sp, d):
            return spans[:i] + [(sp[0], d)] + resumed(sp) + spans[i + 1:]
    if spans and spans[-1][1] is not None and spans[-1][1] < d:
        return spans[:-1] + [(spans[-1][0], d)]
    return spans


COVERED_DAYS = {"monthly": 31, "quarterly": 92, "annual": 366}  # a payment covers the longest period
GRACE_DAYS = 30


def cadence_windows(paid_days, fallback):
    """Days each customer stays active after a payment, from their billing cadence (docs: the
    median gap g between their distinct paid days up to as-of: g <= 45 monthly, <= 135 quarterly,
    else annual; one paid day: the cadence most customers have, ties to the longer; nobody to go
    by: `fallback`): covered days + 30 days' grace."""
    kinds = [None] * len(paid_days)
    votes = {k: 0 for k in COVERED_DAYS}
    single = []
    for i, days in enumerate(paid_days):
        days = sorted(days)
        if len(days) == 1:
            single.append(i)
        elif len(days) > 1:
            g = float(pd.Series(days).diff().dropna().median())
            kinds[i] = "monthly" if g <= 45 else "quarterly" if g <= 135 else "annual"
            votes[kinds[i]] += 1
    majority = max(COVERED_DAYS, key=lambda k: (votes[k], COVERED_DAYS[k]))
    if votes[majority] > 0:
        for i in single:
            kinds[i] = majority
    return [COVERED_DAYS[k] + GRACE_DAYS if k else fallback for k in kinds]


def ledger(customers, subscriptions, orders, as_of, gap):
    """`gap`: the inactivity window in days given for everyone, or None: each customer's billing
    cadence decides (`cadence_windows`, the 90-day window where it is unknown)."""
    n = len(customers)
    activity = [None] * n
    mrr_subs = [[] for _ in range(n)]
    paid_days = [set() for _ in range(n)]
    revenue = [dict() for _ in range(n)]  # month index → net cents (orders)
    paid_months = [set() for _ in range(n)]
    if subscriptions:
        for s in subscriptions:
            if s["start"] > as_of or s["trial"] or s["mrr"] <= 0:
                continue
            if s["end"] is not None and s["end"] <= s["start"]:
                continue
            mrr_subs[s["customer"]].append(s)
    else:
        for c, d, amount in orders:
            if d > as_of:
                continue
            m = month_index(d)
            revenue[c][m] = revenue[c].get(m, 0) + amount
            if amount > 0:
                paid_days[c].add(d)
                paid_months[c].add(m)
    never_paid = 0
    windows = [gap] * n if gap is not None else cadence_windows(paid_days, 90)
    for i, c in enumerate(customers):
        gap = windows[i]
        d = c["churn"] if c["churn"] is not None and c["churn"] <= as_of else None
        if subscriptions:
            subs = mrr_subs[i]
            spans = merge([(s["start"], s["end"] if s["end"] is not None and s["end"] <= as_of else None)
                           for s in subs])
            if spans and d is not None:
                spans = cancel(spans, d, lambda sp: [])
        else:
            days = sorted(paid_days[i])
            spans = order_spans(days, gap, as_of)
            if spans and d is not None:
                spans = cancel(spans, d, lambda sp: order_spans([x for x in days if x > d and contains(sp, x)],
                                                                gap, as_of))
        if not spans:
            if c["signup"] <= as_of:
                never_paid += 1
            continue
        cancellation = d if d is not None and any(e == d for _, e in spans) else None
        activity[i] = {"spans": spans, "cancellation": cancellation}
    return activity, mrr_subs, revenue, paid_months, never_paid


def active(a, d):
    return a is not None and any(contains(sp, d) for sp in a["spans"])


def mrr_on(a, subs, d, as_of):
    """Cents of paid subscriptions in force on d, counted only inside the customer's spans."""
    if a is None:
        return 0
    total = 0
    for s in subs:
        sub_end = s["end"] if s["end"] is not None and s["end"] <= as_of else None
        for span_start, span_end in a["spans"]:
            lo = max(s["start"], span_start)
            ends = [e for e in (sub_end, span_end) if e is not None]
            hi = min(ends) if ends else None
            if hi is not None and hi <= lo:
                continue
            if lo <= d and (hi is None or d < hi):
                total += s["mrr"]
    return total


# ---------------------------------------------------------------------------------------------
# Metrics

def wilson(x, n):
    """95 % Wilson score interval: centre ± half, centre = (p + z²/2n)/(1 + z²/n),
    half = z/(1 + z²/n)·√(p(1 − p)/n + z²/4n²)."""
    p = x / n
    denominator = 1 + Z * Z / n
    centre = (p + Z * Z / (2 * n)) / denominator
    half = Z / denominator * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n))
    return max(0.0, centre - half), min(1.0, centre + half)


def metrics(customers, subscriptions, orders, answers, as_of, gap):
    activity, mrr_subs, revenue, paid_months, never_paid = ledger(customers, subscriptions, orders, as_of, gap)
    last = month_index(as_of)
    incomplete_index = last if as_of + 1 < month_start(last + 1) else None
    out = {"signed_up_never_paid": never_paid}

    def mrr(i, d):
        return mrr_on(activity[i], mrr_subs[i], d, as_of) if subscriptions else 0

    # Cohorts, first-payment basis.
    members = [(i, a["spans"][0][0]) for i, a in enumerate(activity) if a is not None and a["spans"][0][0] <= as_of]
    cohorts = {}
    for i, first in members:
        cohorts.setdefault(month_index(first), []).append(i)
    cells = []
    for c in sorted(cohorts):
        people = cohorts[c]
        size = len(people)
        base = None
        for k in range(0, last - c + 1):
            p = c + k
            if subscriptions:
                evaluation = min(month_start(p + 1) - 1, as_of)
                def retained(i):
                    # active on at least one day of p: some span [s, e) with s ≤ p's last day (or as-of)
                    # and e − 1 ≥ p's first day (a zero-length span counts in the month of s)
                    for s, e in activity[i]["spans"]:
                        lo = month_index(s)
                        hi = month_index(max(s, e - 1)) if e is not None else last
                        if lo <= p <= hi:
                            return True
                    return False
                kept = sum(1 for i in people if retained(i))
                rev = sum(mrr(i, evaluation) for i in people)
            else:
                kept = sum(1 for i in people if p in paid_months[i])
                rev = sum(revenue[i].get(p, 0) for i in people)
            if k == 0:
                base = rev
            cells.append({"cohort": month_label(c), "k": k, "size": size, "customers": kept,
                          "retention": kept / size, "revenue": rev,
                          "revenue_retention": rev / base if base and base > 0 else None,
                          "incomplete": p == incomplete_index})
    out["cohorts"] = cells

    # Churn flows.
    firsts = [a["spans"][0][0] for a in activity if a is not None]
    churn = []
    reason_events = []
    if firsts:
        first = month_index(min(firsts))
        for p in range(first, last + 1):
            start, end_day = month_start(p), min(month_start(p + 1) - 1, as_of)
            s_set = {i for i, a in enumerate(activity) if active(a, start - 1)}
            e_set = {i for i, a in enumerate(activity) if active(a, end_day)}
            churned, vol, invol, lost, back = 0, 0, 0, 0, 0
            for i in s_set:
                ends = [e for _, e in activity[i]["spans"] if e is not None and month_index(e) == p]
                if not ends:
                    continue
                churned += 1
                lost += mrr(i, min(ends) - 1)
                if i in e_set:
                    back += 1
                cancellation = activity[i]["cancellation"]
                if cancellation is not None and month_index(cancellation) == p:
                    kind = customers[i]["kind"]
                    vol += kind == "voluntary"
                    invol += kind == "involuntary"
            outside = e_set - s_set
            joined = sum(1 for i in outside if month_index(activity[i]["spans"][0][0]) == p)
            S, E = len(s_set), len(e_set)
            churn.append({"period": month_label(p), "active_start": S, "churned": churned, "voluntary": vol,
                          "involuntary": invol, "joined": joined, "reactivated": len(outside) - joined + back,
                          "active_end": E, "rate": churned / S if S else None,
                          "retention_rate": (S - churned) / S if S else None, "mrr_lost": lost,
                          "incomplete": p == incomplete_index})
        for i, a in enumerate(activity):
            if a is None:
                continue
            for _, e in a["spans"]:
                if e is None:
                    continue
                reason = customers[i]["reason"] if e == a["cancellation"] and customers[i]["reason"] else "Unknown"
                reason_events.append((month_index(e), reason, mrr(i, e - 1)))
    out["churn"] = churn

    def reason_rows(events):
        counts = {}
        for _, reason, lost in events:
            n, m = counts.get(reason, (0, 0))
            counts[reason] = (n + 1, m + lost)
        total = len(events)
        rows = [{"reason": r, "count": n, "share": n / total, "mrr_lost": m} for r, (n, m) in counts.items()]
        rows.sort(key=lambda x: (x["reason"] == "Unknown", -x["count"], x["reason"]))
        return rows

    last_complete = last if incomplete_index is None else last - 1
    out["churn_reasons"] = reason_rows([e for e in reason_events if last_complete - 12 < e[0] <= last_complete])
    out["churn_reasons_by_period"] = [
        {"period": c["period"], "incomplete": c["incomplete"],
         "reasons": reason_rows([e for e in reason_events if month_label(e[0]) == c["period"]])} for c in churn]

    # Kaplan–Meier from the cohort date to the final churn, censored at as-of.
    lifetimes = []
    for i, first in members:
        final = activity[i]["spans"][-1][1]
        lifetimes.append(((final if final is not None else as_of) - first, final is not None))
    times = sorted({0} | {t for t, _ in lifetimes})
    by_time = {t: [0, 0] for t in times}
    for t, churned in lifetimes:
        by_time[t][0 if churned else 1] += 1
    at_risk, s, v = len(lifetimes), 1.0, 0.0
    km = {k: [] for k in ("times", "survival", "lower", "upper", "at_risk", "events", "censored")}
    for t in times:
        d, c = by_time[t]
        if d > 0 and at_risk > 0:
            s *= 1 - d / at_risk
            v += d / (at_risk * (at_risk - d)) if d < at_risk else math.inf
        if s >= 1:
            lo, hi = 1.0, 1.0
        elif s <= 0 or not math.isfinite(v):
            lo, hi = 0.0, 0.0
        else:
            cc = Z * math.sqrt(v) / abs(math.log(s))
            lo, hi = s ** math.exp(cc), s ** math.exp(-cc)
        for key, value in (("times", t), ("survival", s), ("lower", lo), ("upper", hi), ("at_risk", at_risk),
                           ("events", d), ("censored", c)):
            km[key].append(value)
        at_risk -= d + c

    def first_at_or_below(values):
        return next((t for t, x in zip(km["times"], values) if x <= 0.5), None)

    km["median"] = first_at_or_below(km["survival"])
    km["median_lower"] = first_at_or_below(km["lower"])
    km["median_upper"] = first_at_or_below(km["upper"])
    km["subjects"] = len(lifetimes)
    out["survival"] = km

    # MRR bridge (subscriptions): movements on each day a customer's MRR changes, snapshots at
    # the day before each month and at its last day (or as-of), trailing twelve months.
    if subscriptions:
        boundaries = []
        for i, a in enumerate(activity):
            days = set()
            if a is not None:
                for sub in mrr_subs[i]:
                    sub_end = sub["end"] if sub["end"] is not None and sub["end"] <= as_of else None
                    for lo_span, hi_span in a["spans"]:
                        days.add(max(sub["start"], lo_span))
                        for e in (sub_end, hi_span):
                            if e is not None:
                                days.add(e)
            boundaries.append(sorted(x for x in days if x <= as_of))
        payers = [i for i in range(len(customers)) if any(mrr(i, x) > 0 for x in boundaries[i])]
        if payers:
            first_mrr = min(x for i in payers for x in boundaries[i] if mrr(i, x) > 0)
            moves = {}
            for i in payers:
                ever = False
                for x in boundaries[i]:
                    before, after = mrr(i, x - 1), mrr(i, x)
                    if before == after:
                        continue
                    m = moves.setdefault(month_index(x), {"new": 0, "expansion": 0, "contraction": 0, "churn": 0,
                                                           "reactivation": 0})
                    if before == 0:
                        m["reactivation" if ever else "new"] += after
                    elif after == 0:
                        m["churn"] += before
                    elif after > before:
                        m["expansion"] += after - before
                    else:
                        m["contraction"] += before - after
                    ever = ever or after > 0
            bridge = []
            for p in range(month_index(first_mrr), last + 1):
                end_day = min(month_start(p + 1) - 1, as_of)
                e = date_of(end_day)
                then_day = (dt.date(e.year - 1, e.month, min(e.day, [31, 29 if (e.year - 1) % 4 == 0 and
                            ((e.year - 1) % 100 != 0 or (e.year - 1) % 400 == 0) else 28, 31, 30, 31, 30, 31, 31,
                            30, 31, 30, 31][e.month - 1])) - ORIGIN).days
                start_mrr = sum(mrr(i, month_start(p) - 1) for i in payers)
                end_mrr = sum(mrr(i, end_day) for i in payers)
                base = now = kept = 0
                for i in payers:
                    then = mrr(i, then_day)
                    if then > 0:
                        now_i = mrr(i, end_day)
                        base, now, kept = base + then, now + now_i, kept + min(then, now_i)
                m = moves.get(p, {"new": 0, "expansion": 0, "contraction": 0, "churn": 0, "reactivation": 0})
                # Rates from the exact totals, as doubles in the documented order of operations.
                st, ch, co, ex, re = (x / 100 for x in (start_mrr, m["churn"], m["contraction"], m["expansion"],
                                                       m["reactivation"]))
                row = {"period": month_label(p), "start": start_mrr, "end": end_mrr, "incomplete": p == incomplete_index,
                       "gross_mrr_churn": (ch + co) / st if st > 0 else None,
                       "net_mrr_churn": (ch + co - ex - re) / st if st > 0 else None,
                       "grr": (st - ch - co) / st if st > 0 else None,
                       "nrr": (st - ch - co + ex) / st if st > 0 else None,
                       "grr_t12m": (kept / 100) / (base / 100) if base > 0 else None,
                       "nrr_t12m": (now / 100) / (base / 100) if base > 0 else None}
                row.update(m)
                row["reconciles"] = start_mrr + m["new"] + m["expansion"] + m["reactivation"] - m["contraction"] \
                    - m["churn"] == end_mrr
                bridge.append(row)
            out["mrr"] = bridge

    # Satisfaction per month, from the first answer's month through as-of.
    if answers:
        frame = pd.DataFrame(answers, columns=["kind", "day", "score"])
        frame["month"] = frame["day"].map(month_index)
        rows = []
        for p in range(int(frame["month"].min()), last + 1):
            here = frame[frame["month"] == p]
            csat = here[(here["kind"] == "CSAT") & here["score"].isin([1, 2, 3, 4, 5])]
            nps = here[(here["kind"] == "NPS") & here["score"].isin(list(range(11)))]
            ces = here[(here["kind"] == "CES") & here["score"].isin(list(range(1, 8)))]
            row = {"period": month_label(p), "csat_n": len(csat), "nps_n": len(nps), "ces_n": len(ces)}
            satisfied = int((csat["score"] >= 4).sum())
            row["csat"] = satisfied / len(csat) if len(csat) else None
            row["csat_low"], row["csat_high"] = wilson(satisfied, len(csat)) if len(csat) else (None, None)
            row["ces_share_easy"] = int((ces["score"] >= 5).sum()) / len(ces) if len(ces) else None
            promoters, detractors = int((nps["score"] >= 9).sum()), int((nps["score"] <= 6).sum())
            row.update(promoters=promoters, detractors=detractors, passives=len(nps) - promoters - detractors)
            if len(nps):
                pp, dd = promoters / len(nps), detractors / len(nps)
                row["nps"] = (pp - dd) * 100
                row["nps_moe"] = Z * math.sqrt(max(0.0, 100 * 100 * (pp + dd - (pp - dd) ** 2) / len(nps)))
            else:
                row["nps"] = row["nps_moe"] = None
            row["ces"] = float(ces["score"].mean()) if len(ces) else None
            rows.append(row)
        out["satisfaction"] = rows
    return out


FIRST_RESPONSE_HOURS = {"urgent": 1, "high": 4, "normal": 24, "low": 48}
RESOLUTION_HOURS = {"urgent": 24, "high": 72, "normal": 120, "low": 240}


def quantile(values, p):
    """Linear interpolation between closest ranks (Hyndman–Fan type 7): h = (n − 1)p."""
    if not values:
        return None
    x = sorted(values)
    h = (len(x) - 1) * p
    lo = math.floor(h)
    if lo + 1 >= len(x):
        return x[lo]
    return x[lo] + (h - lo) * (x[lo + 1] - x[lo])


def support(tickets, as_of):
    """Tickets per creation month, resolutions per resolution month, response and resolution
    hours (median, p90), breach rates against the default targets. Events after the end of the
    as-of day have not happened yet."""
    end = (as_of + 1) * 86400
    kept = []
    for t in tickets:
        if t["created"] is None or t["created"] >= end:
            continue
        if any(x is not None and x < t["created"] for x in (t["response"], t["resolved"])):
            continue  # invalid timestamps: left out of every number
        # The export's status is today's: it only counts for a ticket without a resolution time.
        kept.append({**t, "recorded_resolution": t["resolved"] is not None,
                     "response": t["response"] if t["response"] is not None and t["response"] < end else None,
                     "resolved": t["resolved"] if t["resolved"] is not None and t["resolved"] < end else None})
    if not kept:
        return []
    def month(seconds):
        return month_index(seconds // 86400)
    rows = []
    for p in range(min(month(t["created"]) for t in kept), month_index(as_of) + 1):
        here = [t for t in kept if month(t["created"]) == p]
        response = [(t["response"] - t["created"]) / 3600 for t in here if t["response"] is not None]
        resolution = [(t["resolved"] - t["created"]) / 3600 for t in here if t["resolved"] is not None]

        def rate(kind, targets):
            met = breached = 0
            for t in here:
                target = targets.get(t["priority"], targets["normal"])
                if t[kind] is not None:
                    if (t[kind] - t["created"]) / 3600 > target:
                        breached += 1
                    else:
                        met += 1
                    continue
                solved = t["resolved"] is not None
                closed_without_time = not t["recorded_resolution"] and t["status"] in ("solved", "closed", "resolved")
                if solved or closed_without_time:
                    continue  # solved without a response / closed without a time: not measured
                if (end - t["created"]) / 3600 > target:
                    breached += 1
            return breached / (met + breached) if met + breached else None

        rows.append({"period": month_label(p), "tickets": len(here),
                     "resolved": sum(1 for t in kept if t["resolved"] is not None and month(t["resolved"]) == p),
                     "first_response_median_hours": quantile(response, 0.5),
                     "first_response_p90_hours": quantile(response, 0.9),
                     "resolution_median_hours": quantile(resolution, 0.5),
                     "resolution_p90_hours": quantile(resolution, 0.9),
                     "first_response_breach_rate": rate("response", FIRST_RESPONSE_HOURS),
                     "resolution_breach_rate": rate("resolved", RESOLUTION_HOURS)})
    return rows


# ---------------------------------------------------------------------------------------------
# Comparison

MONEY = {"revenue", "mrr_lost", "start", "end", "new", "expansion", "contraction", "churn", "reactivation"}


class Comparison:
    def __init__(self):
        self.compared = 0
        self.mismatches = []

    def value(self, where, key, ours, theirs):
        self.compared += 1
        if key in MONEY:
            # Money: whole cents, exactly (the JSON writes the exact decimal).
            ok = theirs is not None and round_half_away(theirs * 100) == ours and ours / 100 == theirs
        elif isinstance(ours, bool) or isinstance(ours, str) or ours is None:
            ok = ours == theirs
        elif isinstance(ours, int) and not isinstance(ours, bool) and isinstance(theirs, int):
            ok = ours == theirs
        else:
            ok = theirs is not None and abs(ours - theirs) <= 1e-12 * max(abs(ours), abs(theirs), 1e-300)
        if not ok:
            self.mismatches.append(f"{where}.{key}: reference {ours!r}, metrics JSON {theirs!r}")

    def rows(self, name, ours, theirs, key_fields, fields):
        theirs_by_key = {tuple(r[k] for k in key_fields): r for r in theirs}
        if len(ours) != len(theirs):
            self.mismatches.append(f"{name}: reference has {len(ours)} rows, metrics JSON {len(theirs)}")
        for row in ours:
            key = tuple(row[k] for k in key_fields)
            other = theirs_by_key.get(key)
            if other is None:
                self.mismatches.append(f"{name}{list(key)}: missing from the metrics JSON")
                continue
            for f in fields:
                self.value(f"{name}{list(key)}", f, row[f], other.get(f))


def compare(ours, theirs):
    cmp = Comparison()
    cmp.value("root", "signed_up_never_paid", ours["signed_up_never_paid"], theirs.get("signed_up_never_paid"))
    cmp.rows("cohorts", ours["cohorts"], theirs["cohorts"], ("cohort", "k"),
             ("size", "customers", "retention", "revenue", "revenue_retention", "incomplete"))
    cmp.rows("churn", ours["churn"], theirs["churn"], ("period",),
             ("active_start", "churned", "voluntary", "involuntary", "joined", "reactivated", "active_end", "rate",
              "retention_rate", "mrr_lost", "incomplete"))
    cmp.rows("churn_reasons", ours["churn_reasons"], theirs["churn_reasons"], ("reason",),
             ("count", "share", "mrr_lost"))
    by_period = {p["period"]: p for p in theirs.get("churn_reasons_by_period", [])}
    if len(by_period) != len(ours["churn_reasons_by_period"]):
        cmp.mismatches.append(f"churn_reasons_by_period: reference has {len(ours['churn_reasons_by_period'])} "
                              f"periods, metrics JSON {len(by_period)}")
    for p in ours["churn_reasons_by_period"]:
        other = by_period.get(p["period"], {"reasons": [], "incomplete": None})
        cmp.value(f"churn_reasons_by_period[{p['period']}]", "incomplete", p["incomplete"], other["incomplete"])
        cmp.rows(f"churn_reasons_by_period[{p['period']}]", p["reasons"], other["reasons"], ("reason",),
                 ("count", "share", "mrr_lost"))
    km, their_km = ours["survival"], theirs["survival"]
    for key in ("median", "median_lower", "median_upper", "subjects"):
        cmp.value("survival", key, km[key], their_km.get(key))
    for key in ("times", "survival", "lower", "upper", "at_risk", "events", "censored"):
        if len(km[key]) != len(their_km.get(key, [])):
            cmp.mismatches.append(f"survival.{key}: reference has {len(km[key])} steps, metrics JSON "
                                  f"{len(their_km.get(key, []))}")
            continue
        for j, (a, b) in enumerate(zip(km[key], their_km[key])):
            cmp.value(f"survival.{key}[{j}]", key, a, b)
    if "mrr" in ours:
        cmp.rows("mrr", ours["mrr"], theirs.get("mrr", []), ("period",),
                 ("start", "new", "expansion", "contraction", "churn", "reactivation", "end", "reconciles",
                  "gross_mrr_churn", "net_mrr_churn", "grr", "nrr", "grr_t12m", "nrr_t12m", "incomplete"))
    if "support" in ours:
        cmp.rows("support", ours["support"], theirs.get("support", []), ("period",),
                 ("tickets", "resolved", "first_response_median_hours", "first_response_p90_hours",
                  "resolution_median_hours", "resolution_p90_hours", "first_response_breach_rate",
                  "resolution_breach_rate"))
    if "satisfaction" in ours:
        cmp.rows("satisfaction", ours["satisfaction"], theirs.get("satisfaction", []), ("period",),
                 ("csat", "csat_n", "csat_low", "csat_high", "nps", "nps_n", "nps_moe", "promoters", "passives",
                  "detractors", "ces", "ces_n", "ces_share_easy"))
    return cmp


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--input", required=True)
    ap.add_argument("--metrics", required=True)
    ap.add_argument("--as-of", required=True)
    ap.add_argument("--inactivity-days", type=int, default=None,
                    help="one window for everyone, as retention's option (default: per billing cadence)")
    ap.add_argument("--label", default="")
    a = ap.parse_args()
    as_of = day(a.as_of)
    customers, subscriptions, orders, answers, tickets = load(a.input, as_of)
    ours = metrics(customers, subscriptions, orders, answers, as_of, a.inactivity_days)
    if tickets:
        ours["support"] = support(tickets, as_of)
    with open(a.metrics) as f:
        theirs = json.load(f)
    cmp = compare(ours, theirs)
    label = a.label or a.input
    for line in cmp.mismatches[:40]:
        print("  mismatch: " + line)
    if cmp.mismatches:
        print(f"reference check: FAIL {label} as of {a.as_of}: {len(cmp.mismatches)} of {cmp.compared} values differ")
        return 1
    print(f"reference check: PASS {label} as of {a.as_of}: {cmp.compared} values equal "
          f"({len(ours['cohorts'])} cohort cells, {len(ours['churn'])} churn periods, "
          f"{ours['survival']['subjects']} survival subjects, never paid {ours['signed_up_never_paid']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
