#!/bin/bash
cd "$(dirname "$0")/../../.."   # the repository
reps=${1:-3}
W=( "nbody|nbody --ic plummer -n 16384 --steps 30 --snap-every 0 --checkpoint-every 0" "teaching|nbody --snap-every 0 --checkpoint-every 0" "paircount|paircount --generate uniform -n 1000000 --random-factor 0 --periodic" "farm|farm --images data/images --print-rows 0" "decay|decay --method per-nucleus" )
for r in $(seq 1 $reps); do for w in "${W[@]}"; do wl=${w%%|*}; args=${w#*|}; for mem in on off; do
 for np in 1 2; do
  rm -rf /tmp/abm/o; mkdir -p /tmp/abm; l=$(cut -d' ' -f1 /proc/loadavg)
  ORRERY_MEMORY=$mem /usr/bin/time -o /tmp/abm/time -f "%e %U %S" launch/orrery $args -np $np --no-build -q -o /tmp/abm/o --summary /tmp/abm/s.json >/dev/null 2>/tmp/abm/err
  m=$(python3 -c "
import json;d=json.load(open('/tmp/abm/s.json'))
w='$wl'
print(d['results']['steps_per_s'] if w=='teaching' else d['wall_s'], 'gc', round(sum(x['gc_s'] for x in d['rank_breakdown']),3))")
  echo "$wl mem=$mem np$np r$r load $l metric $m time $(cat /tmp/abm/time)"
 done; done; done; done
