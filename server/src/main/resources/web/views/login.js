// views/login.js: the log in / create account screen. Shows the server's own error message;
// on success hands the new session to onSession.

import * as api from '../api.js';
import { deviceName } from '../session.js';
import { h } from './dom.js';

export function mountLogin(root, { notice, onSession }) {
  const username = h('input', {
    id: 'login-username', name: 'username', autocomplete: 'username', required: true,
    autocapitalize: 'none', spellcheck: 'false', 'data-testid': 'login-username',
  });
  const password = h('input', {
    id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password',
    required: true, 'data-testid': 'login-password',
  });
  const error = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'login-error' });
  const loginButton = h('button', { type: 'submit', class: 'button button--primary', 'data-testid': 'login-submit' }, 'Log in');
  const registerButton = h('button', { type: 'button', class: 'button', 'data-testid': 'register-submit' }, 'Create account');

  const form = h('form', { class: 'login__form', 'aria-labelledby': 'login-title', novalidate: true },
    h('label', { for: 'login-username' }, 'Username'),
    username,
    h('p', { class: 'hint', id: 'username-hint' }, '3 to 32 letters, digits, _ or ., starting with a letter.'),
    h('label', { for: 'login-password' }, 'Password'),
    password,
    h('p', { class: 'hint' }, 'At least 8 characters.'),
    error,
    h('div', { class: 'login__actions' }, loginButton, registerButton));
  username.setAttribute('aria-describedby', 'username-hint');

  async function run(action) {
    error.textContent = '';
    if (!username.value.trim() || !password.value) {
      error.textContent = 'Enter a username and a password.';
      (username.value.trim() ? password : username).focus();
      return;
    }
    loginButton.disabled = registerButton.disabled = true;
    form.setAttribute('aria-busy', 'true');
    try {
      if (action === 'register') await api.register(username.value.trim(), password.value);
      const session = await api.login(username.value.trim(), password.value, deviceName());
      onSession(session);
    } catch (e) {
      error.textContent = e.message || 'Something went wrong. Try again.';
      loginButton.disabled = registerButton.disabled = false;
      form.removeAttribute('aria-busy');
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    run('login');
  });
  registerButton.addEventListener('click', () => {
    password.autocomplete = 'new-password';
    run('register');
  });

  root.append(h('main', { class: 'login' },
    h('div', { class: 'login__card' },
      h('div', { class: 'login__brand' }, h('img', { src: '/favicon.svg', alt: '', width: 48, height: 48 }),
        h('h1', { id: 'login-title' }, 'Parley')),
      h('p', { class: 'login__lead' }, 'Log in, or create an account to start chatting.'),
      notice ? h('p', { class: 'notice', role: 'status' }, notice) : null,
      form)));
  username.focus();
}
