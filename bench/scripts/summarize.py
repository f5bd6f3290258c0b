#!/usr/bin/env python3
"""Medians of repeated runs: summarize.py RESULT.json... (the --out files of `parley bench one-on-one`).

Groups runs by their settings (mode, window or rate, pairs, size) and prints, per group, the median
of each figure over its runs and the number of runs, as a Markdown table.
"""
import collections, json, statistics, sys

groups = collections.OrderedDict()
for path in sys.argv[1:]:
    r = json.load(open(path))
    s = r['settings']
    key = (s['mode'], s['window'] if s['mode'] == 'closed' else s['rate'], s['pairs'], s['size'])
    groups.setdefault(key, []).append(r)

def med(runs, f):
    values = [f(r) for r in runs]
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else float('nan')

print('| load | runs | offered msg/s | acked msg/s | delivered msg/s | ack p50 | ack p90 | ack p99 | ack p99.9 | ack max'
      ' | deliver p50 | deliver p99 | deliver p99.9 | refused | server cores | tool cores | machine busy | verdict |')
print('|' + '---|' * 18)
for (mode, level, pairs, size), runs in groups.items():
    load = f'closed, window {level}' if mode == 'closed' else f'open, {level} msg/s'
    a = lambda k: med(runs, lambda r: r['ackLatency'][k])
    d = lambda k: med(runs, lambda r: r['deliverLatency'][k])
    verdicts = 'PASS' if all(r['verdict']['pass'] for r in runs) else 'FAIL'
    print(f"| {load} | {len(runs)} | {med(runs, lambda r: r['throughput']['sentPerSecond']):.0f}"
          f" | {med(runs, lambda r: r['throughput']['ackedPerSecond']):.0f}"
          f" | {med(runs, lambda r: r['throughput']['deliveredPerSecond']):.0f}"
          f" | {a('p50Ms'):.1f} | {a('p90Ms'):.1f} | {a('p99Ms'):.1f} | {a('p999Ms'):.1f} | {a('maxMs'):.0f}"
          f" | {d('p50Ms'):.1f} | {d('p99Ms'):.1f} | {d('p999Ms'):.1f}"
          f" | {med(runs, lambda r: r['counts']['refused']):.0f}"
          f" | {med(runs, lambda r: r['cpu']['serverCores']):.2f} | {med(runs, lambda r: r['cpu']['toolCores']):.2f}"
          f" | {med(runs, lambda r: r['cpu']['machineBusyCores']):.2f} | {verdicts} ({sum(r['verdict']['ackedMessages'] for r in runs)} msgs) |")
