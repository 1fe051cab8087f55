#!/bin/bash
# A/B: launch/orrery PROGRAM at np 1, serial (default) vs --with-mpi, interleaved.
cd /work/main
R=${R:-7}
declare -A W=(
 [nbody]="nbody --snap-every 0 --checkpoint-every 0 --no-plot -q"
 [decay]="decay --no-plot -q"
 [paircount]="paircount --data /tmp/wj-box.txt --box 1000 --periodic --bins lin --rmin 1 --rmax 21 --nbins 20 --random-factor 0 --threads 1 --no-plot --no-fits -q"
 [farm]="farm -q"
)
out=results/scaling/session11/serial-np1-ab.csv; echo "program,variant,rep,ms" > $out
uptime | sed 's/^/# before: /'
for r in $(seq $R); do
  for p in nbody decay paircount farm; do
    for v in serial mpi; do
      extra=; [ $v = mpi ] && extra=--with-mpi
      rm -rf /tmp/ab11/o
      s=$(date +%s%N); launch/orrery ${W[$p]} $extra --no-build -o /tmp/ab11/o >/dev/null 2>/tmp/ab11/err || { echo FAIL $p $v; cat /tmp/ab11/err; }
      e=$(date +%s%N); echo "$p,$v,$r,$(( (e-s)/1000000 ))" >> $out
    done
  done
done
uptime | sed 's/^/# after: /'
python3 - <<'PY'
import csv,statistics as st
rows=list(csv.DictReader(open('results/scaling/session11/serial-np1-ab.csv')))
for p in ['nbody','decay','paircount','farm']:
  d={v:[int(r['ms'])/1000 for r in rows if r['program']==p and r['variant']==v] for v in ['serial','mpi']}
  ratios=[a/b for a,b in zip(d['serial'],d['mpi'])]; diffs=[b-a for a,b in zip(d['serial'],d['mpi'])]
  f=lambda x: f"{st.median(x):.2f} ({min(x):.2f}-{max(x):.2f})"
  print(f"| {p} | {f(d['mpi'])} | {f(d['serial'])} | {f(diffs)} | {st.median(ratios):.2f} ({min(ratios):.2f}-{max(ratios):.2f}) |")
PY
