#!/bin/bash
# Interleaved A/B of the launcher's early C2 for the Vector API kernel classes: ORRERY_KERNEL_JIT=off ("off")
# against the default ("on"), np 1 and np 2, REPS rounds. Usage: ab-kernel-jit.sh REPS PROGRAM ARGS...
# Prints one line per run: np, side, process wall (s), the summary's wall_s and steps/s (if any).
reps=$1; shift
root=$(cd "$(dirname "$0")/../../.." && pwd)
out=$(mktemp -d)
for r in $(seq "$reps"); do for np in 1 2; do for side in off on; do
  rm -rf "$out/run"
  ORRERY_KERNEL_JIT=$side /usr/bin/time -f "%e" -o "$out/time" "$root/launch/orrery" "$@" --np "$np" \
    -o "$out/run" -q --summary "$out/s.json" >/dev/null 2>"$out/err" || { echo "failed:"; tail -3 "$out/err"; exit 1; }
  python3 - "$np" "$side" "$(cat "$out/time")" "$out/s.json" <<'P'
import json, sys
np, side, wall, path = sys.argv[1:]
d = json.load(open(path))
sps = d.get("results", {}).get("steps_per_s")
print(f"np{np} {side:3} process {wall} s  wall_s {d['wall_s']:.3f}" + (f"  steps/s {sps:.1f}" if sps else ""))
P
done; done; done
rm -rf "$out"
