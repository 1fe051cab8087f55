#!/bin/bash
# Real-size mosaic at np 1, 2, 3 (issue 16 "Done when"): same -o each time, outputs hashed then moved aside.
set -u
B=${B:-/tmp/farm3-big}   # holds orrery.jar (a copy of target/orrery-all.jar)
W=${W:-$(cd "$(dirname "$0")/../.." && pwd)}
CP=$B/orrery.jar:$W/mpi/build/openmpi-4.1.4-java/mpi.jar
run() { np=$1; shift
  /usr/bin/mpirun -np $np --oversubscribe --allow-run-as-root -q --bind-to none --mca opal_signal '' -x UCX_ERROR_SIGNALS= \
    --mca mpi_yield_when_idle 1 java -cp $CP -XX:+UseSerialGC -Xss8m -Djava.awt.headless=true \
    -Djava.library.path=/usr/lib/x86_64-linux-gnu/openmpi/lib -Dorrery.mpi.backend=ompi-java \
    -Dorrery.mpirun=/usr/bin/mpirun -Xmx600m "$@"; }
cd $B
date -u +"start %FT%TZ"; uptime
if [ ! -f data/mosaic_s20240601.fits ]; then
  /usr/bin/time -f "gen wall %e s maxrss %M kB" bash -c "$(declare -f run); CP=$CP; run 2 GenImages --mosaic -o data -q"
fi
ls -l data
for np in 1 2 3; do
  rm -rf out
  echo "np $np start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
  /usr/bin/time -f "np $np wall %e s maxrss(largest process) %M kB" bash -c "$(declare -f run); CP=$CP; B=$B; run $np ImageFarm data/mosaic_s20240601.fits --ops clipstats,background -o out -q --summary s$np.json"
  echo "np $np exit $?"
  (cd out && sha256sum farm.csv farm.fits mosaic_s20240601_bkgsub.fits) > hashes-np$np.txt
  cat hashes-np$np.txt
  cp out/farm.csv farm-np$np.csv
done
rm -rf out
date -u +"end %FT%TZ"
