// The audit page (docs/audit.md; AUDITOR and ADMIN): a customer's stored events with who caused each one,
// filtered by event type; for each message decision, "why?" asks the audit API for the causal chain and
// shows it as a timeline, oldest first, each step with the stored event it rests on. For the customer also:
// the profile as it stood at a chosen moment beside the profile now, the differences marked, and the audit
// trail as a CSV file. For the whole store: the hash chain's sealed head, sealing now, and verifications
// with their progress and result.
import * as api from '../api.js';
import { h, clear } from '../dom.js';
import { t, dateTime, money, number, locale } from '../i18n.js';
import { local } from '../forms.js';

/** The decisions an auditor can ask "why?" about, and where each keeps its message id. */
const DECISIONS = {
  MessageAcceptedEvent: (p) => p && p.request && p.request.messageId,
  MessageSuppressedEvent: (p) => p && p.messageId,
};
const VERIFICATION_POLL_MS = 1000;

export async function render(main, { arg, go }) {
  main.append(h('h1', {}, t('audit.title')), h('p', { class: 'hint' }, t('audit.hint')));
  const input = h('input', { id: 'audit-customer', type: 'text', size: 40, required: true, value: arg || '', autocomplete: 'off' });
  const error = h('p', { class: 'error', id: 'audit-customer-error', role: 'alert' });
  const form = h('form', { class: 'card', id: 'audit-form' },
    h('div', { class: 'field' }, h('label', { for: 'audit-customer' }, t('audit.customerId')), input),
    error,
    h('button', { type: 'submit', class: 'primary', id: 'audit-load' }, t('audit.load')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const id = input.value.trim();
    if (!id) {
      error.textContent = t('audit.customerIdRequired');
      input.focus();
      return;
    }
    go('audit', id);
  });
  const chain = h('section', { id: 'audit-chain', class: 'card', 'aria-labelledby': 'chain-title' });
  const tools = h('div', { id: 'audit-customer-tools' });
  const history = h('section', { id: 'audit-history' });
  main.append(h('div', { class: 'audit-top' }, form, chain), tools, history);
  const customerId = arg ? arg.trim() : '';
  if (customerId) customerTools(tools, customerId);
  await Promise.all([showChain(chain), customerId ? showHistory(history, customerId) : null]);
}

async function showHistory(section, customerId) {
  clear(section);
  let view;
  try {
    view = await api.get(`/api/v1/customers/${encodeURIComponent(customerId)}/events`);
  } catch (err) {
    section.append(h('p', { class: 'error', role: 'alert', id: 'audit-error' }, err.status === 404
      ? t('audit.noEvents', { customer: customerId })
      : t('error.generic', { message: err.message })));
    return;
  }
  const events = view.events || [];
  const types = [...new Set(events.map((e) => e.type))].sort();
  const filter = h('select', { id: 'audit-filter' },
    h('option', { value: '' }, t('audit.allEvents', { count: events.length })),
    types.map((type) => h('option', { value: type }, `${type} (${events.filter((e) => e.type === type).length})`)));
  const why = h('section', { id: 'audit-why', 'aria-live': 'polite' });
  const tbody = h('tbody');
  const fill = () => {
    clear(tbody);
    const shown = events.filter((e) => !filter.value || e.type === filter.value);
    shown.forEach((e) => tbody.append(row(e, view.customerId, why)));
    count.textContent = t('audit.shown', { shown: shown.length, total: events.length });
  };
  const count = h('span', { class: 'subtle', id: 'audit-count' });
  filter.addEventListener('change', fill);
  section.append(
    h('h2', {}, t('audit.historyOf', { customer: view.customerId })),
    h('div', { class: 'row' }, h('label', { for: 'audit-filter' }, t('audit.filter')), ' ', filter, ' ', count),
    h('table', { id: 'audit-events', class: 'wide' },
      h('caption', { class: 'visually-hidden' }, t('audit.historyOf', { customer: view.customerId })),
      h('thead', {}, h('tr', {}, ['audit.time', 'audit.event', 'audit.who', 'audit.correlation', 'audit.actions']
        .map((k) => h('th', { scope: 'col' }, t(k))))),
      tbody),
    why);
  fill();
}

function row(e, customerId, why) {
  const m = e.metadata || {};
  const messageId = DECISIONS[e.type] ? DECISIONS[e.type](e.payload) : null;
  return h('tr', { 'data-event': e.eventId, 'data-type': e.type },
    h('td', {}, h('time', { datetime: e.timestamp, title: e.timestamp }, dateTime(e.timestamp))),
    h('td', { class: 'type' }, e.type, messageId ? h('div', { class: 'subtle' }, h('code', {}, messageId)) : null),
    h('td', {}, [m.issuedBy, m.source].filter(Boolean).join(' · ') || '—'),
    h('td', {}, m.correlationId ? h('code', { class: 'subtle', title: m.traceId ? `trace ${m.traceId}` : undefined }, m.correlationId) : '—'),
    h('td', {}, messageId ? h('button', {
      type: 'button', class: 'small why', 'data-message': messageId,
      onclick: () => explain(why, customerId, messageId),
    }, t('audit.why')) : null));
}

async function explain(section, customerId, messageId) {
  clear(section).append(h('p', { class: 'subtle' }, t('app.loading')));
  let answer;
  try {
    answer = await api.get(`/api/v1/audit/customers/${encodeURIComponent(customerId)}/messages/${encodeURIComponent(messageId)}`);
  } catch (err) {
    clear(section).append(h('p', { class: 'error', role: 'alert' }, err.status === 404
      ? t('audit.noMessage', { message: messageId })
      : t('error.generic', { message: err.message })));
    return;
  }
  const s = answer.source || {};
  const origin = [s.kind || s.type, s.key, s.version ? `v${s.version}` : null, s.step, s.arm].filter(Boolean).join(' · ');
  clear(section).append(
    h('h2', { id: 'why-title' }, t('audit.whyTitle', { message: messageId })),
    h('p', { id: 'why-outcome' }, t('audit.outcome', { outcome: t(`audit.outcome.${answer.outcome}`) }),
      origin ? [' · ', t('audit.source', { source: origin })] : null),
    h('ol', { class: 'timeline', id: 'why-chain' }, (answer.chain || []).map((step, i) => h('li', { 'data-kind': step.kind },
      h('div', { class: 'when' }, h('strong', { class: 'kind' }, kindText(step.kind)), ' · ',
        h('time', { datetime: step.at, title: step.at }, dateTime(step.at))),
      h('p', { class: 'says' }, step.says),
      h('p', { class: 'subtle' }, t('audit.restsOn', { event: step.event || '—' }), ' ',
        step.eventId ? h('code', { class: 'event-id' }, step.eventId) : '—'),
      step.detail !== undefined && step.detail !== null
        ? h('details', { id: `why-detail-${i}` }, h('summary', {}, t('audit.detail')),
          h('pre', {}, JSON.stringify(step.detail, null, 2)))
        : null))));
  section.scrollIntoView({ block: 'start' });
}

function kindText(kind) {
  const key = `audit.kind.${kind}`;
  const text = t(key);
  return text === key ? kind : text;
}

// ---- the profile as of a past moment, beside the profile now ----------------------------------------

function customerTools(container, customerId) {
  container.append(h('div', { class: 'audit-tools' }, asOfForm(customerId), trailCard(customerId)),
    h('section', { id: 'asof-result', 'aria-live': 'polite' }));
}

function asOfForm(customerId) {
  const input = h('input', { id: 'asof-at', type: 'datetime-local', step: 1, required: true,
    value: local(new Date(Date.now() - 24 * 3600_000), true) });
  const error = h('p', { class: 'error', id: 'asof-error', role: 'alert' });
  const button = h('button', { type: 'submit', class: 'primary', id: 'asof-show' }, t('audit.asof.show'));
  const form = h('form', { class: 'card', id: 'asof-form' },
    h('h2', {}, t('audit.asof.title')),
    h('p', { class: 'hint' }, t('audit.asof.hint')),
    h('div', { class: 'field' }, h('label', { for: 'asof-at' }, t('audit.asof.at')), input),
    error, button);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    const at = new Date(input.value);
    if (!input.value || Number.isNaN(at.getTime())) {
      error.textContent = t('audit.asof.atRequired');
      input.focus();
      return;
    }
    const result = document.getElementById('asof-result');
    clear(result).append(h('p', { class: 'subtle' }, t('app.loading')));
    button.disabled = true;
    // "now" a second ago: the API refuses a moment in its future, and the browser's clock may run ahead
    const then = at.toISOString();
    const now = new Date(Date.now() - 1000).toISOString();
    const path = (when) => `/api/v1/audit/customers/${encodeURIComponent(customerId)}/profile?asOf=${encodeURIComponent(when)}`;
    const [past, current] = await Promise.allSettled([api.get(path(then)), api.get(path(now))]);
    button.disabled = false;
    if (past.status === 'rejected' && past.reason.status === 400) {
      clear(result);
      error.textContent = past.reason.errors.length ? past.reason.errors.join(' · ') : past.reason.message;
      return;
    }
    if (current.status === 'rejected' && current.reason.status !== 404) {
      clear(result).append(h('p', { class: 'error', role: 'alert' }, t('error.generic', { message: current.reason.message })));
      return;
    }
    if (past.status === 'rejected' && past.reason.status !== 404) {
      clear(result).append(h('p', { class: 'error', role: 'alert' }, t('error.generic', { message: past.reason.message })));
      return;
    }
    compare(result, customerId, then, past.status === 'fulfilled' ? past.value : null, now,
      current.status === 'fulfilled' ? current.value : null);
  });
  return form;
}

let onlyChanges = true;

function compare(section, customerId, thenIso, then, nowIso, now) {
  const a = fields(then);
  const b = fields(now);
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort((x, y) => order(x, a, b) - order(y, a, b) || x.localeCompare(y));
  const differing = keys.filter((k) => text(a.get(k)) !== text(b.get(k)));
  const body = h('tbody');
  const fill = () => {
    clear(body);
    let group = null;
    keys.forEach((k) => {
      const changed = differing.includes(k);
      if (onlyChanges && !changed) return;
      const row = a.get(k) || b.get(k);
      if (row.group !== group) {
        group = row.group;
        body.append(h('tr', { class: 'group' }, h('th', { colspan: 4, scope: 'colgroup' }, t(`audit.asof.group.${group}`))));
      }
      body.append(h('tr', { 'data-field': k, class: changed ? 'changed' : 'same' },
        h('th', { scope: 'row' }, row.label),
        h('td', { class: 'then' }, text(a.get(k))),
        h('td', { class: 'now' }, text(b.get(k))),
        h('td', { class: 'mark' }, changed ? h('span', { class: 'badge changed' }, t('audit.asof.changed')) : '')));
    });
    if (!body.firstChild) body.append(h('tr', {}, h('td', { colspan: 4, class: 'subtle' }, t('audit.asof.noChanges'))));
  };
  const toggle = h('input', { type: 'checkbox', id: 'asof-only-changes', checked: onlyChanges });
  toggle.addEventListener('change', () => { onlyChanges = toggle.checked; fill(); });
  clear(section).append(...[
    h('h2', { id: 'asof-title' }, t('audit.asof.compared', { customer: customerId })),
    then ? null : h('p', { class: 'notice', id: 'asof-none' }, t('audit.asof.none', { at: exact(thenIso) })),
    h('p', { id: 'asof-summary' }, t('audit.asof.summary', { changed: differing.length, total: keys.length })),
    h('div', { class: 'row' }, toggle, h('label', { for: 'asof-only-changes', class: 'inline' }, t('audit.asof.onlyChanges'))),
    h('div', { class: 'scroll' }, h('table', { class: 'wide asof', id: 'asof-table' },
      h('caption', { class: 'visually-hidden' }, t('audit.asof.compared', { customer: customerId })),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, t('audit.asof.field')),
        h('th', { scope: 'col' }, t('audit.asof.then', { at: exact(thenIso) }), ' ', h('code', { class: 'subtle' }, thenIso.replace('.000Z', 'Z'))),
        h('th', { scope: 'col' }, t('audit.asof.now', { at: exact(nowIso) })),
        h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('audit.asof.changed'))))),
      body))].filter(Boolean));
  fill();
}

/** A moment to the second, in the browser's time zone (the picker's). */
function exact(iso) {
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(iso));
}

const GROUPS = ['orders', 'rfm', 'segments', 'consents', 'identities', 'tags'];

function order(key, a, b) {
  const row = a.get(key) || b.get(key);
  return GROUPS.indexOf(row.group);
}

function text(row) {
  return row ? row.text : '—';
}

/** A profile as rows: key → { group, label, text }; the same keys in any two profiles, so they compare. */
function fields(p) {
  const rows = new Map();
  if (!p) return rows;
  const put = (group, key, label, value) => rows.set(`${group}.${key}`, { group, label, text: value });
  const o = p.orders || {};
  const currency = o.currency;
  put('orders', 'count', t('c360.orderCount'), number(o.count || 0));
  put('orders', 'cancelled', t('c360.cancelled'), number(o.cancelled || 0));
  put('orders', 'revenue', t('c360.revenue'), money(o.revenue, currency));
  put('orders', 'refunded', t('c360.refunded'), money(o.refunded, currency));
  put('orders', 'aov', t('c360.aov'), money(o.averageOrderValue, currency));
  put('orders', 'first', t('c360.firstOrder'), dateTime(o.firstOrderAt));
  put('orders', 'last', t('c360.lastOrder'), dateTime(o.lastOrderAt));
  const r = p.rfm || {};
  put('rfm', 'recency', t('audit.asof.recency'), r.recencyDays === null || r.recencyDays === undefined ? '—' : number(r.recencyDays));
  put('rfm', 'frequency', t('audit.asof.frequency'), number(r.frequency || 0));
  put('rfm', 'monetary', t('audit.asof.monetary'), money(r.monetary, currency));
  put('rfm', 'scores', t('audit.asof.scores'), [r.r, r.f, r.m].some((v) => v !== null && v !== undefined) ? `${r.r ?? '—'} / ${r.f ?? '—'} / ${r.m ?? '—'}` : '—');
  put('rfm', 'group', t('audit.asof.rfmGroup'), r.group || '—');
  Object.entries(p.segments || {}).forEach(([key, m]) =>
    put('segments', key, key, t('audit.asof.member', { version: m.version, since: dateTime(m.since) })));
  Object.entries(p.consents || {}).forEach(([key, c]) =>
    put('consents', key, key, t(c.granted ? 'audit.asof.granted' : 'audit.asof.withdrawn', { at: dateTime(c.at), source: c.source || '—' })));
  put('identities', 'identifiers', t('audit.asof.identifiers'), (p.identifiers || []).join(', ') || '—');
  put('identities', 'records', t('audit.asof.records'), (p.records || []).join(', ') || '—');
  put('identities', 'firstSeen', t('audit.asof.firstSeen'), dateTime(p.firstSeenAt));
  Object.entries(p.tags || {}).forEach(([key, v]) => put('tags', key, key, tagText(v)));
  return rows;
}

function tagText(v) {
  if (v === null || v === undefined) return '—';
  if (Array.isArray(v)) return v.map(tagText).join(', ') || '—';
  if (typeof v === 'number') return number(v);
  if (typeof v === 'boolean') return t(v ? 'app.yes' : 'app.no');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

// ---- the audit trail as CSV -------------------------------------------------------------------------

function trailCard(customerId) {
  const status = h('p', { id: 'trail-status', role: 'status' });
  const link = h('span', { id: 'trail-file' });
  let url = null;
  const button = h('button', { type: 'button', id: 'trail-download' }, t('audit.trail.download'));
  button.addEventListener('click', async () => {
    button.disabled = true;
    status.textContent = t('app.loading');
    try {
      const file = await api.download(`/api/v1/audit/customers/${encodeURIComponent(customerId)}/trail`);
      if (url) URL.revokeObjectURL(url);
      url = URL.createObjectURL(file.blob);
      const a = h('a', { href: url, download: file.filename, id: 'trail-link' }, file.filename);
      clear(link).append(t('audit.trail.again'), ' ', a);
      a.click();
      status.textContent = t('audit.trail.done', { file: file.filename, count: number(Math.max(0, records(await file.blob.text()) - 1)) });
    } catch (err) {
      status.textContent = err.status === 404 ? t('audit.noEvents', { customer: customerId }) : t('error.generic', { message: err.message });
    } finally {
      button.disabled = false;
    }
  });
  return h('section', { class: 'card', id: 'trail' },
    h('h2', {}, t('audit.trail.title')),
    h('p', { class: 'hint' }, t('audit.trail.hint')),
    button, status, h('p', {}, link));
}

/** Records in a CSV text (RFC 4180: a line break inside quotes belongs to the field). */
function records(csv) {
  let count = 0;
  let quoted = false;
  let pending = false;
  for (let i = 0; i < csv.length; i += 1) {
    const c = csv[i];
    if (c === '"') quoted = !quoted;
    if (!quoted && c === '\n') { count += 1; pending = false; } else if (c !== '\r') pending = true;
  }
  return count + (pending ? 1 : 0);
}

// ---- the hash chain ---------------------------------------------------------------------------------

async function showChain(section) {
  const head = h('div', { id: 'chain-head' }, h('p', { class: 'subtle' }, t('app.loading')));
  const state = h('div', { id: 'chain-verification', role: 'status', 'aria-live': 'polite' });
  const list = h('div', { id: 'chain-verifications' });
  const error = h('p', { class: 'error', role: 'alert', id: 'chain-error' });
  let current = null;
  const load = async () => {
    try {
      const [chain, recent] = await Promise.all([api.get('/api/v1/audit/chain'), api.get('/api/v1/audit/chain/verifications?limit=10')]);
      current = chain;
      showHead(head, chain);
      showVerifications(list, recent);
      return recent;
    } catch (err) {
      error.textContent = t('error.generic', { message: err.message });
      return [];
    }
  };
  const follow = async (v) => {
    let seen = v;
    while (seen.status === 'RUNNING' && section.isConnected) {
      showVerification(state, seen, current);
      await new Promise((resolve) => { setTimeout(resolve, VERIFICATION_POLL_MS); });
      try {
        seen = await api.get(`/api/v1/audit/chain/verifications/${encodeURIComponent(seen.id)}`);
      } catch (err) {
        error.textContent = t('error.generic', { message: err.message });
        return;
      }
    }
    if (!section.isConnected) return;
    showVerification(state, seen, current);
    await load();
  };
  const seal = h('button', { type: 'button', id: 'chain-seal' }, t('audit.chain.seal'));
  const verify = h('button', { type: 'button', class: 'primary', id: 'chain-verify' }, t('audit.chain.verify'));
  seal.addEventListener('click', async () => {
    seal.disabled = true;
    error.textContent = '';
    try {
      current = await api.post('/api/v1/audit/chain/seal');
      showHead(head, current);
    } catch (err) {
      error.textContent = t('error.generic', { message: err.message });
    } finally {
      seal.disabled = false;
    }
  });
  verify.addEventListener('click', async () => {
    verify.disabled = true;
    error.textContent = '';
    try {
      await follow(await api.post('/api/v1/audit/chain/verifications'));
    } catch (err) {
      error.textContent = t('error.generic', { message: err.message });
    } finally {
      verify.disabled = false;
    }
  });
  section.append(h('h2', { id: 'chain-title' }, t('audit.chain.title')),
    h('p', { class: 'hint' }, t('audit.chain.hint')),
    head, h('div', { class: 'row' }, seal, verify), error, state, list);
  const recent = await load();
  // a verification still running (started earlier, or by someone else) is followed to its end
  const running = recent.find((v) => v.status === 'RUNNING');
  if (running) follow(running);
}

function showHead(target, chain) {
  const c = chain.head;
  clear(target).append(c
    ? h('dl', { class: 'facts', id: 'chain-facts' },
      h('dt', {}, t('audit.chain.events')), h('dd', { id: 'chain-events', 'data-events': c.events }, number(c.events)),
      h('dt', {}, t('audit.chain.position')), h('dd', {}, number(c.position)),
      h('dt', {}, t('audit.chain.sealedAt')), h('dd', {}, h('time', { datetime: c.sealedAt }, dateTime(c.sealedAt))),
      h('dt', {}, t('audit.chain.checkpoints')), h('dd', {}, number(chain.checkpoints)),
      h('dt', {}, t('audit.chain.hash')), h('dd', {}, h('code', { id: 'chain-hash', class: 'hash' }, c.hash)))
    : h('p', { id: 'chain-empty' }, t('audit.chain.nothingSealed')));
}

function showVerification(target, v, chain) {
  const total = chain && chain.head ? chain.head.events : 0;
  const parts = [h('p', { id: 'chain-status', 'data-status': v.status, class: statusClass(v.status) },
    h('strong', {}, statusText(v.status)),
    v.finishedAt ? [' · ', t('audit.chain.finishedAt', { at: dateTime(v.finishedAt) })] : null)];
  if (v.status === 'RUNNING') {
    parts.push(h('p', {}, h('progress', { id: 'chain-progress', max: Math.max(1, total), value: Math.min(v.eventsChecked, total) }),
      ' ', t('audit.chain.progress', { checked: number(v.eventsChecked), total: number(total), checkpoints: number(v.checkpointsChecked) })));
  } else {
    parts.push(h('p', { id: 'chain-checked' }, t('audit.chain.checked', { checked: number(v.eventsChecked), checkpoints: number(v.checkpointsChecked) })));
  }
  if (v.status === 'BROKEN' && v.brokenToPosition !== null && v.brokenToPosition !== undefined) {
    parts.push(h('p', { class: 'error', id: 'chain-broken' }, t('audit.chain.brokenRange',
      { from: number(v.brokenFromPosition ?? 0), to: number(v.brokenToPosition) })));
  }
  if (v.detail) parts.push(h('p', { class: 'subtle', id: 'chain-detail' }, v.detail));
  clear(target).append(...parts);
}

function showVerifications(target, list) {
  clear(target);
  if (!list.length) {
    target.append(h('p', { class: 'subtle' }, t('audit.chain.noVerifications')));
    return;
  }
  target.append(h('details', { id: 'chain-history' }, h('summary', {}, t('audit.chain.latest', { count: list.length })),
    h('table', { class: 'wide', id: 'chain-verifications-table' },
      h('caption', { class: 'visually-hidden' }, t('audit.chain.latest', { count: list.length })),
      h('thead', {}, h('tr', {}, ['audit.chain.requestedAt', 'audit.chain.requestedBy', 'audit.chain.result', 'audit.chain.eventsChecked']
        .map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', {}, list.map((v) => h('tr', { 'data-verification': v.id, 'data-status': v.status },
        h('td', {}, h('time', { datetime: v.requestedAt }, dateTime(v.requestedAt))),
        h('td', {}, v.requestedBy || '—'),
        h('td', { class: statusClass(v.status), title: v.detail || undefined }, statusText(v.status)),
        h('td', { class: 'num' }, number(v.eventsChecked))))))));
}

function statusText(status) {
  const key = `audit.chain.status.${status}`;
  const text = t(key);
  return text === key ? status : text;
}

function statusClass(status) {
  if (status === 'VERIFIED') return 'ok';
  if (status === 'BROKEN' || status === 'FAILED') return 'error';
  return '';
}
