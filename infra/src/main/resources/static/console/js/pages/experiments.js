// Experiments: the list, and one experiment's report (docs/experiments.md): per metric a chart of each
// arm's rate or mean, then every arm against the control with its interval, p-values and probability to
// beat, the bandit's traffic shares and the winner. The chart is inline SVG: no library, nothing downloaded.
import * as api from '../api.js';
import { h } from '../dom.js';
import { t, number, dateTime } from '../i18n.js';

const SVG = 'http://www.w3.org/2000/svg';

export async function render(main, { arg }) {
  main.append(h('h1', {}, t('experiments.title')));
  let list;
  try {
    list = await api.get('/api/v1/experiments');
  } catch (err) {
    main.append(h('p', { class: 'error', role: 'alert' }, t('error.generic', { message: err.message })));
    return;
  }
  if (!list.length) {
    main.append(h('p', { id: 'experiments-empty' }, t('experiments.empty')));
    return;
  }
  main.append(h('table', { id: 'experiments-table', class: 'wide' },
    h('caption', { class: 'visually-hidden' }, t('experiments.title')),
    h('thead', {}, h('tr', {}, ['experiments.key', 'experiments.name', 'experiments.arms', 'experiments.rows', 'experiments.recorded']
      .map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody', {}, list.map((e) => h('tr', { 'data-experiment': e.key },
      h('td', {}, h('a', { href: `#/experiments/${encodeURIComponent(e.key)}`, id: `open-${e.key}` }, h('code', {}, e.key))),
      h('td', {}, e.name),
      h('td', {}, e.arms.join(', ')),
      h('td', { class: 'num' }, number(e.rows), e.rejected ? h('span', { class: 'badge' }, t('experiments.rejected', { n: number(e.rejected) })) : null),
      h('td', {}, dateTime(e.importedAt), ' · ', e.importedBy))))));
  if (arg) await report(main, arg);
}

async function report(main, key) {
  const section = h('section', { class: 'card', id: 'experiment-report', 'aria-labelledby': 'experiment-title' });
  main.append(section);
  let r;
  try {
    r = await api.get(`/api/v1/experiments/${encodeURIComponent(key)}/report`);
  } catch (err) {
    section.append(h('p', { class: 'error', role: 'alert' }, err.status === 404 ? t('experiments.noSuch', { key }) : err.message));
    return;
  }
  const e = r.experiment;
  section.append(
    h('h2', { id: 'experiment-title' }, `${e.name} `, h('code', {}, e.key)),
    h('p', {}, t('experiments.control', { arm: e.control }), ' · ', t('experiments.primary', { metric: e.primary })),
    h('p', { id: 'experiment-winner', class: r.winner ? 'ok' : 'subtle' },
      r.winner ? t('experiments.winner', { arm: r.winner, metric: e.primary }) : t('experiments.noWinner')),
    h('p', { class: 'hint' }, t('experiments.winnerRule', { alpha: r.alpha })));
  const charts = h('div', { class: 'charts' });
  section.append(charts);
  for (const [metric, arms] of Object.entries(r.arms)) {
    charts.append(chart(metric, arms, e.control));
  }
  section.append(h('h3', {}, t('experiments.comparisons', { confidence: Math.round(r.confidence * 100) })),
    h('table', { id: 'comparisons', class: 'wide' },
      h('thead', {}, h('tr', {}, ['experiments.arm', 'experiments.metric', 'experiments.difference', 'experiments.interval',
        'experiments.uplift', 'experiments.pValue', 'experiments.alwaysValid', 'experiments.beat']
        .map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', {}, r.comparisons.map((c) => {
        const isRate = typeof c.probabilityToBeatControl === 'number';
        const fmt = (v) => (isRate ? points(v) : signed(v, 3));
        return h('tr', { 'data-arm': c.arm, 'data-metric': c.metric },
          h('td', {}, c.arm), h('td', {}, c.metric),
          h('td', { class: 'num difference' }, fmt(c.difference)),
          h('td', { class: 'num' }, `[${fmt(c.lower)}, ${fmt(c.upper)}]`),
          h('td', { class: 'num' }, percent(c.relativeUplift)),
          h('td', { class: 'num' }, pValue(c.pValue)),
          h('td', { class: 'num' }, isRate ? pValue(c.alwaysValidPValue) : '—'),
          h('td', { class: 'num' }, isRate ? number(c.probabilityToBeatControl, 4) : '—'));
      }))),
    h('h3', {}, t('experiments.bandit')),
    h('ul', { id: 'bandit-shares' }, Object.entries(r.banditShares).map(([arm, share]) => h('li', {}, `${arm}: ${percent(share)}`))));
  section.setAttribute('tabindex', '-1');
  section.focus();
}

/** A horizontal bar per arm: its rate (or mean) for one metric, the control's bar in grey. */
function chart(metric, arms, control) {
  const isRate = arms.some((a) => typeof a.rate === 'number');
  const value = (a) => (isRate ? a.rate : a.mean);
  const max = Math.max(...arms.map(value), 0) || 1;
  const rowHeight = 28;
  const labelWidth = 140;
  const width = 460;
  const height = arms.length * rowHeight + 10;
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', t('experiments.chartLabel', { metric }) + ': '
    + arms.map((a) => `${a.arm} ${isRate ? percent(value(a)) : number(value(a), 4)}`).join(', '));
  arms.forEach((a, i) => {
    const y = 5 + i * rowHeight;
    const barWidth = ((width - labelWidth - 90) * value(a)) / max;
    svg.append(el('text', { x: 0, y: y + 17, class: 'chart-label' }, a.arm));
    svg.append(el('rect', { x: labelWidth, y: y + 4, width: Math.max(1, barWidth), height: rowHeight - 10,
      class: a.arm === control ? 'bar control' : 'bar', 'data-arm': a.arm }));
    svg.append(el('text', { x: labelWidth + barWidth + 6, y: y + 17, class: 'chart-value' },
      isRate ? percent(value(a)) : number(value(a), 4)));
  });
  return h('figure', { class: 'chart', 'data-metric': metric }, h('figcaption', {}, metric), svg);
}

function el(name, attrs, text) {
  const node = document.createElementNS(SVG, name);
  Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, String(v)));
  if (text !== undefined) node.textContent = text;
  return node;
}

function percent(v) {
  return typeof v === 'number' ? `${number(v * 100, 2)} %` : '—';
}

/** A difference of rates in percentage points. */
function points(v) {
  return typeof v === 'number' ? `${v >= 0 ? '+' : ''}${number(v * 100, 2)} pp` : '—';
}

function signed(v, digits) {
  return typeof v === 'number' ? `${v >= 0 ? '+' : ''}${number(v, digits)}` : '—';
}

function pValue(p) {
  if (typeof p !== 'number') return '—';
  return p < 0.0001 ? p.toExponential(1) : number(p, 4);
}
