// views/ticks.js: the status mark of one of my messages: a clock while it waits to be sent, ✓
// once stored (acked), ✓✓ once delivered to the other side, ✓✓ in blue once read.

import { h, svg } from './dom.js';

const LABELS = { pending: 'Sending', sent: 'Sent', delivered: 'Delivered', read: 'Read', failed: 'Not sent' };

export function tickNode(state) {
  const el = h('span', {
    class: `tick tick--${state}`, 'data-testid': 'tick', 'data-state': state,
    role: 'img', 'aria-label': LABELS[state], title: LABELS[state],
  });
  if (state === 'pending') el.append(clockIcon());
  else if (state === 'failed') el.append('!');
  else el.append(state === 'sent' ? '✓' : '✓✓');
  return el;
}

function clockIcon() {
  return svg('svg', { viewBox: '0 0 16 16', width: 12, height: 12, 'aria-hidden': 'true' },
    svg('circle', { cx: 8, cy: 8, r: 6.5, fill: 'none', stroke: 'currentColor', 'stroke-width': 1.5 }),
    svg('path', { d: 'M8 4.5V8l2.5 1.5', fill: 'none', stroke: 'currentColor', 'stroke-width': 1.5, 'stroke-linecap': 'round' }));
}
