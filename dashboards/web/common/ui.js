// Small DOM and formatting helpers. Text always goes in as text nodes: agency names and notes come from
// outside and are never parsed as HTML.
import { currentLang } from './i18n.js';

/** el('div', {class: 'x', onclick: fn}, 'text', child, ...) */
export function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') e.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else if (v === true) e.setAttribute(k, '');
    else e.setAttribute(k, String(v));
  }
  for (const c of children.flat()) {
    if (c == null || c === false) continue;
    e.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

export function replace(parent, ...children) {
  parent.replaceChildren(...children.flat().filter(c => c != null && c !== false)
    .map(c => c instanceof Node ? c : document.createTextNode(String(c))));
}

export function fmtInt(n) {
  if (n == null || Number.isNaN(Number(n))) return '—';
  return Number(n).toLocaleString(currentLang() === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 0 });
}

export function fmtNum(n, digits = 1) {
  if (n == null || Number.isNaN(Number(n))) return '—';
  return Number(n).toLocaleString(currentLang() === 'zh' ? 'zh-CN' : 'en-US',
    { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function fmtPct(x, digits = 1) {
  if (x == null || Number.isNaN(Number(x))) return '—';
  return (Number(x) * 100).toFixed(digits) + '%';
}

/** Local wall-clock time of an ISO timestamp: HH:mm:ss today, else MM-DD HH:mm. */
export function fmtTime(iso) {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '—';
  const d = new Date(ms);
  const now = new Date();
  const pad = v => String(v).padStart(2, '0');
  const hms = pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
  if (d.toDateString() === now.toDateString()) return hms;
  return pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' + hms.slice(0, 5);
}

export function fmtDuration(ms) {
  if (ms == null) return '—';
  if (ms < 1000) return Math.round(ms) + ' ms';
  if (ms < 60000) return (ms / 1000).toFixed(1) + ' s';
  if (ms < 3600000) return Math.round(ms / 60000) + ' min';
  return (ms / 3600000).toFixed(1) + ' h';
}

/** A count from an indicator windows object ({"1h": 3, "24h": 41, ...}), or null. */
export function win(indicators, counter, window) {
  const w = indicators && indicators[counter];
  return w && typeof w[window] === 'number' ? w[window] : null;
}

/** Query parameters, read once. */
export const params = new URLSearchParams(location.search);

export function flag(name) {
  const v = params.get(name);
  return v != null && v !== '0' && v !== 'false';
}
