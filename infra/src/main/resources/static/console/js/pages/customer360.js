// Customer 360: find a customer by id or by an identifier (type:value), then everything the read side
// knows: identities, orders and RFM, tags by group, segments, consent and recommendations.
import * as api from '../api.js';
import { h, clear } from '../dom.js';
import { t, money, number, dateTime } from '../i18n.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Tag dimensions that are amounts of money (in the currency of the customer's orders).
const MONEY_TAGS = /^value\.(ltv|aov|averageUnitPrice|spend\d+d|yearlySpend)$|^value\.predictedLtv/;

let fieldGroups = null;

export async function render(main, { arg, go }) {
  const input = h('input', {
    id: 'customer-query', name: 'customer', value: arg || '', required: true,
    'aria-describedby': 'customer-query-hint', autocomplete: 'off', spellcheck: 'false',
  });
  const error = h('p', { class: 'error', id: 'customer-error', role: 'alert' });
  const result = h('div', { id: 'customer-result', 'aria-live': 'polite' });
  const form = h('form', {
    class: 'search', role: 'search',
    onsubmit: async (e) => {
      e.preventDefault();
      error.textContent = '';
      const query = input.value.trim();
      if (UUID.test(query)) { go('customers', query.toLowerCase()); return; }
      if (!/^[a-z_]+:.+/i.test(query)) { error.textContent = t('c360.badQuery'); return; }
      try {
        const ref = await api.get(`/api/v1/customers?identifier=${encodeURIComponent(query)}`);
        go('customers', ref.customerId);
      } catch (err) {
        error.textContent = err.status === 404 ? t('c360.noSuchIdentifier', { identifier: query }) : problemText(err);
      }
    },
  },
  h('label', { for: 'customer-query' }, t('c360.query')),
  h('div', { class: 'row' }, input, h('button', { type: 'submit', class: 'primary', id: 'customer-search' }, t('c360.search'))),
  h('p', { class: 'hint', id: 'customer-query-hint' }, t('c360.queryHint')),
  error);
  main.append(h('h1', {}, t('c360.title')), form, result);
  if (arg) await show(result, arg, error);
  else input.focus();
}

function problemText(err) {
  if (err.status === 403) return t('error.forbidden');
  if (err.status === 0) return t('error.network', { message: err.message });
  return t('error.generic', { message: err.message });
}

async function show(result, id, error) {
  result.append(h('p', { class: 'hint' }, t('app.loading')));
  let profile;
  try {
    profile = await api.get(`/api/v1/customers/${encodeURIComponent(id)}/profile`);
  } catch (err) {
    clear(result);
    error.textContent = err.status === 404 ? t('c360.noProfile', { id }) : problemText(err);
    return;
  }
  if (fieldGroups === null) {
    try {
      const fields = await api.get('/api/v1/segments/fields');
      fieldGroups = new Map(fields.map((f) => [f.name, f.group]));
    } catch (err) {
      fieldGroups = new Map(); // grouped by name prefix instead
    }
  }
  const [segments, recommendations] = await Promise.all([
    api.get(`/api/v1/customers/${encodeURIComponent(id)}/segments`).catch((err) => ({ failed: err })),
    api.get(`/api/v1/customers/${encodeURIComponent(id)}/recommendations?k=10`).catch((err) => ({ failed: err })),
  ]);
  clear(result);
  const currency = profile.orders && profile.orders.currency;
  result.append(
    h('p', { class: 'subtle' }, t('c360.customer'), ' ', h('code', { id: 'customer-id' }, profile.customerId),
      ' · ', t('c360.updated', { at: dateTime(profile.updatedAt) })),
    h('div', { class: 'grid' },
      ordersCard(profile, currency),
      identitiesCard(profile),
      segmentsCard(segments),
      consentCard(profile),
      recommendationsCard(recommendations)),
    tagsCard(profile, currency));
}

function card(titleKey, id, ...content) {
  return h('section', { class: 'card', id, 'aria-labelledby': `${id}-title` }, h('h2', { id: `${id}-title` }, t(titleKey)), ...content);
}

function facts(rows) {
  return h('dl', { class: 'facts' }, rows.map(([label, value, id]) => [h('dt', {}, label), h('dd', { id }, value)]));
}

function ordersCard(profile, currency) {
  const o = profile.orders || {};
  const r = profile.rfm || {};
  const score = (s) => (s === null || s === undefined ? '—' : String(s));
  return card('c360.orders', 'card-orders', facts([
    [t('c360.orderCount'), number(o.count ?? 0), 'orders-count'],
    [t('c360.cancelled'), number(o.cancelled ?? 0), 'orders-cancelled'],
    [t('c360.revenue'), money(o.revenue, currency), 'orders-revenue'],
    [t('c360.refunded'), money(o.refunded, currency), 'orders-refunded'],
    [t('c360.aov'), money(o.averageOrderValue, currency), 'orders-aov'],
    [t('c360.firstOrder'), dateTime(o.firstOrderAt)],
    [t('c360.lastOrder'), dateTime(o.lastOrderAt)],
  ]), h('h3', {}, t('c360.rfm')), facts([
    [t('c360.recency'), r.recencyDays === null || r.recencyDays === undefined ? '—' : t(r.recencyDays === 1 ? 'c360.oneDay' : 'c360.days', { n: r.recencyDays })],
    [t('c360.frequency'), number(r.frequency ?? 0)],
    [t('c360.monetary'), money(r.monetary, currency)],
    [t('c360.scores'), `R ${score(r.r)} · F ${score(r.f)} · M ${score(r.m)}`, 'rfm-scores'],
    [t('c360.rfmGroup'), r.group || '—', 'rfm-group'],
  ]));
}

function identitiesCard(profile) {
  const ids = profile.identifiers || [];
  const personal = Object.entries(profile.personal || {});
  return card('c360.identities', 'card-identities',
    ids.length ? h('ul', { class: 'plain', id: 'identities' }, ids.map((i) => h('li', {}, h('code', {}, i)))) : h('p', {}, t('c360.none')),
    personal.length ? facts(personal.map(([k, v]) => [k, v])) : null,
    (profile.records || []).length > 1 ? h('p', { class: 'hint' }, t('c360.records', { n: profile.records.length })) : null);
}

function segmentsCard(segments) {
  if (segments.failed) return card('c360.segments', 'card-segments', h('p', { class: 'error' }, problemText(segments.failed)));
  const current = Object.entries(segments.current || {});
  const past = (segments.stays || []).filter((s) => s.leftAt);
  return card('c360.segments', 'card-segments',
    current.length
      ? h('ul', { class: 'plain', id: 'segments-current' }, current.map(([key, m]) => h('li', {},
        h('a', { href: `#/segments/${encodeURIComponent(key)}` }, key), ' ',
        h('span', { class: 'subtle' }, t('c360.segmentSince', { version: m.version, since: dateTime(m.since) })))))
      : h('p', { id: 'segments-current' }, t('c360.noSegments')),
    past.length ? [h('h3', {}, t('c360.pastSegments')), h('ul', { class: 'plain' }, past.map((s) => h('li', {}, s.segment, ' ',
      h('span', { class: 'subtle' }, `${dateTime(s.enteredAt)} – ${dateTime(s.leftAt)}`))))] : null);
}

function consentCard(profile) {
  const consents = Object.entries(profile.consents || {}).sort(([a], [b]) => a.localeCompare(b));
  if (!consents.length) return card('c360.consent', 'card-consent', h('p', { id: 'consents' }, t('c360.noConsent')));
  return card('c360.consent', 'card-consent', h('table', { id: 'consents' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('c360.consentWhat')), h('th', { scope: 'col' }, t('c360.consentState')),
      h('th', { scope: 'col' }, t('c360.consentWhen')), h('th', { scope: 'col' }, t('c360.consentSource')))),
    h('tbody', {}, consents.map(([what, c]) => h('tr', {}, h('td', {}, what),
      h('td', { class: c.granted ? 'ok' : 'no' }, c.granted ? t('c360.granted') : t('c360.withdrawn')),
      h('td', {}, dateTime(c.at)), h('td', {}, c.source || '—'))))));
}

function recommendationsCard(rec) {
  if (rec.failed) {
    const message = rec.failed.status === 404 ? t('c360.noModel') : problemText(rec.failed);
    return card('c360.recommendations', 'card-recommendations', h('p', { id: 'recommendations', class: 'notice' }, message),
      rec.failed.status === 404 && rec.failed.message ? h('p', { class: 'hint' }, rec.failed.message) : null);
  }
  const items = rec.items || [];
  return card('c360.recommendations', 'card-recommendations',
    h('p', { class: 'subtle' }, t('c360.model', { model: rec.model, version: rec.version })),
    items.length ? h('ol', { id: 'recommendations' }, items.map((i) => h('li', {}, h('code', {}, i.sku), ' ',
      h('span', { class: 'subtle' }, number(i.score, 3))))) : h('p', { id: 'recommendations' }, t('c360.noRecommendations')));
}

function groupOf(name) {
  return (fieldGroups && fieldGroups.get(name)) || (name.includes('.') ? name.slice(0, name.indexOf('.')) : name);
}

function tagValue(name, value, currency) {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.length ? value.join(', ') : '—';
  if (typeof value === 'number' && MONEY_TAGS.test(name)) return money(value, currency);
  if (typeof value === 'number') return number(value);
  if (typeof value === 'boolean') return value ? t('app.yes') : t('app.no');
  return String(value);
}

function tagsCard(profile, currency) {
  const groups = new Map();
  Object.entries(profile.tags || {}).sort(([a], [b]) => a.localeCompare(b)).forEach(([name, value]) => {
    const group = groupOf(name);
    if (!groups.has(group)) groups.set(group, []);
    groups.get(group).push([name, value]);
  });
  const filter = h('input', { id: 'tag-filter', type: 'search', autocomplete: 'off' });
  const sections = [...groups.entries()].map(([group, tags]) => h('details', { class: 'tag-group', 'data-group': group, id: `tags-${group}` },
    h('summary', {}, `${group} `, h('span', { class: 'subtle' }, `(${tags.length})`)),
    h('table', {}, h('tbody', {}, tags.map(([name, value]) => h('tr', { 'data-tag': name },
      h('th', { scope: 'row' }, h('code', {}, name)), h('td', { id: `tag-${name}` }, tagValue(name, value, currency))))))));
  filter.addEventListener('input', () => {
    const q = filter.value.trim().toLowerCase();
    sections.forEach((section) => {
      let shown = 0;
      section.querySelectorAll('tr[data-tag]').forEach((row) => {
        const match = !q || row.dataset.tag.toLowerCase().includes(q);
        row.hidden = !match;
        if (match) shown += 1;
      });
      section.hidden = shown === 0;
      section.open = Boolean(q) && shown > 0;
    });
  });
  return card('c360.tags', 'card-tags',
    h('label', { for: 'tag-filter' }, t('c360.tagFilter')), filter,
    sections.length ? sections : h('p', {}, t('c360.none')));
}
