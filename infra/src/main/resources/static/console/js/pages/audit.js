// The audit page (docs/audit.md; AUDITOR and ADMIN): a customer's stored events with who caused each one,
// filtered by event type; for each message decision, "why?" asks the audit API for the causal chain and
// shows it as a timeline, oldest first, each step with the stored event it rests on.
import * as api from '../api.js';
import { h, clear } from '../dom.js';
import { t, dateTime } from '../i18n.js';

/** The decisions an auditor can ask "why?" about, and where each keeps its message id. */
const DECISIONS = {
  MessageAcceptedEvent: (p) => p && p.request && p.request.messageId,
  MessageSuppressedEvent: (p) => p && p.messageId,
};

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
  const history = h('section', { id: 'audit-history' });
  main.append(form, history);
  if (arg) await showHistory(history, arg.trim());
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
