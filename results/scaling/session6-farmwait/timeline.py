import sys, glob, collections
d = sys.argv[1]
ev = []
for f in glob.glob(d + '/rank*.txt'):
    r = f.split('/')[-1].split('-')[0]
    for line in open(f):
        t, th, what, item = line.split()
        ev.append((int(t), r, th, what, int(item)))
ev.sort()
t0 = ev[0][0]
for t, r, th, what, item in ev:
    if len(sys.argv) > 2 or not what.startswith('msg'):
        print(f"{(t - t0)/1e3:9.1f} ms {r:6s} {th:18s} {what:16s} {item}")
