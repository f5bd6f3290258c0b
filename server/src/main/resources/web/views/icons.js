// views/icons.js: the few icons the client draws, as inline SVG (no icon font, no request to
// another host, and no reliance on the system having colour emoji).

import { svg } from './dom.js';

const PATHS = {
  attach: ['M16.5 6.5l-7.8 7.8a2 2 0 0 0 2.8 2.8l7.8-7.8a4 4 0 0 0-5.7-5.7L5.8 11.4a6 6 0 0 0 8.5 8.5l6.2-6.2'],
  mic: ['M12 3a3 3 0 0 1 3 3v5a3 3 0 0 1-6 0V6a3 3 0 0 1 3-3z', 'M5.5 11a6.5 6.5 0 0 0 13 0', 'M12 17.5V21', 'M8.5 21h7'],
  file: ['M6 2.5h8l4.5 4.5v14.5H6z', 'M14 2.5V7h4.5'],
  photo: ['M3 6.5h18v12H3z', 'M3 16l5-5 4 4 3-3 6 6', 'M15.5 9.5h.01'],
};

/** An icon by name, sized in pixels, hidden from screen readers (pair it with a text label). */
export function icon(name, size = 22) {
  return svg('svg', {
    viewBox: '0 0 24 24', width: size, height: size, 'aria-hidden': 'true', class: 'icon',
    fill: 'none', stroke: 'currentColor', 'stroke-width': 1.8, 'stroke-linecap': 'round', 'stroke-linejoin': 'round',
  }, ...PATHS[name].map((d) => svg('path', { d })));
}
