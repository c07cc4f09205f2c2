// The console shell: sign-in, navigation by role, hash routing (#/customers/<id>, #/builder/<key>),
// the language switch; after sign-in, the role's first page. Pages are modules exporting render(main, context).
// Sign-in follows the platform's mode (GET /api/v1/console/settings): a user name and password in the embedded
// mode; in JWT mode the identity provider (authorization code + PKCE, js/oidc.js) or a pasted access token.
import * as api from './api.js';
import * as oidc from './oidc.js';
import { h, clear } from './dom.js';
import { load, t, language, dateTime } from './i18n.js';

const MARKETER = 'MARKETER';
const ANALYST = 'ANALYST';
const AUDITOR = 'AUDITOR';
const ADMIN = 'ADMIN';

/**
 * Every page and the roles that may use it, in menu order. A page is shown (and routed to) only for
 * those roles; the API enforces the same rules. A new page — e.g. the audit pages — is one entry.
 */
export const PAGES = [
  // first, so it is where marketers, analysts and admins land after signing in (auditors may not read dashboards)
  { id: 'overview', title: 'nav.overview', roles: [MARKETER, ANALYST, ADMIN], module: () => import('./pages/overview.js') },
  { id: 'customers', title: 'nav.customers', roles: [MARKETER, ANALYST], module: () => import('./pages/customer360.js') },
  { id: 'segments', title: 'nav.segments', roles: [MARKETER, ANALYST, AUDITOR], module: () => import('./pages/segments.js') },
  { id: 'builder', title: 'nav.builder', roles: [MARKETER, ANALYST], module: () => import('./pages/builder.js') },
  { id: 'campaigns', title: 'nav.campaigns', roles: [MARKETER, ANALYST, AUDITOR], module: () => import('./pages/campaigns.js') },
  { id: 'offers', title: 'nav.offers', roles: [MARKETER, ANALYST, AUDITOR], module: () => import('./pages/offers.js') },
  { id: 'journeys', title: 'nav.journeys', roles: [MARKETER, ANALYST, AUDITOR], module: () => import('./pages/journeys.js') },
  { id: 'models', title: 'nav.models', roles: [MARKETER, ANALYST, AUDITOR], module: () => import('./pages/models.js') },
  { id: 'attribution', title: 'nav.attribution', roles: [ANALYST, MARKETER, AUDITOR], module: () => import('./pages/attribution.js') },
  { id: 'backtests', title: 'backtests.nav', roles: [MARKETER, ANALYST, AUDITOR], module: () => import('./pages/backtests.js') },
  { id: 'experiments', title: 'nav.experiments', roles: [MARKETER, ANALYST, AUDITOR], module: () => import('./pages/experiments.js') },
  { id: 'audit', title: 'nav.audit', roles: [AUDITOR, ADMIN], module: () => import('./pages/audit.js') },
];

/** Finer permissions inside pages, mirroring SecurityConfig. */
const CAN = {
  trainModels: ['ADMIN'],
  manageOffers: [MARKETER],
  manageCampaigns: [MARKETER],
  lookUpCoupons: [MARKETER, ANALYST, AUDITOR],
  manageJourneys: [MARKETER],
  saveSegments: [MARKETER],
  previewSegments: [MARKETER, ANALYST],
  viewCustomers: [MARKETER, ANALYST],
  runAttribution: [ANALYST],
};

let me = null;
/** The platform's sign-in: { mode, identityProvider? }. */
let settings = { mode: 'embedded' };
/** What the sign-in page says first: why the user is back on it (a refused token, an expired sign-in). */
let notice = '';
let started = false;
let expiryTimer = null;

function allowed(roles) {
  return me !== null && roles.some((r) => me.roles.includes(r));
}

export function can(permission) {
  return allowed(CAN[permission] || []);
}

function pages() {
  return PAGES.filter((p) => allowed(p.roles));
}

function route() {
  const parts = (location.hash || '').replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  return { page: parts[0] || '', arg: parts.slice(1).join('/') };
}

export function go(page, arg) {
  const target = `#/${page}${arg ? `/${encodeURIComponent(arg)}` : ''}`;
  if (location.hash === target) render(); else location.hash = target;
}

function renderNav(current) {
  const nav = clear(document.getElementById('nav'));
  if (!me) return;
  const list = h('ul');
  for (const page of pages()) {
    list.append(h('li', {}, h('a', {
      href: `#/${page.id}`, id: `nav-${page.id}`,
      'aria-current': page.id === current ? 'page' : undefined,
    }, t(page.title))));
  }
  nav.append(list);
  document.getElementById('whoami').textContent = t('app.signedInAs', { user: me.user, roles: me.roles.join(', ') });
  document.getElementById('sign-out').hidden = false;
}

let renders = 0;

async function render() {
  const mine = ++renders;
  const main = clear(document.getElementById('main'));
  if (!me) {
    document.getElementById('whoami').textContent = '';
    document.getElementById('sign-out').hidden = true;
    clear(document.getElementById('nav'));
    renderLogin(main);
    return;
  }
  const { page: id, arg } = route();
  const visible = pages();
  const page = visible.find((p) => p.id === id);
  if (!page) {
    const known = PAGES.find((p) => p.id === id);
    if (known) {
      // A page that exists but not for this role (e.g. a marketer typing #/audit): say so, and offer a way on.
      // The API refuses its calls anyway; this is for clarity.
      renderNav('');
      document.title = `${t('app.notAllowed')} · RetailPulse`;
      main.append(h('h1', { id: 'not-allowed' }, t('app.notAllowed')),
        h('p', { role: 'alert' }, t('app.notAllowedDetail', { page: t(known.title), roles: me.roles.join(', ') })),
        visible.length ? h('p', {}, h('a', { href: `#/${visible[0].id}` }, t('app.goTo', { page: t(visible[0].title) }))) : null);
      return;
    }
    if (visible.length > 0) { go(visible[0].id); return; }
    renderNav('');
    main.append(h('h1', {}, t('app.nothingForRole')), h('p', {}, t('app.nothingForRoleDetail', { roles: me.roles.join(', ') })));
    return;
  }
  renderNav(page.id);
  document.title = `${t(page.title)} · RetailPulse`;
  const module = await page.module();
  if (mine !== renders) return; // signed out or moved on while the page's module loaded
  // The page draws into its own element: what it draws after it was left (an answer arriving after sign-out
  // or after another page was opened) lands in a detached element, not over what replaced it.
  const view = h('div', { class: 'view' });
  main.append(view);
  await module.render(view, { arg, me, can, go });
}

function renderLogin(main) {
  const message = notice;
  notice = '';
  if (settings.mode === 'jwt') {
    renderTokenLogin(main, message);
    return;
  }
  document.title = `${t('login.title')} · RetailPulse`;
  const error = h('p', { class: 'error', id: 'login-error', role: 'alert' }, message || '');
  const user = h('input', { id: 'login-user', name: 'user', autocomplete: 'username', required: true });
  const password = h('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const submit = h('button', { type: 'submit', id: 'login-submit', class: 'primary' }, t('login.submit'));
  const form = h('form', {
    class: 'login card', 'aria-labelledby': 'login-heading',
    onsubmit: async (e) => {
      e.preventDefault();
      error.textContent = '';
      submit.disabled = true;
      try {
        me = await api.signIn(user.value.trim(), password.value);
        render();
      } catch (err) {
        error.textContent = err.status === 401 ? t('login.wrong') : t('error.generic', { message: err.message });
        password.value = '';
        password.focus();
      } finally {
        submit.disabled = false;
      }
    },
  },
  h('h1', { id: 'login-heading' }, t('login.title')),
  h('p', { class: 'hint' }, t('login.hint')),
  h('label', { for: 'login-user' }, t('login.user')), user,
  h('label', { for: 'login-password' }, t('login.password')), password,
  error, submit);
  main.append(form);
  user.focus();
}

/**
 * JWT mode: the identity provider's sign-in when one is configured, and always a field for an access token
 * (service desks, tests). The token is checked with GET /api/v1/me like a password is, and kept in this tab.
 */
function renderTokenLogin(main, message) {
  document.title = `${t('login.title')} · RetailPulse`;
  const error = h('p', { class: 'error', id: 'login-error', role: 'alert' }, message || '');
  const provider = settings.identityProvider;
  const providerButton = provider ? h('button', {
    type: 'button', id: 'login-provider', class: 'primary',
    onclick: async () => {
      error.textContent = '';
      providerButton.disabled = true;
      try {
        await oidc.begin(provider);
      } catch (err) {
        error.textContent = providerMessage(err);
        providerButton.disabled = false;
      }
    },
  }, t('signin.provider', { provider: provider.name })) : null;
  const token = h('textarea', {
    id: 'login-token', name: 'token', rows: 4, required: true, spellcheck: 'false', autocomplete: 'off',
    'aria-describedby': 'login-token-hint',
  });
  const submit = h('button', { type: 'submit', id: 'login-token-submit', class: provider ? '' : 'primary' }, t('signin.tokenSubmit'));
  const form = h('form', {
    class: 'login-token',
    onsubmit: async (e) => {
      e.preventDefault();
      error.textContent = '';
      submit.disabled = true;
      try {
        me = await api.signInWithToken(token.value);
        signedIn();
        render();
      } catch (err) {
        error.textContent = refusedTokenMessage(err, token.value);
        token.focus();
      } finally {
        submit.disabled = false;
      }
    },
  },
  h('h2', { id: 'login-token-heading' }, t('signin.tokenHeading')),
  h('p', { class: 'hint', id: 'login-token-hint' }, t('signin.tokenHint')),
  h('label', { for: 'login-token' }, t('signin.token')), token,
  submit);
  main.append(h('section', { class: 'login card', 'aria-labelledby': 'login-heading' },
    h('h1', { id: 'login-heading' }, t('login.title')),
    h('p', { class: 'hint' }, t('signin.hint')),
    error,
    providerButton,
    provider ? h('p', { class: 'login-or' }, t('signin.or')) : null,
    form));
  (providerButton || token).focus();
}

/** Why a pasted token was refused, in words: expired (with when, read from the token), or the platform's reason. */
function refusedTokenMessage(err, token) {
  if (err.status !== 401) return t('error.generic', { message: err.message });
  const expires = api.expiryOf(token);
  if (expires && expires.getTime() <= Date.now()) return t('signin.tokenExpired', { time: dateTime(expires.toISOString()) });
  return t('signin.tokenRefused', { detail: err.message });
}

function providerMessage(err) {
  switch (err.reason) {
    case 'insecure': return t('signin.insecure');
    case 'state': return t('signin.state');
    case 'provider': return t('signin.providerRefused', { detail: err.detail });
    case 'token': return t('signin.tokenFailed', { detail: err.detail });
    default: return t('error.generic', { message: err.message });
  }
}

/**
 * After a sign-in with a token that says when it expires: back to the sign-in page at that moment, with the
 * reason, instead of letting the next call fail. (The platform may accept it a little longer: clock skew.)
 */
function signedIn() {
  clearTimeout(expiryTimer);
  const expires = api.expiry();
  if (!expires) return;
  const wait = Math.min(Math.max(expires.getTime() - Date.now(), 0), 2 ** 31 - 1);
  expiryTimer = setTimeout(() => {
    if (api.expiry() && api.expiry().getTime() <= Date.now()) {
      signedOut(t('signin.sessionExpired', { time: dateTime(expires.toISOString()) }));
    } else {
      signedIn();
    }
  }, wait);
}

/** Forgets the credentials and shows the sign-in page, saying why. */
function signedOut(message) {
  clearTimeout(expiryTimer);
  api.forget();
  me = null;
  notice = message || '';
  if (started) render();
}

function signOut() {
  clearTimeout(expiryTimer);
  api.forget();
  me = null;
  notice = '';
  location.hash = '';
  render();
}

async function start() {
  await load();
  const lang = document.getElementById('lang');
  lang.value = language();
  lang.addEventListener('change', async () => { await load(lang.value); render(); });
  document.getElementById('sign-out').addEventListener('click', signOut);
  // stored credentials the platform no longer accepts (an expired or revoked token, a changed password)
  api.whenUnauthorized(() => signedOut(t(settings.mode === 'jwt' ? 'signin.sessionEnded' : 'signin.passwordEnded')));
  settings = await api.settings();
  if (settings.mode === 'jwt' && oidc.returning()) {
    try {
      me = await api.signInWithToken(await oidc.complete());
    } catch (e) {
      api.forget();
      notice = e instanceof oidc.SignInError ? providerMessage(e) : refusedTokenMessage(e, '');
    }
  } else if (api.signedIn()) {
    try {
      me = await api.get('/api/v1/me');
    } catch (e) {
      api.forget();
    }
  }
  if (me) signedIn();
  started = true;
  window.addEventListener('hashchange', render);
  render();
}

start().catch((e) => {
  document.getElementById('main').textContent = `The console could not start: ${e.message}`;
});
