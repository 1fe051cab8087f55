#!/bin/bash
# Interleaved A/B of RootWait (the ranks wait out rank 0's serial phases asleep): -Dorrery.rootWait=off ("off")
# against the default ("on"), REPS rounds at np 2. Usage: ab-root-wait.sh REPS PROGRAM ARGS...
# (add --mpi mpich to the ARGS for MPICH). One line per run: side, process wall, user and system CPU (s) of
# mpirun and all ranks, the summary's wall_s, rank 0's serial phases, each rank's compute and wait.
reps=$1; shift
root=$(cd "$(dirname "$0")/../../.." && pwd)
out=$(mktemp -d)
for r in $(seq "$reps"); do for side in off on; do
  rm -rf "$out/run"
  opts=""; [ "$side" = off ] && opts="-Dorrery.rootWait=off"
  ORRERY_JVM_OPTS="$opts" /usr/bin/time -f "%e %U %S" -o "$out/time" "$root/launch/orrery" "$@" --np 2 \
    -o "$out/run" -q --summary "$out/s.json" >/dev/null 2>"$out/err" || { echo "failed:"; tail -3 "$out/err"; exit 1; }
  python3 - "$side" "$(cat "$out/time")" "$out/s.json" <<'P'
import json, sys
side, t, path = sys.argv[1:]
wall, user, sys_ = t.split()
d = json.load(open(path))
serial = {k: round(v, 2) for k, v in d["serial_phases_rank0"].items()}
ranks = [(round(x["compute_s"], 2), round(x["wait_s"], 2)) for x in d["rank_breakdown"]]
print(f"{side:3} process {wall} s user {user} sys {sys_}  wall_s {d['wall_s']:.3f}  serial {serial}  compute/wait {ranks}")
P
done; done
rm -rf "$out"
