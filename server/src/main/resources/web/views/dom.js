// dom.js: builds elements without HTML strings. Text is always set as text (never innerHTML),
// so nothing a user typed can become markup.

/**
 * h('button', { class: 'x', type: 'button', onclick: fn }, 'Send') creates an element.
 * Props: class, text, dataset, on<event> listeners, everything else as an attribute
 * (true gives an empty attribute, false/null leaves it out). Children: nodes or strings.
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value == null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

/** An SVG element (icons), built the same way as h(). */
export function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, String(value));
  for (const child of children) el.append(child);
  return el;
}

/** The first letter of a name, for an avatar. */
export function initial(name) {
  return (name || '?').trim().charAt(0).toUpperCase() || '?';
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const shortDayFormat = new Intl.DateTimeFormat(undefined, { day: '2-digit', month: '2-digit', year: '2-digit' });

/** "14:05" for a time today. */
export function formatTime(ms) {
  return timeFormat.format(ms);
}

/** "Today", "Yesterday" or the full date: the separator between days in a chat. */
export function formatDay(ms, now = Date.now()) {
  const key = dayKey(ms);
  if (key === dayKey(now)) return 'Today';
  if (key === dayKey(now - 86_400_000)) return 'Yesterday';
  return dayFormat.format(ms);
}

/** The time for today, else a short date: the chat list's timestamps. */
export function formatListTime(ms, now = Date.now()) {
  if (!ms) return '';
  if (dayKey(ms) === dayKey(now)) return timeFormat.format(ms);
  if (dayKey(ms) === dayKey(now - 86_400_000)) return 'Yesterday';
  return shortDayFormat.format(ms);
}

/** The local calendar day of a time, as "YYYY-M-D". */
export function dayKey(ms) {
  const d = new Date(ms);
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
}

/** "last seen today at 14:05", "last seen yesterday at 09:12", "last seen 03/11/26". */
export function formatLastSeen(ms, now = Date.now()) {
  if (dayKey(ms) === dayKey(now)) return `last seen today at ${timeFormat.format(ms)}`;
  if (dayKey(ms) === dayKey(now - 86_400_000)) return `last seen yesterday at ${timeFormat.format(ms)}`;
  return `last seen ${shortDayFormat.format(ms)}`;
}

/** "14:05" today, else "03/11/26, 14:05": when a receipt happened. */
export function formatWhen(ms, now = Date.now()) {
  return dayKey(ms) === dayKey(now) ? timeFormat.format(ms) : `${shortDayFormat.format(ms)}, ${timeFormat.format(ms)}`;
}
