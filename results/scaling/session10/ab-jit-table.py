import sys,re,statistics as st,collections
d=collections.defaultdict(list)
for l in open(sys.argv[1]):
    f=l.split()
    if len(f)<12: continue
    wl,v,np=f[0],f[1][2:],f[2]
    metric=float(f[7]); wall=float(f[11]); cpu=float(f[12])+float(f[13]); jit=float(f[9])
    val = metric if wl=='teaching' else wall
    d[(wl,v,np)].append((val,cpu,jit))
wls=[]
for k in d:
    if k[0] not in wls: wls.append(k[0])
vs=sorted({k[1] for k in d})
for wl in wls:
    for v in vs:
        row=[]
        for np in ('np1','np2'):
            xs=d[(wl,v,np)]
            if not xs: continue
            vals=[x[0] for x in xs]
            row.append(f"{np} {st.median(vals):7.3f} ({min(vals):.2f}-{max(vals):.2f}) cpu {st.median([x[1] for x in xs]):6.2f} jit {st.median([x[2] for x in xs]):.2f}")
        a=d[(wl,v,'np1')]; b=d[(wl,v,'np2')]
        if a and b:
            sp=[ (y[0]/x[0] if wl=='teaching' else x[0]/y[0]) for x,y in zip(a,b)]
            row.append(f"speedup {st.median(sp):.2f} ({min(sp):.2f}-{max(sp):.2f})")
        print(f"{wl:9s} {v:5s} | "+" | ".join(row))
