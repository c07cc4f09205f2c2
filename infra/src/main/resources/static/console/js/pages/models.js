// Models (docs/models.md): each trainable model with the version in service; one model's versions with
// their data window, metrics against the baseline and the promotion decision. An ADMIN can train a new
// version and watch its progress (phase, events read, then the scoring run of every customer).
import * as api from '../api.js';
import { h, clear } from '../dom.js';
import { t, number, dateTime } from '../i18n.js';

export async function render(main, { arg, can }) {
  main.append(h('h1', {}, t('models.title')));
  let models;
  try {
    models = await api.get('/api/v1/models');
  } catch (err) {
    main.append(h('p', { class: 'error', role: 'alert' }, t('error.generic', { message: err.message })));
    return;
  }
  main.append(h('table', { id: 'models-table', class: 'wide' },
    h('caption', { class: 'visually-hidden' }, t('models.title')),
    h('thead', {}, h('tr', {}, ['models.name', 'models.inService', 'models.algorithm', 'models.trainedAt', 'models.versions']
      .map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody', {}, models.map(row))));
  if (arg) await detail(main, arg, can('trainModels'));
}

function row(m) {
  return h('tr', { 'data-model': m.name },
    h('td', {}, h('a', { href: `#/models/${encodeURIComponent(m.name)}`, id: `open-model-${m.name}` }, h('code', {}, m.name))),
    h('td', { class: 'in-service' }, m.inService ? t('models.version', { v: m.inService.version }) : t('models.none')),
    h('td', {}, m.inService ? m.inService.algorithm : '—'),
    h('td', {}, m.inService ? dateTime(m.inService.trainedAt) : '—'),
    h('td', { class: 'num' }, number(m.versions)));
}

/** After a training: the model's row in the table says what is in service now. */
async function refreshRow(name) {
  const current = document.querySelector(`#models-table tr[data-model="${name}"]`);
  const models = await api.get('/api/v1/models');
  const m = models.find((x) => x.name === name);
  if (current && m) current.replaceWith(row(m));
}

async function detail(main, name, mayTrain) {
  const section = h('section', { class: 'card', id: 'model-detail', 'aria-labelledby': 'model-title' });
  main.append(section);
  section.append(h('h2', { id: 'model-title' }, h('code', {}, name)));
  if (mayTrain) {
    const status = h('p', { id: 'training-status', role: 'status', 'aria-live': 'polite' });
    const button = h('button', { class: 'primary', id: 'train-model', onclick: () => train(name, button, status) }, t('models.train'));
    section.append(h('p', {}, button), status);
  }
  const versions = h('div', { id: 'model-versions' });
  section.append(versions);
  await showVersions(name, versions);
}

async function showVersions(name, target) {
  clear(target);
  let versions;
  try {
    versions = await api.get(`/api/v1/models/${encodeURIComponent(name)}`);
  } catch (err) {
    target.append(h('p', { class: err.status === 404 ? 'subtle' : 'error' }, err.status === 404 ? t('models.noVersions') : err.message));
    return;
  }
  for (const v of versions.slice().reverse()) {
    const keys = [...new Set([...Object.keys(v.metrics || {}), ...Object.keys(v.baseline || {})])];
    target.append(h('article', { class: 'version', 'data-version': v.version },
      h('h3', {}, t('models.version', { v: v.version }), ' ',
        h('span', { class: v.promoted ? 'badge ok' : 'badge' }, v.promoted ? t('models.promoted') : t('models.notPromoted'))),
      h('p', { class: 'subtle' }, t('models.trainedBy', { at: dateTime(v.trainedAt), by: v.trainedBy, algorithm: v.algorithm }),
        ' · ', t('models.window', { from: dateTime(v.dataFrom), to: dateTime(v.dataTo), rows: number(v.trainingRows) })),
      h('ul', { class: 'reasons' }, (v.reasons || []).map((r) => h('li', {}, r))),
      keys.length ? h('table', {}, h('thead', {}, h('tr', {}, ['models.metric', 'models.model', 'models.baseline']
        .map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', {}, keys.map((k) => h('tr', { 'data-metric': k }, h('td', {}, k),
        h('td', { class: 'num' }, metric(v.metrics[k])), h('td', { class: 'num' }, metric((v.baseline || {})[k])))))) : null));
  }
}

async function train(name, button, status) {
  button.disabled = true;
  try {
    let run = await api.post(`/api/v1/models/${encodeURIComponent(name)}/trainings`);
    while (run.status === 'QUEUED' || run.status === 'RUNNING') {
      status.textContent = t('models.progress', { phase: run.phase, events: number(run.eventsRead) });
      await new Promise((resolve) => setTimeout(resolve, 1000));
      run = await api.get(`/api/v1/models/trainings/${run.id}`);
    }
    status.textContent = run.status === 'COMPLETED'
      ? t(run.promoted ? 'models.trainedPromoted' : 'models.trainedNotPromoted', { v: run.version })
      : t('models.trainingFailed', { error: run.error });
    status.className = run.status === 'COMPLETED' && run.promoted ? 'ok' : 'error';
    await showVersions(name, document.getElementById('model-versions'));
    await refreshRow(name);
  } catch (err) {
    status.textContent = t('error.generic', { message: err.message });
    status.className = 'error';
  } finally {
    button.disabled = false;
  }
}

function metric(v) {
  if (typeof v !== 'number') return '—';
  return Number.isInteger(v) ? number(v) : number(v, 4);
}
