#!/bin/bash
# Old vs new mode-r pair phase, CPU seconds, fresh JVMs alternating (docs/paircount-survey.md "Kernel").
# Usage: results/paircount/r-kernel/ab.sh OLD_CLASSES NEW_CLASSES [REPS]   (CLASSES: a copy of target/classes of
# each commit, e.g. main before pairvec with refine 2, pairvec with refine 1). Prints: bins threads rep old|new cpu_s
# wall_s counts_hash.
set -euo pipefail
old=$1; new=$2; reps=${3:-5}
here=$(cd "$(dirname "$0")" && pwd)
h=$(mktemp -d)
javac -d "$h" -cp "$new" "$here/PairPhaseCpu.java"
for bins in lin log; do for t in 1 2; do for k in $(seq "$reps"); do
  for v in old new; do
    if [ $v = old ]; then cp=$old; rf=2; else cp=$new; rf=1; fi
    echo "$bins $t $k $v $(java -Xmx2g --add-modules jdk.incubator.vector -cp "$h:$cp" PairPhaseCpu 1000000 $bins $t $rf 2>/dev/null)"
  done
done; done; done
rm -rf "$h"
