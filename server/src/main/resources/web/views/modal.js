// views/modal.js: a modal dialog on the native <dialog>: it keeps focus inside, closes on
// Escape, and gives focus back to what had it when it closes.

import { h } from './dom.js';

/**
 * Opens a dialog titled `title` holding `content` (nodes). Returns {el, body, close}; onClose
 * runs once, however it was closed.
 */
export function openModal({ title, content, testId, onClose = () => {} }) {
  const opener = document.activeElement;
  const titleId = `modal-title-${Math.random().toString(36).slice(2, 8)}`;
  const closeButton = h('button', { type: 'button', class: 'button button--quiet modal__close', 'data-testid': 'modal-close' },
    h('span', { 'aria-hidden': 'true' }, '✕'), h('span', { class: 'visually-hidden' }, 'Close'));
  const body = h('div', { class: 'modal__body' }, content);
  const el = h('dialog', { class: 'modal', 'aria-labelledby': titleId, 'data-testid': testId },
    h('header', { class: 'modal__header' }, h('h2', { id: titleId }, title), closeButton),
    body);
  closeButton.addEventListener('click', () => el.close());
  el.addEventListener('close', () => {
    el.remove();
    onClose();
    if (opener && document.contains(opener)) opener.focus();
  });
  document.body.append(el);
  el.showModal();
  return { el, body, close: () => el.open && el.close() };
}

/** True while a modal dialog is open (the page's own shortcuts then stand aside). */
export function modalOpen() {
  return document.querySelector('dialog[open]') !== null;
}
