// Every API call: the Authorization header kept in sessionStorage (nowhere else) — HTTP Basic in the embedded
// mode, a bearer token in JWT mode — JSON in and out, errors as RFC 9457 problems. X-Requested-With tells the
// platform not to send a Basic challenge, so the browser does not open its own password dialog over the
// console's sign-in form.
const KEY = 'retailpulse.console.credentials';

export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
    /** The per-field errors of a 400, e.g. "condition.all[1].value: …". */
    this.errors = Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }
}

export function signedIn() {
  return sessionStorage.getItem(KEY) !== null;
}

export function remember(user, password) {
  sessionStorage.setItem(KEY, basic(user, password));
}

export function forget() {
  sessionStorage.removeItem(KEY);
}

function basic(user, password) {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  let binary = '';
  bytes.forEach((b) => { binary += String.fromCharCode(b); });
  return `Basic ${btoa(binary)}`;
}

let onUnauthorized = () => {};
/** What to do when stored credentials stop working (e.g. the password was changed): sign out. */
export function whenUnauthorized(handler) {
  onUnauthorized = handler;
}

export async function call(method, path, body, authorization = sessionStorage.getItem(KEY)) {
  const headers = { 'Accept': 'application/json', 'X-Requested-With': 'XMLHttpRequest' };
  if (authorization) headers['Authorization'] = authorization;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, {
      method, headers, credentials: 'omit', cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, { detail: e.message });
  }
  const text = await response.text();
  let json = null;
  if (text) {
    try { json = JSON.parse(text); } catch (e) { json = { detail: text }; }
  }
  if (!response.ok) {
    // only when what failed is what is stored: a sign-in attempt's own refusal is the form's to show
    if (response.status === 401 && authorization && authorization === sessionStorage.getItem(KEY)) onUnauthorized();
    throw new ApiError(response.status, json);
  }
  return json;
}

export const get = (path) => call('GET', path);
export const post = (path, body) => call('POST', path, body);
export const put = (path, body) => call('PUT', path, body);

/** Checks a user name and password; on success keeps them for this browser tab only. */
export async function signIn(user, password) {
  const me = await call('GET', '/api/v1/me', undefined, basic(user, password));
  remember(user, password);
  return me;
}

/** How the platform signs users in: { mode: 'embedded' | 'jwt', identityProvider? } (public, asked without credentials). */
export function settings() {
  return call('GET', '/api/v1/console/settings', undefined, null);
}

/** The bearer header for an access token, pasted with or without its "Bearer " prefix. */
function bearer(token) {
  return `Bearer ${token.trim().replace(/^Bearer\s+/i, '')}`;
}

/** Checks an access token (JWT mode); on success keeps it for this browser tab only. */
export async function signInWithToken(token) {
  const authorization = bearer(token);
  const me = await call('GET', '/api/v1/me', undefined, authorization);
  sessionStorage.setItem(KEY, authorization);
  return me;
}

/**
 * When a JWT says it expires (its exp claim), or null for anything else (a Basic credential, an opaque
 * token, a malformed one). Only for telling the user why; the platform decides what it accepts.
 */
export function expiryOf(token) {
  const parts = (token || '').trim().replace(/^Bearer\s+/i, '').split('.');
  if (parts.length !== 3) return null;
  try {
    const json = atob(parts[1].replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(parts[1].length / 4) * 4, '='));
    const exp = JSON.parse(json).exp;
    return typeof exp === 'number' ? new Date(exp * 1000) : null;
  } catch (e) {
    return null;
  }
}

/** When the stored token expires, or null (see expiryOf). */
export function expiry() {
  const stored = sessionStorage.getItem(KEY);
  return stored && stored.startsWith('Bearer ') ? expiryOf(stored) : null;
}

/**
 * A file the API answers (e.g. a CSV), fetched with the stored credentials — a plain link would not carry
 * them — as a Blob with the file name the server suggests.
 */
export async function download(path) {
  const headers = { 'Accept': 'text/csv, */*', 'X-Requested-With': 'XMLHttpRequest' };
  const authorization = sessionStorage.getItem(KEY);
  if (authorization) headers['Authorization'] = authorization;
  let response;
  try {
    response = await fetch(path, { method: 'GET', headers, credentials: 'omit', cache: 'no-store' });
  } catch (e) {
    throw new ApiError(0, { detail: e.message });
  }
  if (!response.ok) {
    const text = await response.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch (e) { json = { detail: text }; }
    if (response.status === 401 && authorization) onUnauthorized();
    throw new ApiError(response.status, json);
  }
  const disposition = response.headers.get('Content-Disposition') || '';
  const name = /filename="?([^";]+)"?/.exec(disposition);
  return { blob: await response.blob(), filename: name ? name[1] : path.split('/').pop() };
}
