#!/usr/bin/env python3
"""Top frames of JFR samples: jfr-top.py RECORDING.json [THREAD|-] [top|parley|stack] [N] [DEPTH]

RECORDING.json comes from `jfr print --json --stack-depth 64 --events jdk.ExecutionSample x.jfr`.
  top     the leaf frame of each sample (self time)
  parley  the first parley.* frame from the leaf (which of our code the time is under)
  stack   the leaf DEPTH frames
THREAD keeps samples of threads whose name contains it ("-" for all).
"""
import collections, json, sys

data = json.load(open(sys.argv[1]))
thread = sys.argv[2] if len(sys.argv) > 2 and sys.argv[2] != '-' else None
mode = sys.argv[3] if len(sys.argv) > 3 else 'top'
n = int(sys.argv[4]) if len(sys.argv) > 4 else 25
depth = int(sys.argv[5]) if len(sys.argv) > 5 else 6
counts, threads, total = collections.Counter(), collections.Counter(), 0
for event in data['recording']['events']:
    values = event['values']
    t = values.get('sampledThread') or {}
    name = t.get('javaName') or t.get('osName') or '?'
    threads[name] += 1
    if thread and thread not in name:
        continue
    frames = values['stackTrace']['frames'] if values.get('stackTrace') else []
    methods = [f['method']['type']['name'].replace('/', '.') + '.' + f['method']['name'] for f in frames]
    total += 1
    if mode == 'top':
        counts[methods[0] if methods else '?'] += 1
    elif mode == 'parley':
        counts[next((m for m in methods if m.startswith('parley.')), '(no parley frame)')] += 1
    else:
        counts[' <- '.join(methods[:depth])] += 1
print(f'{total} samples; by thread: ' + ', '.join(f'{k} {v}' for k, v in threads.most_common(8)))
for key, value in counts.most_common(n):
    print(f'{value:6d} {100.0 * value / max(1, total):5.1f}%  {key}')
