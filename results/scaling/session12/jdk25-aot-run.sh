#!/bin/bash
# One teaching run (nbody, snapshots and checkpoints off) with a chosen java and extra JVM options, as launch/orrery
# runs it (np 1: the serial backend; np > 1: mpirun with Open MPI's mpi.jar); prints wall, steps/s, JIT and wait.
# usage: jdk25-aot-run.sh LABEL NP JAVA "EXTRA JVM OPTIONS"     (outputs under ${OUT:-/tmp/aot})
set -e
lab=$1; np=$2; J=$3; extra=$4
root=$(cd "$(dirname "$0")/../../.." && pwd)
out=${OUT:-/tmp/aot}; mkdir -p "$out"
CP=$root/target/orrery-all.jar:$root/mpi/build/openmpi-4.1.4-java/mpi.jar
OPTS="--add-modules jdk.incubator.vector -XX:+UseSerialGC -XX:PretenureSizeThreshold=1m -XX:+UseTransparentHugePages -Xss8m -Djava.awt.headless=true -Djava.library.path=/usr/lib/x86_64-linux-gnu/openmpi/lib -Dorrery.mpirun=/usr/bin/mpirun"
ARGS="--snap-every 0 --checkpoint-every 0 -q -o $out/o-$lab --summary $out/s-$lab.json"
s=$(date +%s.%N)
if [ "$np" = 1 ]; then
  $J -cp "$CP" $OPTS $extra -Dorrery.mpi.backend=serial NBody $ARGS 2>/dev/null
else
  /usr/bin/mpirun -np "$np" --allow-run-as-root -q --bind-to none --mca opal_signal '' -x UCX_ERROR_SIGNALS= \
    --mca mpi_yield_when_idle 1 env $J -cp "$CP" $OPTS $extra -Dorrery.mpi.backend=ompi-java NBody $ARGS 2>/dev/null
fi
e=$(date +%s.%N)
python3 -c "
import json; s=json.load(open('$out/s-$lab.json')); r=s['results']; rb=s['rank_breakdown']
print('%-10s np$np wall %.3f steps/s %.1f jit %s wait %s'%('$lab', $e-$s, r['steps_per_s'], [b['jit_s'] for b in rb], [b['wait_s'] for b in rb]))"
