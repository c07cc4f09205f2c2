// The segment builder's backtest panel (docs/backtests.md, "Segment backtests"): the condition being edited,
// tried over a past period with a checkpoint per step (POST /api/v1/segments/backtests), followed every second
// with a progress bar and a cancel button, then members per checkpoint as a chart and a table, entries and
// exits, and the orders that followed for members against everyone else.
import * as api from '../api.js';
import { h, clear } from '../dom.js';
import { t, number, money, dateTime, locale } from '../i18n.js';
import { field, placeError, iso, local } from '../forms.js';
import { timeChart } from './charts.js';

const POLL_MS = 1000;
const MOVING = ['QUEUED', 'RUNNING'];
const DAY = 24 * 3600 * 1000;

/** The panel; {@code condition()} answers the condition being edited, as the API takes it. */
export function backtestPanel(condition) {
  const now = Date.now();
  const from = h('input', { id: 'sbt-from', name: 'from', type: 'datetime-local', value: local(new Date(now - 30 * DAY)), required: true });
  const to = h('input', { id: 'sbt-to', name: 'to', type: 'datetime-local', value: local(new Date(now)), required: true });
  const step = h('select', { id: 'sbt-step', name: 'step' },
    ['PT1H', 'PT6H', 'P1D', 'P7D'].map((v) => h('option', { value: v, selected: v === 'P1D' }, t(`segbt.step.${v}`))));
  const window = h('input', { id: 'sbt-window', name: 'conversionWindow', value: 'P7D', size: 8 });
  const errors = h('div', { id: 'sbt-errors', role: 'alert' });
  const out = h('div', { id: 'sbt-out' });
  const run = h('button', { type: 'submit', id: 'sbt-run' }, t('segbt.run'));
  const form = h('form', { id: 'sbt-form', class: 'row wrap', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    clear(errors);
    form.querySelectorAll('.field-error').forEach((box) => { box.textContent = ''; });
    form.querySelectorAll('.has-error').forEach((f) => f.classList.remove('has-error'));
    form.querySelectorAll('[aria-invalid]').forEach((i) => i.removeAttribute('aria-invalid'));
    run.disabled = true;
    try {
      const started = await api.post('/api/v1/segments/backtests', { condition: condition(), from: iso(from.value), to: iso(to.value),
        step: step.value, conversionWindow: window.value.trim() });
      await follow(out, started);
    } catch (err) {
      (err.errors && err.errors.length ? err.errors : [err.message]).forEach((m) => placeError(form, errors, m));
    } finally {
      run.disabled = false;
    }
  } },
  field(t('segbt.from'), from, 'from'), field(t('segbt.to'), to, 'to'), field(t('segbt.step'), step, 'step'),
  field(t('segbt.window'), window, 'conversionWindow', t('segbt.windowHint')), run);
  return h('section', { class: 'card', id: 'segment-backtest', 'aria-labelledby': 'sbt-title' },
    h('h2', { id: 'sbt-title' }, t('segbt.title')), h('p', { class: 'hint' }, t('segbt.intro')), form, errors, out);
}

async function follow(out, first) {
  clear(out);
  const progress = h('progress', { id: 'sbt-progress', max: '100', value: '0', 'aria-labelledby': 'sbt-progress-label' });
  const text = h('span', { id: 'sbt-progress-label', role: 'status', 'aria-live': 'polite' });
  const cancel = h('button', { type: 'button', id: 'sbt-cancel', onclick: async () => {
    cancel.disabled = true;
    try { await api.post(`/api/v1/segments/backtests/${encodeURIComponent(first.id)}/cancel`, {}); } catch (err) { text.textContent = err.message; }
  } }, t('segbt.cancel'));
  const body = h('div', { id: 'sbt-result' });
  out.append(h('div', { class: 'row' }, progress, text, cancel), body);
  let b = first;
  while (out.isConnected) {
    progress.value = b.status === 'COMPLETED' ? 100 : b.percent;
    text.textContent = t('segbt.progress', { status: t(`backtests.status.${b.status}`), percent: number(b.percent, 1),
      events: number(b.eventsRead), walked: number(b.customersWalked), customers: number(b.customers) });
    out.dataset.status = b.status;
    if (!MOVING.includes(b.status)) break;
    await new Promise((r) => setTimeout(r, POLL_MS));
    b = await api.get(`/api/v1/segments/backtests/${encodeURIComponent(b.id)}`);
  }
  cancel.remove();
  if (b.status === 'COMPLETED') result(body, b.result);
  else if (b.status === 'FAILED') body.append(h('p', { class: 'error', role: 'alert' }, t('backtests.failed', { error: b.error || '' })));
  else if (b.status === 'CANCELLED') body.append(h('p', { id: 'sbt-cancelled' }, t('backtests.cancelled')));
}

function result(body, r) {
  const labels = r.series.map((p) => dateTime(p.at));
  // the axis: the day (and the hour, when checkpoints are less than a day apart)
  const hourly = r.series.length > 1 && Date.parse(r.series[1].at) - Date.parse(r.series[0].at) < DAY;
  const ticks = r.series.map((p) => new Date(p.at).toLocaleString(locale(),
    hourly ? { month: 'short', day: 'numeric', hour: '2-digit' } : { month: 'short', day: 'numeric' }));
  const figures = [
    ['segbt.membersAtStart', number(r.membersAtStart)], ['segbt.membersAtEnd', number(r.membersAtEnd)],
    ['segbt.peak', t('segbt.peakAt', { members: number(r.peakMembers), at: dateTime(r.peakAt) })],
    ['segbt.average', number(r.averageMembers, 2)], ['segbt.ever', number(r.customersEver)],
    ['segbt.entries', number(r.entries)], ['segbt.exits', number(r.exits)], ['segbt.profiled', number(r.customersProfiled)],
    ['segbt.lift', r.lift == null ? '—' : `× ${number(r.lift, 2)}`]];
  body.append(
    h('dl', { class: 'facts', id: 'sbt-figures' }, figures.flatMap(([k, v]) => [h('dt', {}, t(k)), h('dd', { 'data-figure': k }, v)])),
    timeChart({ id: 'sbt-chart', caption: t('segbt.chart'), buckets: labels, ticks, series: [
      { key: 'members', label: t('segbt.members'), values: r.series.map((p) => p.members) },
      { key: 'entered', label: t('segbt.entered'), values: r.series.map((p) => p.entered) },
      { key: 'left', label: t('segbt.left'), values: r.series.map((p) => p.left) }], format: (v) => number(v) }),
    h('table', { id: 'sbt-conversions', class: 'wide' }, h('caption', {}, t('segbt.conversions')),
      h('thead', {}, h('tr', {}, ['segbt.group', 'segbt.customers', 'segbt.converted', 'segbt.rate', 'segbt.orders', 'segbt.revenue']
        .map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', {}, [['members', r.members], ['others', r.others]].map(([k, c]) => h('tr', { 'data-group': k },
        h('th', { scope: 'row' }, t(`segbt.group.${k}`)), h('td', { class: 'num' }, number(c.customers)),
        h('td', { class: 'num' }, number(c.converted)), h('td', { class: 'num' }, c.rate == null ? '—' : `${number(100 * c.rate, 1)} %`),
        h('td', { class: 'num' }, number(c.orders)),
        h('td', {}, Object.entries(c.revenue || {}).map(([cur, v]) => money(v, cur)).join(' · ') || '—'))))),
    h('table', { id: 'sbt-series', class: 'wide' }, h('caption', {}, t('segbt.series')),
      h('thead', {}, h('tr', {}, ['segbt.at', 'segbt.members', 'segbt.entered', 'segbt.left'].map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', {}, r.series.map((p, i) => h('tr', {}, h('td', {}, labels[i]), h('td', { class: 'num' }, number(p.members)),
        h('td', { class: 'num' }, number(p.entered)), h('td', { class: 'num' }, number(p.left)))))),
    h('table', { id: 'sbt-sample', class: 'wide' }, h('caption', {}, t('segbt.sample')),
      h('thead', {}, h('tr', {}, ['segbt.customer', 'segbt.firstIn', 'segbt.lastIn', 'segbt.entries'].map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', {}, r.sample.map((m) => h('tr', {}, h('td', {}, h('a', { href: `#/customers/${encodeURIComponent(m.customerId)}` }, m.customerId)),
        h('td', {}, dateTime(m.firstIn)), h('td', {}, dateTime(m.lastIn)), h('td', { class: 'num' }, number(m.entries)))))));
}
