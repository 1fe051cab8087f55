#!/usr/bin/env bash
# JVM start-up cost of --add-modules jdk.incubator.vector: CPU seconds (user+sys) and wall seconds of
# `java -cp target/orrery-all.jar Bench --help`, 7 alternating pairs (with / without the module).
# Run from the repository root after a build; prints one line per run and the medians.
set -euo pipefail
jar=target/orrery-all.jar
for i in 1 2 3 4 5 6 7; do
  for mode in vector scalar; do
    opt=(); [ "$mode" = vector ] && opt=(--add-modules jdk.incubator.vector)
    /usr/bin/time -f "$mode %U %S %e" java ${opt[@]+"${opt[@]}"} -XX:+UseSerialGC -cp "$jar" Bench --help \
      >/dev/null 2>>/tmp/startup.$$ || true
    grep -E "^$mode " /tmp/startup.$$ | tail -1
  done
done | tee /tmp/startup.runs.$$
for mode in vector scalar; do
  cpu=$(awk -v m="$mode" '$1 == m { print $2 + $3 }' /tmp/startup.runs.$$ | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
  wall=$(awk -v m="$mode" '$1 == m { print $4 }' /tmp/startup.runs.$$ | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
  echo "$mode: median CPU $cpu s, median wall $wall s (7 runs)"
done
rm -f /tmp/startup.$$ /tmp/startup.runs.$$
