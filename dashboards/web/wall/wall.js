// The wall screen: the city view of the control room (README "Pages").
import { t, label, applyI18n, toggleLang, onLangChange, currentLang } from '../common/i18n.js';
import { readToken, askToken, forget } from '../common/token.js';
import { Api, ApiError } from '../common/api.js';
import { LiveClient, Freshness } from '../common/live.js';
import { el, replace, fmtInt, fmtNum, fmtPct, fmtTime, fmtDuration, win, params, flag } from '../common/ui.js';
import { Charts } from '../common/charts.js';

const TOKEN_KEY = 'ipmon.wall.token';
const COLOR_KEY = 'ipmon.wall.color';
const GROUPS = ['CENTRAL_CITY', 'NEW_MAIN_CITY', 'NORTH_EAST', 'SOUTH_EAST'];
const PANELS = ['overview', 'trends', 'districts'];
const HISTORY_REFRESH_MS = 5 * 60 * 1000;
const TICKER_MAX = 40;
/** Default for "no snapshot for a few intervals": snapshots come at least every heartbeat while idle. */
const DEFAULT_STALE_MS = 10000;
const MIN_ROTATE_S = 5;
/** Risk colour steps: the grade boundaries (A < 10 <= B < 20 <= C < 40 <= D). */
const RISK_STEPS = [10, 20, 40];
const VOLUME_STEPS = 5;

const state = {
  api: null,
  live: null,
  fresh: null,
  city: null,
  openAlerts: new Map(),
  ticker: new Map(),
  color: pickColor(),
  panel: PANELS.includes(params.get('panel')) ? params.get('panel') : 'overview',
  session: 0,
};
const charts = new Charts();

function pickColor() {
  const p = params.get('color');
  if (p === 'risk' || p === 'volume') return p;
  try { return localStorage.getItem(COLOR_KEY) === 'volume' ? 'volume' : 'risk'; } catch (e) { return 'risk'; }
}

// ---------- start, token, connection ----------

async function main() {
  applyI18n(document);
  if (flag('kiosk')) document.body.classList.add('kiosk');
  setupControls();
  setInterval(tick, 500);
  tick();
  // A new #token=… typed into the address bar of an open wall switches to it.
  window.addEventListener('hashchange', () => { if (/(^#|&)token=/.test(location.hash)) run(readToken(TOKEN_KEY)); });
  const token = readToken(TOKEN_KEY) || await askToken(TOKEN_KEY, 'token.hintWall');
  run(token);
}

function run(token) {
  const session = ++state.session;
  if (state.live) state.live.stop();
  const dialog = document.getElementById('token-dialog');
  if (dialog) dialog.remove();
  showMessage('');
  state.api = new Api(token, () => reauth(t('token.rejected')));
  state.live = new LiveClient({
    token,
    onWelcome: w => {
      if (session !== state.session) return;
      document.body.dataset.stream = w.stream || '';
      document.body.dataset.node = w.node || '';
      const p = Number(params.get('staleAfter'));
      state.fresh.staleAfterMs = p > 0 ? p * 1000 : staleAfterMs(w);
      loadHistory();
    },
    onState: (s, detail) => {
      if (session !== state.session) return;
      const conn = document.getElementById('conn');
      conn.dataset.state = s;
      conn.textContent = t(s === 'live' ? 'status.live' : s === 'connecting' ? 'status.connecting' : 'status.offline');
      if (s === 'fatal') {
        reauth(detail.code === 4401 ? t('token.rejected') : t('token.wrongRole', { detail: detail.message || detail.reason }));
      }
    },
    onError: err => {
      if (session !== state.session) return;
      if (err.code === 'forbidden' && (err.channel === 'city' || err.channel === 'alerts')) {
        reauth(t('token.wrongRole', { detail: err.message || err.channel }));
      } else if (err.code === 'malformed') {
        showMessage(t('error.message'), 10000);
      } else {
        showMessage((err.channel ? err.channel + ': ' : '') + (err.message || err.code), 10000);
      }
    },
    onGap: ch => { if (ch === 'alerts') loadAlerts(); },
    onData: msg => { if (session === state.session) receive(msg); },
  });
  state.fresh = new Freshness(state.live, DEFAULT_STALE_MS);
  state.live.subscribe('city');
  state.live.subscribe('alerts');
  state.live.start();
  loadRest();
  loadHistory();
  clearInterval(state.historyTimer);
  state.historyTimer = setInterval(loadHistory, HISTORY_REFRESH_MS);
}

function staleAfterMs(welcome) {
  const interval = Number(welcome.snapshotIntervalMs) || 500;
  const heartbeat = Number(welcome.heartbeatSnapshots) || 0;
  return heartbeat > 0 ? Math.max(3 * heartbeat * interval, 3000) : Math.max(DEFAULT_STALE_MS, 6 * interval);
}

async function reauth(message) {
  const session = ++state.session;
  if (state.live) state.live.stop();
  forget(TOKEN_KEY);
  const token = await askToken(TOKEN_KEY, 'token.hintWall', message);
  if (session === state.session) run(token);
}

function receive(msg) {
  if (msg.type === 'snapshot' && msg.channel === 'city') {
    state.fresh.onSnapshot(msg.payload);
    state.city = msg.payload || {};
    renderCity();
  } else if (msg.type === 'snapshot' && msg.channel === 'alerts') {
    const list = (msg.payload && Array.isArray(msg.payload.alerts)) ? msg.payload.alerts : [];
    state.openAlerts = new Map(list.filter(a => a && a.id).map(a => [a.id, a]));
    list.forEach(a => a && a.id && state.ticker.set(a.id, a));
    renderTicker();
    renderKpis();
  } else if (msg.type === 'alert' && msg.payload && msg.payload.id) {
    const a = msg.payload;
    if (a.status === 'RESOLVED') state.openAlerts.delete(a.id); else state.openAlerts.set(a.id, a);
    state.ticker.set(a.id, a);
    renderTicker(a.id);
    renderKpis();
  }
}

// ---------- REST: the first paint, and what the socket cannot give (history) ----------

async function loadRest() {
  const session = state.session;
  try {
    const [city, districts] = await Promise.all([state.api.get('/api/v1/city'), state.api.get('/api/v1/districts')]);
    if (session !== state.session || state.fresh.lastSnapshotAt) return; // the socket was faster
    city.districts = (districts.items || []).map(fromRestDistrict);
    state.city = city;
    renderCity();
  } catch (e) {
    restFailed(e, session);
  }
  loadAlerts();
}

async function loadAlerts() {
  const session = state.session;
  try {
    const [firing, acked, recent] = await Promise.all([
      state.api.get('/api/v1/alerts?status=FIRING&limit=500'),
      state.api.get('/api/v1/alerts?status=ACKNOWLEDGED&limit=500'),
      state.api.get('/api/v1/alerts?limit=' + TICKER_MAX)]);
    if (session !== state.session) return;
    for (const a of [...(recent.items || []), ...(firing.items || []), ...(acked.items || [])]) {
      const known = state.ticker.get(a.id);
      if (!known || (known.updatedAt || '') <= (a.updatedAt || '')) state.ticker.set(a.id, a);
    }
    state.openAlerts = new Map([...(firing.items || []), ...(acked.items || [])].map(a => [a.id, a]));
    renderTicker();
    renderKpis();
  } catch (e) {
    restFailed(e, session);
  }
}

function restFailed(e, session) {
  if (session !== state.session) return;
  if (e instanceof ApiError && e.status === 403) reauth(t('token.wrongRole', { detail: e.message }));
  else if (e instanceof ApiError && e.status !== 401) showMessage(e.describe(), 15000);
}

/** A district of GET /api/v1/districts in the shape of the city snapshot's districts (PROTOCOL.md section 3). */
function fromRestDistrict(d) {
  return {
    district: d.district, name: d.name, nameEn: d.nameEn, group: d.group, agencies: d.agencies,
    filingsToday: null, filings24h: win(d.indicators, 'filings', '24h'), filings365d: win(d.indicators, 'filings', '365d'),
    meanRiskScore: d.meanRiskScore, maxRiskScore: d.mostAtRisk && d.mostAtRisk.length ? d.mostAtRisk[0].riskScore : null,
    openAlerts: null,
  };
}

async function loadHistory() {
  if (!state.api) return;
  const now = new Date();
  const hourAgo48 = new Date(now.getTime() - 48 * 3600e3);
  const days30 = new Date(now.getTime() - 30 * 86400e3);
  const series = [
    ['chart-hourly', 'filings', 'hour', hourAgo48, 'line'],
    ['chart-daily', 'filings', 'day', days30, 'bar'],
    ['chart-abnormal', 'abnormal', 'day', days30, 'bar'],
  ];
  await Promise.all(series.map(async ([id, metric, bucket, from, kind]) => {
    try {
      const h = await state.api.history('city', metric, bucket, from, now);
      charts.series(id, h.points || [], { kind, bucket, color: metric === 'abnormal' ? '#ff7a45' : '#4cc3ff', big: true });
    } catch (e) {
      charts.note(id, t('trend.unavailable') + (e instanceof ApiError && e.status ? ' (' + e.status + ')' : ''));
    }
  }));
}

// ---------- rendering ----------

function renderCity() {
  renderKpis();
  renderTiles();
  renderRisk();
  renderDistrictCharts();
}

function openCounts() {
  const c = state.city && state.city.openAlerts;
  if (c && typeof c === 'object') return { CRITICAL: c.CRITICAL || 0, WARNING: c.WARNING || 0, INFO: c.INFO || 0 };
  const out = { CRITICAL: 0, WARNING: 0, INFO: 0 };
  state.openAlerts.forEach(a => { out[a.severity] = (out[a.severity] || 0) + 1; });
  return out;
}

function renderKpis() {
  const c = state.city;
  const ind = c ? c.indicators : null;
  setText('kpi-agencies', c ? fmtInt(c.agencies) : '—');
  setText('kpi-attorneys', c && c.attorneys != null ? t('kpi.attorneys') + ' ' + fmtInt(c.attorneys) : '');
  const today = win(ind, 'filings', 'today');
  setText('kpi-today', today == null ? '—' : fmtInt(today));
  setText('kpi-24h', fmtInt(win(ind, 'filings', '24h')));
  setText('kpi-365d', fmtInt(win(ind, 'filings', '365d')));
  const open = openCounts();
  const total = open.CRITICAL + open.WARNING + open.INFO;
  setText('kpi-alerts', fmtInt(total));
  setText('kpi-alerts-split', t('kpi.critical') + ' ' + open.CRITICAL + ' · ' + t('kpi.warning') + ' ' + open.WARNING);
  document.getElementById('kpi-alerts').parentElement.classList.toggle('has-critical', open.CRITICAL > 0);
  setText('kpi-risk', c ? fmtNum(c.meanRiskScore) : '—');
  const g = (c && c.grades) || {};
  setText('kpi-grades', ['A', 'B', 'C', 'D'].map(k => k + ' ' + fmtInt(g[k] || 0)).join(' · '));
  setText('kpi-grant', fmtPct(ind && ind.inventionGrantRate));
  setText('kpi-abnormal', fmtPct(ind && ind.abnormalShare, 2));
  const eps = c && typeof c.eventsPerSecond === 'number' ? fmtNum(c.eventsPerSecond, 0) + ' ' + t('kpi.eventsPerSecond') : '';
  setText('eps', eps);
}

function shortName(d) {
  if (currentLang() === 'en') return d.nameEn || d.name || d.district;
  return (d.name || d.district).replace(/(土家族苗族自治县|苗族土家族自治县|土家族自治县)$/, '县');
}

function districtName(code) {
  const d = state.city && (state.city.districts || []).find(x => x.district === code);
  return d ? shortName(d) : (code || '');
}

function renderTiles() {
  const districts = (state.city && state.city.districts) || [];
  const maxVolume = Math.max(1, ...districts.map(d => d.filings24h || 0));
  const openByDistrict = new Map();
  if (districts.some(d => d.openAlerts == null)) {
    state.openAlerts.forEach(a => {
      const o = openByDistrict.get(a.district) || { CRITICAL: 0, WARNING: 0, INFO: 0 };
      o[a.severity] = (o[a.severity] || 0) + 1;
      openByDistrict.set(a.district, o);
    });
  }
  const groups = GROUPS.map(g => {
    const tiles = districts.filter(d => d.group === g).map(d => tile(d, maxVolume, d.openAlerts || openByDistrict.get(d.district)));
    return el('div', { class: 'group', 'data-group': g }, el('h3', {}, t('group.' + g)), el('div', { class: 'tiles' }, tiles));
  });
  replace(document.getElementById('tilemap'), groups);
  const legend = state.color === 'risk'
    ? [t('map.legendRisk'), ' ', ...['r0', 'r1', 'r2', 'r3'].map(c => el('span', { class: 'sw tile ' + c }))]
    : [t('map.legendVolume'), ' ', ...['v0', 'v1', 'v2', 'v3', 'v4'].map(c => el('span', { class: 'sw tile ' + c }))];
  replace(document.getElementById('map-legend'), legend);
}

function tile(d, maxVolume, open) {
  const hasAgencies = (d.agencies || 0) > 0;
  let cls = 'tile';
  let value;
  if (state.color === 'risk') {
    const r = d.maxRiskScore;
    if (!hasAgencies || r == null) cls += ' empty-district';
    else cls += ' r' + RISK_STEPS.filter(s => r >= s).length;
    value = hasAgencies && r != null ? fmtNum(r, 0) : '—';
  } else {
    const v = d.filings24h || 0;
    cls += ' v' + Math.min(VOLUME_STEPS - 1, Math.floor(Math.sqrt(v / maxVolume) * VOLUME_STEPS));
    if (!hasAgencies) cls += ' empty-district';
    value = fmtInt(v);
  }
  const crit = open ? open.CRITICAL || 0 : 0;
  const warn = open ? open.WARNING || 0 : 0;
  if (crit) cls += ' has-critical';
  if (crit || warn) cls += ' has-badge';
  const badge = crit ? el('span', { class: 'badge crit' }, '▲' + crit) : warn ? el('span', { class: 'badge warn' }, '▲' + warn) : null;
  const meta = hasAgencies ? t('kpi.agencies') + ' ' + fmtInt(d.agencies) : t('map.noAgencies');
  return el('div', { class: cls, 'data-district': d.district, title: (d.name || '') + ' ' + (d.nameEn || '') },
    el('span', { class: 'n' }, shortName(d)), el('span', { class: 'v' }, value), el('span', { class: 'm' }, meta), badge);
}

function renderRisk() {
  const list = (state.city && state.city.mostAtRisk) || [];
  const items = list.slice(0, 10).map((a, i) => el('li', { 'data-agency': a.agencyId },
    el('span', { class: 'rank' }, i + 1),
    el('span', { class: 'who' }, el('div', { class: 'name' }, a.name || a.agencyId),
      el('div', { class: 'where' }, districtName(a.district) + ' · ' + a.agencyId)),
    el('span', { class: 'score' }, fmtNum(a.riskScore, 0)),
    el('span', { class: 'grade grade-' + a.grade }, a.grade)));
  replace(document.getElementById('risk-list'), items.length ? items : el('li', { class: 'empty' }, t('risk.none')));
}

function renderDistrictCharts() {
  const districts = ((state.city && state.city.districts) || []).slice().sort((a, b) => (a.filings24h || 0) - (b.filings24h || 0));
  charts.bars('chart-districts', districts.map(shortName), districts.map(d => d.filings24h || 0));
  const g = (state.city && state.city.grades) || {};
  charts.grades('chart-grades', g);
}

function renderTicker(freshId) {
  const items = [...state.ticker.values()].sort((a, b) => (b.updatedAt || b.startsAt || '').localeCompare(a.updatedAt || a.startsAt || ''));
  items.slice(TICKER_MAX).forEach(a => state.ticker.delete(a.id));
  const lis = items.slice(0, TICKER_MAX).map(a => el('li', {
    class: 'sev-' + a.severity + ' status-' + a.status + (a.id === freshId ? ' fresh' : ''), 'data-alert-id': a.id, 'data-agency': a.agencyId },
    el('div', { class: 'l1' }, el('span', { class: 'sev sev-' + a.severity }, label('severity', a.severity)),
      el('span', {}, fmtTime(a.updatedAt || a.startsAt)), el('span', { class: 'st' }, label('alertStatus', a.status))),
    el('div', { class: 'l2' }, label('rule', a.rule)),
    el('div', { class: 'l3' }, districtName(a.district) + ' · ' + (a.agencyName ? a.agencyName + ' ' : '') + a.agencyId
      + (a.value != null ? ' · ' + fmtNum(a.value, a.value < 1 ? 3 : 1) + ' / ' + fmtNum(a.threshold, a.threshold < 1 ? 3 : 1) : ''))));
  replace(document.getElementById('ticker'), lis.length ? lis : el('li', { class: 'empty' }, t('ticker.none')));
}

// ---------- controls, clock, freshness ----------

function setupControls() {
  document.getElementById('lang-toggle').addEventListener('click', toggleLang);
  const colorBtn = document.getElementById('color-toggle');
  const colorLabel = () => { colorBtn.textContent = t(state.color === 'risk' ? 'map.byRisk' : 'map.byVolume'); };
  colorBtn.addEventListener('click', () => {
    state.color = state.color === 'risk' ? 'volume' : 'risk';
    try { localStorage.setItem(COLOR_KEY, state.color); } catch (e) { /* not remembered */ }
    colorLabel();
    renderTiles();
  });
  colorLabel();
  document.querySelectorAll('#tabs button').forEach(b => b.addEventListener('click', () => showPanel(b.dataset.panel)));
  showPanel(state.panel);
  const rotate = Number(params.get('rotate'));
  if (rotate > 0) {
    setInterval(() => showPanel(PANELS[(PANELS.indexOf(state.panel) + 1) % PANELS.length]), Math.max(MIN_ROTATE_S, rotate) * 1000);
  }
  onLangChange(() => { colorLabel(); renderCity(); renderTicker(); loadHistory(); tick(); });
  window.addEventListener('resize', () => charts.resizeAll());
}

function showPanel(name) {
  state.panel = name;
  document.body.dataset.panel = name;
  document.querySelectorAll('.panel').forEach(p => { p.hidden = p.dataset.panel !== name; });
  document.querySelectorAll('#tabs button').forEach(b => b.classList.toggle('active', b.dataset.panel === name));
  requestAnimationFrame(() => charts.resizeAll());
}

function tick() {
  const now = new Date();
  const pad = v => String(v).padStart(2, '0');
  setText('clock', pad(now.getHours()) + ':' + pad(now.getMinutes()) + ':' + pad(now.getSeconds()));
  const fresh = state.fresh;
  const stale = !fresh || fresh.stale();
  document.body.classList.toggle('stale', stale);
  const age = fresh ? fresh.ageMs() : null;
  setText('stale-age', age == null ? t('stale.noData') : t('stale.since', { age: fmtDuration(age) }));
  setText('delay-value', fresh && fresh.delayMs != null ? fmtDuration(fresh.delayMs) : t('delay.none'));
}

let messageTimer;
function showMessage(text, ms) {
  setText('message', text);
  clearTimeout(messageTimer);
  if (text && ms) messageTimer = setTimeout(() => setText('message', ''), ms);
}

function setText(id, text) {
  const e = document.getElementById(id);
  if (e && e.textContent !== text) e.textContent = text;
}

main();
