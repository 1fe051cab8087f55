#!/bin/bash
# WORK holds A.jar and B.jar; images from /work/main/data/images (ORRERY data/images); writes WORK/ab.csv
# A/B: farm activity, jar A (main) vs B (branch), np 1 and 2, R rounds, order swapped every other round
cd ${WORK:-/tmp/fw}; cp "$(dirname "$0")"/run1.sh . 2>/dev/null; R=${R:-3}
echo "round,np,jar,wall,user,sys,load1" > ab.csv
for r in $(seq 1 $R); do
  for np in 1 2; do
    if [ $((r % 2)) = 1 ]; then order="A B"; else order="B A"; fi
    for j in $order; do
      ./run1.sh ${WORK:-/tmp/fw}/$j.jar $np ImageFarm ${WORK:-/tmp/fw}/ab-$j-$np-$r --images /work/main/data/images --print-rows 0
      read w u s < ${WORK:-/tmp/fw}/ab-$j-$np-$r/time.txt
      echo "$r,$np,$j,$w,$u,$s,$(cut -d' ' -f1 /proc/loadavg)" >> ab.csv
    done
  done
done
