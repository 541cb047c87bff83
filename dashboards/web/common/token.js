// The page's token: from the URL fragment (#token=…, never sent to the server, so never in its logs),
// else from localStorage, else asked for in a form. The fragment is removed from the address bar once read.
import { t, applyI18n } from './i18n.js';

export function readToken(storeKey) {
  const m = location.hash.match(/(?:^#|&)token=([^&]*)/);
  const given = m ? decodeURIComponent(m[1]).trim() : '';
  if (given) {
    store(storeKey, given);
    // Whatever else the fragment held (a console route, say) stays.
    const rest = location.hash.replace(/^#/, '').replace(/(^|&)token=[^&]*/, '').replace(/^&/, '');
    history.replaceState(null, '', location.pathname + location.search + (rest ? '#' + rest : ''));
    return given;
  }
  try { return localStorage.getItem(storeKey) || null; } catch (e) { return null; }
}

export function store(storeKey, token) {
  try { localStorage.setItem(storeKey, token); } catch (e) { /* kept for this page only */ }
}

export function forget(storeKey) {
  try { localStorage.removeItem(storeKey); } catch (e) { /* nothing stored */ }
}

/**
 * Shows the token form over the page and resolves with what the user enters (stored first).
 * {@code message} explains why it is shown again (a rejected token, a token of the wrong kind).
 */
export function askToken(storeKey, hintKey, message) {
  return new Promise(resolve => {
    let dlg = document.getElementById('token-dialog');
    if (dlg) dlg.remove();
    dlg = document.createElement('div');
    dlg.id = 'token-dialog';
    dlg.className = 'token-dialog';
    dlg.innerHTML = `
      <form class="token-form" autocomplete="off">
        <h2 data-i18n="token.title"></h2>
        <p class="token-message" role="alert"></p>
        <p class="token-hint" data-i18n="${hintKey}"></p>
        <input id="token-input" name="token" type="password" required spellcheck="false" aria-label="token">
        <button type="submit" data-i18n="token.submit"></button>
      </form>`;
    document.body.appendChild(dlg);
    applyI18n(dlg);
    const msg = dlg.querySelector('.token-message');
    msg.textContent = message || '';
    msg.hidden = !message;
    const input = dlg.querySelector('input');
    input.focus();
    dlg.querySelector('form').addEventListener('submit', ev => {
      ev.preventDefault();
      const token = input.value.trim();
      if (!token) return;
      store(storeKey, token);
      dlg.remove();
      resolve(token);
    });
  });
}

/** The token dialog's message for a rejected token, in the current language. */
export function rejectedMessage() { return t('token.rejected'); }
