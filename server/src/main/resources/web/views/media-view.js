// views/media-view.js: the media of a message, inline: a picture's thumbnail (opens the full
// picture), a video player, a voice note player, or a file to download. Downloads are same-origin
// URLs authorised by the media cookie; src is set only once the cookie is there.

import { whenMediaCookie } from '../media/cookie.js';
import { h } from './dom.js';
import { icon } from './icons.js';
import { openModal } from './modal.js';

const MAX_THUMB_PX = 260;

/** The element showing a message's media (a MediaRef). */
export function mediaNode(media, token) {
  const url = `/api/media/${encodeURIComponent(media.mediaId)}`;
  const withSrc = (el, src) => {
    whenMediaCookie(token).then(() => {
      el.src = src;
    }).catch(() => {
      el.replaceWith(h('span', { class: 'muted' }, 'This file cannot be shown now.'));
    });
    return el;
  };
  switch (media.kind) {
    case 'image': {
      const size = fit(media.thumbnail ?? media);
      const src = media.thumbnail ? `${url}/thumbnail` : url;
      const img = withSrc(h('img', {
        alt: media.name, class: 'media__thumb', 'data-testid': 'media-thumbnail', ...size,
      }), src);
      return h('button', {
        type: 'button', class: 'media media--image', 'aria-label': `Open picture ${media.name}`,
        'data-testid': 'media-open', onclick: () => openPicture(media, url),
      }, img);
    }
    case 'video':
      return h('div', { class: 'media' }, withSrc(h('video', {
        controls: true, preload: 'metadata', class: 'media__video', 'data-testid': 'media-video',
        'aria-label': `Video ${media.name}`, ...fit(media.thumbnail ?? media),
        ...(media.thumbnail ? { poster: `${url}/thumbnail` } : {}),
      }), url));
    case 'voice':
      return h('div', { class: 'media media--voice' },
        icon('mic'),
        withSrc(h('audio', { controls: true, preload: 'metadata', 'data-testid': 'media-audio', 'aria-label': 'Voice note' }), url),
        media.durationMillis ? h('span', { class: 'muted' }, duration(media.durationMillis)) : null);
    default:
      return h('a', {
        href: url, download: media.name, class: 'media media--file', 'data-testid': 'media-file',
      }, icon('file', 28),
      h('span', { class: 'media__name' }, media.name), h('span', { class: 'muted' }, bytes(media.size)));
  }
}

function openPicture(media, url) {
  const img = h('img', { src: url, alt: media.name, class: 'lightbox__img', 'data-testid': 'media-full' });
  openModal({
    title: media.name,
    testId: 'media-viewer',
    content: [img, h('p', {}, h('a', { href: url, download: media.name, class: 'link-button' }, 'Download'),
      ' ', h('span', { class: 'muted' }, `${media.width ?? '?'} × ${media.height ?? '?'}, ${bytes(media.size)}`))],
  });
}

function fit({ width, height }) {
  if (!width || !height) return {};
  const scale = Math.min(1, MAX_THUMB_PX / Math.max(width, height));
  return { width: Math.round(width * scale), height: Math.round(height * scale) };
}

export function bytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function duration(ms) {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
