#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# fullness-gate.sh LEVEL COMMAND [ARG ...]
#
# Runs COMMAND when the tests' fullness (MICROSCOPE_TEST_FULLNESS: quick, extensive or
# takes-forever, any case, '-' or '_'; quick when unset, as ns-3's test runner) is LEVEL or
# above; otherwise exits 77, which the ctest tests graded this way take as "skipped"
# (SKIP_RETURN_CODE 77), so ctest lists them as not run. The TestSuites read the same variable
# (test/runner/microscope-test-runner.cc); `./microscope test --fullness=LEVEL` sets it.

set -euo pipefail

rank() {
    case "$(printf '%s' "$1" | tr 'a-z-' 'A-Z_')" in
        QUICK) echo 1 ;;
        EXTENSIVE) echo 2 ;;
        TAKES_FOREVER) echo 3 ;;
        *) echo 0 ;;
    esac
}

[ $# -ge 2 ] || { echo "usage: $0 LEVEL COMMAND [ARG ...]" >&2; exit 2; }
level="$1"
shift
need="$(rank "$level")"
[ "$need" -gt 0 ] || { echo "$0: '$level' is not a fullness level" >&2; exit 2; }
fullness="${MICROSCOPE_TEST_FULLNESS:-quick}"
have="$(rank "$fullness")"
if [ "$have" -eq 0 ]; then
    echo "$0: MICROSCOPE_TEST_FULLNESS='$fullness' is not a level (quick, extensive or takes-forever)" >&2
    exit 2
fi
if [ "$have" -lt "$need" ]; then
    echo "skipped: this check is graded $level and the fullness is $fullness" \
        "(./microscope test --fullness=$(printf '%s' "$level" | tr 'A-Z_' 'a-z-') runs it)"
    exit 77
fi
exec "$@"
