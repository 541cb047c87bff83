// REST calls with the page's bearer token. Every failure becomes an ApiError with the HTTP status
// (0 for a network failure) and the server's {"error", "details"} when it sent one: pages show them,
// they never throw past their handlers.
import { t } from './i18n.js';

export class ApiError extends Error {
  constructor(status, error, details) {
    super(error || ('HTTP ' + status));
    this.status = status;
    this.details = details || [];
  }

  /** A sentence for the user. */
  describe() {
    if (this.status === 0) return t('error.network');
    if (this.status === 403) return t('error.forbidden') + (this.message ? ' (' + this.message + ')' : '');
    if (this.status === 404) return t('error.notFound') + (this.message ? ' (' + this.message + ')' : '');
    const details = this.details.length ? ': ' + this.details.map(d => typeof d === 'string' ? d : JSON.stringify(d)).join('; ') : '';
    return t('error.server', { detail: this.message + details });
  }
}

export class Api {
  constructor(token, onUnauthorized) {
    this.token = token;
    this.onUnauthorized = onUnauthorized;
  }

  async request(method, path, body) {
    const headers = { 'Authorization': 'Bearer ' + this.token, 'Accept': 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let res;
    try {
      res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
    } catch (e) {
      throw new ApiError(0, e.message);
    }
    let json = null;
    const text = await res.text().catch(() => '');
    if (text) {
      try { json = JSON.parse(text); } catch (e) { json = null; }
    }
    if (!res.ok) {
      if (res.status === 401 && this.onUnauthorized) this.onUnauthorized();
      throw new ApiError(res.status, json && typeof json.error === 'string' ? json.error : text.slice(0, 200),
        json && Array.isArray(json.details) ? json.details : []);
    }
    return json;
  }

  get(path) { return this.request('GET', path); }
  post(path, body) { return this.request('POST', path, body ?? {}); }
  put(path, body) { return this.request('PUT', path, body ?? {}); }
  del(path) { return this.request('DELETE', path); }

  /** A history series (openapi: GET /api/v1/history/{scope}); {@code from}/{@code to} are Dates. */
  history(scope, metric, bucket, from, to) {
    const q = new URLSearchParams({ metric, bucket, from: from.toISOString(), to: to.toISOString() });
    return this.get('/api/v1/history/' + scope.replace(/[^A-Za-z0-9:-]/g, '') + '?' + q);
  }
}
