// message-text.js: a message's text as DOM nodes. Everything is a text node except http(s)
// links, which become <a> elements that open in a new tab without access to this page.

const LINK = /\bhttps?:\/\/[^\s<>"'`]+/gi;
const TRAILING = /[.,!?;:'")\]}]+$/;

/** The text with its http and https links made clickable; nothing else is interpreted. */
export function renderText(text) {
  const fragment = document.createDocumentFragment();
  let done = 0;
  for (const match of text.matchAll(LINK)) {
    const raw = trimTrailing(match[0]);
    const href = safeHref(raw);
    if (!href) continue;
    fragment.append(text.slice(done, match.index));
    const a = document.createElement('a');
    a.href = href;
    a.textContent = raw;
    a.rel = 'noopener noreferrer';
    a.target = '_blank';
    fragment.append(a);
    done = match.index + raw.length;
  }
  fragment.append(text.slice(done));
  return fragment;
}

/** The URL, normalised, if it parses and is http or https; otherwise null. */
export function safeHref(raw) {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

// "see https://x.org/a." ends the link before the dot; a ")" stays when the link opened one.
function trimTrailing(raw) {
  let link = raw.replace(TRAILING, '');
  const rest = raw.slice(link.length);
  if (rest.startsWith(')') && count(link, '(') > count(link, ')')) link += ')';
  return link;
}

function count(s, ch) {
  return s.split(ch).length - 1;
}
