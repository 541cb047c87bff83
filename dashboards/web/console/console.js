// The district console: a bureau's own agencies, alerts and subscriptions (README "Pages").
import { t, label, applyI18n, toggleLang, onLangChange } from '../common/i18n.js';
import { readToken, askToken, forget } from '../common/token.js';
import { Api, ApiError } from '../common/api.js';
import { LiveClient, Freshness } from '../common/live.js';
import { el, replace, fmtInt, fmtNum, fmtPct, fmtTime, win, params } from '../common/ui.js';
import { Charts } from '../common/charts.js';

const TOKEN_KEY = 'ipmon.console.token';
const RULES = ['FILING_SURGE', 'ABNORMAL_SHARE', 'ABNORMAL_BURST', 'LOW_GRANT_RATE', 'ATTORNEY_OVERLOAD',
  'UNLICENSED_FILING', 'COMPLAINT_CLUSTER', 'MALICIOUS_TRADEMARK'];
const SEVERITIES = ['INFO', 'WARNING', 'CRITICAL'];
const COUNTERS = ['filings', 'grants', 'rejections', 'withdrawals', 'abnormal', 'maliciousTrademark', 'complaints', 'penalties', 'pctFilings'];
const WINDOWS = ['1h', '24h', '7d', '30d', '365d'];
const HISTORY_METRICS = ['filings', 'grants', 'rejections', 'abnormal', 'complaints'];
const HISTORY_DAYS = 90;
const STALE_MS = 15000;
const AGENCY_ID = /^[A-Za-z0-9-]{1,32}$/;

const state = {
  api: null, live: null, fresh: null, session: 0,
  district: null, districtInfo: null, snapshot: null,
  alerts: new Map(), alertFilter: 'open',
  agency: null, agencyId: null, agencyAlerts: [], historyMetric: 'filings',
  subs: [], editing: null,
  notes: new Map(), // alert id -> the note being typed: re-renders must not wipe it
  signatures: new Map(), // channel -> what its last rendered payload looked like
};
const charts = new Charts();

// ---------- start ----------

async function main() {
  applyI18n(document);
  document.getElementById('lang-toggle').addEventListener('click', toggleLang);
  document.getElementById('sign-out').addEventListener('click', () => reauth(''));
  onLangChange(() => { render(); tick(); });
  window.addEventListener('hashchange', () => {
    // A new #token=… typed into the address bar of an open console switches to it.
    if (/(^#|&)token=/.test(location.hash)) run(readToken(TOKEN_KEY));
    else route();
  });
  setInterval(tick, 1000);
  const token = readToken(TOKEN_KEY) || await askToken(TOKEN_KEY, 'token.hintConsole');
  run(token);
}

async function run(token) {
  const session = ++state.session;
  if (state.live) state.live.stop();
  const dialog = document.getElementById('token-dialog');
  if (dialog) dialog.remove();
  showMessage('');
  state.api = new Api(token, () => reauth(t('token.rejected')));
  // The district: the token's own (the only district /api/v1/districts lists for it), or ?district= for a city token.
  try {
    const ds = await state.api.get('/api/v1/districts');
    if (session !== state.session) return;
    const items = ds.items || [];
    const wanted = params.get('district');
    state.districtInfo = items.length === 1 ? items[0] : items.find(d => d.district === wanted) || null;
    if (!state.districtInfo) {
      reauth(t('token.wrongRole', { detail: 'district token or ?district=<code>' }));
      return;
    }
    state.district = state.districtInfo.district;
  } catch (e) {
    if (session !== state.session) return;
    if (e instanceof ApiError && e.status === 403) reauth(t('token.wrongRole', { detail: e.message }));
    else if (!(e instanceof ApiError && e.status === 401)) showMessage(e.describe());
    return;
  }
  state.live = new LiveClient({
    token,
    onWelcome: w => {
      if (session !== state.session) return;
      document.body.dataset.stream = w.stream || '';
      if (w.district && w.district !== state.district) {
        state.live.unsubscribe('district:' + state.district);
        state.district = w.district;
        state.live.subscribe('district:' + w.district);
      }
      loadAlerts();
    },
    onState: (s, detail) => {
      if (session !== state.session) return;
      const conn = document.getElementById('conn');
      conn.dataset.state = s;
      conn.textContent = t(s === 'live' ? 'status.live' : s === 'connecting' ? 'status.connecting' : 'status.offline');
      if (s === 'fatal') reauth(detail.code === 4401 ? t('token.rejected') : t('token.wrongRole', { detail: detail.message || detail.reason }));
    },
    onError: err => {
      if (session !== state.session) return;
      if (err.code === 'forbidden' || err.code === 'not_found') {
        showMessage((err.code === 'forbidden' ? t('error.forbidden') : t('error.notFound')) + (err.channel ? ' (' + err.channel + ')' : ''));
      } else if (err.code === 'malformed') {
        showMessage(t('error.message'));
      } else {
        showMessage((err.channel ? err.channel + ': ' : '') + (err.message || err.code));
      }
    },
    onGap: ch => { if (ch === 'alerts') loadAlerts(); },
    onData: msg => { if (session === state.session) receive(msg); },
  });
  state.fresh = new Freshness(state.live, STALE_MS);
  state.live.subscribe('district:' + state.district);
  state.live.subscribe('alerts');
  state.live.start();
  await Promise.all([loadDistrict(), loadAlerts()]);
  route();
}

async function reauth(message) {
  const session = ++state.session;
  if (state.live) state.live.stop();
  forget(TOKEN_KEY);
  replace(document.getElementById('view'));
  const token = await askToken(TOKEN_KEY, 'token.hintConsole', message);
  if (session === state.session) run(token);
}

/** True when {@code payload} differs from the last one of {@code channel}, timestamps aside. */
function changed(channel, payload) {
  const sig = JSON.stringify(payload, (k, v) => (k === 'asOf' || k === 'newestEventAt' || k === 'eventsPerSecond') ? undefined : v);
  if (state.signatures.get(channel) === sig) return false;
  state.signatures.set(channel, sig);
  return true;
}

function receive(msg) {
  if (msg.type === 'snapshot' && msg.channel === 'district:' + state.district) {
    state.fresh.onSnapshot(msg.payload);
    state.snapshot = msg.payload;
    if (view() === 'agencies' && changed(msg.channel, msg.payload)) renderAgencies();
  } else if (msg.type === 'snapshot' && msg.channel === 'alerts') {
    if (!changed(msg.channel, msg.payload)) return;
    (msg.payload && Array.isArray(msg.payload.alerts) ? msg.payload.alerts : []).forEach(a => a && a.id && state.alerts.set(a.id, a));
    rerenderAlerts();
  } else if (msg.type === 'alert' && msg.payload && msg.payload.id) {
    state.alerts.set(msg.payload.id, msg.payload);
    rerenderAlerts();
  } else if (msg.type === 'snapshot' && msg.channel === 'agency:' + state.agencyId && msg.payload) {
    if (!changed(msg.channel, msg.payload)) return;
    state.agency = msg.payload;
    if (view() === 'agency') renderAgency();
  }
}

function rerenderAlerts() {
  const v = view();
  // Keep the cursor in the note being typed across the re-render.
  const active = document.activeElement;
  const typing = active && active.dataset && active.dataset.noteFor ? [active.dataset.noteFor, active.selectionStart] : null;
  if (v === 'alerts') renderAlerts();
  else if (v === 'agencies') renderAgencies();
  if (typing) {
    const again = document.querySelector('input[data-note-for="' + CSS.escape(typing[0]) + '"]');
    if (again) { again.focus(); again.setSelectionRange(typing[1], typing[1]); }
  }
}

// ---------- REST ----------

async function loadDistrict() {
  try {
    const [d, list] = await Promise.all([state.api.get('/api/v1/districts/' + state.district),
      state.api.get('/api/v1/agencies?district=' + state.district + '&limit=1000')]);
    if (state.snapshot && state.snapshot.agencyList) return; // the socket was faster
    d.agencyList = (list.items || []).map(a => ({
      agencyId: a.agencyId, name: a.name, riskScore: a.riskScore, grade: a.grade, status: a.status, attorneys: a.attorneys,
      filings24h: win(a.indicators, 'filings', '24h'), filings365d: win(a.indicators, 'filings', '365d'),
      inventionGrantRate: a.indicators && a.indicators.inventionGrantRate, abnormalShare: a.indicators && a.indicators.abnormalShare,
      perAttorneyAnnual: a.indicators && a.indicators.perAttorneyAnnual, openAlerts: null,
    }));
    state.snapshot = d;
    if (view() === 'agencies') renderAgencies();
  } catch (e) {
    failed(e);
  }
}

async function loadAlerts() {
  const statuses = state.alertFilter === 'resolved' ? ['RESOLVED'] : state.alertFilter === 'all'
    ? ['FIRING', 'ACKNOWLEDGED', 'RESOLVED'] : ['FIRING', 'ACKNOWLEDGED'];
  try {
    const lists = await Promise.all(statuses.map(s => state.api.get('/api/v1/alerts?status=' + s + '&limit=500')));
    lists.forEach(l => (l.items || []).forEach(a => state.alerts.set(a.id, a)));
    rerenderAlerts();
  } catch (e) {
    failed(e);
  }
}

function failed(e) {
  if (e instanceof ApiError && e.status === 401) return; // the token form is already up
  showMessage(e instanceof ApiError ? e.describe() : String(e));
}

// ---------- routing ----------

function view() {
  const h = location.hash;
  if (h.startsWith('#/agency/')) return 'agency';
  if (h === '#/alerts') return 'alerts';
  if (h === '#/subscriptions') return 'subscriptions';
  return 'agencies';
}

function route() {
  if (!state.api || !state.district) return;
  showMessage('');
  showOk('');
  const v = view();
  document.querySelectorAll('#tabs a').forEach(a => a.classList.toggle('active', a.dataset.view === v));
  const id = v === 'agency' ? decodeURIComponent(location.hash.slice('#/agency/'.length)) : null;
  if (state.agencyId && state.agencyId !== id) {
    state.live.unsubscribe('agency:' + state.agencyId);
    state.agencyId = null;
    state.agency = null;
  }
  if (v === 'agency') openAgency(id);
  else if (v === 'subscriptions') loadSubscriptions();
  else render();
}

function render() {
  const name = state.snapshot ? (state.snapshot.name || '') : state.districtInfo ? state.districtInfo.name : '';
  const nameEn = state.snapshot ? state.snapshot.nameEn : state.districtInfo ? state.districtInfo.nameEn : '';
  document.getElementById('district-name').textContent = (document.documentElement.lang === 'en' ? nameEn || name : name) || '';
  const v = view();
  if (v === 'agencies') renderAgencies();
  else if (v === 'alerts') renderAlerts();
  else if (v === 'subscriptions') renderSubscriptions();
  else if (v === 'agency') renderAgency();
}

// ---------- agencies ----------

function openCount(v) {
  if (v == null) return null;
  if (typeof v === 'number') return v;
  return Object.values(v).reduce((s, n) => s + (Number(n) || 0), 0);
}

function renderAgencies() {
  const d = state.snapshot;
  const viewEl = document.getElementById('view');
  if (!d) { replace(viewEl, el('p', { class: 'empty' }, t('trend.loading'))); return; }
  const open = [...state.alerts.values()].filter(a => a.status !== 'RESOLVED');
  const ind = d.indicators;
  const kpis = el('section', { class: 'kpis' },
    kpi('kpi.agencies', fmtInt(d.agencies)), kpi('kpi.filings24h', fmtInt(win(ind, 'filings', '24h'))),
    kpi('kpi.filings365d', fmtInt(win(ind, 'filings', '365d'))), kpi('kpi.openAlerts', fmtInt(open.length)),
    kpi('kpi.meanRisk', fmtNum(d.meanRiskScore)), kpi('kpi.grantRate', fmtPct(ind && ind.inventionGrantRate)));
  const rows = (d.agencyList || []).map(a => {
    const alerts = openCount(a.openAlerts) ?? open.filter(x => x.agencyId === a.agencyId).length;
    return el('tr', { class: 'clickable', 'data-agency': a.agencyId, onclick: () => { location.hash = '#/agency/' + encodeURIComponent(a.agencyId); } },
      el('td', {}, el('div', {}, a.name || a.agencyId), el('div', { class: 'sub' }, a.agencyId)),
      el('td', {}, el('span', { class: 'grade grade-' + a.grade }, a.grade)),
      el('td', { class: 'num' }, fmtNum(a.riskScore)),
      el('td', {}, label('agencyStatus', a.status)),
      el('td', { class: 'num' }, fmtInt(a.attorneys)),
      el('td', { class: 'num' }, fmtInt(a.filings24h)),
      el('td', { class: 'num' }, fmtInt(a.filings365d)),
      el('td', { class: 'num' }, fmtPct(a.inventionGrantRate)),
      el('td', { class: 'num' }, fmtPct(a.abnormalShare, 2)),
      el('td', { class: 'num' }, fmtNum(a.perAttorneyAnnual)),
      el('td', { class: 'num' + (alerts ? ' sev-CRITICAL' : '') }, fmtInt(alerts)));
  });
  const head = el('tr', {}, ['col.agency', 'col.grade', 'col.risk', 'col.status', 'col.attorneys', 'col.filings24h',
    'col.filings365d', 'col.grantRate', 'col.abnormalShare', 'col.perAttorney', 'col.openAlerts']
    .map((k, i) => el('th', { class: i >= 4 || i === 2 ? 'num' : null }, t(k))));
  replace(viewEl, kpis, el('table', { id: 'agencies' }, el('thead', {}, head),
    el('tbody', {}, rows.length ? rows : el('tr', {}, el('td', { colspan: 11, class: 'empty' }, t('agencies.none'))))));
}

function kpi(key, value) {
  return el('div', { class: 'kpi' }, el('span', { class: 'k' }, t(key)), el('span', { class: 'v' }, value));
}

// ---------- alerts ----------

function alertRows(list, withAgency) {
  return list.map(a => {
    const note = el('input', { type: 'text', maxlength: 2000, placeholder: t('alerts.notePlaceholder'), 'aria-label': t('col.note'),
      'data-note-for': a.id, oninput: ev => state.notes.set(a.id, ev.target.value) });
    note.value = state.notes.get(a.id) || '';
    const act = (action, key, enabled) => el('button', { class: action === 'resolve' ? 'danger' : 'primary', 'data-action': action,
      disabled: !enabled, onclick: () => alertAction(a, action, note.value) }, t(key));
    return el('tr', { 'data-alert-id': a.id, 'data-agency': a.agencyId, 'data-status': a.status },
      el('td', {}, fmtTime(a.updatedAt || a.startsAt), el('div', { class: 'sub' }, fmtTime(a.startsAt))),
      el('td', { class: 'sev sev-' + a.severity }, label('severity', a.severity)),
      el('td', {}, label('rule', a.rule), el('div', { class: 'sub' }, a.rule + (a.window ? ' · ' + a.window : ''))),
      withAgency ? el('td', {}, el('a', { href: '#/agency/' + encodeURIComponent(a.agencyId) }, a.agencyId)) : null,
      el('td', { class: 'num' }, fmtNum(a.value, a.value != null && a.value < 1 ? 3 : 1) + ' / ' + fmtNum(a.threshold, a.threshold != null && a.threshold < 1 ? 3 : 1)),
      el('td', { class: 'alert-status' }, label('alertStatus', a.status)),
      el('td', {}, a.ackBy || '', a.ackAt ? el('div', { class: 'sub' }, fmtTime(a.ackAt)) : null),
      el('td', { class: 'alert-note' }, a.note || ''),
      el('td', { class: 'actions' }, note, act('ack', 'alerts.ack', a.status === 'FIRING'),
        act('resolve', 'alerts.resolve', a.status !== 'RESOLVED'), act('note', 'alerts.note', true)));
  });
}

function alertHead(withAgency) {
  return el('tr', {}, ['col.time', 'col.severity', 'col.rule', withAgency ? 'col.agency' : null, 'col.value', 'col.alertStatus',
    'col.ackBy', 'col.note', 'col.actions'].filter(Boolean).map(k => el('th', { class: k === 'col.value' ? 'num' : null }, t(k))));
}

function renderAlerts() {
  const filter = state.alertFilter;
  const list = [...state.alerts.values()]
    .filter(a => filter === 'all' || (filter === 'resolved' ? a.status === 'RESOLVED' : a.status !== 'RESOLVED'))
    .sort((a, b) => (b.updatedAt || '').localeCompare(a.updatedAt || ''));
  const filters = el('div', { class: 'filters' }, [['open', 'alerts.filterOpen'], ['all', 'alerts.filterAll'], ['resolved', 'alerts.filterResolved']]
    .map(([f, k]) => el('button', { class: f === filter ? 'active' : null, 'data-filter': f,
      onclick: () => { state.alertFilter = f; renderAlerts(); loadAlerts(); } }, t(k))));
  const rows = alertRows(list, true);
  replace(document.getElementById('view'), filters, el('table', { id: 'alerts' }, el('thead', {}, alertHead(true)),
    el('tbody', {}, rows.length ? rows : el('tr', {}, el('td', { colspan: 9, class: 'empty' }, t('alerts.none'))))));
}

async function alertAction(alert, action, note) {
  showMessage('');
  try {
    const updated = await state.api.post('/api/v1/alerts/' + encodeURIComponent(alert.id) + '/' + action, note ? { note } : {});
    if (updated && updated.id) state.alerts.set(updated.id, updated);
    state.notes.delete(alert.id);
    showOk(t('alerts.done') + ': ' + label('rule', alert.rule) + ' · ' + alert.agencyId + ' → ' + label('alertStatus', (updated || alert).status));
    if (view() === 'agency') {
      state.agencyAlerts = state.agencyAlerts.map(a => a.id === alert.id && updated && updated.id ? updated : a);
      renderAgency();
    } else {
      renderAlerts();
    }
  } catch (e) {
    showMessage(e instanceof ApiError && e.status === 404 && action === 'note' ? t('error.unsupported') + ' (' + e.message + ')' : failedText(e));
  }
}

function failedText(e) { return e instanceof ApiError ? e.describe() : String(e); }

// ---------- one agency ----------

async function openAgency(id) {
  const viewEl = document.getElementById('view');
  if (!id || !AGENCY_ID.test(id)) { replace(viewEl, backLink(), el('p', { class: 'notice error' }, t('error.notFound'))); return; }
  if (state.agencyId !== id) {
    state.agencyId = id;
    state.agency = null;
    state.agencyAlerts = [];
  }
  replace(viewEl, backLink(), el('p', { class: 'empty' }, t('trend.loading')));
  try {
    const [agency, alerts] = await Promise.all([state.api.get('/api/v1/agencies/' + id),
      state.api.get('/api/v1/alerts?agencyId=' + id + '&limit=200')]);
    if (state.agencyId !== id) return;
    state.agency = state.agency || agency;
    state.agencyAlerts = alerts.items || [];
    state.live.subscribe('agency:' + id);
    renderAgency();
    loadAgencyHistory();
  } catch (e) {
    if (state.agencyId !== id) return;
    replace(viewEl, backLink(), el('p', { class: 'notice error', id: 'agency-error' }, failedText(e)));
  }
}

function backLink() {
  return el('p', {}, el('a', { href: '#/agencies' }, t('agency.back')));
}

function renderAgency() {
  const a = state.agency;
  if (!a) return;
  const ind = a.indicators || {};
  const head = el('div', { class: 'agency-head' }, el('h2', { id: 'agency-name' }, a.name || a.agencyId),
    el('span', { class: 'grade grade-' + a.grade }, a.grade),
    el('span', { class: 'meta' }, [a.agencyId, a.districtName || a.district, label('agencyStatus', a.status),
      t('col.attorneys') + ' ' + fmtInt(a.attorneys), t('col.risk') + ' ' + fmtNum(a.riskScore)].join(' · ')));
  const counts = el('table', { id: 'indicators' },
    el('thead', {}, el('tr', {}, el('th', {}, t('agency.indicators')), WINDOWS.map(w => el('th', { class: 'num' }, t('window.' + w))))),
    el('tbody', {}, COUNTERS.filter(c => ind[c]).map(c => el('tr', {}, el('td', {}, label('metric', c)), WINDOWS.map(w => el('td', { class: 'num' }, fmtInt(win(ind, c, w))))))));
  const derived = el('table', {}, el('tbody', {},
    el('tr', {}, el('td', {}, t('col.grantRate')), el('td', { class: 'num' }, fmtPct(ind.inventionGrantRate))),
    el('tr', {}, el('td', {}, t('col.abnormalShare')), el('td', { class: 'num' }, fmtPct(ind.abnormalShare, 2))),
    el('tr', {}, el('td', {}, 'surge'), el('td', { class: 'num' }, fmtNum(ind.surge, 2))),
    el('tr', {}, el('td', {}, t('col.perAttorney')), el('td', { class: 'num' }, fmtNum(ind.perAttorneyAnnual)))));
  const findings = (a.findings || []).length
    ? el('ul', {}, a.findings.map(f => el('li', {}, f.code + ' −' + fmtNum(f.deduction) + (f.detail ? ' (' + f.detail + ')' : ''))))
    : el('p', { class: 'empty' }, t('agency.noFindings'));
  const metric = el('select', { id: 'history-metric', onchange: ev => { state.historyMetric = ev.target.value; loadAgencyHistory(); } },
    HISTORY_METRICS.map(m => el('option', { value: m, selected: m === state.historyMetric }, t('metric.' + m))));
  const chartBox = el('div', { class: 'box chart-box' }, el('h2', {}, t('agency.history') + ' (' + HISTORY_DAYS + 'd) ', metric),
    el('div', { class: 'chart', id: 'agency-chart' }));
  const alerts = state.agencyAlerts.slice().sort((x, y) => (y.updatedAt || '').localeCompare(x.updatedAt || ''));
  const evidence = alerts.map(x => el('tr', { 'data-evidence-for': x.id }, el('td', { colspan: 8, class: 'evidence' },
    t('alerts.evidence') + ' [' + label('rule', x.rule) + ']: ' + ((x.evidence || []).length ? x.evidence.join(', ') : t('alerts.noEvidence')))));
  const rows = alertRows(alerts, false).flatMap((r, i) => [r, evidence[i]]);
  const old = document.getElementById('agency-chart');
  const keepChart = old && old.closest('#view');
  replace(document.getElementById('view'), backLink(), head,
    el('div', { class: 'two' }, el('div', {}, counts), el('div', {}, derived, el('h2', {}, t('agency.findings')), findings)),
    keepChart ? old.parentElement : chartBox,
    el('h2', {}, t('agency.alerts')),
    el('table', { id: 'agency-alerts' }, el('thead', {}, alertHead(false)),
      el('tbody', {}, rows.length ? rows : el('tr', {}, el('td', { colspan: 8, class: 'empty' }, t('alerts.none'))))));
}

async function loadAgencyHistory() {
  const id = state.agencyId;
  if (!id) return;
  const to = new Date();
  const from = new Date(to.getTime() - HISTORY_DAYS * 86400e3);
  try {
    const h = await state.api.history('agency:' + id, state.historyMetric, 'day', from, to);
    if (state.agencyId === id) charts.series('agency-chart', h.points || [], { kind: 'bar', bucket: 'day' });
  } catch (e) {
    if (state.agencyId === id) charts.note('agency-chart', t('trend.unavailable') + (e.status ? ' (' + e.status + ')' : ''));
  }
}

// ---------- subscriptions ----------

async function loadSubscriptions() {
  try {
    const s = await state.api.get('/api/v1/subscriptions');
    state.subs = s.items || [];
  } catch (e) {
    showMessage(failedText(e));
  }
  renderSubscriptions();
}

function renderSubscriptions() {
  const rows = state.subs.map(s => {
    let armed = false;
    const del = el('button', { class: 'danger', 'data-action': 'delete', onclick: async ev => {
      if (!armed) { armed = true; ev.target.textContent = t('subs.confirmDelete'); return; }
      try { await state.api.del('/api/v1/subscriptions/' + encodeURIComponent(s.id)); loadSubscriptions(); } catch (e) { showMessage(failedText(e)); }
    } }, t('subs.delete'));
    return el('tr', { 'data-subscription': s.id },
      el('td', {}, s.channel || 'webhook'), el('td', {}, s.url || ''),
      el('td', {}, (s.rules || []).length ? s.rules.map(r => label('rule', r)).join('、') : t('alerts.filterAll')),
      el('td', {}, label('severity', s.minSeverity)), el('td', {}, (s.districts || []).join(', ')),
      el('td', { class: 'actions' },
        el('button', { 'data-action': 'edit', onclick: () => { state.editing = s; renderSubscriptions(); } }, t('subs.edit')),
        el('button', { 'data-action': 'test', disabled: (s.channel || 'webhook') !== 'webhook', onclick: () => testSubscription(s) }, t('subs.test')),
        del));
  });
  const table = el('table', { id: 'subscriptions' },
    el('thead', {}, el('tr', {}, ['col.channel', 'col.url', 'col.rules', 'col.minSeverity', 'col.districts', 'col.actions'].map(k => el('th', {}, t(k))))),
    el('tbody', {}, rows.length ? rows : el('tr', {}, el('td', { colspan: 6, class: 'empty' }, t('subs.none')))));
  replace(document.getElementById('view'), el('h2', {}, t('subs.title')), table,
    el('h2', {}, state.editing ? t('subs.edit') : t('subs.new')), subscriptionForm(state.editing));
}

function subscriptionForm(s) {
  const url = el('input', { name: 'url', type: 'url', value: s ? s.url || '' : '', placeholder: 'https://…' });
  const secret = el('input', { name: 'secret', type: 'text', minlength: 16, autocomplete: 'off' });
  const channel = el('select', { name: 'channel' }, ['webhook', 'websocket'].map(c => el('option', { value: c, selected: s && s.channel === c }, c)));
  const sev = el('select', { name: 'minSeverity' }, SEVERITIES.map(v => el('option', { value: v, selected: (s ? s.minSeverity : 'WARNING') === v }, label('severity', v))));
  const rules = el('div', { class: 'rules' }, RULES.map(r => el('label', {},
    el('input', { type: 'checkbox', name: 'rule', value: r, checked: s && (s.rules || []).includes(r) }), ' ' + label('rule', r))));
  const form = el('form', { class: 'sub-form', id: 'subscription-form' },
    el('label', {}, t('col.channel')), channel,
    el('label', {}, t('col.url')), url,
    el('label', {}, t('subs.secret')), secret,
    el('label', {}, t('col.minSeverity')), sev,
    el('label', {}, t('subs.allRules')), rules,
    el('div', { class: 'buttons' }, el('button', { type: 'submit', class: 'primary' }, t('subs.save')),
      s ? el('button', { type: 'button', onclick: () => { state.editing = null; renderSubscriptions(); } }, t('subs.cancel')) : null));
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    const body = { channel: channel.value, minSeverity: sev.value, districts: [state.district],
      rules: [...form.querySelectorAll('input[name=rule]:checked')].map(i => i.value) };
    if (url.value.trim()) body.url = url.value.trim();
    if (secret.value) body.secret = secret.value;
    showMessage('');
    try {
      const saved = s ? await state.api.put('/api/v1/subscriptions/' + encodeURIComponent(s.id), body)
        : await state.api.post('/api/v1/subscriptions', body);
      state.editing = null;
      await loadSubscriptions();
      if (saved && saved.secret) showOk(t('subs.secretShown') + ' ' + saved.secret);
      else showOk(t('alerts.done'));
    } catch (e) {
      showMessage(e instanceof ApiError && (e.status === 404 || e.status === 405) && s ? t('error.unsupported') : failedText(e));
    }
  });
  return form;
}

async function testSubscription(s) {
  showMessage('');
  showOk('');
  try {
    const r = await state.api.post('/api/v1/subscriptions/' + encodeURIComponent(s.id) + '/test', {});
    if (r && r.delivered) showOk(t('subs.testOk', { status: r.status ?? '' }));
    else showMessage(t('subs.testFailed', { detail: (r && (r.error || r.status)) || '?' }));
  } catch (e) {
    showMessage(e instanceof ApiError && e.status === 404 ? t('error.unsupported') : failedText(e));
  }
}

// ---------- status line ----------

function tick() {
  document.body.classList.toggle('stale', !state.fresh || state.fresh.stale());
}

function showMessage(text) { document.getElementById('message').textContent = text || ''; }
function showOk(text) { document.getElementById('ok').textContent = text || ''; }

main();
