#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Figures of the module's results, with Debian's python3-matplotlib.

    plot.py DIR [--format=png,svg] [--out=DIR/plots] [--only=NAME,...] [--dpi=120]
                [--level=antenna] [--node=N] [--day=D]

DIR is an example's output directory or a sweep's; every figure whose inputs are there is made:

  topology       topology.csv + nodes.csv (microscope-slicing): antennas coloured by MEC
                 cluster, C-RAN and core boundaries, datacenter markers
  decomposition  slots.csv (microscope-slicing --per-slot-output=true): truth against
                 estimate per service for one node (--level, --node) over one day (--day)
  costs          summary.json (microscope-slicing, microscope-lte-slicing): SLA violations
                 and overprovisioning per level and lane
  sweep          sweep.csv (./microscope sweep): cost and NMAE against each swept parameter,
                 mean and standard deviation over the RNG runs
  zones          zones.csv + datacenters.csv + profiles.csv (microscope-zone-dimensioning):
                 zones, datacenter sites and hourly profiles
  training       learning-curve.csv + evaluation.json (microscope-train): validation MAE per
                 epoch beside the historical and linear baselines' on the same samples, the
                 training and validation losses, the learning rate

Bad input (a missing column, a value that is not a number, an unknown level or node) stops
with a message naming the file and line or the flag, exit status 2, and no figure written.
"""

import argparse
import csv
import json
import math
import os
import sys
import tempfile

os.environ.setdefault("MPLBACKEND", "Agg")
if not os.access(os.path.expanduser("~"), os.W_OK):
    os.environ.setdefault("MPLCONFIGDIR", tempfile.mkdtemp(prefix="microscope-mpl-"))

import matplotlib  # noqa: E402  (Debian python3-matplotlib)

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

# Byte-identical SVG for identical inputs (no random ids, no date).
matplotlib.rcParams["svg.hashsalt"] = "microscope"
matplotlib.rcParams["figure.dpi"] = 100
matplotlib.rcParams["savefig.dpi"] = 120
matplotlib.rcParams["font.size"] = 9

LEVELS = ("antenna", "mec", "cran", "core")
PLOTS = ("topology", "decomposition", "costs", "sweep", "zones", "training")


class PlotError(Exception):
    """Bad input: the message names the file and line, or the flag."""


# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------


def read_csv(path, required):
    """Rows of a CSV file as dicts; PlotError names the file (and line) on a problem."""
    try:
        f = open(path, newline="", encoding="utf-8")
    except OSError as e:
        raise PlotError(f"{path}: cannot read: {e.strerror}")
    with f:
        reader = csv.DictReader(f)
        header = reader.fieldnames or []
        missing = [c for c in required if c not in header]
        if missing:
            raise PlotError(f"{path}: line 1: missing column(s) {', '.join(missing)}")
        rows = []
        for row in reader:
            if None in row or any(v is None for v in row.values()):
                raise PlotError(f"{path}: line {reader.line_num}: expected {len(header)} fields")
            row["_line"] = reader.line_num
            rows.append(row)
    if not rows:
        raise PlotError(f"{path}: no data rows")
    return rows


def num(row, col, path):
    try:
        v = float(row[col])
    except (TypeError, ValueError):
        raise PlotError(f"{path}: line {row['_line']}: column {col}: not a number: {row[col]!r}")
    if math.isnan(v):
        return v
    if math.isinf(v):
        raise PlotError(f"{path}: line {row['_line']}: column {col}: not finite")
    return v


def read_json(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except OSError as e:
        raise PlotError(f"{path}: cannot read: {e.strerror}")
    except json.JSONDecodeError as e:
        raise PlotError(f"{path}: line {e.lineno} column {e.colno}: malformed JSON: {e.msg}")


def colour(i, n=60):
    """A colour per cluster index among n: tab10 up to 10, else tab20, tab20b and tab20c
    interleaved so that consecutive indices get distant hues."""
    if n <= 10:
        return plt.get_cmap("tab10")(i % 10)
    cmaps = ("tab20", "tab20b", "tab20c")
    # Interleave so consecutive cluster ids get distant hues.
    k = (i * 7) % 60
    return plt.get_cmap(cmaps[k // 20])(k % 20)


# --------------------------------------------------------------------------------------------
# Figures
# --------------------------------------------------------------------------------------------


def plot_topology(d, opts):
    tpath = os.path.join(d, "topology.csv")
    npath = os.path.join(d, "nodes.csv")
    rows = read_csv(tpath, ["antenna", "x_m", "y_m"])
    nodes = read_csv(npath, ["level", "node", "x_m", "y_m"]) if os.path.exists(npath) else []
    xs = [num(r, "x_m", tpath) / 1000 for r in rows]
    ys = [num(r, "y_m", tpath) / 1000 for r in rows]
    header = rows[0].keys()

    def cluster(col):
        if col not in header:
            return None
        out = []
        for r in rows:
            # Empty without datacenter tiers (--tiers=false).
            v = num(r, col, tpath) if r[col] != "" else math.nan
            out.append(int(v) if not math.isnan(v) and v >= 0 else -1)
        return None if max(out) < 0 else out

    mec, cran, core = cluster("mec"), cluster("cran"), cluster("core")
    big = len(rows) > 300
    fig, ax = plt.subplots(figsize=(9.5, 9) if big else (7.5, 7))
    dot = max(6.0, min(30.0, 2400.0 / len(rows)))
    nmec = max(mec) + 1 if mec is not None and max(mec) >= 0 else 0
    if nmec:
        ax.scatter(xs, ys, s=dot, c=[colour(m, nmec) if m >= 0 else "0.6" for m in mec],
                   linewidths=0, zorder=2)
    else:
        ax.scatter(xs, ys, s=dot, c="tab:blue", linewidths=0, zorder=2)

    # Cluster boundaries: the Voronoi edges between antennas of different clusters.
    if len(rows) >= 4 and (cran is not None or core is not None):
        import numpy as np
        from scipy.spatial import Voronoi

        pts = np.column_stack([xs, ys])
        try:
            vor = Voronoi(pts)
        except Exception:  # degenerate layouts (collinear points): no boundaries
            vor = None
        if vor is not None:
            for labels, style in ((cran, dict(color="0.35", lw=0.8, ls="--")),
                                  (core, dict(color="black", lw=1.8, ls="-"))):
                if labels is None:
                    continue
                segs = []
                for (p, q), ridge in zip(vor.ridge_points, vor.ridge_vertices):
                    if labels[p] != labels[q] and -1 not in ridge:
                        segs.append(vor.vertices[ridge])
                from matplotlib.collections import LineCollection

                ax.add_collection(LineCollection(segs, zorder=3, **style))

    markers = {"mec": ("^", 40, "MEC datacenter"), "cran": ("s", 55, "C-RAN datacenter"),
               "core": ("*", 180, "core datacenter")}
    for level, (marker, size, label) in markers.items():
        sel = [r for r in nodes if r["level"] == level]
        pts = [(num(r, "x_m", npath) / 1000, num(r, "y_m", npath) / 1000) for r in sel]
        if pts:
            # A MEC datacenter in its cluster's colour; C-RAN white, core gold.
            face = ([colour(int(num(r, "node", npath)), nmec) for r in sel] if level == "mec"
                    else "gold" if level == "core" else "white")
            ax.scatter([p[0] for p in pts], [p[1] for p in pts], marker=marker, s=size,
                       facecolor=face, edgecolor="black", linewidths=0.9, zorder=4,
                       label=f"{label} ({len(pts)})")
    from matplotlib.lines import Line2D

    handles, labels = ax.get_legend_handles_labels()
    if cran is not None and max(cran) > 0:
        handles.append(Line2D([], [], color="0.35", lw=0.8, ls="--"))
        labels.append(f"C-RAN boundary ({max(cran) + 1} clusters)")
    if core is not None and max(core) > 0:
        handles.append(Line2D([], [], color="black", lw=1.8))
        labels.append(f"core boundary ({max(core) + 1} clusters)")
    if handles:
        ax.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, -0.09), ncol=2,
                  fontsize=7, frameon=False)
    ax.set_xlim(min(xs) - 0.5, max(xs) + 0.5)
    ax.set_ylim(min(ys) - 0.5, max(ys) + 0.5)
    ax.set_aspect("equal")
    ax.set_xlabel("x (km)")
    ax.set_ylabel("y (km)")
    ax.set_title(f"{len(rows)} antennas" + (f", coloured by MEC cluster ({nmec})" if nmec else ""))
    return fig


def plot_decomposition(d, opts):
    path = os.path.join(d, "slots.csv")
    cols = ["slot", "time_s", "level", "node", "service", "truth_mbps", "estimate_mbps"]
    level = opts.level
    if level not in LEVELS:
        raise PlotError(f"--level: expected one of {', '.join(LEVELS)}, got {level!r}")
    # Stream the file: at full scale it holds millions of rows.
    try:
        f = open(path, newline="", encoding="utf-8")
    except OSError as e:
        raise PlotError(f"{path}: cannot read: {e.strerror}")
    series = {}  # node -> day -> service -> [(t, truth, estimate, allocation)]
    levels_seen = set()
    with f:
        reader = csv.reader(f)
        header = next(reader, None) or []
        missing = [c for c in cols if c not in header]
        if missing:
            raise PlotError(f"{path}: line 1: missing column(s) {', '.join(missing)}")
        ix = {c: header.index(c) for c in header}
        has_alloc = "allocation_mbps" in ix
        for row in reader:
            if len(row) != len(header):
                raise PlotError(f"{path}: line {reader.line_num}: expected {len(header)} fields")
            levels_seen.add(row[ix["level"]])
            if row[ix["level"]] != level:
                continue
            try:
                node = int(row[ix["node"]])
                t = float(row[ix["time_s"]])
                truth = float(row[ix["truth_mbps"]])
                est = float(row[ix["estimate_mbps"]])
                alloc = float(row[ix["allocation_mbps"]]) if has_alloc else math.nan
            except ValueError:
                raise PlotError(f"{path}: line {reader.line_num}: a number is malformed")
            if opts.node is not None and node != opts.node:
                continue
            day = int(t // 86400)
            if opts.day is not None and day != opts.day:
                continue
            series.setdefault(node, {}).setdefault(day, {}).setdefault(
                row[ix["service"]], []).append((t, truth, est, alloc))
    if not series:
        if level not in levels_seen:
            raise PlotError(f"--level: {path} has no level {level} (it has "
                            f"{', '.join(sorted(levels_seen)) or 'no rows'})")
        what = []
        if opts.node is not None:
            what.append(f"--node={opts.node}")
        if opts.day is not None:
            what.append(f"--day={opts.day}")
        raise PlotError(f"{' '.join(what) or 'slots.csv'}: no {level} rows match in {path}")
    # Default day: the first evaluated one; default node: the busiest on that day.
    day = opts.day if opts.day is not None else min(min(days) for days in series.values())
    candidates = {n: days[day] for n, days in series.items() if day in days}
    if opts.node is not None:
        node = opts.node
    else:
        node = max(candidates, key=lambda n: (sum(p[1] for s in candidates[n].values()
                                                  for p in s), -n))
    services = candidates[node]
    names = list(services)
    n = len(names)
    ncols = 3 if n > 4 else n
    nrows = math.ceil(n / ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(3.4 * ncols, 2.3 * nrows + 0.6),
                             sharex=True, squeeze=False)
    mae_all = []
    for i, name in enumerate(names):
        ax = axes[i // ncols][i % ncols]
        pts = sorted(services[name])
        hours = [(p[0] - day * 86400) / 3600 for p in pts]
        truth = [p[1] for p in pts]
        est = [p[2] for p in pts]
        ax.plot(hours, truth, color="black", lw=1.2, label="truth")
        ax.plot(hours, est, color="tab:red", lw=1.0, ls="--", label="estimate")
        # The allocation only where it differs from the estimate (headroom, rounding).
        if any(not math.isnan(p[3]) and abs(p[3] - p[2]) > 1e-9 * max(1.0, abs(p[2]))
               for p in pts):
            ax.plot(hours, [p[3] for p in pts], color="tab:blue", lw=0.7, alpha=0.7,
                    label="allocation")
        mae = sum(abs(a - b) for a, b in zip(truth, est)) / len(pts)
        mean_truth = sum(truth) / len(pts)
        mae_all.append(mae)
        rel = f" ({100 * mae / mean_truth:.1f} % of the mean)" if mean_truth > 0 else ""
        ax.set_title(f"{name}: MAE {mae:.3g} Mbps{rel}", fontsize=8)
        ax.set_xlim(0, 24)
        ax.set_xticks(range(0, 25, 6))
        ax.tick_params(labelsize=7)
        ax.set_ylim(bottom=0)
        if i % ncols == 0:
            ax.set_ylabel("Mbps", fontsize=8)
        if i // ncols == nrows - 1:
            ax.set_xlabel("hour of day", fontsize=8)
    for j in range(n, nrows * ncols):
        axes[j // ncols][j % ncols].axis("off")
    handles = {}
    for row in axes:
        for a in row:
            for h, lab in zip(*a.get_legend_handles_labels()):
                handles.setdefault(lab, h)
    fig.legend(list(handles.values()), list(handles), loc="lower center", ncol=len(handles),
               fontsize=8, bbox_to_anchor=(0.5, 0.0))
    decomposer = ""
    spath = os.path.join(d, "summary.json")
    if os.path.exists(spath):
        s = read_json(spath)
        if isinstance(s, dict) and isinstance(s.get("decomposer"), str):
            decomposer = f" ({s['decomposer']} decomposer)"
    fig.suptitle(f"Decomposition at {level} node {node}, day {day}{decomposer}: truth against "
                 f"estimate per service", fontsize=10)
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    return fig


def lanes_of(summary, path):
    if not isinstance(summary, dict) or not isinstance(summary.get("levels"), dict):
        raise PlotError(f"{path}: key 'levels': missing or not an object")
    lanes = [(summary.get("decomposer") or "primary", summary["levels"])]
    for lane, body in (summary.get("baselines") or {}).items():
        if isinstance(body, dict) and isinstance(body.get("levels"), dict):
            lanes.append((lane, body["levels"]))
    return lanes


def plot_costs(d, opts):
    path = os.path.join(d, "summary.json")
    lanes = lanes_of(read_json(path), path)
    levels = [lv for lv in LEVELS if any(lv in ls for _, ls in lanes)]
    levels += [lv for _, ls in lanes for lv in ls if lv not in levels]
    has_total = any(isinstance(ls.get(lv), dict) and "total_cost_pct" in ls[lv]
                    for _, ls in lanes for lv in ls)
    has_measured = any(isinstance(ls.get(lv), dict) and isinstance(ls[lv].get("measured"), dict)
                       for _, ls in lanes for lv in ls)
    panels = [("sla_violation_pct", "SLA violation fees (% of true demand)"),
              ("overprovisioning_pct", "overprovisioning (% of true demand)")]
    if has_total:
        panels.append(("total_cost_pct", "total cost (% of true demand)"))
    if has_measured:
        panels.append(("measured/sla_violation_pct", "measured SLA violation fees (%)"))
    fig, axes = plt.subplots(1, len(panels), figsize=(4.2 * len(panels), 3.8), squeeze=False)
    width = 0.8 / len(lanes)
    for a, (key, title) in enumerate(panels):
        ax = axes[0][a]
        for i, (lane, ls) in enumerate(lanes):
            vals = []
            for lv in levels:
                obj = ls.get(lv, {})
                for part in key.split("/"):
                    obj = obj.get(part) if isinstance(obj, dict) else None
                if obj is not None and not isinstance(obj, (int, float)):
                    raise PlotError(f"{path}: key '{lane}.{lv}.{key}': not a number")
                vals.append(math.nan if obj is None else float(obj))
            xs = [j + (i - (len(lanes) - 1) / 2) * width for j in range(len(levels))]
            bars = ax.bar(xs, [0 if math.isnan(v) else v for v in vals], width * 0.92,
                          label=lane, color=plt.get_cmap("tab10")(i % 10))
            for b, v in zip(bars, vals):
                if not math.isnan(v):
                    ax.annotate(f"{v:.3g}", (b.get_x() + b.get_width() / 2, b.get_height()),
                                ha="center", va="bottom", fontsize=6, rotation=90,
                                xytext=(0, 2), textcoords="offset points")
        ax.set_xticks(range(len(levels)))
        ax.set_xticklabels(levels)
        ax.set_title(title, fontsize=9)
        ax.margins(y=0.18)
        ax.grid(axis="y", lw=0.3)
        ax.set_axisbelow(True)
    handles, labels = axes[0][0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=min(len(lanes), 8), fontsize=8,
               title="lane", title_fontsize=8, bbox_to_anchor=(0.5, 0.0))
    params = read_json(path).get("parameters", {})
    what = ", ".join(f"{k} {params[k]}" for k in ("antennas", "days", "alpha", "headroom")
                     if k in params)
    fig.suptitle("Costs of the slice allocation per level and lane" + (f" ({what})" if what
                                                                        else ""), fontsize=10)
    fig.tight_layout(rect=(0, 0.13, 1, 1))
    return fig


# Columns of sweep.csv that are neither swept parameters nor metrics.
SWEEP_ID_COLUMNS = {"point", "point_id", "point_dir", "dir", "directory", "run", "lane", "level",
                    "status", "example", "log", "seed", "wall_s", "decomposer"}


def plot_sweep(d, opts):
    path = os.path.join(d, "sweep.csv")
    rows = read_csv(path, ["lane", "level"])
    header = [c for c in rows[0] if c != "_line"]
    run_col = "run" if "run" in header else None
    cost_cols = [c for c in ("total_cost_pct",) if c in header]
    if not cost_cols:
        if "sla_violation_pct" not in header or "overprovisioning_pct" not in header:
            raise PlotError(f"{path}: line 1: no total_cost_pct nor sla_violation_pct and "
                            f"overprovisioning_pct columns")
    if "nmae_pct" not in header:
        raise PlotError(f"{path}: line 1: missing column nmae_pct")
    params = swept_parameters(rows, header, path)
    # Zipped parameters (each one's value follows from the other's) share one axis.
    partners = {}
    merged = []
    for p in params:
        lead = next((m for m in merged if determined_by(rows, m[0], p[0])
                     and determined_by(rows, p[0], m[0])), None)
        if lead is not None:
            partners.setdefault(lead[0], []).append(p[0])
        else:
            merged.append(p)
    params = merged
    if not params:
        raise PlotError(f"{path}: no swept parameter (no column other than the metrics, run, "
                        f"lane and level takes two values)")

    def cost(r):
        if cost_cols:
            return num(r, cost_cols[0], path)
        return num(r, "sla_violation_pct", path) + num(r, "overprovisioning_pct", path)

    cost_label = "total cost (%)" if cost_cols else "SLA viol. + overprov. (%)"
    levels = [lv for lv in LEVELS if any(r["level"] == lv for r in rows)]
    levels += sorted({r["level"] for r in rows} - set(levels))
    lanes = sorted({r["lane"] for r in rows})
    metrics = [("cost", cost_label, cost), ("nmae", "NMAE (%)", lambda r: num(r, "nmae_pct", path))]
    fig, axes = plt.subplots(len(params) * len(metrics), len(levels),
                             figsize=(3.0 * len(levels) + 0.6, 2.4 * len(params) * len(metrics)),
                             squeeze=False)
    for p_i, (param, values, numeric) in enumerate(params):
        # The other swept parameters at their first value: a one-dimensional slice. A
        # parameter zipped with this one (its value follows from this one's) moves with it.
        fixed = {q: vals[0] for q, vals, _ in params
                 if q != param and not determined_by(rows, param, q)}
        sel = [r for r in rows if all(r[q] == v for q, v in fixed.items())]
        fixed_text = ", ".join(f"{q}={v}" for q, v in fixed.items())
        for m_i, (mkey, mlabel, fn) in enumerate(metrics):
            row_i = p_i * len(metrics) + m_i
            for l_i, level in enumerate(levels):
                ax = axes[row_i][l_i]
                for k, lane in enumerate(lanes):
                    xs, means, errs = [], [], []
                    for j, v in enumerate(values):
                        samples = [fn(r) for r in sel
                                   if r[param] == v and r["lane"] == lane and r["level"] == level]
                        samples = [s for s in samples if not math.isnan(s)]
                        if not samples:
                            continue
                        mean = sum(samples) / len(samples)
                        sd = (math.sqrt(sum((s - mean) ** 2 for s in samples) /
                                        (len(samples) - 1)) if len(samples) > 1 else 0.0)
                        xs.append(float(v) if numeric else j)
                        means.append(mean)
                        errs.append(sd)
                    if xs:
                        ax.errorbar(xs, means, yerr=errs, marker="o", ms=3.5, capsize=3, lw=1,
                                    label=lane, color=plt.get_cmap("tab10")(k % 10))
                if not numeric:
                    ax.set_xticks(range(len(values)))
                    ax.set_xticklabels(values, fontsize=7, rotation=20)
                ax.tick_params(labelsize=7)
                ax.grid(lw=0.3)
                if row_i == 0:
                    ax.set_title(level, fontsize=9)
                if l_i == 0:
                    ax.set_ylabel(mlabel, fontsize=8)
                name = " = ".join([param] + partners.get(param, []))
                ax.set_xlabel(name + (f"  ({fixed_text})" if fixed_text else ""), fontsize=7)
    handles, labels = axes[0][0].get_legend_handles_labels()
    nruns = len({r[run_col] for r in rows}) if run_col else 1
    height = fig.get_size_inches()[1]
    fig.legend(handles, labels, loc="upper center", ncol=min(len(lanes), 8), fontsize=8,
               bbox_to_anchor=(0.5, 1 - 0.32 / height))
    spread = (f"mean and standard deviation over {nruns} RNG runs" if nruns > 1
              else "one RNG run (no error bars)")
    fig.suptitle(f"Sweep: cost and NMAE per swept parameter and level, {spread}", fontsize=10)
    fig.tight_layout(rect=(0, 0, 1, 1 - 0.55 / height))
    return fig


def swept_parameters(rows, header, path):
    """(column, ordered values, numeric?) of every swept parameter column of sweep.csv.

    ./microscope sweep writes point, run, the swept flags, lane, level, then the metrics: the
    parameters are the columns between run and lane. Other tables fall back to the columns that
    do not look like metrics.
    """
    if "run" in header and "lane" in header and header.index("run") < header.index("lane"):
        candidates = header[header.index("run") + 1:header.index("lane")]
    else:
        candidates = [c for c in header if c not in SWEEP_ID_COLUMNS and not any(
            t in c for t in ("MBps", "_pct", "mae", "_mbps", "cores", "interval", "nodes",
                             "violations", "per_antenna", "share", "bytes", "_ms", "skipped",
                             "repaired"))]
    params = []
    for c in candidates:
        values = []
        for r in rows:
            if r[c] not in values:
                values.append(r[c])
        if len(values) < 2:
            continue
        try:
            fl = [float(v) for v in values]
            order = sorted(range(len(values)), key=lambda i: fl[i])
            params.append((c, [values[i] for i in order], True))
        except ValueError:
            params.append((c, values, False))
    return params


def determined_by(rows, p, q):
    """True when column q's value follows from column p's (zipped parameters)."""
    seen = {}
    for r in rows:
        if seen.setdefault(r[p], r[q]) != r[q]:
            return False
    return True


def plot_zones(d, opts):
    zpath = os.path.join(d, "zones.csv")
    dpath = os.path.join(d, "datacenters.csv")
    ppath = os.path.join(d, "profiles.csv")
    stations = read_csv(zpath, ["station", "x_m", "y_m", "zone"])
    dcs = read_csv(dpath, ["zone", "x_m", "y_m", "stations"])
    profiles = read_csv(ppath, ["zone", "day_type", "hour", "mean_mb", "std_mb"])
    cores = {}
    mpath = os.path.join(d, "dimensioning.csv")
    if os.path.exists(mpath):
        for r in read_csv(mpath, ["zone", "cores"]):
            cores[r["zone"]] = int(num(r, "cores", mpath))
    zones = sorted({r["zone"] for r in stations}, key=lambda z: float(z))
    zi = {z: i for i, z in enumerate(zones)}
    fig, (ax, ax2, ax3) = plt.subplots(1, 3, figsize=(15, 4.8),
                                       gridspec_kw={"width_ratios": [1.15, 1, 1]})
    ax.scatter([num(r, "x_m", zpath) / 1000 for r in stations],
               [num(r, "y_m", zpath) / 1000 for r in stations],
               s=max(5.0, min(20.0, 1500.0 / len(stations))), linewidths=0,
               c=[colour(zi[r["zone"]], len(zones)) for r in stations])
    for r in dcs:
        x, y = num(r, "x_m", dpath) / 1000, num(r, "y_m", dpath) / 1000
        ax.scatter([x], [y], marker="*", s=200, facecolor="gold", edgecolor="black", lw=0.9,
                   zorder=4)
        ax.annotate(r["zone"], (x, y), xytext=(5, 5), textcoords="offset points", fontsize=8,
                    weight="bold")
    ax.scatter([], [], marker="*", s=120, facecolor="gold", edgecolor="black",
               label="datacenter site")
    ax.legend(loc="upper right", fontsize=7)
    ax.set_aspect("equal")
    ax.set_xlabel("x (km)")
    ax.set_ylabel("y (km)")
    ax.set_title(f"{len(stations)} base stations in {len(zones)} zones", fontsize=9)
    for axis, day_type in ((ax2, "workday"), (ax3, "holiday")):
        for z in zones:
            pts = sorted((num(r, "hour", ppath), num(r, "mean_mb", ppath), num(r, "std_mb", ppath))
                         for r in profiles if r["zone"] == z and r["day_type"] == day_type)
            if not pts:
                continue
            hours = [p[0] for p in pts]
            mean = [p[1] / 1000 for p in pts]
            sd = [p[2] / 1000 for p in pts]
            c = colour(zi[z], len(zones))
            label = f"zone {z}" + (f" ({cores[z]} cores)" if z in cores else "")
            axis.plot(hours, mean, color=c, lw=1.3, label=label)
            axis.fill_between(hours, [m - s for m, s in zip(mean, sd)],
                              [m + s for m, s in zip(mean, sd)], color=c, alpha=0.15, lw=0)
        axis.set_xlim(0, 23)
        axis.set_xticks(range(0, 24, 3))
        axis.set_ylim(bottom=0)
        axis.set_xlabel("hour of day")
        axis.set_ylabel("GB per hour (mean +- std)")
        axis.set_title(f"hourly profiles, {day_type}s", fontsize=9)
        axis.grid(lw=0.3)
    ax2.legend(fontsize=6, ncol=2 if len(zones) > 8 else 1)
    fig.suptitle("Zones, datacenter sites and hourly profiles", fontsize=10)
    fig.tight_layout()
    return fig


def plot_training(d, opts):
    path = os.path.join(d, "learning-curve.csv")
    cols = ("epoch", "learning_rate", "train_loss", "validation_loss", "validation_mae_mbps",
            "best")
    rows = read_csv(path, cols)
    ev_path = os.path.join(d, "evaluation.json")
    ev = read_json(ev_path)
    epochs = [num(r, "epoch", path) for r in rows]
    mae = [num(r, "validation_mae_mbps", path) for r in rows]
    best = [num(r, "best", path) == 1 for r in rows]
    fig, axes = plt.subplots(1, 3, figsize=(12, 3.6))
    ax = axes[0]
    ax.plot(epochs, mae, "-o", ms=3, lw=1, color="tab:blue", label="network")
    bx = [e for e, b in zip(epochs, best) if b]
    by = [m for m, b in zip(mae, best) if b]
    ax.plot(bx, by, "o", ms=5, mfc="none", color="black", label="best so far")
    validation = ev.get("validation", {}) if isinstance(ev, dict) else {}
    for i, name in enumerate(("historical", "linear")):
        v = validation.get(name, {}).get("mae_mbps") if isinstance(validation, dict) else None
        if v is not None:
            if not isinstance(v, (int, float)):
                raise PlotError(f"{ev_path}: key 'validation.{name}.mae_mbps': not a number")
            ax.axhline(v, ls="--", lw=1, color=("tab:orange", "tab:green")[i], label=name)
    ax.set_xlabel("epoch")
    ax.set_ylabel("validation MAE (Mbps)")
    ax.set_title("validation MAE", fontsize=9)
    ax.legend(fontsize=7)
    ax.grid(lw=0.3)
    ax = axes[1]
    ax.plot(epochs, [num(r, "train_loss", path) for r in rows], lw=1, label="training")
    ax.plot(epochs, [num(r, "validation_loss", path) for r in rows], lw=1, label="validation")
    ax.set_xlabel("epoch")
    ax.set_title("loss", fontsize=9)
    ax.legend(fontsize=7)
    ax.grid(lw=0.3)
    ax = axes[2]
    rates = [num(r, "learning_rate", path) for r in rows]
    ax.plot(epochs, rates, lw=1, color="tab:purple")
    if all(v > 0 for v in rates):
        ax.set_yscale("log")
    ax.set_xlabel("epoch")
    ax.set_title("learning rate", fontsize=9)
    ax.grid(lw=0.3)
    test = ev.get("test", {}).get("mae_mbps") if isinstance(ev, dict) else None
    what = " ".join(str(ev.get(k, "")) for k in ("architecture", "loss", "level")
                    if isinstance(ev, dict))
    title = f"Training of {what}".strip()
    if isinstance(test, (int, float)):
        title += f": test MAE {test:.4g} Mbps"
        lin = ev.get("baselines", {}).get("linear", {}).get("mae_mbps")
        if isinstance(lin, (int, float)):
            title += f" (linear {lin:.4g})"
    fig.suptitle(title, fontsize=10)
    fig.tight_layout()
    return fig


MAKERS = {
    "topology": (plot_topology, ["topology.csv"]),
    "decomposition": (plot_decomposition, ["slots.csv"]),
    "costs": (plot_costs, ["summary.json"]),
    "sweep": (plot_sweep, ["sweep.csv"]),
    "zones": (plot_zones, ["zones.csv", "datacenters.csv", "profiles.csv"]),
    "training": (plot_training, ["learning-curve.csv", "evaluation.json"]),
}


def main(argv):
    ap = argparse.ArgumentParser(prog="microscope plot",
                                 description="Figures of an example's or a sweep's outputs.")
    ap.add_argument("dir", help="the output directory of an example or of a sweep")
    ap.add_argument("--format", default="png",
                    help="comma-separated image formats: png, svg, pdf (default: png)")
    ap.add_argument("--out", help="where the figures go (default: DIR/plots)")
    ap.add_argument("--only", help="comma-separated figures: " + ", ".join(PLOTS))
    ap.add_argument("--level", default="antenna", help="decomposition: level (default antenna)")
    ap.add_argument("--node", type=int, help="decomposition: node (default: the busiest)")
    ap.add_argument("--day", type=int, help="decomposition: simulated day (default: the first "
                    "evaluated one)")
    ap.add_argument("--dpi", type=int, default=120, help="PNG resolution (default 120)")
    args = ap.parse_args(argv)
    try:
        if not 30 <= args.dpi <= 600:
            raise PlotError(f"--dpi: expected 30 to 600, got {args.dpi}")
        formats = [f.strip() for f in args.format.split(",") if f.strip()]
        if not formats:
            raise PlotError("--format: empty")
        for f in formats:
            if f not in ("png", "svg", "pdf"):
                raise PlotError(f"--format: expected png, svg or pdf, got {f!r}")
        if not os.path.isdir(args.dir):
            raise PlotError(f"{args.dir}: no such directory")
        wanted = PLOTS
        if args.only:
            wanted = [w.strip() for w in args.only.split(",") if w.strip()]
            for w in wanted:
                if w not in PLOTS:
                    raise PlotError(f"--only: unknown figure {w!r} (expected {', '.join(PLOTS)})")
        todo = [w for w in wanted
                if all(os.path.exists(os.path.join(args.dir, f)) for f in MAKERS[w][1])]
        if args.only:
            for w in wanted:
                if w not in todo:
                    raise PlotError(f"--only: {w} needs " + ", ".join(MAKERS[w][1]) +
                                    f" in {args.dir}")
        if not todo:
            raise PlotError(f"{args.dir}: nothing to plot (no topology.csv, slots.csv, "
                            f"summary.json, sweep.csv, zones.csv or learning-curve.csv)")
        # Every figure is made before any file is written: bad input leaves nothing behind.
        figures = [(w, MAKERS[w][0](args.dir, args)) for w in todo]
    except PlotError as e:
        print(f"microscope plot: error: {e}", file=sys.stderr)
        return 2
    out = args.out or os.path.join(args.dir, "plots")
    os.makedirs(out, exist_ok=True)
    written = []
    tmp = []
    try:
        for name, fig in figures:
            for f in formats:
                final = os.path.join(out, f"{name}.{f}")
                part = final + ".part"
                meta = {"Date": None} if f in ("svg", "pdf") else {"Software": None}
                if f == "pdf":
                    meta = {"CreationDate": None, "ModDate": None}
                fig.savefig(part, format=f, metadata=meta, bbox_inches="tight", dpi=args.dpi)
                tmp.append((part, final))
            plt.close(fig)
        for part, final in tmp:
            os.replace(part, final)
            written.append(final)
    finally:
        for part, _ in tmp:
            if os.path.exists(part):
                os.unlink(part)
    for w in written:
        print(w)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
