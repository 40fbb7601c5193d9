#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The in-tree build path, checked against a real ns-3 source tree: by default ns-3.37 exactly as
# Debian ships it (`apt-get source ns3`, the release the standalone build uses).
#
#   test/in-tree-check.sh [--ns3-src=DIR] [--work=DIR] [--cache=DIR] [--negative-control]
#                         [--build] [--jobs=N] [--keep]
#
# Steps:
#   1. the ns-3 tree: --ns3-src=DIR (an ns-3 source tree, 3.36 or newer; copied, never changed),
#      or else ns-3's source from Debian: `apt-get source --download-only ns3`, through a
#      private apt configuration (a deb-src line for this system's Debian suite, its own lists
#      and cache under --cache) so that the system's apt sources are left alone; the tarball
#      (ns3_3.37.orig.tar.bz2, about 40 MB) and its unpacked tree stay in --cache, so that a
#      rerun needs no network and no unpacking;
#   2. a fresh copy of the tree in --work, with this module copied into contrib/microscope;
#   3. ./ns3 configure --enable-examples --enable-tests --enable-modules=microscope, with a
#      CMake file-API query so that the code model can be read afterwards;
#   4. test/in-tree-check.py: every examples/*.cc is a program of the tree (lock file and
#      ./ns3 show targets), links the module and LibTorch, and the test library holds every
#      test source and is linked into test-runner;
#   5. --negative-control: one example is given a link entry that is neither a file nor an
#      ns-3 module (as microscope_external_libraries' target names were), the tree is
#      re-configured, and the check must then report exactly that example missing;
#   6. --build: the module's examples and test-runner, with all they link (ccache, when
#      installed, makes a rebuild of the same tree cheap), then
#        ./ns3 run "microscope-slicing --antennas=60 --days=5 --decomposer=historical"
#        ./test.py --no-build -s microscope-core
#      each of which must succeed. The tree is kept in --work.
#
# Without --build and --keep, the copy in --work is removed after a successful check (it is
# kept on failure, for inspection). Each step prints its wall-clock time.
#
# Environment: MICROSCOPE_DEBIAN_MIRROR (default http://deb.debian.org/debian).

set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
MODULE="$(cd "$HERE/.." && pwd)"
NS3_SRC=""
WORK="$MODULE/build/in-tree"
CACHE="$MODULE/build/in-tree-cache"
NEGATIVE=0
BUILD=0
KEEP=0
JOBS="$(nproc 2>/dev/null || echo 2)"
MIRROR="${MICROSCOPE_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
# The example that the negative control breaks.
NEGATIVE_EXAMPLE="microscope-slicing"

say() { printf '[in-tree] %s\n' "$*" >&2; }
die() { printf '[in-tree] error: %s\n' "$*" >&2; exit 1; }

for arg in "$@"; do
    case "$arg" in
        --ns3-src=*) NS3_SRC="${arg#*=}" ;;
        --work=*) WORK="${arg#*=}" ;;
        --cache=*) CACHE="${arg#*=}" ;;
        --negative-control) NEGATIVE=1 ;;
        --build) BUILD=1 ;;
        --keep) KEEP=1 ;;
        --jobs=*) JOBS="${arg#*=}" ;;
        -h | --help) sed -n '4,40p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown option '$arg' (see --help)" ;;
    esac
done
[[ "$JOBS" =~ ^[1-9][0-9]*$ ]] || die "--jobs=$JOBS: not a positive integer"
[ "$BUILD" = 0 ] || [ "$NEGATIVE" = 0 ] || die "--build and --negative-control do not go together"
for tool in cmake python3 tar; do
    command -v "$tool" >/dev/null 2>&1 || die "'$tool' not found (./microscope deps installs it)"
done
command -v g++ >/dev/null 2>&1 || die "'g++' not found (./microscope deps installs it)"

T0=$SECONDS
step_start=$SECONDS
step() { # step TEXT: announce a step and start its clock (step_done prints its time)
    say "$1"
    step_start=$SECONDS
}
step_done() { say "  ... $1 in $((SECONDS - step_start)) s"; }

# 1. The ns-3 source tree.
mkdir -p "$CACHE"
if [ -n "$NS3_SRC" ]; then
    [ -x "$NS3_SRC/ns3" ] && [ -f "$NS3_SRC/CMakeLists.txt" ] ||
        die "--ns3-src=$NS3_SRC: not an ns-3 source tree (no ns3 script or CMakeLists.txt)"
    PRISTINE="$(cd "$NS3_SRC" && pwd)"
else
    exec 9>"$CACHE/.lock"
    flock 9
    TARBALL="$(ls "$CACHE"/ns3_*.orig.tar.* 2>/dev/null | head -n 1 || true)"
    if [ -z "$TARBALL" ]; then
        step "fetching ns-3's source from Debian (apt-get source ns3)"
        command -v apt-get >/dev/null 2>&1 || die "apt-get not found: pass --ns3-src=DIR"
        suite="$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}")"
        [ -n "$suite" ] || die "cannot tell the Debian suite from /etc/os-release: pass --ns3-src=DIR"
        apt_dir="$CACHE/apt"
        mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$CACHE/download"
        echo "deb-src $MIRROR $suite main" >"$apt_dir/sources.list"
        apt_opts=(-o "Dir::Etc::SourceList=$apt_dir/sources.list"
                  -o "Dir::Etc::SourceParts=$apt_dir/sources.list.d"
                  -o "Dir::State::Lists=$apt_dir/lists"
                  -o "Dir::Cache=$apt_dir/cache"
                  -o "APT::Sandbox::User=root")
        mkdir -p "$apt_dir/sources.list.d"
        apt-get "${apt_opts[@]}" -qq update >"$apt_dir/update.log" 2>&1 ||
            { cat "$apt_dir/update.log" >&2; die "apt-get update (deb-src $MIRROR $suite) failed"; }
        (cd "$CACHE/download" && apt-get "${apt_opts[@]}" -qq source --download-only ns3) \
            >"$apt_dir/source.log" 2>&1 ||
            { cat "$apt_dir/source.log" >&2; die "apt-get source --download-only ns3 failed"; }
        TARBALL="$(ls "$CACHE"/download/ns3_*.orig.tar.* 2>/dev/null | head -n 1 || true)"
        [ -n "$TARBALL" ] || die "apt-get source ns3 gave no ns3_*.orig.tar.* in $CACHE/download"
        mv "$TARBALL" "$CACHE/"
        TARBALL="$CACHE/$(basename "$TARBALL")"
        rm -rf "$CACHE/download" "$apt_dir"
        step_done "fetched $(basename "$TARBALL") ($(du -m "$TARBALL" | cut -f1) MB)"
    fi
    PRISTINE="$CACHE/ns-3"
    if [ ! -f "$CACHE/ns-3.unpacked" ] || [ "$(cat "$CACHE/ns-3.unpacked")" != "$(basename "$TARBALL")" ]; then
        step "unpacking $(basename "$TARBALL")"
        rm -rf "$PRISTINE" "$CACHE/ns-3.unpacked"
        mkdir -p "$PRISTINE"
        # Debian's orig tarball is ns-allinone-3.xx: only its ns-3.xx folder is ns-3 itself.
        inner="$(tar tf "$TARBALL" | grep -m 1 -E '^(ns-allinone-[^/]+/)?ns-3[.0-9]+/ns3$' || true)"
        [ -n "$inner" ] || die "$TARBALL holds no ns-3.xx/ns3 script"
        inner="${inner%/ns3}"
        depth=$(($(tr -cd '/' <<<"$inner" | wc -c) + 1))
        tar xf "$TARBALL" -C "$PRISTINE" --strip-components="$depth" "$inner"
        basename "$TARBALL" >"$CACHE/ns-3.unpacked"
        step_done "unpacked"
    fi
    flock -u 9
fi
VERSION="$(cat "$PRISTINE/VERSION" 2>/dev/null || echo unknown)"

# 2. A fresh copy of the tree, with the module in contrib/microscope.
step "copying ns-3 $VERSION and the module into $WORK/ns-3"
TREE="$WORK/ns-3"
rm -rf "$TREE"
mkdir -p "$TREE"
(cd "$PRISTINE" && tar cf - --exclude=./build --exclude=./cmake-cache --exclude='./.lock-ns3*' \
    --exclude=./contrib/microscope .) | tar xf - -C "$TREE"
mkdir -p "$TREE/contrib/microscope"
(cd "$MODULE" && tar cf - --exclude=./build --exclude='./build-*' --exclude=./out \
    --exclude=./results --exclude=./.git .) | tar xf - -C "$TREE/contrib/microscope"
step_done "copied"

# 3. Configure.
configure() {
    mkdir -p "$TREE/cmake-cache/.cmake/api/v1/query"
    touch "$TREE/cmake-cache/.cmake/api/v1/query/codemodel-v2"
    (cd "$TREE" && ./ns3 configure --enable-examples --enable-tests \
        --enable-modules=microscope) >"$WORK/configure.log" 2>&1 ||
        { tail -n 40 "$WORK/configure.log" >&2; die "./ns3 configure failed (log: $WORK/configure.log)"; }
}
step "./ns3 configure --enable-examples --enable-tests --enable-modules=microscope"
configure
step_done "configured"

# 4. The assertions.
step "checking the examples and test suites of the configured tree"
python3 "$HERE/in-tree-check.py" "$TREE" ||
    die "the in-tree check failed on ns-3 $VERSION (tree kept in $TREE, log $WORK/configure.log)"
step_done "checked"

# 5. Negative control: the check must see a dropped example.
if [ "$NEGATIVE" = 1 ]; then
    step "negative control: a non-module entry in $NEGATIVE_EXAMPLE's LIBRARIES_TO_LINK"
    examples_cmake="$TREE/contrib/microscope/examples/CMakeLists.txt"
    python3 - "$examples_cmake" "$NEGATIVE_EXAMPLE" <<'EOF' || die "cannot inject the negative control"
import sys
path, example = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
call, keyword = "  build_lib_example(", "    LIBRARIES_TO_LINK\n"
if text.count(call) != 1 or text.count(keyword) != 1:
    sys.exit("expected one build_lib_example( call with one LIBRARIES_TO_LINK in " + path)
text = text.replace(call, '  set(bogus)\n  if(name STREQUAL "%s")\n    set(bogus torch)\n  endif()\n'
                    % example + call)
text = text.replace(keyword, keyword + "      ${bogus}\n")
open(path, "w", encoding="utf-8").write(text)
EOF
    # Re-run CMake on the configured tree (it rewrites the lock file and the code model).
    rm -f "$TREE"/.lock-ns3*
    cmake -S "$TREE" -B "$TREE/cmake-cache" >"$WORK/configure-negative.log" 2>&1 ||
        { tail -n 40 "$WORK/configure-negative.log" >&2; die "re-configuring failed (log: $WORK/configure-negative.log)"; }
    python3 "$HERE/in-tree-check.py" "$TREE" --expect-missing="$NEGATIVE_EXAMPLE" ||
        die "negative control: the check did not see $NEGATIVE_EXAMPLE dropped"
    step_done "negative control passed"
fi

# 6. The full build, one run and one suite.
if [ "$BUILD" = 1 ]; then
    rm -rf "$WORK/slicing-run"
    # The module's programs (every examples/*.cc) and test-runner, with everything they link
    # (ns-3's modules, their test libraries and the module's), but not the examples of the other
    # ns-3 modules, which say nothing about this one. ./ns3 is not used: ns-3.37's ./ns3 build
    # takes the smaller of -j and its default (the CPU count minus one), so on 2 cores it always
    # builds with 1 job.
    targets=(test-runner)
    for source in "$MODULE"/examples/*.cc; do
        targets+=("$(basename "$source" .cc)")
    done
    step "cmake --build cmake-cache -j $JOBS --target <the ${#targets[@]} programs above>"
    (cd "$TREE" && cmake --build cmake-cache -j "$JOBS" --target "${targets[@]}") \
        >"$WORK/build.log" 2>&1 ||
        { tail -n 40 "$WORK/build.log" >&2; die "the build failed (log: $WORK/build.log)"; }
    step_done "built"
    step './ns3 run "microscope-slicing --antennas=60 --days=5 --decomposer=historical"'
    if ! (cd "$TREE" && ./ns3 run --no-build \
        "microscope-slicing --antennas=60 --days=5 --decomposer=historical --output=$WORK/slicing-run") \
        2>&1 | tee "$WORK/run.log"; then
        die "./ns3 run microscope-slicing failed (log: $WORK/run.log)"
    fi
    [ -f "$WORK/slicing-run/summary.json" ] || die "./ns3 run microscope-slicing wrote no summary.json"
    step_done "ran"
    step "./test.py --no-build -s microscope-core"
    if ! (cd "$TREE" && ./test.py --no-build -s microscope-core) 2>&1 | tee "$WORK/test.log"; then
        die "./test.py -s microscope-core failed (log: $WORK/test.log)"
    fi
    # test.py colours its verdicts (ANSI escapes between PASS and the colon): strip them.
    sed "s/\x1b\[[0-9;]*m//g" "$WORK/test.log" | grep -q "PASS: TestSuite microscope-core" ||
        die "./test.py did not report microscope-core as passed"
    step_done "tested"
    KEEP=1
fi

if [ "$KEEP" = 0 ]; then
    rm -rf "$TREE"
else
    say "tree kept in $TREE"
fi
say "in-tree check on ns-3 $VERSION passed in $((SECONDS - T0)) s"
