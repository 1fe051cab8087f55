#!/bin/bash
# usage: run1.sh JAR NP PROGRAM OUTDIR [args...]   (the launcher's line; /usr/bin/time CPU)
JAR=$1; NP=$2; PROG=$3; OUT=$4; shift 4
MPIJAR=/work/wt/farmwait/mpi/build/openmpi-4.1.4-java/mpi.jar
[ -f $MPIJAR ] || MPIJAR=/work/main/mpi/build/openmpi-4.1.4-java/mpi.jar
rm -rf $OUT; mkdir -p $OUT
EXTRA=()
[ "$PROG" = ImageFarm ] && EXTRA=(--table $OUT/farm.csv)
/usr/bin/time -f "%e %U %S" -o $OUT/time.txt /usr/bin/mpirun -np $NP --allow-run-as-root -q --bind-to none --mca opal_signal '' -x UCX_ERROR_SIGNALS= --mca mpi_yield_when_idle 1 \
  java -cp $JAR:$MPIJAR --add-modules jdk.incubator.vector -XX:+UseSerialGC -Xss8m -Djava.awt.headless=true \
  -Djava.library.path=/usr/lib/x86_64-linux-gnu/openmpi/lib -Dorrery.mpi.backend=ompi-java -Dorrery.mpirun=/usr/bin/mpirun \
  $JVMX $PROG "$@" -q -o $OUT --summary $OUT/s.json "${EXTRA[@]}" > $OUT/stdout.txt 2>&1
echo "exit $?" >> $OUT/time.txt
