#!/usr/bin/env bash
# Classes a rank loads from the CDS archive (-Xlog:class+load "source: shared objects file") under each
# MPI configuration at np 1 and np 2: launch/orrery cds (make the archive), then hello with class logging.
set -uo pipefail
L=$(cd "$(dirname "$0")/../../.." && pwd)/launch/orrery
out=$(mktemp -d)
run() {   # NAME ENV... -- LAUNCHER ARGS
  local name=$1; shift; local envs=(); while [ "$1" != -- ]; do envs+=("$1"); shift; done; shift
  env "${envs[@]}" "$L" cds --no-build "$@" >/dev/null 2>&1
  for np in 1 2; do
    rm -f "$out"/cl*.log
    env "${envs[@]}" "$L" hello -np $np --no-build "$@" --jvm "-Xlog:class+load:file=$out/cl%p.log" >"$out/o" 2>"$out/e" || echo "$name np $np: FAILED"
    local line="$name np $np:"
    for f in "$out"/cl*.log; do line+=" $(grep -c 'shared objects file' "$f")/$(wc -l <"$f")"; done
    echo "$line classes from the archive/loaded per rank; stderr lines: $(wc -l <"$out/e")"
  done
}
run "openmpi mpi.jar (default)" ORRERY_X=1 --
run "openmpi shim" ORRERY_X=1 -- --mpi openmpi --backend shim
run "mpich shim" ORRERY_X=1 -- --mpi mpich --backend shim
run "openmpi mpi.jar built from source" ORRERY_OMPI_JAVA=source -- --mpi openmpi --backend ompi-java
run "CDS off (default config)" ORRERY_CDS=off --
rm -rf "$out"
