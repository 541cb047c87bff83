// Client of the /ws/live protocol (dashboards/PROTOCOL.md): authenticates with a first "auth" message,
// subscribes to its channels, keeps each channel's (stream, seq), drops repeats, resumes after a reconnect,
// reconnects by itself with back-off, and tells the page whether its data is fresh.

const MIN_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 8000;
/** A socket that has not said "welcome" by then is given up and opened again. */
const WELCOME_TIMEOUT_MS = 10000;
const PING_INTERVAL_MS = 15000;
/** Close codes after which reconnecting cannot help (PROTOCOL.md section 6). */
const FATAL = { 4401: 'unauthenticated', 4403: 'forbidden' };

export class LiveClient {
  /**
   * @param {object} o
   * @param {string} o.token
   * @param {(msg: object) => void} o.onData   snapshot and alert messages, in order, without repeats
   * @param {(welcome: object) => void} [o.onWelcome]  every (re)connection; subscribe() from here
   * @param {(state: string, detail?: object) => void} [o.onState]  'connecting' | 'live' | 'offline' | 'fatal'
   * @param {(err: object) => void} [o.onError]  error replies (forbidden channel, bad request, ...)
   * @param {(channel: string) => void} [o.onGap]  a message was missed in a channel (seq jumped)
   */
  constructor(o) {
    this.o = o;
    this.url = o.url || ((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws/live');
    this.channels = new Map(); // channel -> {stream, seq, subscription}
    this.backoff = MIN_BACKOFF_MS;
    this.ws = null;
    this.welcome = null;
    this.stopped = false;
    this.clockOffsetMs = 0; // server time minus local time, from welcome and pong
    this.malformed = 0;
  }

  start() {
    this.stopped = false;
    this.connect();
    return this;
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.pingTimer);
    if (this.ws) this.ws.close(1000, 'page closed');
  }

  /** Subscribes now if connected, and again after every reconnect (with resume). */
  subscribe(channel, extra) {
    if (!this.channels.has(channel)) this.channels.set(channel, { stream: null, seq: null, extra: extra || null });
    if (this.welcome) this.sendSubscribe(channel);
  }

  unsubscribe(channel) {
    this.channels.delete(channel);
    if (this.welcome) this.send({ type: 'unsubscribe', channel });
  }

  /** Local time corrected to the server's clock, for delays measured against server timestamps. */
  serverNow() { return Date.now() + this.clockOffsetMs; }

  connect() {
    if (this.stopped) return;
    this.state('connecting');
    let ws;
    try {
      ws = new WebSocket(this.url);
    } catch (e) {
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    this.welcome = null;
    ws.onopen = () => {
      this.send({ type: 'auth', token: this.o.token });
      this.welcomeTimer = setTimeout(() => { if (!this.welcome) ws.close(4000, 'no welcome'); }, WELCOME_TIMEOUT_MS);
    };
    ws.onmessage = ev => this.receive(ev.data);
    ws.onerror = () => { /* onclose follows and decides */ };
    ws.onclose = ev => {
      clearTimeout(this.welcomeTimer);
      clearInterval(this.pingTimer);
      if (this.ws !== ws) return;
      this.ws = null;
      this.welcome = null;
      if (FATAL[ev.code]) {
        this.stopped = true;
        this.state('fatal', { code: ev.code, reason: FATAL[ev.code], message: ev.reason || this.lastError || '' });
        return;
      }
      this.state('offline', { code: ev.code });
      this.scheduleReconnect();
    };
  }

  scheduleReconnect() {
    if (this.stopped) return;
    const wait = this.backoff / 2 + Math.random() * this.backoff / 2;
    this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_MS);
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.connect(), wait);
  }

  send(obj) {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(obj));
  }

  sendSubscribe(channel) {
    const c = this.channels.get(channel);
    const msg = { type: 'subscribe', channel };
    if (c.extra && c.extra.subscription) msg.subscription = c.extra.subscription;
    if (c.stream && c.seq != null) msg.resume = { stream: c.stream, seq: c.seq };
    this.send(msg);
  }

  receive(data) {
    let msg;
    try {
      msg = JSON.parse(data);
    } catch (e) {
      msg = null;
    }
    if (!msg || typeof msg !== 'object' || typeof msg.type !== 'string') {
      this.malformed++;
      this.o.onError && this.o.onError({ code: 'malformed', message: String(data).slice(0, 120) });
      return;
    }
    try {
      this.dispatch(msg);
    } catch (e) {
      // A message the page could not digest must not stop the ones after it.
      this.malformed++;
      this.o.onError && this.o.onError({ code: 'malformed', message: e.message });
    }
  }

  dispatch(msg) {
    switch (msg.type) {
      case 'welcome':
        clearTimeout(this.welcomeTimer);
        this.welcome = msg;
        this.backoff = MIN_BACKOFF_MS;
        this.syncClock(msg.serverTime);
        this.state('live');
        this.o.onWelcome && this.o.onWelcome(msg);
        for (const ch of this.channels.keys()) this.sendSubscribe(ch);
        this.pingTimer = setInterval(() => this.send({ type: 'ping', id: String(Date.now()) }), PING_INTERVAL_MS);
        break;
      case 'subscribed': {
        const c = this.channels.get(msg.channel);
        if (!c) break;
        if (c.stream !== msg.stream || !msg.resumed) c.seq = null; // a fresh snapshot follows, not a replay
        c.stream = msg.stream;
        break;
      }
      case 'snapshot':
      case 'alert': {
        const c = this.channels.get(msg.channel);
        if (!c) break; // unsubscribed meanwhile
        if (msg.stream && msg.stream !== c.stream) {
          c.stream = msg.stream;
          c.seq = null;
        }
        if (typeof msg.seq === 'number') {
          if (c.seq != null && msg.seq <= c.seq) break; // a repeat (a replay overlapping what we had)
          if (c.seq != null && msg.seq > c.seq + 1 && this.o.onGap) this.o.onGap(msg.channel);
          c.seq = msg.seq;
        }
        this.o.onData(msg);
        break;
      }
      case 'pong':
        this.syncClock(msg.serverTime);
        break;
      case 'error':
        this.lastError = msg.message || msg.code;
        this.o.onError && this.o.onError(msg);
        break;
      default:
        break; // unsubscribed, and anything newer than this page: ignored
    }
  }

  syncClock(serverTime) {
    const ms = Date.parse(serverTime);
    if (!Number.isNaN(ms)) this.clockOffsetMs = ms - Date.now();
  }

  state(s, detail) {
    this.currentState = s;
    this.o.onState && this.o.onState(s, detail);
  }
}

/**
 * Freshness of a screen fed by snapshots: stale when none arrived for {@code staleAfterMs} or the socket is
 * down. Also the event-to-screen delay of PROTOCOL.md section 5: when a snapshot reflects newer events than
 * the one before, receive time minus its newestEventAt.
 */
export class Freshness {
  constructor(client, staleAfterMs) {
    this.client = client;
    this.staleAfterMs = staleAfterMs;
    this.lastSnapshotAt = null;
    this.newestEventAt = null;
    this.delayMs = null;
  }

  onSnapshot(payload) {
    const now = this.client.serverNow();
    this.lastSnapshotAt = Date.now();
    const newest = payload && payload.newestEventAt ? Date.parse(payload.newestEventAt) : NaN;
    if (!Number.isNaN(newest)) {
      // The first snapshot's newest event may be hours old (a quiet feed): that is its age, not a delay.
      if (this.newestEventAt != null && newest > this.newestEventAt) this.delayMs = Math.max(0, now - newest);
      this.newestEventAt = newest;
    }
  }

  stale() {
    if (this.client.currentState !== 'live') return true;
    return this.lastSnapshotAt == null || Date.now() - this.lastSnapshotAt > this.staleAfterMs;
  }

  ageMs() { return this.lastSnapshotAt == null ? null : Date.now() - this.lastSnapshotAt; }
}
