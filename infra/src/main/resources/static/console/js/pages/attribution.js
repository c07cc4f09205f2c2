// Attribution explorer (docs/attribution.md): pick a definition (an ANALYST may store a new one), pick a
// period and start a run; its progress is read every second while it replays the event store; once
// completed, every model's credit side by side (a table, and a grouped bar chart drawn as inline SVG), the
// totals, the Markov removal effects, the holdout lift per campaign and the fingerprint; a rerun says
// whether it gave the same fingerprint. Past runs of the definition are listed, each at #/attribution/<id>.
import * as api from '../api.js';
import { h, clear, uid } from '../dom.js';
import { t, number, money, dateTime } from '../i18n.js';
import { field, placeError, shorten, duration, iso, local } from '../forms.js';

const MODELS = ['first-touch', 'last-touch', 'linear', 'time-decay', 'position-based', 'markov'];
const TOUCHES = ['accepted', 'delivered', 'opened', 'clicked'];
const GROUPS = ['channel', 'source', 'step'];
const MOVING = ['QUEUED', 'RUNNING'];
const POLL_MS = 1000;
const CHART_GROUPS = 15;
const SVG = 'http://www.w3.org/2000/svg';

let go = () => {};
/** What to show once the page is drawn again after a definition was stored: its key and the message. */
let after = null;

export async function render(main, context) {
  const { arg, can } = context;
  go = context.go;
  const mayRun = can('runAttribution');
  main.append(h('h1', {}, t('attribution.title')),
    h('p', { class: 'hint' }, t('attribution.intro')));
  let definitions;
  let run = null;
  try {
    definitions = await api.get('/api/v1/attribution/definitions');
    if (arg) run = await api.get(`/api/v1/attribution/runs/${encodeURIComponent(arg)}`);
  } catch (err) {
    main.append(h('p', { class: 'error', role: 'alert', id: 'attr-error' },
      err.status === 404 ? t('attribution.noSuchRun', { id: arg }) : t('error.generic', { message: err.message })));
    if (!definitions) return;
  }
  const layout = h('div', { class: 'attr-layout' });
  const setup = h('section', { class: 'card attr-setup', 'aria-labelledby': 'attr-setup-title' },
    h('h2', { id: 'attr-setup-title' }, t('attribution.setup')));
  layout.append(setup);
  main.append(layout);
  const saved = after;
  after = null;
  const chosen = run ? run.definition : ((saved && saved.key) || (definitions[0] && definitions[0].key));
  const picked = h('div', { id: 'attr-definition-facts' });
  const runsBox = h('section', { class: 'attr-runs', id: 'attr-runs-box', 'aria-labelledby': 'attr-runs-title' });
  const startBox = h('div', { id: 'attr-start-box' });
  const select = h('select', { id: 'attr-definition' },
    definitions.map((d) => h('option', { value: d.key }, `${d.name} (${d.key}, ${t('attribution.versionN', { v: d.version })})`)));
  if (chosen) select.value = chosen;
  const show = () => {
    const d = definitions.find((x) => x.key === select.value);
    clear(picked);
    clear(startBox);
    if (!d) return;
    picked.append(facts(d));
    if (mayRun) startBox.append(startForm(d));
    pastRuns(runsBox, d.key, run && run.id);
  };
  select.addEventListener('change', show);
  if (definitions.length) {
    setup.append(h('label', { for: 'attr-definition' }, t('attribution.definition')), select,
      ...(saved ? [h('p', { class: 'ok', id: 'attr-def-saved', role: 'status' }, saved.message)] : []), picked, startBox);
  } else {
    setup.append(h('p', { id: 'attr-no-definitions' }, t(mayRun ? 'attribution.noDefinitionsAnalyst' : 'attribution.noDefinitions')));
  }
  if (mayRun) setup.append(definitionForm(definitions));
  layout.append(runsBox);
  show();
  if (run) {
    const section = h('section', { class: 'card attr-run', id: 'attr-run', 'aria-labelledby': 'attr-run-title' });
    main.append(section);
    await follow(section, run, mayRun);
  }
}

// ---- definitions ---------------------------------------------------------------------------------------

function facts(d) {
  return h('dl', { class: 'facts attr-facts' },
    h('dt', {}, t('attribution.models')), h('dd', { id: 'attr-def-models' }, d.models.map(modelName).join(', ')),
    h('dt', {}, t('attribution.window')), h('dd', {}, duration(d.window)),
    h('dt', {}, t('attribution.halfLife')), h('dd', {}, duration(d.halfLife)),
    h('dt', {}, t('attribution.shares')), h('dd', {}, t('attribution.sharesText', { first: pct(d.firstShare, 0), last: pct(d.lastShare, 0) })),
    h('dt', {}, t('attribution.touch')), h('dd', {}, t(`attribution.touch.${d.touch}`)),
    h('dt', {}, t('attribution.groupBy')), h('dd', {}, t(`attribution.groupBy.${d.groupBy}`)),
    h('dt', {}, t('attribution.version')), h('dd', {}, t('attribution.versionBy', { v: d.version, user: d.createdBy, at: dateTime(d.createdAt) })));
}

/** The form for a new definition (or the next version of a key): the server validates, the console places its words. */
function definitionForm(definitions) {
  const key = h('input', { type: 'text', maxlength: 64, required: true, autocomplete: 'off' });
  const name = h('input', { type: 'text', maxlength: 200 });
  const window = h('input', { type: 'text', value: 'P7D', size: 8 });
  const halfLife = h('input', { type: 'text', value: 'P1D', size: 8 });
  const touch = h('select', {}, TOUCHES.map((x) => h('option', { value: x }, t(`attribution.touch.${x}`))));
  touch.value = 'delivered';
  const groupBy = h('select', {}, GROUPS.map((x) => h('option', { value: x }, t(`attribution.groupBy.${x}`))));
  groupBy.value = 'channel';
  const modelsError = uid('attr-err');
  const models = h('fieldset', { class: 'field attr-models-pick', 'data-field': 'models', 'aria-describedby': modelsError },
    h('legend', {}, t('attribution.models')),
    h('ul', { class: 'plain row' }, MODELS.map((m) => {
      const id = uid('attr-model');
      return h('li', {}, h('input', { type: 'checkbox', id, value: m, 'data-model': m, checked: true }), ' ',
        h('label', { for: id, class: 'inline' }, modelName(m)));
    })),
    h('div', { class: 'field-error', id: modelsError }));
  const status = h('div', { id: 'attr-def-status', role: 'status', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'attr-def-save' }, t('attribution.saveDefinition'));
  const form = h('form', { id: 'attr-def-form', novalidate: true, 'aria-labelledby': 'attr-def-title' },
    h('div', { class: 'row' }, field(t('attribution.key'), key, 'key', t('attribution.keyHint')), field(t('attribution.name'), name, 'name')),
    models,
    h('div', { class: 'row' },
      field(t('attribution.window'), window, 'window', t('attribution.durationHint')),
      field(t('attribution.halfLife'), halfLife, 'halfLife', t('attribution.durationHint')),
      field(t('attribution.touch'), touch, 'touch'),
      field(t('attribution.groupBy'), groupBy, 'groupBy')),
    submit, status);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    form.querySelectorAll('.field-error').forEach((el) => { el.textContent = ''; });
    form.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
    form.querySelectorAll('.has-error').forEach((el) => el.classList.remove('has-error'));
    clear(status);
    status.className = '';
    const body = {
      name: name.value.trim() || null,
      models: [...models.querySelectorAll('input:checked')].map((c) => c.value),
      window: window.value.trim() || null,
      halfLife: halfLife.value.trim() || null,
      touch: touch.value,
      groupBy: groupBy.value,
    };
    const k = key.value.trim();
    submit.disabled = true;
    try {
      if (!k) {
        throw new api.ApiError(400, { detail: t('attribution.invalid'), errors: [`key: ${t('attribution.keyRequired')}`] });
      }
      const saved = await api.put(`/api/v1/attribution/definitions/${encodeURIComponent(k)}`, body);
      const known = definitions.find((d) => d.key === saved.key);
      rerender(saved.key, t(known && known.version === saved.version ? 'attribution.sameRules' : 'attribution.savedDefinition',
        { key: saved.key, v: saved.version }));
    } catch (err) {
      status.className = 'error';
      status.textContent = err.errors.length ? t('attribution.invalid') : t('error.generic', { message: err.message });
      err.errors.forEach((message) => placeError(form, status, message));
      const first = form.querySelector('[aria-invalid="true"] input, input[aria-invalid="true"], select[aria-invalid="true"]');
      if (first) first.focus();
    } finally {
      submit.disabled = false;
    }
  });
  return h('details', { class: 'attr-new', id: 'attr-new', open: definitions.length === 0 },
    h('summary', { id: 'attr-def-title' }, t('attribution.newDefinition')),
    h('p', { class: 'hint' }, t('attribution.newDefinitionHint')), form);
}

/** After a definition was stored: the page again (without a run), that definition picked, the message kept. */
function rerender(key, message) {
  after = { key, message };
  go('attribution');
}

// ---- starting a run --------------------------------------------------------------------------------------

function startForm(d) {
  const now = new Date();
  const to = new Date(Math.ceil((now.getTime() + 60_000) / 60_000) * 60_000);
  const from = new Date(to.getTime() - 30 * 24 * 3600_000);
  const fromInput = h('input', { type: 'datetime-local', step: 60, value: local(from) });
  const toInput = h('input', { type: 'datetime-local', step: 60, value: local(to) });
  const status = h('div', { id: 'attr-start-status', role: 'status', 'aria-live': 'polite' });
  const button = h('button', { type: 'submit', class: 'primary', id: 'attr-start' }, t('attribution.start'));
  const form = h('form', { id: 'attr-start-form', novalidate: true, 'aria-labelledby': 'attr-start-title' },
    h('h3', { id: 'attr-start-title' }, t('attribution.period')),
    h('p', { class: 'hint' }, t('attribution.periodHint')),
    h('div', { class: 'row' }, field(t('attribution.from'), fromInput, 'from'), field(t('attribution.to'), toInput, 'to')),
    button, status);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    form.querySelectorAll('.field-error').forEach((el) => { el.textContent = ''; });
    form.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
    clear(status);
    status.className = '';
    button.disabled = true;
    try {
      const started = await api.post('/api/v1/attribution/runs', {
        definition: d.key, version: d.version, from: iso(fromInput.value), to: iso(toInput.value) });
      go('attribution', started.id);
    } catch (err) {
      status.className = 'error';
      status.textContent = err.errors.length ? t('attribution.runRefused') : t('error.generic', { message: err.message });
      err.errors.forEach((message) => placeError(form, status, message));
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

// ---- past runs -------------------------------------------------------------------------------------------

async function pastRuns(box, key, current) {
  clear(box).append(h('h2', { id: 'attr-runs-title' }, t('attribution.pastRuns')));
  let runs;
  try {
    runs = await api.get(`/api/v1/attribution/runs?definition=${encodeURIComponent(key)}&limit=50`);
  } catch (err) {
    box.append(h('p', { class: 'error', role: 'alert' }, t('error.generic', { message: err.message })));
    return;
  }
  if (!runs.length) {
    box.append(h('p', { id: 'attr-runs-empty' }, t('attribution.noRuns')));
    return;
  }
  box.append(h('table', { id: 'attr-runs', class: 'wide' },
    h('caption', { class: 'visually-hidden' }, t('attribution.pastRuns')),
    h('thead', {}, h('tr', {}, ['attribution.requested', 'attribution.version', 'attribution.periodShort', 'attribution.status',
      'attribution.fingerprintShort'].map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody', {}, runs.map((r) => h('tr', { 'data-run': r.id, class: r.id === current ? 'current' : '' },
      h('td', {}, h('a', { href: `#/attribution/${encodeURIComponent(r.id)}`, id: `open-run-${r.id}`,
        'aria-current': r.id === current ? 'page' : undefined }, dateTime(r.requestedAt)),
        h('div', { class: 'subtle' }, r.requestedBy, r.rerunOf ? ` · ${t('attribution.rerunBadge')}` : '')),
      h('td', { class: 'num' }, `v${r.version}`),
      h('td', {}, `${dateTime(r.from)} – ${dateTime(r.to)}`),
      h('td', { class: 'status' }, statusName(r.status)),
      h('td', {}, r.fingerprint ? h('code', { title: r.fingerprint }, r.fingerprint.slice(0, 10)) : '—'))))));
}

// ---- one run ---------------------------------------------------------------------------------------------

/** Shows the run, reading it again every second while it is queued or running. */
async function follow(section, first, mayRun) {
  const head = h('div', {});
  const progress = h('progress', { id: 'attr-progress', max: '100', value: '0', 'aria-labelledby': 'attr-progress-label' });
  const progressText = h('span', { id: 'attr-progress-label' });
  const live = h('div', { class: 'attr-progress', role: 'status', 'aria-live': 'polite' }, progressText);
  const actions = h('div', { class: 'row', id: 'attr-run-actions' });
  const body = h('div', { id: 'attr-result' });
  section.append(head, h('div', { class: 'row' }, progress, live), actions, body);
  let last = null;
  const update = async (run) => {
    if (!section.isConnected) return;
    if (!last) showHead(head, run);
    progress.value = run.status === 'COMPLETED' ? 100 : run.percent;
    progressText.textContent = t('attribution.progressText', { status: statusName(run.status), percent: number(run.percent, 1),
      events: number(run.eventsRead) });
    section.dataset.status = run.status;
    progressText.dataset.status = run.status;
    if (last !== run.status) {
      clear(actions);
      if (mayRun && MOVING.includes(run.status)) {
        actions.append(h('button', { type: 'button', id: 'attr-cancel', onclick: (e) => act(e.target, run.id, 'cancel', actions) },
          t('attribution.cancel')));
      }
      if (mayRun && !MOVING.includes(run.status)) {
        actions.append(h('button', { type: 'button', id: 'attr-rerun', onclick: (e) => act(e.target, run.id, 'rerun', actions) },
          t('attribution.rerun')), h('span', { class: 'hint' }, t('attribution.rerunHint')));
      }
      clear(body);
      if (run.status === 'COMPLETED') await result(body, run);
      else if (run.status === 'FAILED') body.append(h('p', { class: 'error', role: 'alert', id: 'attr-failed' }, t('attribution.failed', { error: run.error || '' })));
      else if (run.status === 'CANCELLED') body.append(h('p', { id: 'attr-cancelled' }, t('attribution.cancelled')));
      if (last !== null && !MOVING.includes(run.status)) {
        const box = document.getElementById('attr-runs-box');
        if (box) pastRuns(box, run.definition, run.id);
      }
      last = run.status;
    }
    if (MOVING.includes(run.status)) {
      setTimeout(async () => {
        if (!section.isConnected) return;
        try {
          await update(await api.get(`/api/v1/attribution/runs/${encodeURIComponent(run.id)}`));
        } catch (err) {
          progressText.textContent = t('error.generic', { message: err.message });
        }
      }, POLL_MS);
    }
  };
  await update(first);
}

async function act(button, id, action, actions) {
  button.disabled = true;
  try {
    const answer = await api.post(`/api/v1/attribution/runs/${encodeURIComponent(id)}/${action}`);
    if (action === 'rerun') go('attribution', answer.id);
    else go('attribution', id);
  } catch (err) {
    button.disabled = false;
    actions.append(h('p', { class: 'error', role: 'alert' }, err.message));
  }
}

function showHead(head, run) {
  head.append(h('h2', { id: 'attr-run-title' }, t('attribution.run'), ' ', h('code', { class: 'subtle' }, run.id)),
    h('dl', { class: 'facts' },
      h('dt', {}, t('attribution.definition')), h('dd', {}, `${run.definition} v${run.version}`),
      h('dt', {}, t('attribution.periodShort')), h('dd', { id: 'attr-run-period' }, `${dateTime(run.from)} – ${dateTime(run.to)}`),
      h('dt', {}, t('attribution.upTo')), h('dd', {}, t('attribution.upToText', { position: number(run.upTo) })),
      h('dt', {}, t('attribution.requested')), h('dd', {}, `${dateTime(run.requestedAt)} · ${run.requestedBy}`),
      run.rerunOf ? [h('dt', {}, t('attribution.rerunOf')), h('dd', {}, h('a', { href: `#/attribution/${encodeURIComponent(run.rerunOf)}` },
        h('code', {}, run.rerunOf)))] : null));
}

// ---- the result ------------------------------------------------------------------------------------------

async function result(box, run) {
  const r = run.result;
  const currencies = r.currencies || [];
  const currency = currencies.length === 1 ? currencies[0] : null;
  const cash = (v) => money(v, currency);
  const unattributed = r.conversions ? (r.conversions - r.attributedConversions) / r.conversions : null;
  box.append(h('h3', {}, t('attribution.totals')),
    h('dl', { class: 'facts', id: 'attr-totals' },
      h('dt', {}, t('attribution.conversions')), h('dd', { id: 'attr-total-conversions' }, number(r.conversions), ' · ', cash(r.revenue)),
      h('dt', {}, t('attribution.attributed')), h('dd', { id: 'attr-total-attributed' }, number(r.attributedConversions), ' · ', cash(r.attributedRevenue)),
      h('dt', {}, t('attribution.unattributedShare')), h('dd', { id: 'attr-unattributed' }, unattributed === null ? '—' : pct(unattributed, 1)),
      h('dt', {}, t('attribution.paths')), h('dd', {}, t('attribution.pathsText', { converting: number(r.convertingPaths), other: number(r.nonConvertingPaths) })),
      h('dt', {}, t('attribution.messagesRead')), h('dd', {}, number(r.messagesRead))),
    ...(currencies.length > 1 ? [h('p', { class: 'notice', id: 'attr-currencies' },
      t('attribution.mixedCurrencies', { currencies: currencies.join(', ') }))] : []));

  const models = r.models.map((m) => m.model);
  const byModel = new Map(r.models.map((m) => [m.model, new Map(m.groups.map((g) => [g.group, g]))]));
  const groups = [...new Set(r.models.flatMap((m) => m.groups.map((g) => g.group)))];
  const best = (g) => Math.max(...models.map((m) => (byModel.get(m).get(g) || {}).conversions || 0));
  groups.sort((a, b) => best(b) - best(a) || a.localeCompare(b));
  box.append(h('h3', { id: 'attr-models-title' }, t('attribution.sideBySide')));
  if (!groups.length) {
    box.append(h('p', { id: 'attr-no-credit' }, t('attribution.noCredit')));
  } else {
    box.append(h('div', { class: 'scroll' }, h('table', { id: 'attr-models', class: 'wide attr-models' },
      h('caption', {}, t('attribution.tableCaption', { conversions: number(r.attributedConversions) })),
      h('thead', {},
        h('tr', {}, h('td', {}), models.map((m) => h('th', { scope: 'colgroup', colspan: 2, 'data-model': m }, modelName(m)))),
        h('tr', {}, h('th', { scope: 'col' }, t('attribution.group')),
          models.map(() => [h('th', { scope: 'col', class: 'num' }, t('attribution.credited')), h('th', { scope: 'col', class: 'num' }, t('attribution.revenue'))]))),
      h('tbody', {}, groups.map((g) => h('tr', { 'data-group': g },
        h('th', { scope: 'row' }, h('code', {}, g)),
        models.map((m) => {
          const c = byModel.get(m).get(g);
          return [h('td', { class: 'num conversions', 'data-model': m }, c ? number(c.conversions, 2) : '—'),
            h('td', { class: 'num revenue', 'data-model': m }, c ? cash(c.revenue) : '—')];
        })))),
      h('tfoot', {}, h('tr', {}, h('th', { scope: 'row' }, t('attribution.total')),
        models.map((m) => {
          const all = [...byModel.get(m).values()];
          return [h('td', { class: 'num' }, number(all.reduce((s, g) => s + g.conversions, 0), 2)),
            h('td', { class: 'num' }, cash(all.reduce((s, g) => s + g.revenue, 0)))];
        }))))));
    // groups credited by no model (only on paths without an order: Markov's zeros) have no bar to draw
    const credited = groups.filter((g) => best(g) > 0);
    if (credited.length) box.append(groupedChart(credited.slice(0, CHART_GROUPS), models, byModel));
    if (credited.length < groups.length || credited.length > CHART_GROUPS) {
      box.append(h('p', { class: 'hint', id: 'attr-chart-note' }, t('attribution.chartTop',
        { n: Math.min(CHART_GROUPS, credited.length), all: groups.length })));
    }
  }

  if (byModel.has('markov')) {
    const markov = [...byModel.get('markov').values()].sort((a, b) => (b.removalEffect || 0) - (a.removalEffect || 0));
    box.append(h('h3', {}, t('attribution.removal')), h('p', { class: 'hint' }, t('attribution.removalHint')),
      h('table', { id: 'attr-removal', class: 'wide' },
        h('thead', {}, h('tr', {}, ['attribution.group', 'attribution.removalEffect', 'attribution.credited']
          .map((k) => h('th', { scope: 'col' }, t(k))))),
        h('tbody', {}, markov.map((g) => h('tr', { 'data-group': g.group },
          h('th', { scope: 'row' }, h('code', {}, g.group)),
          h('td', { class: 'num removal' }, typeof g.removalEffect === 'number' ? pct(g.removalEffect, 1) : '—'),
          h('td', { class: 'num' }, number(g.conversions, 2)))))));
  }

  box.append(h('h3', {}, t('attribution.lift')), h('p', { class: 'hint' }, t('attribution.liftHint')));
  if (!r.lift.length) {
    box.append(h('p', { id: 'attr-no-lift' }, t('attribution.noLift')));
  } else {
    box.append(h('div', { class: 'scroll' }, h('table', { id: 'attr-lift', class: 'wide' },
      h('thead', {}, h('tr', {}, ['attribution.campaign', 'attribution.treated', 'attribution.holdout', 'attribution.treatedRate',
        'attribution.holdoutRate', 'attribution.difference', 'attribution.pValue', 'attribution.incrementalConversions',
        'attribution.incrementalRevenue'].map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', {}, r.lift.map((l) => h('tr', { 'data-campaign': l.campaign },
        h('th', { scope: 'row' }, h('a', { href: `#/campaigns/${encodeURIComponent(l.campaign)}` }, h('code', {}, l.campaign))),
        h('td', { class: 'num' }, t('attribution.ofWhom', { converted: number(l.treatedConverted), n: number(l.treated) })),
        h('td', { class: 'num' }, t('attribution.ofWhom', { converted: number(l.holdoutConverted), n: number(l.holdout) })),
        l.note ? h('td', { colspan: 6, class: 'note' }, t('attribution.noHoldout')) : [
          h('td', { class: 'num' }, pct(l.treatedRate, 1)),
          h('td', { class: 'num' }, pct(l.holdoutRate, 1)),
          h('td', { class: 'num' }, `${points(l.difference)} [${points(l.lower)}, ${points(l.upper)}]`),
          h('td', { class: 'num' }, pValue(l.pValue)),
          h('td', { class: 'num' }, signed(l.incrementalConversions, 2)),
          h('td', { class: 'num' }, signedCash(l.incrementalRevenue, currency))]))))));
  }

  const fingerprint = h('p', {}, t('attribution.fingerprint'), ' ', h('code', { id: 'attr-fingerprint' }, run.fingerprint));
  box.append(h('h3', {}, t('attribution.reproducible')), fingerprint);
  if (run.rerunOf) {
    const verdict = h('p', { id: 'attr-fingerprint-match', role: 'status' });
    box.append(verdict);
    try {
      const original = await api.get(`/api/v1/attribution/runs/${encodeURIComponent(run.rerunOf)}`);
      const same = original.fingerprint === run.fingerprint;
      verdict.className = same ? 'ok' : 'error';
      verdict.dataset.match = String(same);
      verdict.textContent = t(same ? 'attribution.fingerprintSame' : 'attribution.fingerprintDiffers', { id: original.id });
    } catch (err) {
      verdict.textContent = t('error.generic', { message: err.message });
    }
  } else {
    box.append(h('p', { class: 'hint' }, t('attribution.fingerprintHint')));
  }
}

/**
 * A grouped bar chart: per group (a row), one bar per model, all on one scale of credited conversions. The
 * SVG has a <title> and a <desc> saying every value; the table above is the accessible alternative, and
 * each bar is labelled with its model and value, so colour is never the only cue.
 */
function groupedChart(groups, models, byModel) {
  const bar = 13;
  const gap = 2;
  const labelWidth = 210;
  const valueWidth = 170;
  const width = 760;
  const block = models.length * (bar + gap) + 18;
  const height = groups.length * block + 28;
  const max = Math.max(...groups.flatMap((g) => models.map((m) => (byModel.get(m).get(g) || {}).conversions || 0)), 0.01);
  const plot = width - labelWidth - valueWidth;
  const x = (v) => labelWidth + (plot * v) / max;
  const titleId = uid('attr-chart-title');
  const descId = uid('attr-chart-desc');
  const root = svgEl('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-labelledby': `${titleId} ${descId}`, id: 'attr-chart' });
  root.append(svgEl('title', { id: titleId }, t('attribution.chartTitle')),
    svgEl('desc', { id: descId }, groups.map((g) => `${g}: ${models.map((m) => `${modelName(m)} ${number((byModel.get(m).get(g) || {}).conversions || 0, 2)}`)
      .join(', ')}`).join('; ')));
  groups.forEach((g, i) => {
    const top = 4 + i * block;
    root.append(svgEl('text', { x: 0, y: top + 12, class: 'chart-label arm-name' }, shorten(g, 34)));
    models.forEach((m, j) => {
      const y = top + 16 + j * (bar + gap);
      const v = (byModel.get(m).get(g) || {}).conversions || 0;
      root.append(svgEl('text', { x: 12, y: y + bar - 2, class: 'chart-label small' }, modelName(m)),
        svgEl('rect', { x: labelWidth, y, width: Math.max(1, x(v) - labelWidth), height: bar, class: `bar model-${MODELS.indexOf(m)}`,
          'data-group': g, 'data-model': m }),
        svgEl('text', { x: x(v) + 4, y: y + bar - 2, class: 'chart-value small' }, number(v, 2)));
    });
  });
  const base = groups.length * block + 6;
  root.append(svgEl('line', { x1: labelWidth, x2: labelWidth + plot, y1: base, y2: base, class: 'axis' }),
    svgEl('text', { x: labelWidth, y: base + 14, class: 'chart-tick' }, number(0)),
    svgEl('text', { x: labelWidth + plot, y: base + 14, class: 'chart-tick', 'text-anchor': 'end' }, `${number(max, 2)} ${t('attribution.conversionsUnit')}`));
  return h('figure', { class: 'chart attr-chart', id: 'attr-chart-figure' },
    h('figcaption', {}, t('attribution.chartTitle'), h('span', { class: 'hint' }, ` — ${t('attribution.chartAlt')}`)), root);
}

function svgEl(name, attrs, text) {
  const node = document.createElementNS(SVG, name);
  Object.entries(attrs).forEach(([k, v]) => { if (v !== undefined && v !== null) node.setAttribute(k, String(v)); });
  if (text !== undefined) node.textContent = text;
  return node;
}

function modelName(m) {
  return t(`attribution.model.${m}`);
}

function statusName(s) {
  return t(`attribution.status.${s}`);
}

function pct(v, digits) {
  return typeof v === 'number' ? `${number(v * 100, digits)} %` : '—';
}

function points(v) {
  return typeof v === 'number' ? `${v >= 0 ? '+' : '−'}${number(Math.abs(v) * 100, 1)} pp` : '—';
}

function signed(v, digits) {
  return typeof v === 'number' ? `${v >= 0 ? '+' : '−'}${number(Math.abs(v), digits)}` : '—';
}

function signedCash(v, currency) {
  return typeof v === 'number' ? `${v >= 0 ? '+' : '−'}${money(Math.abs(v), currency)}` : '—';
}

function pValue(p) {
  if (typeof p !== 'number') return '—';
  return p < 0.0001 ? p.toExponential(1) : number(p, 4);
}

