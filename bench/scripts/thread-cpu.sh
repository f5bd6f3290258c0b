#!/usr/bin/env bash
# thread-cpu.sh PID SECONDS
# Where a process's threads spent SECONDS of wall time (Linux): CPU time and time spent runnable
# but waiting for a CPU (run-queue wait, from /proc/PID/task/*/schedstat), per thread name with
# the trailing numbers removed, in cores (1.0 = one core for the whole window); and, through
# `perf stat`, how many fsync/fdatasync/pwrite64/write system calls it made (needs root).
# A thread whose cpu + run-queue wait is near 1.0 never waited for anything but a CPU: saturated.
set -euo pipefail
PID=$1
SECONDS_=$2
snapshot() {
  for t in /proc/"$PID"/task/*; do
    name=$(sed 's/-[0-9a-f]*$//; s/[0-9#]*$//' "$t/comm" 2>/dev/null || true)
    stat=$(cat "$t/schedstat" 2>/dev/null || true)
    echo "$(basename "$t")|$name|$stat"
  done
}
before=$(mktemp); after=$(mktemp); counts=$(mktemp)
trap 'rm -f "$before" "$after" "$counts"' EXIT
snapshot > "$before"
perf stat -x, -e 'syscalls:sys_enter_fsync,syscalls:sys_enter_fdatasync,syscalls:sys_enter_pwrite64,syscalls:sys_enter_write' \
  -p "$PID" -- sleep "$SECONDS_" 2> "$counts"
snapshot > "$after"
python3 - "$SECONDS_" "$before" "$after" <<'PY'
import collections, sys
seconds = float(sys.argv[1])
def load(path):
    rows = {}
    for line in open(path):
        parts = line.rstrip('\n').split('|')
        if len(parts) == 3 and parts[2].strip():
            fields = parts[2].split()
            rows[parts[0]] = (parts[1], int(fields[0]), int(fields[1]))
    return rows
a, b = load(sys.argv[2]), load(sys.argv[3])
groups = collections.defaultdict(lambda: [0, 0, 0])
for tid, (name, cpu, wait) in b.items():
    cpu0, wait0 = (a[tid][1], a[tid][2]) if tid in a else (0, 0)
    g = groups[name]
    g[0] += cpu - cpu0; g[1] += wait - wait0; g[2] += 1
print(f"{'thread':24s} {'count':>5s} {'cpu cores':>10s} {'run-queue wait':>15s}")
total = [0, 0]
for name, (cpu, wait, n) in sorted(groups.items(), key=lambda kv: -kv[1][0]):
    total[0] += cpu; total[1] += wait
    if cpu / 1e9 / seconds >= 0.005 or wait / 1e9 / seconds >= 0.005:
        print(f"{name:24s} {n:5d} {cpu / 1e9 / seconds:10.3f} {wait / 1e9 / seconds:15.3f}")
print(f"{'all threads':24s} {'':5s} {total[0] / 1e9 / seconds:10.3f} {total[1] / 1e9 / seconds:15.3f}")
PY
awk -F, -v s="$SECONDS_" '$3 != "" { printf "%-32s %9d  (%.0f/s)\n", $3, $1, $1 / s }' "$counts"
