#!/bin/bash
# Leapfrog vs Hermite on the default collapse (the teaching problem: 1000 particles uniformly in a sphere, at
# rest, eps = 0.01 R, run to the free-fall time t_ff). Runs one after the other, same machine, same run.
# usage: results/hermite/teaching-table.sh OUTDIR [JAR]   (JAR defaults to target/orrery-all.jar; build first)
# Rows: leapfrog at its defaults (SI: G = 6.674e-11, m = 1 kg, R = 1 m; dt = t_ff/1000, 1000 steps), the same run
# in G = 1 units with m = pi^2/8000 so that t_ff = 1 (dimensionless twin), leapfrog at dt = t_ff/2000 and t_ff/4000,
# and Hermite (--ic uniform, same particles, t_end = t_ff = 1) at several --eta.
set -euo pipefail
out=$1; jar=${2:-target/orrery-all.jar}
root=$(cd "$(dirname "$0")/../.." && pwd)
mpijar=$root/mpi/build/openmpi-4.1.4-java/mpi.jar
m=0.0012337005501361698
run() { # name args...
  local name=$1; shift
  mkdir -p "$out/$name"
  /usr/bin/time -f "%e %U" -o "$out/$name/time.txt" nice -n 19 java -cp "$jar:$mpijar" -XX:+UseSerialGC -Xss8m \
    -Djava.awt.headless=true -Djava.library.path=/usr/lib/x86_64-linux-gnu/openmpi/lib \
    -Dorrery.mpi.backend=ompi-java -Dorrery.mpirun=/usr/bin/mpirun NBody -q --no-plot -o "$out/$name" --summary "$out/$name/summary.json" "$@"
}
run leapfrog-default
run leapfrog-g1 --ic uniform --units henon --particle-mass $m
run leapfrog-g1-dt2 --ic uniform --units henon --particle-mass $m --dt 0.0005 --steps 2000
run leapfrog-g1-dt4 --ic uniform --units henon --particle-mass $m --dt 0.00025 --steps 4000
for eta in 0.04 0.02 0.01 0.005; do
  run hermite-eta$eta --integrator hermite --ic uniform --particle-mass $m --t-end 1 --eta $eta --eta-s $eta
done
# A cold start has zero jerk, so the starting step eta_s |a|/|jerk| is unbounded and every particle's first step is
# --dt-max: these rows cap it (diagnostics kept every 1/16 as in the rows above).
for k in 16 64 256; do
  run hermite-eta0.02-dtmax1_$((16 * k)) --integrator hermite --ic uniform --particle-mass $m --t-end 1 --eta 0.02 \
    --dt-max "$(python3 -c "print(1 / (16 * $k))")" --diag-every $k
done
python3 - "$out" <<'PY'
import csv, json, os, sys
out = sys.argv[1]
print("| run | steps or eta | interactions | final |dE/E| | max |dE/E| | wall s | user CPU s |")
print("|---|---|---|---|---|---|---|")
for name in sorted(os.listdir(out)):
    d = os.path.join(out, name)
    rows = list(csv.DictReader(open(os.path.join(d, "diagnostics.csv"))))
    errs = [abs(float(r["rel_energy_error"])) for r in rows]
    s = json.load(open(os.path.join(d, "summary.json")))
    res, par = s.get("results", {}), s.get("parameters", {})
    wall, user = open(os.path.join(d, "time.txt")).read().split()[-2:]
    if name.startswith("hermite"):
        what, inter = f"eta {par.get('eta')}, dt_max {par.get('dt_max')}", float(res["interactions_done"])
    else:
        steps = int(rows[-1]["step"]); inter = 1000.0 * 1000.0 * steps
        what = f"{steps} steps"
    print(f"| {name} | {what} | {inter:.3g} | {errs[-1]:.2e} | {max(errs):.2e} | {wall} | {user} |")
PY
