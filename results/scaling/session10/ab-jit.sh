#!/bin/bash
cd "$(dirname "$0")/../../.."   # the repository
reps=${1:-3}
T10="-XX:Tier4InvocationThreshold=50000 -XX:Tier4MinInvocationThreshold=6000 -XX:Tier4CompileThreshold=60000"
W=( "nbody|nbody --ic plummer -n 16384 --steps 30 --snap-every 0 --checkpoint-every 0" "teaching|nbody --snap-every 0 --checkpoint-every 0" "paircount|paircount --generate uniform -n 1000000 --random-factor 0 --periodic" "farm|farm --images data/images --print-rows 0" "decay|decay --method per-nucleus" )
for r in $(seq 1 $reps); do for w in "${W[@]}"; do wl=${w%%|*}; args=${w#*|}; for v in base t10; do
 opts=""; [ $v = t10 ] && opts="$T10"
 for np in 1 2; do
  rm -rf /tmp/abj/o; l=$(cut -d' ' -f1 /proc/loadavg)
  ORRERY_JVM_OPTS="$opts" /usr/bin/time -o /tmp/abj/time -f "%e %U %S" launch/orrery $args -np $np --no-build -q -o /tmp/abj/o --summary /tmp/abj/s.json >/dev/null 2>/tmp/abj/err
  m=$(python3 -c "
import json;d=json.load(open('/tmp/abj/s.json'))
w='$wl'
print(d['results']['steps_per_s'] if w=='teaching' else d['wall_s'], 'jit', round(sum(x['jit_s'] for x in d['rank_breakdown']),3))")
  echo "$wl v=$v np$np r$r load $l metric $m time $(cat /tmp/abj/time)"
 done; done; done; done
