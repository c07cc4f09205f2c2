// Signing in at an OpenID Connect provider (JWT mode): the authorization-code flow with PKCE (RFC 7636), run
// in the browser as a public client — no secret, no library. begin() sends the browser to the provider with a
// fresh state and S256 code challenge; the provider sends it back to /console/?code=…&state=…, and complete()
// checks the state and trades the code and its verifier for the access token at the token endpoint. What is
// pending between the two is kept in sessionStorage (this tab only) and removed once used.
const PENDING = 'retailpulse.console.oidc';

/** Why signing in at the provider failed: reason is insecure, state, provider or token; detail is the provider's words. */
export class SignInError extends Error {
  constructor(reason, detail) {
    super(detail || reason);
    this.reason = reason;
    this.detail = detail || '';
  }
}

function base64url(bytes) {
  let binary = '';
  new Uint8Array(bytes).forEach((b) => { binary += String.fromCharCode(b); });
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function random(size) {
  return base64url(crypto.getRandomValues(new Uint8Array(size)));
}

/** The S256 code challenge of a verifier: base64url(SHA-256(verifier)). */
export async function challenge(verifier) {
  return base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
}

/** Where the provider sends the browser back: the console's own address, without query or fragment. */
export function redirectUri() {
  return `${location.origin}${location.pathname}`;
}

/** To the provider's sign-in page; the page the user was on (the hash) is restored afterwards. */
export async function begin(provider) {
  if (!window.crypto || !crypto.subtle) {
    // WebCrypto exists only in secure contexts: https, or http on localhost.
    throw new SignInError('insecure');
  }
  const verifier = random(48);
  const state = random(24);
  sessionStorage.setItem(PENDING, JSON.stringify({
    state, verifier, redirectUri: redirectUri(), hash: location.hash,
    tokenUri: provider.tokenUri, clientId: provider.clientId,
  }));
  const url = new URL(provider.authorizationUri);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', provider.clientId);
  url.searchParams.set('redirect_uri', redirectUri());
  url.searchParams.set('scope', provider.scope);
  url.searchParams.set('state', state);
  url.searchParams.set('code_challenge', await challenge(verifier));
  url.searchParams.set('code_challenge_method', 'S256');
  location.assign(url.toString());
}

/** Whether this page load is the provider sending the browser back. */
export function returning() {
  const params = new URLSearchParams(location.search);
  return params.has('state') && (params.has('code') || params.has('error'));
}

/**
 * The access token for the code the provider sent back. The query is removed from the address bar first, so
 * a reload does not try the (single-use) code again.
 */
export async function complete() {
  const params = new URLSearchParams(location.search);
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  history.replaceState(null, '', `${location.pathname}${(pending && pending.hash) || ''}`);
  if (!pending || params.get('state') !== pending.state) throw new SignInError('state');
  if (params.has('error')) {
    throw new SignInError('provider', params.get('error_description') || params.get('error'));
  }
  let response;
  try {
    response = await fetch(pending.tokenUri, {
      method: 'POST', credentials: 'omit', cache: 'no-store',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Accept': 'application/json' },
      body: new URLSearchParams({
        grant_type: 'authorization_code', code: params.get('code'), redirect_uri: pending.redirectUri,
        client_id: pending.clientId, code_verifier: pending.verifier,
      }),
    });
  } catch (e) {
    throw new SignInError('token', e.message);
  }
  let json = {};
  try { json = await response.json(); } catch (e) { /* not JSON: reported below by status */ }
  if (!response.ok || !json.access_token) {
    throw new SignInError('token', json.error_description || json.error || `HTTP ${response.status}`);
  }
  return json.access_token;
}
