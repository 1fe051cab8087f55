#!/bin/bash
# Kernel restructurings tried for issue 15 (session 4), single thread, CPU-time rates, same process per kernel:
#   force:       f1 (= VectorKernels.forceOne), f2 (= forceTwo, today's default for groups of 8 targets),
#                q1 (software-pipelined: w of source j+1 computed while the sums of j are added),
#                u2 (two sources per iteration), ff (fused multiply-add: DIFFERENT BITS, evidence only); h1/h2/g1/g2 (short chunked / long-counter loops) not timed here:
#                their C2 code is worse (range checks kept, or more loop overhead), see README.md
#   force+jerk:  v0 (= VectorKernels.forceJerkOne), v1/v2 (target coordinates loaded inside the loop),
#                p1 (software-pipelined, distance 1), p2 (chunked two-phase through a scratch buffer),
#                s1 (force loop then jerk loop over the block, w and 1/s^2 through memory),
#                p3 (software-pipelined through memory, distance 2),
#                fm (fused multiply-add where GCC contracts: DIFFERENT BITS, evidence only)
# A variant whose bits differ from the plain sequential scalar loop prints "BITS DIFFER" (only fm and ff should).
# Each line: median and best of ROUNDS evaluations N x N; C: best of 5 (cpu_interactions_per_s).
# usage: results/hermite/kernel-asm/experiments/run.sh [N] [ROUNDS] [REPEATS]
set -euo pipefail
cd "$(dirname "$0")"
n=${1:-8192}; rounds=${2:-5}; reps=${3:-3}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
src=../../../../src/bench/c/hermite_kernel.c
gcc -O3 -march=native -fno-math-errno -fopenmp "$src" -o "$tmp/c" -lm
gcc -O3 -march=native -fno-math-errno -fopenmp -ffp-contract=off "$src" -o "$tmp/c-nofma" -lm
javac -nowarn --add-modules jdk.incubator.vector -d "$tmp" Exp.java Variants.java ExpF.java VariantsF.java 2>&1 \
    | grep -v 'incubat\|^1 warning' || true
j() { java --add-modules jdk.incubator.vector -cp "$tmp" "$@" 2>&1 | grep -v 'WARNING: Using incubator'; }
echo "# $(date -u +%FT%TZ) load: $(cut -d' ' -f1-3 /proc/loadavg); N $n; $(java -version 2>&1 | head -1)"
for r in $(seq "$reps"); do
    echo "## repeat $r"
    j ExpF "$n" "$rounds" f1,f2,q1,u2,ff
    for v in "" -nofma; do echo "C$v force: $(OMP_NUM_THREADS=1 "$tmp/c$v" force "$n" 5)"; done
    j Exp "$n" "$rounds" v0,v1,p1,p3,s1,fm
    for v in "" -nofma; do echo "C$v jerk: $(OMP_NUM_THREADS=1 "$tmp/c$v" jerk "$n" 5)"; done
done
echo "# end $(date -u +%FT%TZ) load: $(cut -d' ' -f1-3 /proc/loadavg)"
