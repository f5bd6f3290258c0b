#!/usr/bin/env python3
"""Where one thread's CPU went, from `perf script -F comm,tid,ip,sym,dso` output on stdin.

perf-thread.py THREAD-NAME-PREFIX < perf.script.txt

Each on-CPU sample of the thread is put in one class: the system call it is under (any frame
__x64_sys_NAME / __do_sys_NAME), else its leaf frame's library: SQLite's native library, JIT-compiled
Java (needs `jcmd PID Compiler.perfmap` for names), libjvm (JNI transitions, GC, runtime), libc.
"""
import collections, re, sys

prefix = sys.argv[1]
samples, current = [], None
for line in sys.stdin:
    if not line.strip():
        continue
    if not line[0].isspace():
        current = {'comm': line.split(' ')[0], 'frames': []}
        samples.append(current)
    elif current is not None:
        current['frames'].append(line.strip())
mine = [s for s in samples if s['comm'].startswith(prefix)]
classes = collections.Counter()
for sample in mine:
    label = None
    for frame in sample['frames']:
        match = re.search(r'__(?:x64|do)_sys_(\w+)', frame)
        if match:
            label = 'system call ' + match.group(1)
            break
    if label is None:
        leaf = sample['frames'][0] if sample['frames'] else '?'
        dso = leaf[leaf.rfind('(') + 1:].rstrip(')') if '(' in leaf else leaf
        label = ('SQLite (native, user space)' if 'sqlite' in dso
                 else 'Java (JIT-compiled)' if ('JIT' in dso or 'perf-' in dso)
                 else 'JVM (libjvm: JNI, GC, runtime)' if 'libjvm' in dso
                 else 'libc (malloc, locks)' if 'libc' in dso
                 else 'kernel, other (scheduler, interrupts)' if 'kernel' in dso
                 else 'other: ' + dso[-40:])
    classes[label] += 1
print(f'{len(mine)} samples of {prefix}* out of {len(samples)}')
for label, count in classes.most_common():
    print(f'{count:6d} {100.0 * count / max(1, len(mine)):5.1f}%  {label}')
