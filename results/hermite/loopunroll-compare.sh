#!/bin/bash
# Interleaved: HermiteBench (force = leapfrog DirectSum kernel, jerk = Hermite ForceJerk kernel, each vs C)
# under the JVM's default LoopUnrollLimit (60) and under -XX:LoopUnrollLimit=400, alternating, same run.
cd /work/wt/hermite-wire
for pass in 1 2; do
  for lim in 60 400; do
    echo "=== pass $pass LoopUnrollLimit=$lim"
    timeout 900 java -cp target/orrery-all.jar -XX:+UseSerialGC -Xss8m -XX:LoopUnrollLimit=$lim org.orrery.bench.HermiteBench 4096 3 1,2
  done
done
