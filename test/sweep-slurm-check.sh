#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The sweep's cluster path on a real one-node SLURM cluster, started here on localhost and
# stopped on exit: munged (as the munge user, with a fresh 1024-byte key), slurmctld and slurmd
# from Debian, with a minimal configuration (proctrack/linuxproc, task/none, no accounting),
# everything in a temporary directory and on free ports.
#
# It runs a small sweep of microscope-slicing twice, on local cores and through
# `--cluster "sbatch ..."` (Snakemake's generic cluster mode), and checks that
#   - every point x run of the cluster sweep was a SLURM job: its job id is in Snakemake's log,
#     slurmctld logged its completion with exit 0, slurmd launched it, sbatch wrote its output
#     file, and the point itself recorded SLURM_JOB_ID; the local sweep recorded none;
#   - sweep.csv and every point's summary.json are byte-identical between the two paths;
#   - no daemon or job is left running afterwards (checked by the trap).
#
# Usage: sweep-slurm-check.sh EXAMPLES_DIR WORK_DIR. Exit 77 (skipped) when not root: munged
# must run as the munge user and slurmd as root.

set -euo pipefail

EXAMPLES="$(realpath "$1")"
WORK="$(realpath -m "$2")"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PY=/usr/bin/python3
SWEEP=("$PY" "$HERE/../tools/sweep/sweep.py")

fail() {
    echo "sweep-slurm-check: FAIL: $*" >&2
    exit 1
}

if [ "$(id -u)" -ne 0 ]; then
    echo "sweep-slurm-check: skipped: needs root (munged runs as the munge user, slurmd as root)"
    exit 77
fi
for tool in munged slurmctld slurmd sbatch squeue scancel sinfo snakemake; do
    command -v "$tool" >/dev/null 2>&1 || [ -x "/usr/sbin/$tool" ] ||
        fail "$tool not found (./microscope test installs slurmctld slurmd slurm-client munge snakemake)"
done
id munge >/dev/null 2>&1 || fail "no munge user (Debian's munge package creates it)"

rm -rf "$WORK"
mkdir -p "$WORK"
# A short path: munge's socket path must fit in a sockaddr_un.
CL="$(mktemp -d /tmp/microscope-slurm.XXXXXX)"
chmod 755 "$CL"

stop_daemons() {
    local rc=$?
    set +e
    if [ -f "$CL/slurm.conf" ]; then
        SLURM_CONF="$CL/slurm.conf" scancel --quiet --user=root 2>/dev/null
    fi
    local pidfile pid i
    for pidfile in "$CL/slurmd.pid" "$CL/slurmctld.pid" "$CL/munge/munged.pid"; do
        [ -f "$pidfile" ] || continue
        pid="$(cat "$pidfile")"
        kill "$pid" 2>/dev/null
        for i in $(seq 50); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.2
        done
        if kill -0 "$pid" 2>/dev/null; then
            echo "sweep-slurm-check: $pidfile: pid $pid did not stop; killing it" >&2
            kill -9 "$pid" 2>/dev/null
            rc=1
        fi
    done
    # Nothing of this cluster may be left running (jobs run under slurmstepd).
    local left
    left="$(pgrep -a -f "$CL" 2>/dev/null | grep -v pgrep)"
    if [ -n "$left" ]; then
        echo "sweep-slurm-check: FAIL: processes left running:" >&2
        echo "$left" >&2
        pgrep -f "$CL" | xargs -r kill -9 2>/dev/null
        rc=1
    fi
    if [ $rc -ne 0 ]; then
        for f in slurmctld.log slurmd.log munge/munged.log; do
            [ -f "$CL/$f" ] && { echo "--- $f" >&2; tail -n 20 "$CL/$f" >&2; }
        done
    fi
    rm -rf "$CL"
    exit $rc
}
trap stop_daemons EXIT

# --- munge: a fresh key, the daemon as the munge user, its socket in the temp dir
mkdir -p "$CL/munge" "$CL/state" "$CL/spool"
chown munge:munge "$CL/munge"
chmod 711 "$CL/munge"
dd if=/dev/urandom of="$CL/munge/munge.key" bs=1024 count=1 status=none
chown munge:munge "$CL/munge/munge.key"
chmod 400 "$CL/munge/munge.key"
runuser -u munge -- /usr/sbin/munged --socket="$CL/munge/munge.socket" \
    --key-file="$CL/munge/munge.key" --pid-file="$CL/munge/munged.pid" \
    --log-file="$CL/munge/munged.log" --seed-file="$CL/munge/munged.seed" ||
    fail "munged did not start"

# --- SLURM: one node (this host), two free ports, no accounting
read -r CTLD_PORT SLURMD_PORT < <("$PY" -c '
import socket
socks = [socket.socket() for _ in range(2)]
for s in socks:
    s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in socks])')
NODE="$(hostname -s)"
CPUS="$(nproc)"
cat >"$CL/slurm.conf" <<EOF
ClusterName=microscope
SlurmctldHost=$NODE(127.0.0.1)
SlurmUser=root
SlurmdUser=root
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$CL/munge/munge.socket
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
ReturnToService=2
SlurmctldPidFile=$CL/slurmctld.pid
SlurmdPidFile=$CL/slurmd.pid
StateSaveLocation=$CL/state
SlurmdSpoolDir=$CL/spool
SlurmctldLogFile=$CL/slurmctld.log
SlurmdLogFile=$CL/slurmd.log
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
NodeName=$NODE NodeAddr=127.0.0.1 CPUs=$CPUS State=UNKNOWN
PartitionName=sweep Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF="$CL/slurm.conf"
/usr/sbin/slurmctld -f "$SLURM_CONF" || fail "slurmctld did not start"
/usr/sbin/slurmd -f "$SLURM_CONF" || fail "slurmd did not start"
for i in $(seq 60); do
    state="$(sinfo -h -o %T 2>/dev/null || true)"
    [ "$state" = idle ] && break
    sleep 0.5
done
[ "$state" = idle ] || fail "the node is not idle after 30 s (sinfo: '$state')"
echo "sweep-slurm-check: one-node SLURM up ($NODE, $CPUS CPUs, ports $CTLD_PORT/$SLURMD_PORT)"

# --- the same sweep on local cores and through sbatch
cat >"$WORK/sweep.yaml" <<'EOF'
example: microscope-slicing
flags: {antennas: 60, days: 5, decomposer: historical}
grid: {headroom: [0, 0.1]}
runs: [1, 2]
EOF
cd "$WORK"
"${SWEEP[@]}" run sweep.yaml --examples-dir="$EXAMPLES" --output="$WORK/local" --cores 2 ||
    fail "the local sweep failed"
mkdir -p "$WORK/slurm-logs"
# CI=true: Snakemake 7 then polls its cluster jobs every second instead of every 10 s.
CI=true "${SWEEP[@]}" run sweep.yaml --examples-dir="$EXAMPLES" --output="$WORK/slurm" --jobs 4 \
    --cluster "sbatch --partition=sweep --cpus-per-task=1 --output=$WORK/slurm-logs/slurm-%j.out" \
    --cluster-cancel scancel 2>&1 | tee "$WORK/cluster-sweep.err" ||
    fail "the cluster sweep failed"

# --- the jobs went through SLURM
mapfile -t JOBIDS < <(grep -o "external jobid 'Submitted batch job [0-9]*'" "$WORK/slurm/snakemake.log" |
    grep -o '[0-9]*' | sort -n)
[ ${#JOBIDS[@]} -eq 4 ] || fail "expected 4 SLURM jobs in slurm/snakemake.log, found ${#JOBIDS[@]}"
for j in "${JOBIDS[@]}"; do
    grep -q "_job_complete: JobId=$j WEXITSTATUS 0" "$CL/slurmctld.log" ||
        fail "slurmctld did not log job $j completing with exit 0"
    grep -q "Launching batch job $j " "$CL/slurmd.log" || fail "slurmd did not launch job $j"
    [ -f "$WORK/slurm-logs/slurm-$j.out" ] || fail "no sbatch output file for job $j"
done
"$PY" - "$WORK" "${JOBIDS[@]}" <<'EOF' || fail "the points' own records disagree (above)"
import glob, json, sys
work, jobs = sys.argv[1], set(sys.argv[2:])
seen = set()
for path in glob.glob(f"{work}/slurm/points/*/run-*/done.json"):
    job = json.load(open(path))["slurm_job"]
    if job not in jobs:
        sys.exit(f"{path}: SLURM job {job!r}, not one of the submitted {sorted(jobs)}")
    seen.add(job)
if seen != jobs:
    sys.exit(f"the points ran in jobs {sorted(seen)}, submitted {sorted(jobs)}")
for path in glob.glob(f"{work}/local/points/*/run-*/done.json"):
    if json.load(open(path))["slurm_job"] is not None:
        sys.exit(f"{path}: a local point ran in a SLURM job")
print(f"sweep-slurm-check: 4 points x runs ran as SLURM jobs {sorted(jobs, key=int)}")
EOF

# --- same results as the local path
cmp "$WORK/local/sweep.csv" "$WORK/slurm/sweep.csv" || fail "sweep.csv differs between local and SLURM"
rows=$(($(wc -l <"$WORK/local/sweep.csv") - 1))
[ "$rows" -ge 4 ] || fail "sweep.csv has $rows rows"
n=0
for f in "$WORK"/local/points/*/run-*/summary.json; do
    cmp "$f" "${f/\/local\//\/slurm\/}" || fail "${f#$WORK/local/} differs between local and SLURM"
    n=$((n + 1))
done
[ "$n" -eq 4 ] || fail "expected 4 summary.json files, found $n"
echo "sweep-slurm-check: sweep.csv ($rows rows) and the 4 summary.json files are identical on both paths"
