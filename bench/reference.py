"""The reference side of scripts/bench.mjs: pandas / scipy / scikit-learn doing the same work as model-ci.

Usage: /usr/bin/python3 reference.py <benchmark> <args...>; prints one JSON line
{"seconds": <timed region>, "maxRssMb": <peak RSS of this process>, ...}.
The timed region starts after the imports (the wall time of the whole process is measured outside).
"""
import json
import resource
import sys
import time

import numpy as np

def out(**kw):
    kw["maxRssMb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(kw))


def drift(reference, current):
    import pandas as pd
    from scipy.spatial.distance import jensenshannon
    from scipy.stats import chi2_contingency, ks_2samp, wasserstein_distance

    t0 = time.perf_counter()
    ref = pd.read_csv(reference)
    cur = pd.read_csv(current)
    t_read = time.perf_counter() - t0
    cols = {}
    for name in ref.columns:
        r = ref[name].dropna()
        c = cur[name].dropna()
        if pd.api.types.is_numeric_dtype(r.dtype):
            x = r.to_numpy(np.float64)
            y = c.to_numpy(np.float64)
            ks = ks_2samp(x, y)  # method 'auto'
            w = wasserstein_distance(x, y)
            wn = w / max(np.std(x), 0.001)
            lo, hi = min(x.min(), y.min()), max(x.max(), y.max())
            hx, _ = np.histogram(x, bins=10, range=(lo, hi))
            hy, _ = np.histogram(y, bins=10, range=(lo, hi))
            js = jensenshannon(hx / hx.sum(), hy / hy.sum())
            edges = np.quantile(x, np.arange(1, 10) / 10)
            p = np.bincount(np.searchsorted(edges, x, side="left"), minlength=10) / len(x)
            a = np.bincount(np.searchsorted(edges, y, side="left"), minlength=10) / len(y)
            p = np.where(p == 0, 1e-4, p)
            a = np.where(a == 0, 1e-4, a)
            psi = float(np.sum((a - p) * np.log(a / p)))
            cols[name] = dict(ks=ks.statistic, ks_p=ks.pvalue, w=wn, js=js, psi=psi)
        else:
            vr = r.value_counts()
            vc = c.value_counts()
            cats = sorted(set(vr.index) | set(vc.index))
            pr = vr.reindex(cats, fill_value=0).to_numpy()
            pc = vc.reindex(cats, fill_value=0).to_numpy()
            chi2, pval, dof, _ = chi2_contingency(np.array([pr, pc]))
            js = jensenshannon(pr / pr.sum(), pc / pc.sum())
            cols[name] = dict(chi2=chi2, chi2_p=pval, js=js)
    out(seconds=time.perf_counter() - t0, read_seconds=t_read, columns=cols)


def profile(path):
    import pandas as pd

    t0 = time.perf_counter()
    df = pd.read_csv(path)
    t_read = time.perf_counter() - t0
    cols = {}
    for name in df.columns:
        s = df[name]
        info = dict(count=int(s.count()), nulls=int(s.isna().sum()), distinct=int(s.nunique()))
        if pd.api.types.is_numeric_dtype(s.dtype):
            q = s.quantile([0.05, 0.5, 0.95])
            info.update(mean=s.mean(), std=s.std(), min=s.min(), max=s.max(), p05=q[0.05], p50=q[0.5], p95=q[0.95])
        else:
            info["top"] = s.value_counts().head(3).to_dict()
        cols[name] = info
    out(seconds=time.perf_counter() - t0, read_seconds=t_read, rows=len(df), columns=cols)


def f64(path):
    return np.fromfile(path, dtype="<f8")


def metrics(labels_file, scores_file):
    from sklearn.metrics import accuracy_score, f1_score, log_loss, precision_score, recall_score, roc_auc_score

    y = f64(labels_file).astype(np.int64)  # integer labels: sklearn's fast path (float labels cost ~1.5x)
    s = f64(scores_file)
    t0 = time.perf_counter()
    auc = roc_auc_score(y, s)
    ll = log_loss(y, s)
    pred = (s >= 0.5).astype(np.int64)
    acc = accuracy_score(y, pred)
    prec = precision_score(y, pred)
    rec = recall_score(y, pred)
    f1 = f1_score(y, pred)
    out(seconds=time.perf_counter() - t0, roc_auc=auc, log_loss=ll, accuracy=acc, precision=prec, recall=rec, f1=f1)


def bootstrap(labels_file, a_file, b_file, resamples):
    from sklearn.metrics import roc_auc_score

    y = f64(labels_file).astype(np.int64)
    a = f64(a_file)
    b = f64(b_file)
    resamples = int(resamples)
    t0 = time.perf_counter()
    rng = np.random.default_rng(1)
    n = len(y)
    deltas = []
    for _ in range(resamples):
        idx = rng.integers(0, n, n)
        yi = y[idx]
        if yi.min() == yi.max():
            continue
        deltas.append(roc_auc_score(yi, a[idx]) - roc_auc_score(yi, b[idx]))
    lo, hi = np.percentile(deltas, [2.5, 97.5])
    point = roc_auc_score(y, a) - roc_auc_score(y, b)
    out(seconds=time.perf_counter() - t0, delta=point, low=lo, high=hi)


def kstwo(n, *ds):
    from scipy.stats import kstwo as dist

    t0 = time.perf_counter()
    values = [float(dist.sf(float(d), int(n))) for d in ds]
    out(seconds=time.perf_counter() - t0, values=values)


def check(path):
    """bench/orders-suite.yml as vectorised pandas (bench/orders_pandas.py): read_csv, then every expectation."""
    import pandas as pd

    import orders_pandas

    t0 = time.perf_counter()
    df = pd.read_csv(path)
    t_read = time.perf_counter() - t0
    success = orders_pandas.run(df)
    out(seconds=time.perf_counter() - t0, read_seconds=t_read, rows=len(df), success=success,
        types=[t for t, _ in orders_pandas.expectations()])


def drift_rows(reference, current):
    """Row-level drift on the full arrays (the 10M-row case): scipy ks_2samp + wasserstein_distance per numeric
    column, chi-square per categorical one; read with pandas. No Evidently here (not installed); this is the
    core of what it computes."""
    import pandas as pd
    from scipy.stats import chi2_contingency, ks_2samp, wasserstein_distance

    t0 = time.perf_counter()
    ref = pd.read_csv(reference)
    cur = pd.read_csv(current)
    t_read = time.perf_counter() - t0
    cols = {}
    for name in ref.columns:
        r = ref[name].dropna()
        c = cur[name].dropna()
        if pd.api.types.is_numeric_dtype(r.dtype):
            x = r.to_numpy(np.float64)
            y = c.to_numpy(np.float64)
            ks = ks_2samp(x, y)
            cols[name] = dict(ks=ks.statistic, ks_p=ks.pvalue, w=wasserstein_distance(x, y) / max(np.std(x), 0.001))
        else:
            vr = r.value_counts()
            vc = c.value_counts()
            cats = sorted(set(vr.index) | set(vc.index))
            chi2, pval, _, _ = chi2_contingency(np.array([vr.reindex(cats, fill_value=0), vc.reindex(cats, fill_value=0)]))
            cols[name] = dict(chi2=chi2, chi2_p=pval)
    out(seconds=time.perf_counter() - t0, read_seconds=t_read, rows=[len(ref), len(cur)], columns=cols)


if __name__ == "__main__":
    name, *args = sys.argv[1:]
    {"drift": drift, "drift_rows": drift_rows, "profile": profile, "metrics": metrics, "bootstrap": bootstrap,
     "kstwo": kstwo, "check": check}[name](*args)
