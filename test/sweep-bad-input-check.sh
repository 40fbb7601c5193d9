#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Bad sweep files fail before anything runs: a non-zero exit, a message naming the file and the
# key (the line for malformed YAML), and no output directory created. Flags and values are
# checked against the real example (its --PrintHelp, and ns-3's parser with --PrintHelp last).
# A good file with --dry-run lists its runs and creates nothing either.
#
# Usage: sweep-bad-input-check.sh EXAMPLES_DIR WORK_DIR

set -euo pipefail

EXAMPLES="$(realpath "$1")"
WORK="$(realpath -m "$2")"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SWEEP=(/usr/bin/python3 "$HERE/../tools/sweep/sweep.py" run --examples-dir="$EXAMPLES")

fail() {
    echo "sweep-bad-input-check: FAIL: $*" >&2
    exit 1
}

rm -rf "$WORK"
mkdir -p "$WORK"
cd "$WORK"
n=0

# expect NAME 'MESSAGE' <<< 'SWEEP FILE'
expect() {
    local name="$1" message="$2"
    cat >"$name.yaml"
    if "${SWEEP[@]}" "$name.yaml" --output="out-$name" >"$name.out" 2>"$name.err"; then
        fail "$name: exit 0, expected a failure"
    fi
    grep -qF -- "$name.yaml" "$name.err" || fail "$name: the message does not name the file: $(cat "$name.err")"
    grep -qF -- "$message" "$name.err" || fail "$name: expected '$message' in: $(cat "$name.err")"
    [ ! -e "out-$name" ] || fail "$name: an output directory was created"
    echo "sweep-bad-input-check: $name: $(cat "$name.err")"
    n=$((n + 1))
}

expect unknown-example "example: unknown example 'microscope-slicer'" <<'EOF'
example: microscope-slicer
EOF
expect unknown-flag "flags.antenas: unknown flag of microscope-slicing; did you mean 'antennas'?" <<'EOF'
example: microscope-slicing
flags: {antenas: 60}
EOF
expect unknown-grid-flag "grid.headrom: unknown flag" <<'EOF'
example: microscope-slicing
grid: {headrom: [0, 1]}
EOF
expect empty-list "grid.alpha: empty list" <<'EOF'
example: microscope-slicing
grid: {alpha: []}
EOF
expect malformed-value "grid.days[1]: malformed value 'five' for --days" <<'EOF'
example: microscope-slicing
grid: {days: [5, five]}
EOF
expect malformed-fixed "flags.antennas: malformed value '6O' for --antennas" <<'EOF'
example: microscope-slicing
flags: {antennas: 6O}
EOF
expect malformed-bool "flags.tiers: malformed value 'maybe' for --tiers" <<'EOF'
example: microscope-slicing
flags: {tiers: maybe}
EOF
expect malformed-time "grid.slot[1]: malformed value '5xx' for --slot" <<'EOF'
example: microscope-slicing
grid: {slot: [5min, 5xx]}
EOF
expect list-as-flag "flags.alpha: expected a single value, got a list" <<'EOF'
example: microscope-slicing
flags: {alpha: [1, 2]}
EOF
expect managed-flag "flags.output: set by the sweep" <<'EOF'
example: microscope-slicing
flags: {output: elsewhere}
EOF
expect zip-lengths "zip: the lists differ in length" <<'EOF'
example: microscope-slicing
zip: {mec-interval: [5, 30], cran-interval: [5]}
EOF
expect bad-runs "runs[1]: malformed run 'two'" <<'EOF'
example: microscope-slicing
runs: [1, two]
EOF
expect unknown-key "flagz: unknown key" <<'EOF'
example: microscope-slicing
flagz: {alpha: 1}
EOF
expect malformed-yaml "malformed-yaml.yaml:3: malformed YAML" <<'EOF'
example: microscope-slicing
flags: {alpha: 1}
grid: {headroom: [0, 1}
EOF

# A good file, dry run: lists the 4 runs with their flags, creates nothing.
cat >good.yaml <<'EOF'
{"example": "microscope-slicing", "flags": {"antennas": 60, "days": 5},
 "grid": {"alpha": [1, 2]}, "runs": [1, 2]}
EOF
"${SWEEP[@]}" good.yaml --output=out-good --dry-run >good.out 2>good.err ||
    fail "good.yaml --dry-run: $(cat good.err)"
[ "$(grep -c 'missing  points/alpha=.*--antennas=60 --days=5 --alpha=.* --run=[12]$' good.out)" -eq 4 ] ||
    fail "good.yaml --dry-run did not list 4 runs: $(cat good.out)"
[ ! -e out-good ] || fail "--dry-run created the output directory"
echo "sweep-bad-input-check: $n bad files rejected before running; a JSON file's dry run lists its 4 runs"
