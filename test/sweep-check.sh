#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The local sweep path on the real microscope-slicing (60 antennas, 5 days, historical):
#   - a 2-point x 2-run sweep writes one summary.json per point x run and a tidy sweep.csv
#     (one row per point x run x lane x level) that pandas and gnuplot read as it is, whose
#     values are those of the points' own summary.json, and where more headroom means more
#     overprovisioning and another RNG run another demand;
#   - a rerun runs nothing and leaves sweep.csv byte-identical; a deleted point x run is the only
#     one rerun and comes back byte-identical (determinism); a new grid value runs only its
#     points;
#   - a point that fails is reported with its log path, the other points still finish, and no
#     sweep.csv is written;
#   - microscope-zone-dimensioning's dimensioning.csv becomes one row per zone;
#   - the contract SEM relies on: --RngRun sets the run, outputs under the working directory,
#     non-zero exit on bad input.
#
# Usage: sweep-check.sh EXAMPLES_DIR WORK_DIR

set -euo pipefail

EXAMPLES="$(realpath "$1")"
WORK="$(realpath -m "$2")"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PY=/usr/bin/python3
SWEEP=("$PY" "$HERE/../tools/sweep/sweep.py" run --examples-dir="$EXAMPLES" --cores 2)

fail() {
    echo "sweep-check: FAIL: $*" >&2
    exit 1
}

rm -rf "$WORK"
mkdir -p "$WORK"
cd "$WORK"

cat >sweep.yaml <<'EOF'
# a comment, as YAML allows
example: microscope-slicing
flags: {antennas: 60, days: 5, decomposer: historical, baselines: oracle}
grid: {headroom: [0, 0.2]}
runs: [1, 2]
EOF

# --- 1. the sweep
"${SWEEP[@]}" sweep.yaml --output=out 2>first.err || { cat first.err >&2; fail "the sweep failed"; }
grep -q "4 runs, 0 done, 4 to run" first.err || fail "first run: expected 4 runs to run"
grep -q "4 done, 0 running, 0 failed, 0 left" first.err || fail "no final progress line"
for p in headroom=0 headroom=0.2; do
    for r in 1 2; do
        [ -f "out/points/$p/run-$r/summary.json" ] || fail "no out/points/$p/run-$r/summary.json"
    done
done
"$PY" - <<'EOF' || fail "sweep.csv (above)"
import glob, json, sys
import pandas as pd

df = pd.read_csv("out/sweep.csv")
need = ["point", "run", "headroom", "lane", "level", "true_demand_MBps", "sla_violation_MBps",
        "overprovisioning_MBps", "total_cost_MBps", "nmae_pct"]
missing = [c for c in need if c not in df.columns]
if missing:
    sys.exit(f"sweep.csv lacks the columns {missing}")
# The expected row count, from the points' own files: lanes x levels of each summary.json.
expected = 0
for path in glob.glob("out/points/*/run-*/summary.json"):
    doc = json.load(open(path))
    expected += len(doc["levels"]) + sum(len(b["levels"]) for b in doc["baselines"].values())
if len(df) != expected or expected < 2 * 2 * 2 * 4:
    sys.exit(f"sweep.csv has {len(df)} rows, the summaries hold {expected} (lane, level) pairs")
if df.duplicated(["point", "run", "lane", "level"]).any():
    sys.exit("a point x run x lane x level appears twice")
if sorted(df["lane"].unique()) != ["historical", "oracle"]:
    sys.exit(f"lanes {sorted(df['lane'].unique())}")
# Every value is the point's own.
for _, row in df.iterrows():
    doc = json.load(open(f"out/points/{row['point']}/run-{row['run']}/summary.json"))
    lv = doc["levels"] if row["lane"] == doc["decomposer"] else doc["baselines"][row["lane"]]["levels"]
    for col in ("sla_violation_MBps", "overprovisioning_MBps", "true_demand_MBps"):
        if abs(lv[row["level"]][col] - row[col]) > 1e-12 * max(1.0, abs(row[col])):
            sys.exit(f"{row['point']} run {row['run']} {row['lane']} {row['level']} {col}: "
                     f"sweep.csv {row[col]}, summary.json {lv[row['level']][col]}")
h = df[df["lane"] == "historical"].set_index(["run", "level", "headroom"])
for run in (1, 2):
    for level in df["level"].unique():
        lo, hi = h.loc[(run, level, 0.0)], h.loc[(run, level, 0.2)]
        if not hi["overprovisioning_MBps"] > lo["overprovisioning_MBps"]:
            sys.exit(f"run {run} {level}: 20 % headroom does not overprovision more")
        if not hi["sla_violation_MBps"] < lo["sla_violation_MBps"]:
            sys.exit(f"run {run} {level}: 20 % headroom does not violate less")
d = df[(df["lane"] == "historical") & (df["headroom"] == 0)].set_index(["level", "run"])
if d.loc[("antenna", 1), "true_demand_MBps"] == d.loc[("antenna", 2), "true_demand_MBps"]:
    sys.exit("RNG runs 1 and 2 have the same demand")
print(f"sweep-check: sweep.csv read by pandas: {len(df)} rows, {len(df.columns)} columns")
EOF
# gnuplot reads it as it is: named columns, the empty cells as missing values.
rows=$(($(wc -l <out/sweep.csv) - 1))
gp="$(gnuplot -e "set datafile separator comma; set datafile columnheaders; \
    stats 'out/sweep.csv' using 'overprovisioning_MBps' nooutput; print STATS_records" 2>&1)" ||
    fail "gnuplot could not read sweep.csv: $gp"
[ "$(echo "$gp" | tail -n 1 | tr -d ' ')" = "$rows" ] ||
    fail "gnuplot read '$gp' records of overprovisioning_MBps, sweep.csv has $rows rows"
echo "sweep-check: gnuplot read $rows records"

# --- 2. reruns: nothing, then only what is missing, then only a new grid value
cp out/sweep.csv first.csv
stamp="$(stat -c %Y.%y out/points/*/run-*/done.json | md5sum)"
"${SWEEP[@]}" sweep.yaml --output=out 2>second.err || { cat second.err >&2; fail "rerun failed"; }
grep -q "4 runs, 4 done, 0 to run" second.err || fail "the rerun ran something"
cmp first.csv out/sweep.csv || fail "the rerun changed sweep.csv"
[ "$stamp" = "$(stat -c %Y.%y out/points/*/run-*/done.json | md5sum)" ] ||
    fail "the rerun rewrote finished points"

cp out/points/headroom=0.2/run-2/summary.json kept.json
rm -rf out/points/headroom=0.2/run-2
"${SWEEP[@]}" sweep.yaml --output=out 2>third.err || { cat third.err >&2; fail "rerun failed"; }
grep -q "4 runs, 3 done, 1 to run" third.err || fail "not only the deleted point was rerun"
cmp kept.json out/points/headroom=0.2/run-2/summary.json || fail "the rerun point differs (determinism)"
cmp first.csv out/sweep.csv || fail "sweep.csv differs after rerunning a point"

sed -i 's/headroom: \[0, 0.2\]/headroom: [0, 0.2, 0.1]/' sweep.yaml
"${SWEEP[@]}" sweep.yaml --output=out 2>fourth.err || { cat fourth.err >&2; fail "extension failed"; }
grep -q "6 runs, 4 done, 2 to run" fourth.err || fail "a new grid value did not run only its 2 runs"
[ "$(($(wc -l <out/sweep.csv) - 1))" -eq $((rows * 3 / 2)) ] || fail "sweep.csv did not grow by half"
echo "sweep-check: reruns run only what is missing, and the results are byte-identical"

# --- 3. a failing point: reported with its log; the others finish; no sweep.csv
cat >failing.yaml <<'EOF'
example: microscope-slicing
flags: {antennas: 60, days: 5, baselines: none}
grid: {decomposer: [historical, no-such-decomposer]}
runs: [1]
EOF
if "${SWEEP[@]}" failing.yaml --output=failing 2>failing.err; then
    fail "a sweep with a failing point exited 0"
fi
log="$WORK/failing/points/decomposer=no-such-decomposer/run-1/log.txt"
grep -qF "failed: point decomposer=no-such-decomposer run 1; log: $log" failing.err ||
    { cat failing.err >&2; fail "the failed point and its log are not named"; }
grep -q "no-such-decomposer" "$log" || fail "the log does not hold the example's error"
[ -f failing/points/decomposer=historical/run-1/summary.json ] || fail "the good point did not finish"
[ ! -e failing/sweep.csv ] || fail "sweep.csv written despite a failed point"
echo "sweep-check: a failed point is reported with its log, the other finished"

# --- 4. another example's results flattened the same way: microscope-zone-dimensioning
cat >zones.yaml <<'EOF'
example: microscope-zone-dimensioning
flags: {stations: 120, days: 14, forecast: none}
grid: {zones: [3, 5]}
EOF
"${SWEEP[@]}" zones.yaml --output=zones 2>zones.err || { cat zones.err >&2; fail "the zones sweep failed"; }
"$PY" - <<'EOF' || fail "zones/sweep.csv (above)"
import csv, sys
import pandas as pd

df = pd.read_csv("zones/sweep.csv")
for zones in (3, 5):
    with open(f"zones/points/zones={zones}/run-1/dimensioning.csv") as f:
        own = list(csv.DictReader(f))
    rows = df[df["zones"] == zones].reset_index(drop=True)
    if len(own) != zones or len(rows) != zones or set(rows["lane"]) != {"dimensioning"}:
        sys.exit(f"zones={zones}: {len(rows)} rows in sweep.csv, {len(own)} in dimensioning.csv")
    for r, o in zip(rows.itertuples(), own):
        if r.level != f"zone-{o['zone']}" or r.cores != int(o["cores"]) or r.g_mb != float(o["g_mb"]):
            sys.exit(f"zones={zones} {r.level}: sweep.csv {r.cores} cores, {r.g_mb} MB; "
                     f"dimensioning.csv {o['cores']}, {o['g_mb']}")
print(f"sweep-check: microscope-zone-dimensioning's dimensioning.csv flattened into {len(df)} rows")
EOF

# --- 5. what ns-3's SEM relies on (it runs each simulation in a directory of its own, passes
#     the parameters as --flag=value and the run as --RngRun, and stops on a non-zero exit)
mkdir -p sem && cd sem
EXE="$EXAMPLES/microscope-slicing"
F=(--antennas=60 --days=5 --decomposer=historical --baselines=none)
"$EXE" "${F[@]}" --RngRun=2 >sem.out 2>&1 || fail "SEM-style run: $(cat sem.out)"
[ -f summary.json ] && [ -f table3.csv ] ||
    fail "without --output the results are not in the working directory"
"$EXE" "${F[@]}" --run=2 --output=run2 >/dev/null 2>&1 || fail "--run=2 failed"
"$EXE" "${F[@]}" --output=run1 >/dev/null 2>&1 || fail "the default run failed"
cmp summary.json run2/summary.json || fail "--RngRun=2 is not --run=2"
if cmp -s run1/summary.json run2/summary.json; then fail "runs 1 and 2 give the same results"; fi
if "$EXE" "${F[@]}" --antennas=-5 --output=bad >/dev/null 2>&1; then
    fail "a bad flag value exited 0"
fi
[ ! -e bad/summary.json ] || fail "a failed run left a summary.json"
echo "sweep-check: SEM's contract: --RngRun sets the run, outputs under the working directory, failures exit non-zero"
