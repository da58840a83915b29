"""Deterministic benchmark data for scripts/bench.mjs (numpy + pandas; run with /usr/bin/python3).

Usage: gen.py <what> <out-dir> [rows]
  drift      reference.csv, current.csv: 1M rows x 10 columns (8 numeric, 2 categorical, ~10 levels);
             current has a shift in num_0 (mean +0.25 sd) and num_3 (scale x1.3). 0.5% nulls in num_5 and cat_1.
  profile    profile.csv: 5M rows x 10 columns (7 numeric, 3 categorical: 8, 40 and ~2000 levels), some nulls.
  metrics    labels.f64, scores.f64 (5M binary predictions, float64 little-endian).
  bootstrap  boot_labels.f64, boot_a.f64, boot_b.f64 (100k rows, two models' scores).
  drift10m   drift10m/{reference,current}-{0..3}.csv: 10M rows per side as 4 shard files of 2.5M rows (as a team
             keeps them in object storage), and drift10m/{reference,current}.csv, the same rows as one file.
             5 numeric columns (num_0 shifted +0.25 sd, num_3 scaled x1.3 in current; num_4 Poisson integers)
             and cat_0 (10 levels).
  orders     orders.csv: 5M orders x 10 columns (ids, dates as text, country/currency/status, amount, tax,
             e-mail) with the known defects of test/fixtures/data-quality/gen_realistic.py, for the
             `data check` benchmark with bench/orders-suite.yml.
Files are written next to each other and are left alone when they already exist (delete to regenerate).
"""
import os
import shutil
import sys

import numpy as np
import pandas as pd


def numeric_block(rng, n, shift=False):
    cols = {}
    cols["num_0"] = rng.normal(50.0, 10.0, n) + (2.5 if shift else 0.0)
    cols["num_1"] = rng.lognormal(3.0, 0.8, n)
    cols["num_2"] = rng.uniform(-1.0, 1.0, n)
    cols["num_3"] = rng.exponential(1.0, n) * (1.3 if shift else 1.0)
    cols["num_4"] = rng.poisson(4.0, n).astype(np.float64)  # integers: many ties
    cols["num_5"] = np.round(rng.normal(0.0, 1.0, n), 2)  # 2 decimals: ties
    cols["num_6"] = rng.gamma(2.0, 2.0, n)
    cols["num_7"] = rng.beta(2.0, 5.0, n)
    nulls = rng.random(n) < 0.005
    cols["num_5"][nulls] = np.nan
    return cols


CAT0 = np.array(["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa"])
CAT1 = np.array(["DE", "FR", "GB", "US", "ES", "IT", "NL", "SE", "PL", "JP", "BR"])


def categorical(rng, levels, n, skew=1.0):
    p = np.arange(len(levels), 0, -1, dtype=np.float64) ** skew
    return levels[rng.choice(len(levels), size=n, p=p / p.sum())]


def drift_frame(seed, n, shift):
    rng = np.random.default_rng(seed)
    cols = numeric_block(rng, n, shift)
    cols["cat_0"] = categorical(rng, CAT0, n)
    c1 = categorical(rng, CAT1, n, 0.5).astype(object)
    c1[rng.random(n) < 0.005] = None
    cols["cat_1"] = c1
    return pd.DataFrame(cols)


def write_csv(df, path):
    tmp = path + ".tmp"
    df.to_csv(tmp, index=False, float_format="%.6g")
    os.replace(tmp, path)


DRIFT10M_COLUMNS = ["num_0", "num_1", "num_2", "num_3", "num_4", "cat_0"]


def drift10m(out, n):
    """Each side in 4 shard files (own seeds, 2.5M rows each), then one file = the shards concatenated."""
    d = os.path.join(out, "drift10m")
    os.makedirs(d, exist_ok=True)
    shards = 4
    for side, seed, shift in (("reference", 10, False), ("current", 20, True)):
        whole = os.path.join(d, f"{side}.csv")
        if os.path.exists(whole):
            continue
        paths = []
        for i in range(shards):
            path = os.path.join(d, f"{side}-{i}.csv")
            paths.append(path)
            if os.path.exists(path):
                continue
            rows = (i + 1) * n // shards - i * n // shards
            rng = np.random.default_rng([seed, i])
            cols = numeric_block(rng, rows, shift)
            cols["cat_0"] = categorical(rng, CAT0, rows)
            write_csv(pd.DataFrame({k: cols[k] for k in DRIFT10M_COLUMNS}), path)
        tmp = whole + ".tmp"
        with open(tmp, "wb") as f:
            for i, path in enumerate(paths):
                with open(path, "rb") as part:
                    header = part.readline()
                    if i == 0:
                        f.write(header)
                    shutil.copyfileobj(part, f, 1 << 22)
        os.replace(tmp, whole)


ORDERS_HEADER = ["order_id", "customer_id", "order_date", "ship_date", "country", "currency", "status",
                 "amount", "tax", "email"]


def orders(out, n):
    """gen_realistic.py's orders, 10 of its columns, vectorised (its defects at the same row positions)."""
    path = os.path.join(out, "orders.csv")
    if os.path.exists(path):
        return
    rng = np.random.default_rng(2024)
    i = np.arange(n)
    countries = np.array(["US", "DE", "FR", "GB", "JP"], dtype=object)
    currencies = np.array(["USD", "EUR", "EUR", "GBP", "JPY"], dtype=object)
    statuses = np.array(["placed", "shipped", "delivered", "returned"], dtype=object)
    c_idx = rng.integers(0, 5, n)
    qty = rng.integers(1, 10, n)
    price = np.round(rng.uniform(1, 200, n), 2)
    st_idx = rng.choice(4, n, p=[0.2, 0.3, 0.45, 0.05])
    od = rng.integers(0, 360, n)
    gap = rng.integers(0, 10, n)
    day0 = np.datetime64("2024-01-01")
    order_day = day0 + od.astype("timedelta64[D]")
    ship_day = order_day + gap.astype("timedelta64[D]")
    before = i % 1500 == 4  # shipped before ordered
    ship_day[before] = order_day[before] - np.timedelta64(3, "D")
    order_text = order_day.astype(str).astype(object)
    other = i % 2000 == 9  # a date in another format (dd/mm/yyyy)
    order_text[other] = [f"{t[8:10]}/{t[5:7]}/{t[0:4]}" for t in order_text[other]]
    ship_text = ship_day.astype(str).astype(object)
    ship_text[st_idx == 0] = None  # placed: not shipped yet
    customers = np.array([f"C{k:05d}" for k in range(50000)], dtype=object)
    mails = np.array([f"c{k}@example.com" for k in range(997)], dtype=object)
    email = mails[i % 997]
    bad = i % 1000 == 17
    email[bad] = [f"c{k}-at-example.com" for k in i[bad]]
    amount = np.round(qty * price, 2)
    df = pd.DataFrame({
        "order_id": i + 1,
        "customer_id": customers[(i * 7919) % 50000],
        "order_date": order_text,
        "ship_date": ship_text,
        "country": countries[c_idx],
        "currency": currencies[c_idx],
        "status": statuses[st_idx],
        "amount": amount,
        "tax": np.round(amount * 0.1, 2),
        "email": email,
    })
    tmp = path + ".tmp"
    df.to_csv(tmp, index=False, float_format="%.2f")
    os.replace(tmp, path)


def main():
    what, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    if what == "drift":
        n = int(sys.argv[3]) if len(sys.argv) > 3 else 1_000_000
        for name, seed, shift in (("reference.csv", 1, False), ("current.csv", 2, True)):
            path = os.path.join(out, name)
            if not os.path.exists(path):
                write_csv(drift_frame(seed, n, shift), path)
    elif what == "profile":
        n = int(sys.argv[3]) if len(sys.argv) > 3 else 5_000_000
        path = os.path.join(out, "profile.csv")
        if os.path.exists(path):
            return
        rng = np.random.default_rng(3)
        cols = numeric_block(rng, n)
        del cols["num_7"]
        cols["cat_0"] = categorical(rng, CAT0[:8], n)
        c1 = rng.integers(0, 40, n)
        cols["cat_1"] = np.char.add("item_", c1.astype(str))
        c2 = np.char.add("user_", rng.zipf(1.3, n).clip(max=2000).astype(str)).astype(object)
        c2[rng.random(n) < 0.01] = None
        cols["cat_2"] = c2
        write_csv(pd.DataFrame(cols), path)
    elif what == "metrics":
        n = int(sys.argv[3]) if len(sys.argv) > 3 else 5_000_000
        if os.path.exists(os.path.join(out, "scores.f64")):
            return
        rng = np.random.default_rng(4)
        labels = (rng.random(n) < 0.3).astype(np.float64)
        logits = rng.normal(0.0, 1.0, n) + 1.2 * labels - 0.6
        scores = np.round(1.0 / (1.0 + np.exp(-logits)), 4)  # 4 decimals: realistic ties
        labels.astype("<f8").tofile(os.path.join(out, "labels.f64"))
        scores.astype("<f8").tofile(os.path.join(out, "scores.f64"))
    elif what == "bootstrap":
        n = int(sys.argv[3]) if len(sys.argv) > 3 else 100_000
        if os.path.exists(os.path.join(out, "boot_b.f64")):
            return
        rng = np.random.default_rng(5)
        labels = (rng.random(n) < 0.3).astype(np.float64)
        noise = rng.normal(0.0, 1.0, n)
        a = 1.0 / (1.0 + np.exp(-(noise + 1.2 * labels - 0.6)))
        b = 1.0 / (1.0 + np.exp(-(noise + rng.normal(0.0, 0.5, n) + 1.1 * labels - 0.6)))
        labels.astype("<f8").tofile(os.path.join(out, "boot_labels.f64"))
        a.astype("<f8").tofile(os.path.join(out, "boot_a.f64"))
        b.astype("<f8").tofile(os.path.join(out, "boot_b.f64"))
    elif what == "drift10m":
        drift10m(out, int(sys.argv[3]) if len(sys.argv) > 3 else 10_000_000)
    elif what == "orders":
        orders(out, int(sys.argv[3]) if len(sys.argv) > 3 else 5_000_000)
    else:
        sys.exit(f"unknown data set {what}")


if __name__ == "__main__":
    main()
