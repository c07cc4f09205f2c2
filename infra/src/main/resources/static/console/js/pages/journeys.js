// Journeys (docs/journeys.md): every journey with its state, version, customers entered and in flight
// and how their runs ended; a journey's graph drawn as a flow with live counts; a marketer pauses, resumes or
// retires it, installs the four seed journeys with the brand's offers, and builds a journey on the canvas
// (journey-canvas.js: #/journeys/~canvas, or ~canvas/<key> to start from a published one), with its JSON beside it.
import * as api from '../api.js';
import { h, clear, uid } from '../dom.js';
import { t, number, dateTime, locale } from '../i18n.js';
import { mount as mountCanvas } from './journey-canvas.js';

const SVG = 'http://www.w3.org/2000/svg';
/** The builder's route: "~" is not in a journey key, so no journey's page is shadowed. */
const CANVAS = '~canvas';
/** What the builder just published, said on the journey's page it opens. */
let published = null;

export async function render(main, { arg, can, go }) {
  if (arg === CANVAS || arg.startsWith(`${CANVAS}/`)) {
    await builder(main, arg.slice(CANVAS.length + 1), can, go);
    return;
  }
  main.append(h('h1', {}, t('journeys.title')));
  if (arg) {
    await detail(main, arg, can, go);
    return;
  }
  const list = h('div', { id: 'journeys-list' });
  main.append(list);
  if (can('manageJourneys')) {
    main.append(h('p', {}, h('a', { class: 'button primary', id: 'new-journey', href: `#/journeys/${CANVAS}` }, t('canvas.new'))));
  }
  await showList(list, can('manageJourneys'), go);
  if (can('manageJourneys')) {
    main.append(await seeds(() => showList(list, true, go)));
  }
}

/** The canvas, empty or with a published journey's graph to build its next version (or a copy) from. */
async function builder(main, key, can, go) {
  main.append(h('h1', {}, key ? t('canvas.titleEdit', { key }) : t('canvas.title')),
    h('p', {}, h('a', { href: '#/journeys' }, t('journeys.back'))));
  if (!can('manageJourneys')) {
    main.append(h('p', { class: 'error', role: 'alert' }, t('canvas.notAllowed')));
    return;
  }
  let loaded = null;
  if (key) {
    try {
      const d = await api.get(`/api/v1/journeys/${encodeURIComponent(key)}`);
      loaded = { key, graph: d.graph };
    } catch (err) {
      main.append(h('p', { class: 'error', role: 'alert' }, t('error.generic', { message: err.message })));
      return;
    }
  }
  await mountCanvas(main, { loaded, onPublished: (k, version) => {
    published = { key: k, version };
    go('journeys', k);
  } });
}

async function showList(target, mayManage, go) {
  clear(target);
  let journeys;
  try {
    journeys = await api.get('/api/v1/journeys');
  } catch (err) {
    target.append(h('p', { class: 'error', role: 'alert' }, t('error.generic', { message: err.message })));
    return;
  }
  if (!journeys.length) {
    target.append(h('p', { id: 'journeys-empty' }, t('journeys.empty')));
    return;
  }
  target.append(h('table', { id: 'journeys-table', class: 'wide' },
    h('caption', { class: 'visually-hidden' }, t('journeys.title')),
    h('thead', {}, h('tr', {}, ['journeys.name', 'journeys.state', 'journeys.version', 'journeys.entered', 'journeys.inFlight',
      'journeys.outcomes', 'journeys.actions'].map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody', {}, journeys.map((j) => h('tr', { 'data-journey': j.key },
      h('td', {}, h('a', { href: `#/journeys/${encodeURIComponent(j.key)}` }, j.name), ' ', h('code', { class: 'subtle' }, j.key)),
      h('td', { class: 'state' }, t(`journeys.state.${j.state}`)),
      h('td', { class: 'num' }, number(j.version)),
      h('td', { class: 'num entered' }, number(j.entered)),
      h('td', { class: 'num' }, number(j.inFlight)),
      h('td', { class: 'outcomes' }, outcomes(j.outcomes)),
      h('td', {}, mayManage ? actions(j, () => showList(target, true, go)) : null))))));
}

function outcomes(map) {
  const entries = Object.entries(map || {});
  if (!entries.length) return '—';
  return entries.map(([k, v]) => {
    const key = `journeys.outcome.${k}`;
    const text = t(key);
    return `${text === key ? k : text} ${number(v)}`;
  }).join(' · ');
}

function actions(j, refresh) {
  const step = (name) => h('button', {
    class: 'small', 'data-action': name,
    onclick: async (e) => {
      e.target.disabled = true;
      try {
        await api.post(`/api/v1/journeys/${encodeURIComponent(j.key)}/${name}`);
        await refresh();
      } catch (err) {
        e.target.disabled = false;
        e.target.after(h('span', { class: 'error', role: 'alert' }, ` ${err.message}`));
      }
    },
  }, t(`journeys.do.${name}`));
  switch (j.state) {
    case 'active': return [step('pause'), ' ', step('retire')];
    case 'paused': return [step('resume'), ' ', step('retire')];
    default: return null;
  }
}

async function detail(main, key, can, go) {
  main.append(h('p', {}, h('a', { href: '#/journeys' }, t('journeys.back'))));
  let d;
  try {
    d = await api.get(`/api/v1/journeys/${encodeURIComponent(key)}`);
  } catch (err) {
    main.append(h('p', { class: 'error', role: 'alert' }, t('error.generic', { message: err.message })));
    return;
  }
  const j = d.journey;
  const justPublished = published && published.key === j.key ? published : null;
  published = null;
  const figure = h('figure', { class: 'card' }, flow(d.graph), h('figcaption', {}, t('journeys.flowCaption')));
  const results = h('section', { id: 'journey-results', 'aria-live': 'polite' });
  main.append(justPublished ? h('p', { class: 'ok', id: 'journey-published', role: 'status' },
    t('journeys.published', { key: justPublished.key, version: justPublished.version })) : null,
  h('h2', { id: 'journey-name' }, j.name),
    h('p', {}, t('journeys.summary', { key: j.key, version: j.version, state: t(`journeys.state.${j.state}`),
      entered: number(j.entered), inFlight: number(j.inFlight), published: dateTime(j.publishedAt) })),
    h('p', {}, t('journeys.trigger'), ' ', h('strong', { id: 'journey-trigger' }, trigger(d.graph.trigger)),
      d.graph.goal ? [' · ', t('journeys.goal'), ' ', h('strong', {}, eventText(d.graph.goal))] : null),
    can('manageJourneys') ? h('p', {}, h('a', { class: 'button', id: 'edit-journey', href: `#/journeys/${CANVAS}/${encodeURIComponent(j.key)}` },
      t('canvas.edit'))) : null,
    figure, results);
  await live(key, j.state, figure, results);
}

const REFRESH_MS = 3000;

/**
 * The report's counts on the graph and the split arms' results, read again every few seconds while the
 * journey takes customers or has runs in flight (active or paused); once retired, read once. The refresh
 * stops when the page is left (the section is no longer in the document).
 */
async function live(key, state, figure, results) {
  const read = async () => {
    try {
      const r = await api.get(`/api/v1/journeys/${encodeURIComponent(key)}/report`);
      showCounts(figure.querySelector('svg'), r);
      showResults(results, r, state !== 'retired');
    } catch (err) {
      clear(results).append(h('p', { class: 'error', role: 'alert' }, t('error.generic', { message: err.message })));
    }
  };
  await read();
  if (state === 'retired') return;
  const timer = setInterval(() => {
    if (!results.isConnected) { clearInterval(timer); return; }
    read();
  }, REFRESH_MS);
}

/** Each step box's third line: how many runs went through it, and how many wait there now. */
function showCounts(svg, r) {
  for (const n of r.nodes || []) {
    const text = svg.querySelector(`text.step-counts[data-step="${CSS.escape(n.id)}"]`);
    if (!text) continue;
    text.textContent = n.waiting > 0
      ? t('journeys.counts.waiting', { reached: number(n.reached), waiting: number(n.waiting) })
      : t('journeys.counts.reached', { reached: number(n.reached) });
    text.setAttribute('data-reached', n.reached);
    text.setAttribute('data-waiting', n.waiting);
  }
}

const ARM_COLUMNS = ['entered', 'accepted', 'delivered', 'clicked', 'converted'];

function showResults(section, r, isLive) {
  clear(section);
  section.append(h('p', { class: 'subtle', id: 'journey-updated' }, isLive
    ? t('journeys.updatedLive', { time: new Date().toLocaleTimeString(locale()), seconds: REFRESH_MS / 1000 })
    : t('journeys.updated', { time: new Date().toLocaleTimeString(locale()) })));
  if (r.notes && r.notes.length) section.append(h('ul', { class: 'subtle' }, r.notes.map((n) => h('li', {}, n))));
  for (const s of r.splits || []) section.append(splitTable(s, r));
}

function splitTable(s, r) {
  const e = s.experiment;
  const beat = new Map((e ? e.comparisons : []).filter((c) => c.metric === 'conversion').map((c) => [c.arm, c]));
  const winner = e && e.decision ? e.decision.winner : null;
  return h('div', { class: 'card split-results', 'data-split': s.split },
    h('h3', {}, t('journeys.split.title', { split: s.split })),
    h('p', { class: winner ? 'ok decision' : 'subtle decision' }, splitDecision(s, e, winner)),
    e ? h('p', { class: 'hint' }, t('journeys.split.rule', { control: e.control, alpha: e.alpha,
      threshold: number(e.alpha / Math.max(1, s.arms.length - 1), 4) })) : null,
    (s.notes || []).length ? h('ul', { class: 'subtle notes' }, s.notes.map((n) => h('li', {}, n))) : null,
    h('table', { class: 'wide split-arms' },
      h('caption', {}, t('journeys.split.caption', { split: s.split, control: s.control, conversion: t(`journeys.conversion.${/goal/.test(r.conversion || '') ? 'goal' : 'order'}`) })),
      h('thead', {}, h('tr', {}, ['journeys.arm', ...ARM_COLUMNS.map((c) => `journeys.arm.${c}`), 'journeys.arm.rate', 'journeys.arm.beat']
        .map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', {}, s.arms.map((a) => {
        const c = beat.get(a.arm);
        return h('tr', { 'data-arm': a.arm, class: a.arm === winner ? 'winner' : '' },
          h('th', { scope: 'row' }, a.arm, a.arm === s.control ? h('span', { class: 'badge' }, t('journeys.control')) : null,
            a.arm === winner ? h('span', { class: 'badge ok' }, t('journeys.winnerBadge')) : null),
          ARM_COLUMNS.map((col) => h('td', { class: `num ${col}` }, number(a[col]))),
          h('td', { class: 'num rate' }, percent(a.conversionRate)),
          h('td', { class: 'num beat' }, c ? percent(c.probabilityToBeatControl) : '—'));
      }))));
}

function splitDecision(s, e, winner) {
  if (!e) return t('journeys.split.noComparison');
  if (winner) {
    const arm = s.arms.find((a) => a.arm === winner);
    const control = s.arms.find((a) => a.arm === e.control);
    return t('journeys.split.winner', { arm: winner, rate: percent(arm && arm.conversionRate), control: e.control,
      controlRate: percent(control && control.conversionRate) });
  }
  return t('journeys.split.noWinner', { control: e.control });
}

function percent(v) {
  return typeof v === 'number' && Number.isFinite(v) ? `${number(v * 100, 1)} %` : '—';
}

/** The trigger in words: an event (with its conditions), entering a segment, or a schedule. */
function trigger(tr) {
  switch (tr.type) {
    case 'segment-entry': return t('journeys.segmentEntry', { segment: tr.segment });
    case 'schedule': return t('journeys.schedule', { when: cronText(tr.cron), cron: tr.cron, zone: tr.zone || 'UTC',
      segments: (tr.segments || []).join(', ') });
    case 'event': return eventText(tr.on || {});
    default: return tr.on ? eventText(tr.on) : tr.type;
  }
}

function eventText(spec) {
  const where = Object.entries(spec.where || {}).filter(([k]) => k !== 'minDwell').map(([k, v]) => `${k}=${v}`);
  if (spec.where && spec.where.minDwell) where.push(t('journeys.minDwell', { duration: duration(spec.where.minDwell) }));
  return where.length ? `${spec.event} (${where.join(', ')})` : spec.event;
}

const DAYS = { MON: 1, TUE: 2, WED: 3, THU: 4, FRI: 5, SAT: 6, SUN: 0 };

/**
 * Spring's six-field cron (seconds first) in words for the common shapes — a fixed time of day, every day,
 * on given days of the week or of the month; anything else is shown as the expression itself (which the
 * trigger's sentence always carries too).
 */
export function cronText(cron) {
  const c = (cron || '').trim();
  const macros = { '@daily': ['journeys.cron.daily', { time: '00:00' }], '@midnight': ['journeys.cron.daily', { time: '00:00' }],
    '@hourly': ['journeys.cron.hourlyAt', { minute: '0' }], '@weekly': ['journeys.cron.weekly', { days: dayNames('SUN'), time: '00:00' }],
    '@monthly': ['journeys.cron.monthly', { days: '1', time: '00:00' }] };
  if (macros[c]) return t(...macros[c]);
  const f = c.split(/\s+/);
  if (f.length !== 6) return c;
  const [sec, min, hour, dom, month, dow] = f;
  const any = (x) => x === '*' || x === '?';
  if (f.every((x, i) => any(x) || (i === 3 && x === '?'))) return t('journeys.cron.everySecond');
  if (!/^\d+$/.test(sec) || !/^\d+$/.test(min) || month !== '*') return c;
  if (hour === '*' && any(dom) && any(dow)) return t('journeys.cron.hourlyAt', { minute: min });
  if (!/^\d+$/.test(hour)) return c;
  const time = `${hour.padStart(2, '0')}:${min.padStart(2, '0')}${sec !== '0' ? `:${sec.padStart(2, '0')}` : ''}`;
  if (any(dom) && any(dow)) return t('journeys.cron.daily', { time });
  if (any(dom) && /^[A-Za-z0-7,-]+$/.test(dow)) return t('journeys.cron.weekly', { days: dayNames(dow), time });
  if (any(dow) && /^[0-9,-]+$/.test(dom)) return t('journeys.cron.monthly', { days: dom, time });
  return c;
}

/** "MON-FRI" → "Monday–Friday", "MON,WED" → "Monday, Wednesday", in the console's language. */
function dayNames(dow) {
  const name = (d) => {
    const n = /^\d$/.test(d) ? Number(d) % 7 : DAYS[d.toUpperCase()];
    if (n === undefined) return d;
    // 1 January 2023 was a Sunday
    return new Intl.DateTimeFormat(locale(), { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2023, 0, 1 + n)));
  };
  return dow.split(',').map((part) => part.split('-').map(name).join('–')).join(', ');
}

/** What a step does, in a few words. */
function label(node) {
  switch (node.type) {
    case 'wait': return node.duration ? t('journeys.node.wait', { duration: duration(node.duration) }) : t('journeys.node.waitUntil', { time: node.until });
    case 'wait-for-event': return t('journeys.node.waitFor', { event: eventText(node.event), timeout: duration(node.timeout) });
    case 'condition': return t('journeys.node.condition');
    case 'split': return t('journeys.node.split', { branches: node.branches.map((b) => `${b.key} ${b.weight}`).join(' / ') });
    case 'send-message': return t('journeys.node.send', { channel: node.channel });
    case 'issue-coupon': return t('journeys.node.coupon', { offer: node.offerId });
    case 'set-tag': return t('journeys.node.tag', { tag: node.tag });
    case 'exit': return t('journeys.node.exit');
    default: return node.type;
  }
}

/** "PT30M" → "30 min", "P7D" → "7 d". */
function duration(iso) {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(iso || '');
  if (!m) return iso;
  const parts = [];
  if (m[1]) parts.push(`${m[1]} d`);
  if (m[2]) parts.push(`${m[2]} h`);
  if (m[3]) parts.push(`${m[3]} min`);
  if (m[4]) parts.push(`${m[4]} s`);
  return parts.join(' ') || iso;
}

/** The steps and where each leads, as labelled arrows. */
function edges(node) {
  switch (node.type) {
    case 'wait-for-event': return [[node.onEvent, t('journeys.edge.event')], [node.onTimeout, t('journeys.edge.timeout')]];
    case 'condition': return [[node.then, t('journeys.edge.yes')], [node.otherwise, t('journeys.edge.no')]];
    case 'split': return node.branches.map((b) => [b.next, b.key]);
    case 'exit': return [];
    default: return [[node.next, '']];
  }
}

/** The graph drawn in rows from the start, exits last: each step a box, each way out an arrow with its label. */
function flow(graph) {
  const byId = Object.fromEntries(graph.nodes.map((n) => [n.id, n]));
  const layer = { [graph.start]: 0 };
  const queue = [graph.start];
  while (queue.length) {
    const id = queue.shift();
    for (const [next] of edges(byId[id] || { type: 'exit' })) {
      if (next && byId[next] && layer[next] === undefined) {
        layer[next] = layer[id] + 1;
        queue.push(next);
      }
    }
  }
  // Exits go to a last row of their own, so every path reads downwards to where it ends.
  const last = Math.max(...Object.entries(layer).filter(([id]) => byId[id].type !== 'exit').map(([, l]) => l), 0) + 1;
  Object.keys(layer).filter((id) => byId[id].type === 'exit').forEach((id) => { layer[id] = last; });
  const byRow = [];
  Object.entries(layer).forEach(([id, l]) => { (byRow[l] = byRow[l] || []).push(id); });
  const layers = byRow.filter(Boolean);
  const W = 210; const H = 72; const GX = 40; const GY = 46;
  const width = Math.max(...layers.map((l) => l.length)) * (W + GX) + GX;
  const height = layers.length * (H + GY) + GY;
  const pos = {};
  layers.forEach((ids, l) => ids.forEach((id, i) => {
    const offset = (width - ids.length * (W + GX) + GX) / 2;
    pos[id] = { x: offset + i * (W + GX), y: GY / 2 + l * (H + GY) };
  }));
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('width', width);
  svg.setAttribute('id', 'journey-flow');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', t('journeys.flowCaption'));
  const el = (name, attrs, text) => {
    const e = document.createElementNS(SVG, name);
    Object.entries(attrs).forEach(([k, v]) => e.setAttribute(k, v));
    if (text !== undefined) e.textContent = text;
    svg.appendChild(e);
    return e;
  };
  const defs = el('defs', {});
  const marker = document.createElementNS(SVG, 'marker');
  Object.entries({ id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' })
    .forEach(([k, v]) => marker.setAttribute(k, v));
  const tip = document.createElementNS(SVG, 'path');
  tip.setAttribute('d', 'M 0 0 L 10 5 L 0 10 z');
  marker.appendChild(tip);
  defs.appendChild(marker);
  for (const id of Object.keys(pos)) {
    for (const [next, text] of edges(byId[id])) {
      if (!pos[next]) continue;
      const a = pos[id]; const b = pos[next];
      const x1 = a.x + W / 2; const y1 = a.y + H; const x2 = b.x + W / 2;
      const y2 = b.y <= a.y ? b.y + H / 2 : b.y;
      el('line', { x1, y1, x2, y2, class: 'edge', 'marker-end': 'url(#arrow)' });
      if (text) el('text', { x: (x1 + x2) / 2 + 4, y: (y1 + y2) / 2, class: 'edge-label' }, text);
    }
  }
  for (const [id, p] of Object.entries(pos)) {
    const node = byId[id];
    el('rect', { x: p.x, y: p.y, width: W, height: H, rx: 8, class: `step step-${node.type}`, 'data-step': id });
    el('text', { x: p.x + 10, y: p.y + 20, class: 'step-id' }, id);
    el('text', { x: p.x + 10, y: p.y + 40, class: 'step-label' }, label(node));
    el('text', { x: p.x + 10, y: p.y + 60, class: 'step-counts', 'data-step': id }, '…');
  }
  return svg;
}

async function seeds(onDone) {
  let offers = [];
  try {
    offers = (await api.get('/api/v1/offers')).filter((o) => o.state === 'ACTIVE');
  } catch (err) {
    return h('p', { class: 'error', role: 'alert' }, t('error.generic', { message: err.message }));
  }
  const pick = (kind) => {
    const select = h('select', { id: uid('seed') }, offers.filter((o) => o.terms.reward.kind === kind)
      .map((o) => h('option', { value: o.offerId }, `${o.terms.name} (${o.offerId})`)));
    return select;
  };
  const voucher = pick('voucher');
  const wakeUp = pick('threshold');
  const status = h('div', { id: 'seeds-status', role: 'status', 'aria-live': 'polite' });
  const form = h('form', { class: 'card', id: 'seeds-form' },
    h('h2', {}, t('journeys.seeds')),
    h('p', { class: 'hint' }, t('journeys.seedsHint')),
    h('div', { class: 'field' }, h('label', { for: voucher.id }, t('journeys.voucherOffer')), voucher),
    h('div', { class: 'field' }, h('label', { for: wakeUp.id }, t('journeys.wakeUpOffer')), wakeUp),
    h('button', { class: 'primary', type: 'submit', id: 'install-seeds' }, t('journeys.installSeeds')),
    status);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clear(status);
    try {
      const done = await api.post('/api/v1/journeys/seeds', { voucherOfferId: voucher.value, wakeUpOfferId: wakeUp.value });
      status.append(h('p', {}, t('journeys.seedsDone', { count: done.length })));
      await onDone();
    } catch (err) {
      status.append(problems(err));
    }
  });
  return form;
}

function problems(err) {
  return h('div', { class: 'error', role: 'alert' }, h('p', {}, err.message),
    err.errors.length ? h('ul', { class: 'problems' }, err.errors.map((p) => h('li', {}, p))) : null);
}
