#!/usr/bin/env bash
# Interleaved A/B of launch/orrery's class-data archive (ORRERY_CDS=off vs on), side by side in one run.
#   results/scaling/cds/ab.sh [REPS] [OUT.csv]      (default 5 reps, results/scaling/cds/ab.csv)
# Each rep runs every case under every config, the configs' order alternating rep by rep. One CSV row
# per run: wall (from before the launcher to its end), CPU (user + sys of the launcher, mpirun and the
# ranks), startup_s (rank 0's JVM start to MPI ready, from --summary timeline_rank0), pre_jvm_s (the
# launch to rank 0's JVM start) and the 1-minute load average before the run.
# Configs: AB_CONFIGS="name:ENV=V,ENV=V;name2:..." (default "off:ORRERY_CDS=off;on:ORRERY_CDS=on");
# extra launcher options for every run: AB_ARGS (e.g. "--mpi mpich --backend shim"); AB_CASES below.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
L=$(cd "$here/../../.." && pwd)/launch/orrery
reps=${1:-5}; out=${2:-$here/ab.csv}
IFS=';' read -r -a configs <<<"${AB_CONFIGS:-off:ORRERY_CDS=off;on:ORRERY_CDS=on}"
read -r -a extra <<<"${AB_ARGS:-}"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
"$L" cds --no-build ${extra[@]+"${extra[@]}"} >&2 || exit 1     # the archive is in place before the first "on" run
ORRERY_CDS=on "$L" hello --no-build --dry-run ${extra[@]+"${extra[@]}"} | grep -q SharedArchiveFile \
  || { echo "ab.sh: launch/orrery does not offer the archive" >&2; exit 1; }
cases=(
  "hello|1|hello"
  "hello|2|hello"
  "paircount|1|paircount --generate uniform -n 1000000 --random-factor 0 --periodic --no-plot -q"
  "paircount|2|paircount --generate uniform -n 1000000 --random-factor 0 --periodic --no-plot -q"
  "nbody-teaching|1|nbody --snap-every 0 --checkpoint-every 0 --no-plot -q"
  "nbody-teaching|2|nbody --snap-every 0 --checkpoint-every 0 --no-plot -q"
)
# AB_CASES: only the cases whose name matches this extended regex (e.g. "paircount|nbody").
if [ -n "${AB_CASES:-}" ]; then
  kept=(); for c in "${cases[@]}"; do [[ "${c%%|*}" =~ ^(${AB_CASES})$ ]] && kept+=("$c"); done; cases=("${kept[@]}")
fi
echo "rep,case,np,config,wall_s,cpu_s,startup_s,pre_jvm_s,load1,exit" >"$out"
for ((r = 1; r <= reps; r++)); do
  order=("${configs[@]}"); [ $((r % 2)) = 0 ] && mapfile -t order < <(printf '%s\n' "${configs[@]}" | tac)
  for c in "${cases[@]}"; do
    IFS='|' read -r name np cmd <<<"$c"
    read -r -a args <<<"$cmd"
    for cfg in "${order[@]}"; do
      cname=${cfg%%:*}; envs=(); IFS=, read -r -a envs <<<"${cfg#*:}"
      summ=(); [ "${args[0]}" != hello ] && summ=(--summary "$work/s.json" -o "$work/out")
      rm -f "$work/s.json"
      load=$(cut -d' ' -f1 /proc/loadavg)
      t0=$(date +%s%3N)
      env "${envs[@]}" /usr/bin/time -f "%e %U %S" -o "$work/time" "$L" "${args[0]}" -np "$np" --no-build \
        ${extra[@]+"${extra[@]}"} "${args[@]:1}" ${summ[@]+"${summ[@]}"} >/dev/null 2>"$work/err"
      rc=$?
      read -r wall u s < <(tail -1 "$work/time")
      st=""; pre=""
      if [ -f "$work/s.json" ]; then
        read -r st pre < <(python3 -c "import json,sys; t=json.load(open('$work/s.json'))['timeline_rank0']; print((t['mpi_ready_epoch_ms']-t['jvm_start_epoch_ms'])/1000, (t['jvm_start_epoch_ms']-$t0)/1000)")
      fi
      echo "$r,$name,$np,$cname,$wall,$(echo "$u + $s" | bc),$st,$pre,$load,$rc" | tee -a "$out"
    done
  done
done
