// Journey backtests (docs/backtests.md): what would this journey have done over a past period? A marketer
// picks a published journey and one of its versions, or edits its graph as a draft (the text area is filled
// with the picked version's graph), a period and a conversion window, and starts a backtest; its progress is
// read every second while it replays the event store; once completed, the headline figures, the runs per
// step (in graph order, a table and a bar chart), the messages per channel with why they were suppressed,
// the coupons, the outcomes and the sample paths. Previous backtests are listed, each at #/backtests/<id>.
// Analysts and auditors read; only a marketer starts or cancels one (the API enforces the same).
import * as api from '../api.js';
import { h, clear, uid } from '../dom.js';
import { t, number, money, dateTime } from '../i18n.js';
import { field, placeError, shorten, duration, iso, local } from '../forms.js';
import { barChart } from './charts.js';

const MOVING = ['QUEUED', 'RUNNING'];
const POLL_MS = 1000;
const LIST_LIMIT = 30;
/** The outcomes the simulation reports, to their message keys; anything else is shown as it came. */
const OUTCOMES = {
  completed: 'completed',
  goal: 'goal',
  'coupon refused': 'couponRefused',
  'still in the journey at the end of the period': 'stillIn',
  'too many steps at once': 'tooManySteps',
};
/** An empty page's starting point for a draft: one message, then the end. */
const TEMPLATE = {
  name: 'Draft journey',
  trigger: { type: 'event', on: { event: 'login' } },
  start: 'hello',
  nodes: [
    { type: 'send-message', id: 'hello', channel: 'inbox', title: 'Hello', body: 'Hello', next: 'done' },
    { type: 'exit', id: 'done' },
  ],
  reentry: { policy: 'never' },
  priority: 10,
};

let go = () => {};
/** The form once drawn, so a backtest's "edit this graph" can fill it. */
let form = null;

export async function render(main, context) {
  const { arg, can } = context;
  go = context.go;
  form = null;
  const mayRun = can('manageJourneys');
  const mayOpenCustomers = can('viewCustomers');
  main.append(h('h1', {}, t('backtests.title')), h('p', { class: 'hint' }, t('backtests.intro')));
  let journeys = [];
  let backtest = null;
  try {
    journeys = await api.get('/api/v1/journeys');
    if (arg) backtest = await api.get(`/api/v1/journeys/backtests/${encodeURIComponent(arg)}`);
  } catch (err) {
    main.append(h('p', { class: 'error', role: 'alert', id: 'bt-error' },
      err.status === 404 ? t('backtests.noSuchBacktest', { id: arg }) : t('error.generic', { message: err.message })));
  }
  const layout = h('div', { class: mayRun ? 'attr-layout bt-layout' : 'bt-layout' });
  const listBox = h('section', { class: 'card', id: 'bt-list-box', 'aria-labelledby': 'bt-list-title' });
  if (mayRun) {
    const setup = h('section', { class: 'card', id: 'bt-setup', 'aria-labelledby': 'bt-setup-title' },
      h('h2', { id: 'bt-setup-title' }, t('backtests.setup')));
    form = startForm(journeys, backtest ? backtest.journey : null);
    setup.append(form.element);
    layout.append(setup);
  } else {
    main.append(h('p', { class: 'notice', id: 'bt-read-only' }, t('backtests.readOnly')));
  }
  layout.append(listBox);
  main.append(layout);
  await list(listBox, backtest && backtest.id);
  if (backtest) {
    const section = h('section', { class: 'card attr-run bt-run', id: 'bt-run', 'aria-labelledby': 'bt-run-title' });
    main.append(section);
    await follow(section, backtest, mayRun, mayOpenCustomers);
  }
}

// ---- starting a backtest -----------------------------------------------------------------------------------

/**
 * The form: a journey, then either one of its published versions or a draft graph (filled with the picked
 * version's graph, to tweak), the period and the conversion window. The server checks everything; its
 * errors ("graph: node 'x': …", "to: …") are placed next to the field they name.
 */
function startForm(journeys, chosen) {
  const journey = h('select', {}, journeys.map((j) => h('option', { value: j.key },
    `${j.name} (${j.key}, ${t(`journeys.state.${j.state}`)})`)));
  if (chosen && journeys.some((j) => j.key === chosen)) journey.value = chosen;
  const version = h('select', {});
  const key = h('input', { type: 'text', maxlength: 64, autocomplete: 'off' });
  const graph = h('textarea', { rows: 16, cols: 60, spellcheck: 'false', class: 'bt-graph' });
  const sourceName = uid('bt-source');
  const byVersion = h('input', { type: 'radio', name: sourceName, id: 'bt-source-version', value: 'version', checked: journeys.length > 0 });
  const byDraft = h('input', { type: 'radio', name: sourceName, id: 'bt-source-draft', value: 'draft', checked: journeys.length === 0 });
  if (!journeys.length) byVersion.disabled = true;
  const now = new Date();
  const to = new Date(Math.ceil((now.getTime() + 60_000) / 60_000) * 60_000);
  const from = new Date(to.getTime() - 30 * 24 * 3600_000);
  const fromInput = h('input', { type: 'datetime-local', step: 60, value: local(from) });
  const toInput = h('input', { type: 'datetime-local', step: 60, value: local(to) });
  const window = h('input', { type: 'text', value: 'P7D', size: 8 });
  const status = h('div', { id: 'bt-start-status', role: 'status', 'aria-live': 'polite' });
  const button = h('button', { type: 'submit', class: 'primary', id: 'bt-start' }, t('backtests.start'));
  journey.id = 'bt-journey';
  version.id = 'bt-version';
  key.id = 'bt-key';
  graph.id = 'bt-graph';
  fromInput.id = 'bt-from';
  toInput.id = 'bt-to';
  window.id = 'bt-window';
  const journeyField = field(t('backtests.journey'), journey, 'journey');
  const versionField = field(t('backtests.version'), version, 'version');
  const keyField = field(t('backtests.draftKey'), key, 'journey', t('backtests.draftKeyHint'));
  const graphField = field(t('backtests.graph'), graph, 'graph', t('backtests.graphHint'));
  const element = h('form', { id: 'bt-start-form', novalidate: true, 'aria-labelledby': 'bt-setup-title' },
    journeys.length ? journeyField : h('p', { id: 'bt-no-journeys' }, t('backtests.noJourneys')),
    h('fieldset', { class: 'bt-source' }, h('legend', {}, t('backtests.what')),
      h('div', { class: 'row' }, byVersion, h('label', { for: 'bt-source-version', class: 'inline' }, t('backtests.sourceVersion')),
        byDraft, h('label', { for: 'bt-source-draft', class: 'inline' }, t('backtests.sourceDraft')))),
    versionField, keyField, graphField,
    h('h3', {}, t('backtests.period')), h('p', { class: 'hint' }, t('backtests.periodHint')),
    h('div', { class: 'row bt-period' }, field(t('backtests.from'), fromInput, 'from'), field(t('backtests.to'), toInput, 'to'),
      field(t('backtests.window'), window, 'conversionWindow', t('backtests.windowHint'))),
    button, status);

  const draft = () => byDraft.checked;
  const showSource = () => {
    // a "journey: …" error names the draft's key in a draft, the picked journey otherwise
    journeyField.dataset.field = draft() ? 'source' : 'journey';
    versionField.hidden = draft();
    keyField.hidden = !draft();
    graphField.hidden = !draft();
  };
  /** The versions of the picked journey, newest first, and its graph in the text area. */
  const pickJourney = async () => {
    const j = journeys.find((x) => x.key === journey.value);
    clear(version);
    if (!j) return;
    for (let v = j.version; v >= 1; v -= 1) {
      version.append(h('option', { value: String(v) }, t(v === j.version ? 'backtests.versionLatest' : 'backtests.versionN', { v })));
    }
    key.value = j.key;
    await fillGraph();
  };
  const fillGraph = async () => {
    const j = journeys.find((x) => x.key === journey.value);
    if (!j) return;
    const v = Number(version.value || j.version);
    try {
      const g = v === j.version
        ? (await api.get(`/api/v1/journeys/${encodeURIComponent(j.key)}`)).graph
        : await api.get(`/api/v1/journeys/${encodeURIComponent(j.key)}/versions/${v}`);
      graph.value = JSON.stringify(g, null, 2);
    } catch (err) {
      graph.value = '';
      status.className = 'error';
      status.textContent = t('error.generic', { message: err.message });
    }
  };
  journey.addEventListener('change', pickJourney);
  version.addEventListener('change', fillGraph);
  byVersion.addEventListener('change', showSource);
  byDraft.addEventListener('change', showSource);
  if (!journeys.length) graph.value = JSON.stringify(TEMPLATE, null, 2);
  showSource();
  pickJourney();

  element.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(element, status);
    button.disabled = true;
    try {
      const body = { from: iso(fromInput.value), to: iso(toInput.value), conversionWindow: window.value.trim() || null };
      if (draft()) {
        body.journey = key.value.trim();
        try {
          body.graph = JSON.parse(graph.value);
        } catch (parse) {
          throw new api.ApiError(400, { detail: t('backtests.refused'), errors: [`graph: ${t('backtests.notJson', { message: parse.message })}`] });
        }
      } else {
        body.journey = journey.value;
        body.version = Number(version.value);
      }
      const started = await api.post('/api/v1/journeys/backtests', body);
      go('backtests', started.id);
    } catch (err) {
      status.className = 'error';
      status.textContent = err.errors.length ? t('backtests.refused') : t('error.generic', { message: err.message });
      err.errors.forEach((message) => placeError(element, status, message));
      const first = element.querySelector('[aria-invalid="true"]');
      if (first) first.focus();
    } finally {
      button.disabled = false;
    }
  });

  /** Puts a graph that was tried (of a previous backtest) in the draft area, to change and try again. */
  const edit = (journeyKey, g) => {
    byDraft.checked = true;
    showSource();
    key.value = journeyKey;
    graph.value = JSON.stringify(g, null, 2);
    clearErrors(element, status);
    graph.focus();
  };
  return { element, edit };
}

function clearErrors(element, status) {
  element.querySelectorAll('.field-error').forEach((el) => { el.textContent = ''; });
  element.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
  element.querySelectorAll('.has-error').forEach((el) => el.classList.remove('has-error'));
  clear(status);
  status.className = '';
}

// ---- previous backtests ------------------------------------------------------------------------------------

async function list(box, current) {
  clear(box).append(h('h2', { id: 'bt-list-title' }, t('backtests.previous')));
  let backtests;
  try {
    backtests = await api.get(`/api/v1/journeys/backtests?limit=${LIST_LIMIT}`);
  } catch (err) {
    box.append(h('p', { class: 'error', role: 'alert' }, t('error.generic', { message: err.message })));
    return;
  }
  if (!backtests.length) {
    box.append(h('p', { id: 'bt-list-empty' }, t('backtests.none')));
    return;
  }
  box.append(h('div', { class: 'scroll' }, h('table', { id: 'bt-list', class: 'wide' },
    h('caption', { class: 'visually-hidden' }, t('backtests.previous')),
    h('thead', {}, h('tr', {}, ['backtests.requested', 'backtests.journey', 'backtests.periodShort', 'backtests.status']
      .map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody', {}, backtests.map((b) => h('tr', { 'data-backtest': b.id, class: b.id === current ? 'current' : '' },
      h('td', {}, h('a', { href: `#/backtests/${encodeURIComponent(b.id)}`, id: `open-backtest-${b.id}`,
        'aria-current': b.id === current ? 'page' : undefined }, dateTime(b.requestedAt)),
        h('div', { class: 'subtle' }, b.requestedBy)),
      h('td', {}, h('code', {}, b.journey), ' ', h('span', { class: 'badge' }, tried(b))),
      h('td', {}, `${dateTime(b.from)} – ${dateTime(b.to)}`),
      h('td', { class: 'status' }, MOVING.includes(b.status)
        ? t('backtests.statusPercent', { status: statusName(b.status), percent: number(b.percent, 1) })
        : statusName(b.status))))))));
}

function tried(b) {
  return b.draft ? t('backtests.draft') : t('backtests.versionN', { v: b.version });
}

// ---- one backtest ------------------------------------------------------------------------------------------

/** Shows the backtest, reading it again every second while it is queued or running. */
async function follow(section, first, mayRun, mayOpenCustomers) {
  const head = h('div', {});
  const progress = h('progress', { id: 'bt-progress', max: '100', value: '0', 'aria-labelledby': 'bt-progress-label' });
  const progressText = h('span', { id: 'bt-progress-label' });
  const live = h('div', { class: 'attr-progress', role: 'status', 'aria-live': 'polite' }, progressText);
  const actions = h('div', { class: 'row', id: 'bt-run-actions' });
  const body = h('div', { id: 'bt-result' });
  section.append(head, h('div', { class: 'row' }, progress, live), actions, body);
  showHead(head, first);
  let last = null;
  const update = async (b) => {
    if (!section.isConnected) return;
    progress.value = b.status === 'COMPLETED' ? 100 : b.percent;
    progressText.textContent = t('backtests.progressText', { status: statusName(b.status), percent: number(b.percent, 1),
      events: number(b.eventsRead) });
    section.dataset.status = b.status;
    progressText.dataset.status = b.status;
    if (last !== b.status) {
      clear(actions);
      if (mayRun && MOVING.includes(b.status)) {
        actions.append(h('button', { type: 'button', id: 'bt-cancel', onclick: (e) => cancel(e.target, b.id, actions) }, t('backtests.cancel')));
      }
      if (form) {
        actions.append(h('button', { type: 'button', id: 'bt-edit-graph', onclick: (e) => editGraph(e.target, b, actions) },
          t('backtests.editGraph')));
      }
      clear(body);
      if (b.status === 'COMPLETED') await result(body, b, mayOpenCustomers);
      else if (b.status === 'FAILED') body.append(h('p', { class: 'error', role: 'alert', id: 'bt-failed' }, t('backtests.failed', { error: b.error || '' })));
      else if (b.status === 'CANCELLED') body.append(h('p', { id: 'bt-cancelled' }, t('backtests.cancelled')));
      if (last !== null && !MOVING.includes(b.status)) {
        const box = document.getElementById('bt-list-box');
        if (box) list(box, b.id);
      }
      last = b.status;
    }
    if (MOVING.includes(b.status)) {
      setTimeout(async () => {
        if (!section.isConnected) return;
        try {
          await update(await api.get(`/api/v1/journeys/backtests/${encodeURIComponent(b.id)}`));
        } catch (err) {
          progressText.textContent = t('error.generic', { message: err.message });
        }
      }, POLL_MS);
    }
  };
  await update(first);
}

async function cancel(button, id, actions) {
  button.disabled = true;
  try {
    await api.post(`/api/v1/journeys/backtests/${encodeURIComponent(id)}/cancel`);
    go('backtests', id);
  } catch (err) {
    button.disabled = false;
    actions.append(h('p', { class: 'error', role: 'alert' }, err.message));
  }
}

async function editGraph(button, b, actions) {
  button.disabled = true;
  try {
    const g = await api.get(`/api/v1/journeys/backtests/${encodeURIComponent(b.id)}/graph`);
    if (form) form.edit(b.journey, g);
  } catch (err) {
    actions.append(h('p', { class: 'error', role: 'alert' }, err.message));
  } finally {
    button.disabled = false;
  }
}

function showHead(head, b) {
  head.append(h('h2', { id: 'bt-run-title' }, t('backtests.backtest'), ' ', h('code', { class: 'subtle' }, b.id)),
    h('dl', { class: 'facts' },
      h('dt', {}, t('backtests.journey')), h('dd', { id: 'bt-run-journey' }, h('code', {}, b.journey), ' ', tried(b)),
      h('dt', {}, t('backtests.periodShort')), h('dd', { id: 'bt-run-period' }, `${dateTime(b.from)} – ${dateTime(b.to)}`),
      h('dt', {}, t('backtests.window')), h('dd', { id: 'bt-run-window' }, duration(b.conversionWindow)),
      h('dt', {}, t('backtests.upTo')), h('dd', {}, t('backtests.upToText', { position: number(b.upTo) })),
      h('dt', {}, t('backtests.requested')), h('dd', {}, `${dateTime(b.requestedAt)} · ${b.requestedBy}`)));
}

// ---- the result --------------------------------------------------------------------------------------------

async function result(box, b, mayOpenCustomers) {
  const r = b.result;
  let graph = null;
  try {
    graph = await api.get(`/api/v1/journeys/backtests/${encodeURIComponent(b.id)}/graph`);
  } catch (err) {
    // the steps are then shown in the order the result lists them
  }
  const coupons = r.coupons || {};
  const conversions = r.conversions || {};
  const fig = (label, id, value) => [h('dt', {}, t(label)), h('dd', { id }, value)];
  box.append(h('h3', {}, t('backtests.headline')),
    h('div', { class: 'grid bt-figures' },
      h('dl', { class: 'facts', id: 'bt-figures-reach' },
        fig('backtests.eventsInPeriod', 'bt-events', t('backtests.eventsText', { events: number(r.eventsInPeriod), triggering: number(r.triggeringEvents) })),
        fig('backtests.enrollments', 'bt-enrollments', number(r.enrollments)),
        fig('backtests.customers', 'bt-customers', number(r.customersEnrolled)),
        fig('backtests.reentriesRefused', 'bt-reentries', number(r.reentriesRefused)),
        fig('backtests.messagesSent', 'bt-messages-sent', number(r.messagesSent)),
        fig('backtests.collisions', 'bt-collisions', number(r.frequencyCapCollisions)),
        fig('backtests.outranked', 'bt-outranked', number(r.outranked))),
      h('dl', { class: 'facts', id: 'bt-figures-money' },
        fig('backtests.couponsIssued', 'bt-coupons-issued', number(coupons.issued)),
        fig('backtests.couponsRefused', 'bt-coupons-refused', counts(coupons.refused, (k) => k)),
        fig('backtests.faceValue', 'bt-coupon-value', amounts(coupons.faceValue)),
        fig('backtests.couponCost', 'bt-coupon-cost', amounts(coupons.costOnFollowingOrders)),
        fig('backtests.redeemable', 'bt-redeemable', number(coupons.redeemable)),
        fig('backtests.customersMessaged', 'bt-messaged', number(conversions.customersMessaged)),
        fig('backtests.conversions', 'bt-conversions', t('backtests.conversionsText',
          { orders: number(conversions.orders), customers: number(conversions.customers) })),
        fig('backtests.rate', 'bt-rate', pct(conversions.rate)),
        fig('backtests.revenue', 'bt-revenue', amounts(conversions.revenue)),
        fig('backtests.goalReached', 'bt-goal', number(conversions.goalReached)))),
    h('p', { class: 'hint' }, t('backtests.conversionsHint')));

  // runs per step, in the graph's order
  const steps = r.steps || {};
  const nodes = graph && Array.isArray(graph.nodes) ? graph.nodes : Object.keys(steps).map((id) => ({ id }));
  const ids = [...nodes.map((n) => n.id), ...Object.keys(steps).filter((id) => !nodes.some((n) => n.id === id))];
  const typeOf = new Map(nodes.map((n) => [n.id, n.type]));
  box.append(h('h3', { id: 'bt-steps-title' }, t('backtests.steps')));
  if (!ids.length) {
    box.append(h('p', { id: 'bt-no-steps' }, t('backtests.noSteps')));
  } else {
    const rows = ids.map((id) => ({ key: shorten(id, 15), value: steps[id] || 0 }));
    box.append(h('div', { class: 'bt-steps row' },
      h('table', { id: 'bt-steps', class: 'wide bt-steps-table', 'aria-labelledby': 'bt-steps-title' },
        h('thead', {}, h('tr', {}, ['backtests.step', 'backtests.stepType', 'backtests.runs'].map((k) => h('th', { scope: 'col' }, t(k))))),
        h('tbody', {}, ids.map((id) => h('tr', { 'data-step': id },
          h('th', { scope: 'row' }, h('code', {}, id)),
          h('td', { class: 'subtle' }, typeOf.get(id) || '—'),
          h('td', { class: 'num runs' }, number(steps[id] || 0)))))),
      barChart({ id: 'bt-steps-chart', caption: t('backtests.stepsChart'), rows,
        max: Math.max(1, ...rows.map((x) => x.value)), format: (v) => number(v) })));
  }

  // messages per channel
  const channels = Object.entries(r.messages || {});
  box.append(h('h3', {}, t('backtests.messages')), h('p', { class: 'hint' }, t('backtests.messagesHint')));
  if (!channels.length) {
    box.append(h('p', { id: 'bt-no-messages' }, t('backtests.noMessages')));
  } else {
    box.append(h('table', { id: 'bt-channels', class: 'wide' },
      h('thead', {}, h('tr', {}, ['backtests.channel', 'backtests.sent', 'backtests.deferred', 'backtests.suppressed', 'backtests.reasons']
        .map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', {}, channels.map(([channel, c]) => {
        const suppressed = Object.values(c.suppressed || {}).reduce((s, n) => s + n, 0);
        return h('tr', { 'data-channel': channel },
          h('th', { scope: 'row' }, channelName(channel)),
          h('td', { class: 'num sent' }, number(c.sent)),
          h('td', { class: 'num deferred' }, number(c.deferred)),
          h('td', { class: 'num suppressed' }, number(suppressed)),
          h('td', { class: 'reasons' }, counts(c.suppressed, reasonName)));
      }))));
  }

  // how the runs ended; tags and webhooks
  box.append(h('h3', {}, t('backtests.outcomes')),
    h('p', { id: 'bt-outcomes' }, counts(r.outcomes, outcomeName)));
  if (Object.keys(r.tags || {}).length || Object.keys(r.webhooks || {}).length) {
    box.append(h('dl', { class: 'facts', id: 'bt-side-effects' },
      h('dt', {}, t('backtests.tags')), h('dd', {}, counts(r.tags, (k) => k)),
      h('dt', {}, t('backtests.webhooks')), h('dd', {}, counts(r.webhooks, (k) => k))));
  }

  // sample paths
  const paths = r.paths || [];
  box.append(h('h3', {}, t('backtests.paths')), h('p', { class: 'hint' }, t('backtests.pathsHint')));
  if (!paths.length) {
    box.append(h('p', { id: 'bt-no-paths' }, t('backtests.noPaths')));
  } else {
    box.append(h('div', { class: 'scroll' }, h('table', { id: 'bt-paths', class: 'wide' },
      h('thead', {}, h('tr', {}, ['backtests.customer', 'backtests.enrolledAt', 'backtests.trigger', 'backtests.pathSteps',
        'backtests.pathMessages', 'backtests.outcome'].map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', {}, paths.map((p) => h('tr', { 'data-customer': p.customer },
        h('td', {}, mayOpenCustomers
          ? h('a', { href: `#/customers/${encodeURIComponent(p.customer)}` }, h('code', {}, p.customer))
          : h('code', {}, p.customer)),
        h('td', {}, dateTime(p.enrolledAt)),
        h('td', {}, h('code', {}, p.trigger || '—')),
        h('td', { class: 'path-steps' }, (p.steps || []).join(' → ') || '—'),
        h('td', { class: 'path-messages' }, (p.messages || []).length
          ? h('ul', { class: 'plain' }, p.messages.map((m) => h('li', {}, messageFate(m)))) : '—'),
        h('td', { class: 'outcome' }, outcomeName(p.outcome))))))));
  }
}

/** "hello inbox sent", "reminder inbox suppressed: GLOBAL_DAILY_CAP", "hello sms deferred to 2024-…Z" in words. */
function messageFate(text) {
  const m = /^(\S+) (\S+) (sent|suppressed: (\S+)|deferred to (\S+))$/.exec(text || '');
  if (!m) return text;
  let fate;
  if (m[3] === 'sent') fate = t('backtests.fate.sent');
  else if (m[4]) fate = t('backtests.fate.suppressed', { reason: reasonName(m[4]) });
  else fate = t('backtests.fate.deferred', { until: dateTime(m[5]) });
  return [h('code', {}, m[1]), ` · ${channelName(m[2])}: `, h('span', { class: `fate ${m[3].split(/[ :]/)[0]}` }, fate)];
}

/** A map of counts as "name 3 · other 1", largest first; "—" when empty. */
function counts(map, name) {
  const entries = Object.entries(map || {}).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  return entries.length ? entries.map(([k, n]) => `${name(k)} ${number(n)}`).join(' · ') : '—';
}

/** Amounts per currency ("CN¥42.00 · £3.00"); "—" when none. */
function amounts(map) {
  const entries = Object.entries(map || {});
  return entries.length ? entries.map(([currency, v]) => money(v, currency)).join(' · ') : '—';
}

function translated(key, fallback) {
  const text = t(key);
  return text === key ? fallback : text;
}

function channelName(code) {
  return translated(`campaigns.channel.${code}`, code);
}

function reasonName(reason) {
  return translated(`backtests.reason.${reason}`, reason);
}

function outcomeName(outcome) {
  if (!outcome) return '—';
  if (OUTCOMES[outcome]) return t(`backtests.outcome.${OUTCOMES[outcome]}`);
  if (outcome.startsWith('coupon refused')) return `${t('backtests.outcome.couponRefused')} (${outcome})`;
  return outcome;
}

function statusName(s) {
  return translated(`backtests.status.${s}`, s);
}

function pct(v) {
  return typeof v === 'number' ? `${number(v * 100, 1)} %` : '—';
}

