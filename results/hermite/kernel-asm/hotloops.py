#!/usr/bin/env python3
"""Print the innermost loops that contain a vsqrtpd (the kernels' hot loops), with instruction counts.

usage: hotloops.py c EXE [IPS]              -- loops of a C binary (objdump -d)
       hotloops.py java PRINT.log NAME [IPS] -- loops of the last C2 (non-OSR) compilation of method NAME in a
                                                -XX:CompileCommand=print log; without a working hsdis, HotSpot
                                                prints the code as hex, decoded here with objdump -b binary.
IPS: optional file of sampled instruction addresses (hex, one a line: `perf script -F ip` of a
`perf record -e cpu-clock` of the same run); each instruction is then prefixed with its sample count.
For each loop: the instructions, then a count of all instructions, of vector FP arithmetic, of loads of
spilled values from the stack (vmov* N(%rsp),%ymm) and of stores to it (and the loop's samples).
"""
import re
import subprocess
import sys


def objdump_binary(code, base):
    with open('/tmp/hotloops-code.bin', 'wb') as f:
        f.write(code)
    return subprocess.run(['objdump', '-D', '-b', 'binary', '-mi386:x86-64', '--no-show-raw-insn',
                           '--adjust-vma=%#x' % base, '/tmp/hotloops-code.bin'],
                          capture_output=True, text=True, check=True).stdout


def java_code(log, name):
    lines = open(log).read().split('\n')
    starts = [i for i, l in enumerate(lines)
              if l.startswith('Compiled method (c2)') and re.search(r'::%s \(' % re.escape(name), l)]
    if not starts:
        sys.exit('no C2 compilation of %s in %s' % (name, log))
    code, base, inside = bytearray(), None, False
    for l in lines[starts[-1] + 1:]:
        if l.startswith('Compiled method') or '[Stub Code]' in l or '[Exception Handler]' in l:
            break
        if '[MachCode]' in l:
            inside = True
            continue
        m = re.match(r'\s+0x([0-9a-f]+): ([0-9a-f ]+(\| [0-9a-f ]+)*)\s*$', l)
        if inside and m:
            addr = int(m.group(1), 16)
            if base is None:
                base = addr
            if addr > base + len(code):
                code += b'\x90' * (addr - base - len(code))
            if addr == base + len(code):
                code += bytes.fromhex(m.group(2).replace('|', '').replace(' ', ''))
    return objdump_binary(bytes(code), base)


def loops(dis):
    ins = [l for l in dis.split('\n') if re.match(r'\s+[0-9a-f]+:\t', l)]
    addr = [int(l.split(':')[0], 16) for l in ins]
    index = {a: i for i, a in enumerate(addr)}
    found = []
    for i, l in enumerate(ins):
        m = re.search(r'\tj\w+\s+(?:0x)?([0-9a-f]+)', l)
        if m and int(m.group(1), 16) < addr[i] and int(m.group(1), 16) in index:
            s = index[int(m.group(1), 16)]
            body = ins[s:i + 1]
            if any('vsqrtpd' in b for b in body) and not any('call' in b for b in body):
                found.append(body)
    innermost = [b for b in found if not any(o is not b and set(o) < set(b) for o in found)]
    # two back edges into one body (C2 sometimes enters a loop below its head): keep the shorter
    innermost.sort(key=len)
    kept = []
    for b in innermost:
        if not any(set(b) & set(k) for k in kept):
            kept.append(b)
    return sorted(kept, key=lambda b: int(b[0].split(':')[0], 16))


def report(body, samples):
    total = 0
    for b in body:
        a = int(b.split(':')[0], 16)
        total += samples.get(a, 0)
        prefix = '%6d ' % samples.get(a, 0) if samples else ''
        print(prefix + re.sub(r'\s+#.*', '', b.rstrip()))
    fp = sum(1 for b in body if re.search(r'\tv(add|sub|mul|div|sqrt|fmadd|fnmadd|fmsub)\w*pd', b))
    reload = sum(1 for b in body if re.search(r'\tvmov\w+\s+-?0x[0-9a-f]+\(%rsp\),%ymm', b))
    spill = sum(1 for b in body if re.search(r'\tvmov\w+\s+%ymm\d+,-?0x[0-9a-f]+\(%rsp\)', b))
    print('# instructions %d, vector FP arithmetic %d, reloads from stack %d, stores to stack %d%s'
          % (len(body), fp, reload, spill, ', samples %d' % total if samples else ''))
    print()


if __name__ == '__main__':
    if sys.argv[1] == 'c':
        dis = subprocess.run(['objdump', '-d', '--no-show-raw-insn', sys.argv[2]],
                             capture_output=True, text=True, check=True).stdout
        ips = sys.argv[3] if len(sys.argv) > 3 else None
    else:
        dis = java_code(sys.argv[2], sys.argv[3])
        ips = sys.argv[4] if len(sys.argv) > 4 else None
    samples = {}
    if ips:
        for line in open(ips):
            if line.strip():
                a = int(line.split()[0], 16)
                samples[a] = samples.get(a, 0) + 1
    for body in loops(dis):
        report(body, samples)
