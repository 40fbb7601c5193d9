#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# ctest side of the fuzz harnesses (test/fuzz/):
#   replay-check.sh build DIR         configure (clang) and build the harnesses in DIR
#   replay-check.sh replay DIR NAME   run every input of test/fuzz/corpus/NAME (the seeds and the
#                                     regress-* inputs that once crashed a loader) once through
#                                     DIR/fuzz-NAME; any crash, leak, UB report, time-out (10 s)
#                                     or out-of-memory fails, naming the input.

set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

case "${1:-}" in
    build)
        dir="$2"
        mkdir -p "$dir"
        (
            flock 9
            if [ ! -f "$dir/CMakeCache.txt" ]; then
                generator=()
                command -v ninja >/dev/null 2>&1 && generator=(-G Ninja)
                cmake -S "$HERE" -B "$dir" "${generator[@]}" -DCMAKE_CXX_COMPILER=clang++ >/dev/null
            fi
            cmake --build "$dir" -j "${MICROSCOPE_JOBS:-2}"
        ) 9>"$dir/.microscope-build.lock"
        ;;
    replay)
        dir="$2"
        name="$3"
        inputs=("$HERE/corpus/$name"/*)
        [ -e "${inputs[0]}" ] || { echo "no inputs in $HERE/corpus/$name" >&2; exit 1; }
        [ -w /dev/shm ] && export TMPDIR=/dev/shm
        log="$(mktemp)"
        trap 'rm -f "$log"' EXIT
        if ! "$dir/fuzz-$name" -timeout=10 -rss_limit_mb=2048 "${inputs[@]}" >"$log" 2>&1; then
            grep -E "Running:|ERROR|runtime error|guarantee broken|what\(\)|SUMMARY" "$log" | tail -20 >&2
            echo "FAIL: fuzz-$name on test/fuzz/corpus/$name" >&2
            exit 1
        fi
        executed="$(grep -c '^Executed ' "$log" || true)"
        if [ "$executed" -ne "${#inputs[@]}" ]; then
            echo "FAIL: fuzz-$name executed $executed of ${#inputs[@]} inputs" >&2
            exit 1
        fi
        echo "fuzz-$name: ${#inputs[@]} inputs replayed ($(ls "$HERE/corpus/$name" | grep -c '^regress-' || true) regression inputs), no report"
        ;;
    *)
        echo "usage: replay-check.sh build DIR | replay DIR NAME" >&2
        exit 2
        ;;
esac
