"""bench/orders-suite.yml written as a GX user's pandas would compute it: one vectorised pandas expression per
expectation, in the suite's order, with Great Expectations' success rules (pandas engine):

- column-map expectations count unexpected values among the non-null ones (after `row_condition`, which GX's
  pandas engine applies with `DataFrame.query`) and succeed when (nonnull - unexpected) / nonnull >= mostly
  (vacuously with no non-null value);
- regexes use `Series.str.contains` (re.search), as GX's pandas engine does;
- strftime formats use `pd.to_datetime(format=..., errors="coerce")`, the vectorised form of GX's per-value
  `datetime.strptime`;
- a bad expectation (min_value > max_value) raises; with `catch_exceptions` it fails alone.

Used by reference.py `check` (npm run bench -- check); returns one success flag per expectation.
"""
import numpy as np
import pandas as pd


def _ok(unexpected, nonnull, mostly=1.0):
    unexpected = int(unexpected)
    nonnull = int(nonnull)
    return True if nonnull == 0 else (nonnull - unexpected) / nonnull >= mostly


def col_map(s, bad, mostly=1.0):
    """`bad` maps the non-null values of `s` to True where unexpected."""
    nn = s.dropna()
    return _ok(bad(nn).sum(), len(nn), mostly)


def between(s, lo=None, hi=None, strict_min=False, strict_max=False, mostly=1.0):
    if lo is not None and hi is not None and lo > hi:
        raise ValueError("min_value cannot be greater than max_value")

    def bad(x):
        b = np.zeros(len(x), dtype=bool)
        if lo is not None:
            b |= (x <= lo) if strict_min else (x < lo)
        if hi is not None:
            b |= (x >= hi) if strict_max else (x > hi)
        return b

    return col_map(s, bad, mostly)


def in_range(v, lo=None, hi=None):
    return (lo is None or v >= lo) and (hi is None or v <= hi)


def regex(s, pattern, mostly=1.0):
    return col_map(s, lambda x: ~x.astype(str).str.contains(pattern, regex=True), mostly)


def strftime(s, fmt, mostly=1.0):
    return col_map(s, lambda x: pd.to_datetime(x, format=fmt, errors="coerce").isna(), mostly)


def lengths(s, lo, hi, mostly=1.0):
    return col_map(s, lambda x: ~x.astype(str).str.len().between(lo, hi), mostly)


def a_ge_b(df, a, b, mostly=1.0, or_equal=True, ignore="both_values_are_missing"):
    x, y = df[a], df[b]
    keep = ~(x.isna() | y.isna()) if ignore == "either_value_is_missing" else ~(x.isna() & y.isna())
    x, y = x[keep], y[keep]
    bad = ~((x >= y) if or_equal else (x > y))
    return _ok(bad.sum(), len(x), mostly)


def expectations():
    """(type, check(df) -> bool) in the suite's order."""
    order_list = ["order_id", "customer_id", "order_date", "ship_date", "country", "currency", "status", "amount",
                  "tax", "email"]
    countries = ["US", "DE", "FR", "GB", "JP"]
    statuses = ["placed", "shipped", "delivered", "returned"]
    pairs = {("US", "USD"), ("DE", "EUR"), ("FR", "EUR"), ("GB", "GBP"), ("JP", "JPY")}

    def pair_in_set(df):
        a, b = df["country"], df["currency"]
        keep = ~(a.isna() & b.isna())
        idx = pd.MultiIndex.from_arrays([a[keep], b[keep]])
        return _ok((~idx.isin(list(pairs))).sum(), int(keep.sum()))

    def compound_unique(df):
        sub = df[["order_id", "customer_id"]]
        sub = sub[~sub.isna().all(axis=1)]
        return _ok(sub.duplicated(keep=False).sum(), len(sub))

    def unique_within_record(df):
        a, b = df["email"], df["customer_id"]
        keep = ~(a.isna() & b.isna())
        return _ok((a[keep] == b[keep]).sum(), int(keep.sum()))

    def quantiles(s):
        q = s.quantile([0.05, 0.5, 0.95], interpolation="nearest").to_numpy()
        return all(in_range(v, lo, hi) for v, (lo, hi) in zip(q, [(0, 100), (100, 800), (800, 2000)]))

    def z_scores(s):
        nn = s.dropna()
        z = (nn - nn.mean()) / nn.std()
        return _ok((z.abs() >= 6).sum(), len(nn))

    def most_common(s):
        counts = s.value_counts()
        modes = set(counts[counts == counts.max()].index)
        return modes <= {"delivered"}

    return [
        ("expect_table_row_count_to_be_between", lambda df: len(df) >= 1),
        ("expect_table_column_count_to_equal", lambda df: df.shape[1] == 10),
        ("expect_table_columns_to_match_ordered_list", lambda df: list(df.columns) == order_list),
        ("expect_table_columns_to_match_set",
         lambda df: {"order_id", "customer_id", "amount", "tax"} <= set(df.columns)),
        ("expect_column_values_to_not_be_null", lambda df: _ok(df["order_id"].isna().sum(), len(df))),
        ("expect_column_values_to_be_unique", lambda df: col_map(df["order_id"], lambda x: x.duplicated(keep=False))),
        ("expect_column_values_to_be_increasing", lambda df: col_map(df["order_id"], lambda x: x.diff().fillna(1) <= 0)),
        ("expect_column_values_to_be_of_type", lambda df: df["order_id"].dtype.name == "int64"),
        ("expect_column_values_to_be_between", lambda df: between(df["order_id"], 1, 1_000_000_000)),
        ("expect_column_values_to_not_be_null", lambda df: _ok(df["customer_id"].isna().sum(), len(df))),
        ("expect_column_values_to_match_regex", lambda df: regex(df["customer_id"], r"^C\d{5}$")),
        ("expect_column_value_lengths_to_equal", lambda df: lengths(df["customer_id"], 6, 6)),
        ("expect_compound_columns_to_be_unique", compound_unique),
        ("expect_column_values_to_not_be_null", lambda df: _ok(df["order_date"].isna().sum(), len(df))),
        ("expect_column_values_to_match_strftime_format", lambda df: strftime(df["order_date"], "%Y-%m-%d")),
        ("expect_column_values_to_match_strftime_format", lambda df: strftime(df["ship_date"], "%Y-%m-%d")),
        ("expect_column_values_to_match_regex", lambda df: regex(df["order_date"], "^2024-", 0.99)),
        ("expect_column_value_lengths_to_be_between", lambda df: lengths(df["order_date"], 10, 10)),
        ("expect_column_values_to_be_null",
         lambda df: col_map(df.query('status == "placed"')["ship_date"], lambda x: np.ones(len(x), dtype=bool))),
        ("expect_column_values_to_not_be_null",
         lambda df: (lambda s: _ok(s.isna().sum(), len(s)))(
             df.query('status.isin(["shipped", "delivered", "returned"])')["ship_date"])),
        ("expect_column_pair_values_a_to_be_greater_than_b",
         lambda df: a_ge_b(df, "ship_date", "order_date", ignore="either_value_is_missing")),
        ("expect_column_pair_values_a_to_be_greater_than_b",
         lambda df: a_ge_b(df, "ship_date", "order_date", 0.99, ignore="either_value_is_missing")),
        ("expect_column_values_to_be_in_set", lambda df: col_map(df["country"], lambda x: ~x.isin(countries))),
        ("expect_column_distinct_values_to_equal_set", lambda df: set(df["country"].dropna().unique()) == set(countries)),
        ("expect_column_unique_value_count_to_be_between", lambda df: in_range(df["country"].nunique(), 5, 5)),
        ("expect_column_values_to_be_in_set",
         lambda df: col_map(df["currency"], lambda x: ~x.isin(["USD", "EUR", "GBP", "JPY"]))),
        ("expect_column_values_to_not_be_in_set", lambda df: col_map(df["currency"], lambda x: x.isin(["CHF", "CNY"]))),
        ("expect_column_pair_values_to_be_in_set", pair_in_set),
        ("expect_column_values_to_be_in_set",
         lambda df: col_map(df[(df["country"] == "DE") | (df["country"] == "FR")]["currency"], lambda x: ~x.isin(["EUR"]))),
        ("expect_column_values_to_not_be_null", lambda df: _ok(df["amount"].isna().sum(), len(df))),
        ("expect_column_values_to_be_between", lambda df: between(df["amount"], 0, None, strict_min=True)),
        ("expect_column_values_to_be_of_type", lambda df: df["amount"].dtype.name == "float64"),
        ("expect_column_mean_to_be_between", lambda df: in_range(df["amount"].mean(), 300, 700)),
        ("expect_column_median_to_be_between", lambda df: in_range(df["amount"].median(), 200, 700)),
        ("expect_column_stdev_to_be_between", lambda df: in_range(df["amount"].std(), None, 600)),
        ("expect_column_sum_to_be_between", lambda df: in_range(df["amount"].sum(), 0, None)),
        ("expect_column_min_to_be_between", lambda df: in_range(df["amount"].min(), 0, None)),
        ("expect_column_quantile_values_to_be_between", lambda df: quantiles(df["amount"])),
        ("expect_column_value_z_scores_to_be_less_than", lambda df: z_scores(df["amount"])),
        ("expect_column_values_to_be_between",
         lambda df: between(df.query('status == "returned" & country != "JP"')["amount"], 10, None, mostly=0.9)),
        ("expect_column_values_to_be_between", lambda df: between(df["tax"], 0)),
        ("expect_column_values_to_be_in_type_list", lambda df: df["tax"].dtype.name in ("float64", "float32")),
        ("expect_column_max_to_be_between", lambda df: in_range(df["tax"].max(), None, 200)),
        ("expect_column_pair_values_a_to_be_greater_than_b", lambda df: a_ge_b(df, "amount", "tax")),
        ("expect_column_values_to_be_in_set", lambda df: col_map(df["status"], lambda x: ~x.isin(statuses))),
        ("expect_column_most_common_value_to_be_in_set", lambda df: most_common(df["status"])),
        ("expect_column_distinct_values_to_contain_set",
         lambda df: {"delivered", "returned"} <= set(df["status"].dropna().unique())),
        ("expect_column_proportion_of_unique_values_to_be_between",
         lambda df: in_range(df["status"].nunique() / df["status"].count(), None, 0.01)),
        ("expect_column_values_to_match_regex", lambda df: regex(df["email"], r"^[^@\s]+@[^@\s]+\.[a-z]+$")),
        ("expect_column_values_to_not_match_regex_list",
         lambda df: col_map(df["email"], lambda x: x.astype(str).str.contains(r"\s|\.\.", regex=True))),
        ("expect_column_value_lengths_to_be_between", lambda df: lengths(df["email"], 5, 64)),
        ("expect_select_column_values_to_be_unique_within_record", unique_within_record),
        ("expect_column_values_to_be_between", lambda df: between(df["amount"], 0.5, 0.1)),
    ]


def run(df):
    """Success per expectation (False for one that raised, as GX with catch_exceptions)."""
    out = []
    for _, check in expectations():
        try:
            out.append(bool(check(df)))
        except Exception:  # noqa: BLE001 - GX's catch_exceptions: the expectation fails, the suite goes on
            out.append(False)
    return out
