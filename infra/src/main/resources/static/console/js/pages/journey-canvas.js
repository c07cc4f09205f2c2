// The journey builder (docs/journeys.md, "The canvas"): steps dragged from a palette onto a canvas, moved,
// connected port to step, configured in a side panel, checked by the server (each problem shown on the step it
// names) and published. The canvas is the graph the server accepts, kept in sync both ways with its JSON.
// Everything is driven by pointer events (mouse, touch, pen) and has a keyboard way: a palette button adds the
// step, arrow keys move a focused step, each way out is chosen in the panel.
import * as api from '../api.js';
import { h, clear } from '../dom.js';
import { t } from '../i18n.js';
import { placeError } from '../forms.js';
import { TRIGGERS, triggerFields, stepFields, eventFields, durationInput, labelled, fieldBox, eventText, words, shortJson } from './journey-step-forms.js';

const SVG = 'http://www.w3.org/2000/svg';
const TRIGGER = '@trigger';
const GOAL = '@goal';
const W = 200;
const ROW = 150;
const COL = 240;
const DRAG_THRESHOLD = 4;
const SYNC_DELAY_MS = 300;
const ID = /^[a-z0-9][a-z0-9-]{0,39}$/;


/** The palette: each item what a step (or the trigger, or the goal) starts as when it is placed. */
const PALETTE = [
  { group: 'start', items: [
    { kind: 'trigger-event', trigger: TRIGGERS.event },
    { kind: 'trigger-segment', trigger: TRIGGERS['segment-entry'] },
    { kind: 'trigger-schedule', trigger: TRIGGERS.schedule },
  ] },
  { group: 'wait', items: [
    { kind: 'wait', node: () => ({ type: 'wait', duration: 'PT30M', next: null }) },
    { kind: 'wait-until', node: () => ({ type: 'wait', until: '09:00', next: null }) },
    { kind: 'wait-for-event', node: () => ({ type: 'wait-for-event', event: { event: 'order' }, timeout: 'PT30M', onEvent: null, onTimeout: null }) },
  ] },
  { group: 'decide', items: [
    { kind: 'condition', node: () => ({ type: 'condition', condition: null, then: null, otherwise: null }) },
    { kind: 'split', node: () => ({ type: 'split', branches: [{ key: 'a', weight: 1, next: null }, { key: 'b', weight: 1, next: null }] }) },
  ] },
  { group: 'act', items: [
    { kind: 'send-message', node: () => ({ type: 'send-message', channel: 'inbox', title: '', body: '', next: null }) },
    { kind: 'issue-coupon', node: () => ({ type: 'issue-coupon', offerId: '', next: null }) },
    { kind: 'set-tag', node: () => ({ type: 'set-tag', tag: '', next: null }) },
    { kind: 'call-webhook', node: () => ({ type: 'call-webhook', endpoint: '', fields: [], next: null }) },
  ] },
  { group: 'end', items: [
    { kind: 'goal', goal: () => ({ event: 'order' }) },
    { kind: 'exit', node: () => ({ type: 'exit' }) },
  ] },
];
const ITEMS = new Map(PALETTE.flatMap((g) => g.items).map((i) => [i.kind, i]));

/** The ways out of a step, each with how to read and set its target. */
function arms(step, graph) {
  if (step.k === TRIGGER) return [{ arm: 'start', label: t('canvas.arm.start'), get: () => graph.start, set: (v) => { graph.start = v; } }];
  if (step.k === GOAL) return [];
  const n = step.node;
  const one = (prop, label) => ({ arm: prop, label, get: () => n[prop] ?? null, set: (v) => { n[prop] = v; } });
  switch (n.type) {
    case 'wait-for-event': return [one('onEvent', t('journeys.edge.event')), one('onTimeout', t('journeys.edge.timeout'))];
    case 'condition': return [one('then', t('journeys.edge.yes')), one('otherwise', t('journeys.edge.no'))];
    case 'split': return (n.branches || []).map((b, i) => ({ arm: `branch-${i}`, label: b.key || `#${i + 1}`,
      get: () => b.next ?? null, set: (v) => { b.next = v; } }));
    case 'exit': return [];
    default: return [one('next', t('canvas.arm.next'))];
  }
}

function kindOf(step) {
  if (step.k === TRIGGER) return 'trigger';
  if (step.k === GOAL) return 'goal';
  const n = step.node;
  return n.type === 'wait' && n.until && !n.duration ? 'wait-until' : n.type;
}

/**
 * Mounts the builder into {@code main}. {@code loaded} is a journey to start from ({key, graph}) or null;
 * {@code onPublished(key, version)} is called after a successful publish.
 */
export async function mount(main, { loaded, onPublished }) {
  let offers = [];
  let segments = [];
  let fields = [];
  try {
    [offers, segments, fields] = await Promise.all([api.get('/api/v1/offers'), api.get('/api/v1/segments'), api.get('/api/v1/segments/fields')]);
  } catch (err) {
    main.append(h('p', { class: 'error', role: 'alert' }, t('error.generic', { message: err.message })));
    return null;
  }
  const canvas = new Canvas(main, {
    offers: offers.filter((o) => o.state === 'ACTIVE'),
    allOffers: offers,
    segments: segments.filter((s) => !s.retired),
    fields,
    onPublished,
  });
  canvas.load(loaded ? loaded.graph : null, loaded ? loaded.key : '');
  return canvas;
}

class Canvas {
  constructor(main, options) {
    Object.assign(this, options);
    this.main = main;
    this.types = new Map(this.fields.map((f) => [f.name, f.type]));
    this.steps = [];
    this.graph = null;
    this.selected = null;
    this.seq = 0;
    this.syncTimer = null;
    this.jsonDirty = false;
    this.suppressClick = false;
    this.build();
  }

  // ----- the model -----

  load(graph, key) {
    this.key.value = key || '';
    const g = graph ? JSON.parse(JSON.stringify(graph)) : null;
    this.graph = { name: g ? g.name || '' : '', start: g ? g.start ?? null : null, reentry: g && g.reentry ? g.reentry : { policy: 'never' },
      priority: g && typeof g.priority === 'number' ? g.priority : 10 };
    this.steps = [];
    this.triggerStep = g && g.trigger ? { k: TRIGGER, trigger: g.trigger, x: 0, y: 0 } : null;
    this.goalStep = g && g.goal ? { k: GOAL, goal: g.goal, x: 0, y: 0 } : null;
    (g ? g.nodes || [] : []).forEach((node) => this.steps.push({ k: this.nextKey(), node, x: 0, y: 0 }));
    this.layout(new Set());
    this.selected = null;
    this.settingsToForm();
    this.changed({ json: true, panel: true });
  }

  /** The graph as the server takes it. */
  toGraph() {
    const g = { name: this.graph.name };
    if (this.triggerStep) g.trigger = this.triggerStep.trigger;
    g.start = this.graph.start;
    g.nodes = this.steps.map((s) => s.node);
    if (this.goalStep) g.goal = this.goalStep.goal;
    g.reentry = this.graph.reentry;
    g.priority = this.graph.priority;
    return g;
  }

  /** Replaces the model by a graph read from the JSON view, keeping the places of the steps it still has. */
  fromGraph(g) {
    const places = new Map(this.steps.map((s) => [s.node.id, s]));
    const kept = new Set();
    this.graph.name = g.name ?? '';
    this.graph.start = g.start ?? null;
    this.graph.reentry = g.reentry ?? null;
    this.graph.priority = g.priority;
    this.steps = (Array.isArray(g.nodes) ? g.nodes : []).map((node) => {
      const old = node && places.get(node.id);
      if (old && !kept.has(old.k)) {
        kept.add(old.k);
        return { k: old.k, node, x: old.x, y: old.y };
      }
      return { k: this.nextKey(), node: node || {}, x: 0, y: 0 };
    });
    if (g.trigger) {
      if (this.triggerStep) kept.add(TRIGGER);
      this.triggerStep = { k: TRIGGER, trigger: g.trigger, x: this.triggerStep ? this.triggerStep.x : 0, y: this.triggerStep ? this.triggerStep.y : 0 };
    } else this.triggerStep = null;
    if (g.goal) {
      if (this.goalStep) kept.add(GOAL);
      this.goalStep = { k: GOAL, goal: g.goal, x: this.goalStep ? this.goalStep.x : 0, y: this.goalStep ? this.goalStep.y : 0 };
    } else this.goalStep = null;
    this.layout(kept);
    if (this.selected && !this.all().some((s) => s.k === this.selected)) this.selected = null;
    this.settingsToForm();
    this.changed({ json: false, panel: true });
  }

  nextKey() {
    this.seq += 1;
    return `s${this.seq}`;
  }

  all() {
    return [this.triggerStep, ...this.steps, this.goalStep].filter(Boolean);
  }

  step(k) {
    return this.all().find((s) => s.k === k) || null;
  }

  byId(id) {
    return this.steps.find((s) => s.node.id === id) || null;
  }

  /** A free id for a new step of this kind: "send-message-1", "send-message-2", … */
  freshId(type) {
    for (let i = 1; ; i += 1) {
      const id = `${type}-${i}`;
      if (!this.byId(id)) return id;
    }
  }

  /**
   * Places the steps not in {@code kept} in rows from the trigger down, as the journey page draws them: each
   * row one step further from the start, exits last, the goal beside the trigger, unreachable steps below.
   */
  layout(kept) {
    const rows = new Map();
    if (this.triggerStep) rows.set(TRIGGER, 0);
    const queue = [];
    const start = this.byId(this.graph.start);
    if (start) { rows.set(start.k, 1); queue.push(start); }
    while (queue.length) {
      const s = queue.shift();
      for (const a of arms(s, this.graph)) {
        const next = this.byId(a.get());
        if (next && !rows.has(next.k)) { rows.set(next.k, rows.get(s.k) + 1); queue.push(next); }
      }
    }
    const exitsRow = Math.max(1, ...[...rows.entries()].filter(([k]) => k !== TRIGGER && this.step(k).node.type !== 'exit').map(([, r]) => r)) + 1;
    this.steps.filter((s) => s.node.type === 'exit' && rows.has(s.k)).forEach((s) => rows.set(s.k, exitsRow));
    const spare = Math.max(exitsRow, ...rows.values()) + 1;
    this.steps.filter((s) => !rows.has(s.k)).forEach((s) => { rows.set(s.k, spare); });
    const perRow = new Map();
    for (const s of this.all()) {
      if (s.k === GOAL) continue;
      const r = rows.get(s.k);
      const col = perRow.get(r) || 0;
      perRow.set(r, col + 1);
      if (!kept.has(s.k)) { s.x = 40 + col * COL; s.y = 30 + r * ROW; }
    }
    if (this.goalStep && !kept.has(GOAL)) { this.goalStep.x = 40 + Math.max(1, perRow.get(0) || 0) * COL + COL; this.goalStep.y = 30; }
  }

  /** A spot for a step added without pointing at one: below the selected step, else below everything. */
  freeSpot() {
    const from = this.selected && this.step(this.selected);
    const all = this.all();
    let x = from ? from.x : 40;
    const y = from ? from.y + ROW : all.length ? Math.max(...all.map((s) => s.y)) + ROW : 30;
    while (this.all().some((s) => Math.abs(s.x - x) < W && Math.abs(s.y - y) < ROW - 20)) x += COL;
    return { x, y };
  }

  /** Puts a palette item on the canvas at (x, y) or at a free spot; answers the step placed. */
  place(kind, at) {
    const item = ITEMS.get(kind);
    const spot = at || this.freeSpot();
    const from = at ? null : this.selected && this.step(this.selected);
    let placed;
    if (item.trigger) {
      const old = this.triggerStep;
      this.triggerStep = { k: TRIGGER, trigger: item.trigger(), x: spot.x, y: spot.y };
      if (old && old.trigger.type === this.triggerStep.trigger.type) this.triggerStep.trigger = old.trigger;
      placed = this.triggerStep;
    } else if (item.goal) {
      this.goalStep = { k: GOAL, goal: this.goalStep ? this.goalStep.goal : item.goal(), x: spot.x, y: spot.y };
      placed = this.goalStep;
    } else {
      const node = item.node();
      node.id = this.freshId(node.type);
      // the id first in the JSON, as people write it
      placed = { k: this.nextKey(), node: { type: node.type, id: node.id, ...node }, x: spot.x, y: spot.y };
      this.steps.push(placed);
      if (this.triggerStep && !this.graph.start && this.steps.length === 1) this.graph.start = node.id;
    }
    let message = t('canvas.added', { what: t(`canvas.kind.${kind}`), id: this.name(placed) });
    // added by keyboard after a selected step: its first free way out leads to the new step
    if (from && placed.node) {
      const free = arms(from, this.graph).find((a) => !a.get());
      if (free) {
        free.set(placed.node.id);
        message = t('canvas.addedAfter', { what: t(`canvas.kind.${kind}`), id: placed.node.id, from: this.name(from), arm: free.label });
      }
    }
    this.selected = placed.k;
    this.changed({ json: true, panel: true });
    this.announce(message);
    this.focusStep(placed.k);
    return placed;
  }

  remove(k) {
    if (k === TRIGGER) { this.triggerStep = null; } else if (k === GOAL) { this.goalStep = null; } else {
      const s = this.step(k);
      this.steps = this.steps.filter((x) => x.k !== k);
      if (!this.byId(s.node.id)) {
        this.all().forEach((o) => arms(o, this.graph).forEach((a) => { if (a.get() === s.node.id) a.set(null); }));
      }
    }
    if (this.selected === k) this.selected = null;
    this.announce(t('canvas.removed'));
    this.changed({ json: true, panel: true });
  }

  connect(fromK, arm, toK) {
    const from = this.step(fromK);
    const a = arms(from, this.graph).find((x) => x.arm === arm);
    const to = toK ? this.step(toK) : null;
    if (!a || (to && !to.node)) return;
    a.set(to ? to.node.id : null);
    this.announce(to ? t('canvas.connected', { from: this.name(from), arm: a.label, to: to.node.id }) : t('canvas.disconnected', { from: this.name(from), arm: a.label }));
    this.changed({ json: true, panel: true });
  }

  rename(step, id) {
    const old = step.node.id;
    if (id === old) return true;
    if (this.byId(id)) return false;
    step.node.id = id;
    this.all().forEach((o) => arms(o, this.graph).forEach((a) => { if (a.get() === old) a.set(id); }));
    if (this.errors) this.errors.delete(step.k);
    this.changed({ json: true, panel: false });
    return true;
  }

  name(step) {
    return step.k === TRIGGER ? t('canvas.kind.trigger') : step.k === GOAL ? t('canvas.kind.goal') : step.node.id;
  }

  /** After any change: the canvas redrawn, the JSON rewritten (unless the change came from it), the panel if asked. */
  changed({ json, panel }) {
    this.draw();
    if (json) {
      this.json.value = JSON.stringify(this.toGraph(), null, 2);
      this.jsonDirty = false;
      clear(this.jsonStatus);
    }
    if (panel) this.showPanel();
  }

  // ----- the page -----

  build() {
    this.key = h('input', { id: 'journey-key', type: 'text', size: 30, autocomplete: 'off', spellcheck: 'false', placeholder: 'welcome-back' });
    this.nameInput = h('input', { id: 'canvas-name', type: 'text', size: 40, oninput: () => { this.graph.name = this.nameInput.value; this.changed({ json: true }); } });
    this.policy = h('select', { id: 'canvas-reentry', onchange: () => this.formToSettings() },
      ['never', 'after-exit', 'after-cooldown'].map((p) => h('option', { value: p }, t(`canvas.reentry.${p}`))));
    this.cooldown = durationInput('canvas-cooldown', () => this.formToSettings());
    this.priority = h('input', { id: 'canvas-priority', type: 'number', min: 0, max: 100, step: 1, oninput: () => this.formToSettings() });
    this.cooldownField = fieldBox(t('canvas.cooldown'), this.cooldown.element, 'reentry.cooldown', 'canvas-cooldown');
    this.settings = h('div', { class: 'meta canvas-settings' },
      fieldBox(t('journeys.key'), this.key, 'key', 'journey-key', t('canvas.keyHint')),
      fieldBox(t('canvas.name'), this.nameInput, 'name', 'canvas-name'),
      fieldBox(t('canvas.reentry'), this.policy, 'reentry', 'canvas-reentry', t('canvas.reentryHint')),
      this.cooldownField,
      fieldBox(t('canvas.priority'), this.priority, 'priority', 'canvas-priority', t('canvas.priorityHint')));

    this.palette = h('nav', { class: 'cv-palette', id: 'canvas-palette', 'aria-label': t('canvas.palette') },
      h('h3', {}, t('canvas.palette')),
      h('p', { class: 'hint' }, t('canvas.paletteHint')),
      PALETTE.map((g) => h('div', { class: 'cv-group' }, h('h4', {}, t(`canvas.group.${g.group}`)),
        h('ul', {}, g.items.map((item) => h('li', {}, this.paletteItem(item)))))));

    this.edges = document.createElementNS(SVG, 'svg');
    this.edges.setAttribute('class', 'cv-edges');
    this.edges.setAttribute('aria-hidden', 'true');
    this.surface = h('div', { class: 'cv-surface', id: 'canvas-surface' });
    this.surface.append(this.edges);
    this.scroller = h('div', { class: 'cv-scroller', id: 'journey-canvas', role: 'region', 'aria-label': t('canvas.canvas'),
      'aria-describedby': 'canvas-help' }, this.surface);
    this.panel = h('aside', { class: 'cv-panel card', id: 'canvas-panel', 'aria-label': t('canvas.panel') });
    this.status = h('p', { class: 'visually-hidden', id: 'canvas-status', role: 'status', 'aria-live': 'polite' });
    this.result = h('div', { id: 'journey-check', role: 'status', 'aria-live': 'polite' });

    this.json = h('textarea', { id: 'journey-json', rows: 16, cols: 90, spellcheck: 'false', 'aria-describedby': 'journey-json-status' });
    this.jsonStatus = h('div', { id: 'journey-json-status', class: 'field-error' });
    this.json.addEventListener('input', () => {
      this.jsonDirty = true;
      clearTimeout(this.syncTimer);
      this.syncTimer = setTimeout(() => this.syncFromJson(), SYNC_DELAY_MS);
    });

    const check = h('button', { type: 'button', id: 'check-journey', onclick: () => this.check() }, t('journeys.check'));
    const publish = h('button', { type: 'button', class: 'primary', id: 'publish-journey', onclick: () => this.publish() }, t('journeys.publish'));
    this.main.append(h('section', { class: 'canvas-builder', id: 'journey-builder' },
      this.settings,
      h('p', { class: 'hint', id: 'canvas-help' }, t('canvas.help')),
      h('div', { class: 'cv-layout' }, this.palette, this.scroller, this.panel),
      this.status,
      h('div', { class: 'row cv-actions' }, check, ' ', publish),
      this.result,
      h('section', { class: 'card cv-json' }, h('h2', {}, t('canvas.jsonView')), h('p', { class: 'hint' }, t('canvas.jsonHint')),
        h('label', { for: 'journey-json' }, t('journeys.json')), this.json, this.jsonStatus)));
    this.scroller.addEventListener('keydown', (e) => this.onKey(e));
  }

  settingsToForm() {
    this.nameInput.value = this.graph.name || '';
    const r = this.graph.reentry || {};
    this.policy.value = r.policy || 'never';
    this.cooldown.set(r.cooldown || 'P1D');
    this.cooldownField.hidden = this.policy.value !== 'after-cooldown';
    this.priority.value = this.graph.priority ?? '';
  }

  formToSettings() {
    const policy = this.policy.value;
    this.graph.reentry = policy === 'after-cooldown' ? { policy, cooldown: this.cooldown.get() } : { policy };
    this.cooldownField.hidden = policy !== 'after-cooldown';
    const p = this.priority.value.trim();
    this.graph.priority = /^-?\d+$/.test(p) ? Number(p) : p === '' ? 0 : p;
    this.changed({ json: true });
  }

  syncFromJson() {
    clearTimeout(this.syncTimer);
    if (!this.jsonDirty) return true;
    let g;
    try {
      g = JSON.parse(this.json.value);
      if (!g || typeof g !== 'object' || Array.isArray(g)) throw new Error(t('canvas.notAnObject'));
    } catch (e) {
      this.jsonStatus.textContent = t('journeys.badJson', { message: e.message });
      return false;
    }
    this.jsonDirty = false;
    this.jsonStatus.textContent = '';
    this.fromGraph(g);
    return true;
  }

  announce(message) {
    this.status.textContent = message;
  }

  // ----- drawing -----

  draw() {
    [...this.surface.querySelectorAll('.cv-node')].forEach((n) => n.remove());
    const all = this.all();
    const width = Math.max(900, ...all.map((s) => s.x + W + 160));
    const height = Math.max(520, ...all.map((s) => s.y + ROW + 120));
    this.surface.style.width = `${width}px`;
    this.surface.style.height = `${height}px`;
    this.edges.setAttribute('width', width);
    this.edges.setAttribute('height', height);
    for (const s of all) this.surface.append(this.nodeElement(s));
    if (!all.length) {
      this.surface.append(h('p', { class: 'cv-node cv-empty hint' }, t('canvas.empty')));
    }
    this.drawEdges();
  }

  nodeElement(s) {
    const kind = kindOf(s);
    const errors = (this.errors && this.errors.get(s.k)) || [];
    const id = s.node ? s.node.id : null;
    const errorsId = `cv-errors-${s.k}`;
    const el = h('div', {
      class: `cv-node cv-${kind}${this.selected === s.k ? ' selected' : ''}${errors.length ? ' has-error' : ''}`,
      'data-node': id || s.k, 'data-kind': kind, tabindex: 0, role: 'group',
      'aria-label': `${t(`canvas.kind.${kind === 'trigger' ? triggerKind(s.trigger) : kind}`)} ${s.node ? id : ''}`.trim(),
      'aria-describedby': errors.length ? errorsId : undefined,
      'aria-current': this.selected === s.k ? 'true' : undefined,
      style: `left:${s.x}px;top:${s.y}px;width:${W}px`,
    },
    s.k === TRIGGER || s.k === GOAL ? null : h('span', { class: 'cv-in', 'aria-hidden': 'true' }),
    h('div', { class: 'cv-head' },
      h('span', { class: 'cv-kind' }, t(`canvas.kind.${kind === 'trigger' ? triggerKind(s.trigger) : kind}`)),
      id !== null ? h('code', { class: 'cv-id' }, id) : null,
      s.k !== TRIGGER && id === this.graph.start ? h('span', { class: 'badge' }, t('canvas.first')) : null),
    h('div', { class: 'cv-summary' }, this.summary(s)),
    h('div', { class: 'cv-ports' }, arms(s, this.graph).map((a) => h('button', {
      type: 'button', class: `cv-port${a.get() ? ' linked' : ''}`, 'data-arm': a.arm,
      title: t('canvas.portTitle', { arm: a.label }),
      'aria-label': t('canvas.portLabel', { arm: a.label, from: this.name(s), to: a.get() || t('canvas.nothing') }),
    }, a.label))),
    errors.length ? h('ul', { class: 'cv-errors node-errors', id: errorsId }, errors.map((m) => h('li', {}, m))) : null);
    el.addEventListener('pointerdown', (e) => this.onPointerDown(e, s));
    el.addEventListener('focus', (e) => { if (e.target === el && this.selected !== s.k) this.select(s.k, false); });
    return el;
  }

  summary(s) {
    if (s.k === TRIGGER) {
      const tr = s.trigger;
      if (tr.type === 'event') return eventText(tr.on);
      if (tr.type === 'segment-entry') return t('canvas.sum.segment', { segment: tr.segment || '?' });
      if (tr.type === 'schedule') return t('canvas.sum.schedule', { cron: tr.cron || '?', segments: (tr.segments || []).join(', ') || '?' });
      return tr.type;
    }
    if (s.k === GOAL) return eventText(s.goal);
    const n = s.node;
    switch (n.type) {
      case 'wait': return n.until && !n.duration ? t('journeys.node.waitUntil', { time: n.until }) : t('journeys.node.wait', { duration: words(n.duration) });
      case 'wait-for-event': return t('journeys.node.waitFor', { event: eventText(n.event), timeout: words(n.timeout) });
      case 'condition': return n.condition ? shortJson(n.condition) : t('canvas.sum.noCondition');
      case 'split': return t('journeys.node.split', { branches: (n.branches || []).map((b) => `${b.key} ${b.weight}`).join(' / ') });
      case 'send-message': return `${t(`campaigns.channel.${n.channel}`)}: ${n.title || n.body || '…'}`;
      case 'issue-coupon': return t('journeys.node.coupon', { offer: n.offerId || '?' });
      case 'set-tag': return t('journeys.node.tag', { tag: n.tag || '?' });
      case 'call-webhook': return t('canvas.sum.webhook', { endpoint: n.endpoint || '?' });
      case 'exit': return t('journeys.node.exit');
      default: return n.type || '?';
    }
  }

  /** Where a port is and where a step's top is, in the surface's coordinates (from the drawn elements). */
  portPoint(s, arm) {
    const node = this.nodeEl(s.k);
    const port = node && node.querySelector(`.cv-port[data-arm="${arm}"]`);
    if (!port) return null;
    return { x: s.x + port.offsetLeft + port.offsetWidth / 2, y: s.y + port.offsetTop + port.offsetHeight };
  }

  nodeEl(k) {
    const s = this.step(k);
    if (!s) return null;
    return [...this.surface.querySelectorAll('.cv-node')].find((el) => el.dataset.node === (s.node ? s.node.id : s.k)) || null;
  }

  drawEdges(temp) {
    while (this.edges.firstChild) this.edges.removeChild(this.edges.firstChild);
    const defs = svg('defs', {});
    const marker = svg('marker', { id: 'cv-arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' });
    marker.append(svg('path', { d: 'M 0 0 L 10 5 L 0 10 z' }));
    defs.append(marker);
    this.edges.append(defs);
    for (const s of this.all()) {
      for (const a of arms(s, this.graph)) {
        const target = this.byId(a.get());
        const from = this.portPoint(s, a.arm);
        if (!target || !from) continue;
        const to = { x: target.x + W / 2, y: target.y - 2 };
        this.edges.append(svg('path', { d: curve(from, to), class: 'cv-edge', 'data-from': s.node ? s.node.id : s.k, 'data-arm': a.arm,
          'data-to': target.node.id, 'marker-end': 'url(#cv-arrow)' }));
      }
    }
    if (temp) this.edges.append(svg('path', { d: curve(temp.from, temp.to), class: 'cv-edge cv-temp', 'marker-end': 'url(#cv-arrow)' }));
  }

  // ----- pointer: palette drops, moving steps, drawing connections -----

  paletteItem(item) {
    const button = h('button', { type: 'button', class: `cv-item cv-${item.kind}`, 'data-kind': item.kind,
      title: t(`canvas.kindHint.${item.kind}`), onclick: () => {
        if (this.suppressClick) { this.suppressClick = false; return; }
        this.place(item.kind);
      } }, t(`canvas.kind.${item.kind}`));
    button.addEventListener('pointerdown', (e) => {
      if (e.button !== 0) return;
      this.suppressClick = false;
      const start = { x: e.clientX, y: e.clientY };
      let ghost = null;
      button.setPointerCapture(e.pointerId);
      const move = (ev) => {
        if (!ghost && Math.hypot(ev.clientX - start.x, ev.clientY - start.y) < DRAG_THRESHOLD) return;
        if (!ghost) {
          ghost = h('div', { class: `cv-ghost cv-${item.kind}`, 'aria-hidden': 'true' }, t(`canvas.kind.${item.kind}`));
          document.body.append(ghost);
        }
        ghost.style.left = `${ev.clientX - W / 2}px`;
        ghost.style.top = `${ev.clientY - 20}px`;
        this.scroller.classList.toggle('drop-here', this.overSurface(ev));
      };
      const up = (ev) => {
        button.removeEventListener('pointermove', move);
        button.removeEventListener('pointerup', up);
        button.removeEventListener('pointercancel', up);
        this.scroller.classList.remove('drop-here');
        if (!ghost) return; // a click: the click handler adds it
        ghost.remove();
        this.suppressClick = true;
        setTimeout(() => { this.suppressClick = false; }, 0);
        if (ev.type === 'pointerup' && this.overSurface(ev)) this.place(item.kind, this.surfacePoint(ev, { x: W / 2, y: 20 }));
      };
      button.addEventListener('pointermove', move);
      button.addEventListener('pointerup', up);
      button.addEventListener('pointercancel', up);
    });
    return button;
  }

  overSurface(ev) {
    const r = this.scroller.getBoundingClientRect();
    return ev.clientX >= r.left && ev.clientX <= r.right && ev.clientY >= r.top && ev.clientY <= r.bottom;
  }

  surfacePoint(ev, grab) {
    const r = this.surface.getBoundingClientRect();
    return { x: Math.max(0, Math.round(ev.clientX - r.left - grab.x)), y: Math.max(0, Math.round(ev.clientY - r.top - grab.y)) };
  }

  onPointerDown(e, s) {
    if (e.button !== 0) return;
    const port = e.target.closest('.cv-port');
    if (port) { this.dragConnection(e, s, port); return; }
    if (e.target.closest('button, input, select, textarea, a')) return;
    const el = e.currentTarget;
    const r = el.getBoundingClientRect();
    const grab = { x: e.clientX - r.left, y: e.clientY - r.top };
    const start = { x: e.clientX, y: e.clientY };
    let moved = false;
    el.setPointerCapture(e.pointerId);
    e.preventDefault();
    const move = (ev) => {
      if (!moved && Math.hypot(ev.clientX - start.x, ev.clientY - start.y) < DRAG_THRESHOLD) return;
      moved = true;
      el.classList.add('dragging');
      const p = this.surfacePoint(ev, grab);
      s.x = p.x;
      s.y = p.y;
      el.style.left = `${s.x}px`;
      el.style.top = `${s.y}px`;
      this.drawEdges();
    };
    const up = () => {
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', up);
      el.removeEventListener('pointercancel', up);
      el.classList.remove('dragging');
      if (moved) { this.draw(); this.announce(t('canvas.moved', { id: this.name(s) })); }
      this.select(s.k, true);
      this.focusStep(s.k);
    };
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
    el.addEventListener('pointercancel', up);
  }

  /** From a port, a line follows the pointer; released on a step, the port leads there; a click opens the panel's choice. */
  dragConnection(e, s, port) {
    const arm = port.dataset.arm;
    const start = { x: e.clientX, y: e.clientY };
    let moved = false;
    port.setPointerCapture(e.pointerId);
    e.preventDefault();
    const from = this.portPoint(s, arm);
    const move = (ev) => {
      if (!moved && Math.hypot(ev.clientX - start.x, ev.clientY - start.y) < DRAG_THRESHOLD) return;
      moved = true;
      this.drawEdges({ from, to: this.surfacePoint(ev, { x: 0, y: 0 }) });
    };
    const up = (ev) => {
      port.removeEventListener('pointermove', move);
      port.removeEventListener('pointerup', up);
      port.removeEventListener('pointercancel', up);
      if (!moved) { this.select(s.k, true); this.focusArm(arm); return; }
      const over = document.elementFromPoint(ev.clientX, ev.clientY);
      const node = over && over.closest('.cv-node');
      const target = node && this.all().find((x) => x.node && x.node.id === node.dataset.node);
      if (ev.type === 'pointerup' && target) this.connect(s.k, arm, target.k);
      else this.drawEdges();
    };
    port.addEventListener('pointermove', move);
    port.addEventListener('pointerup', up);
    port.addEventListener('pointercancel', up);
  }

  /** Arrow keys move the focused step (Shift: further), Delete removes it, Enter or a port's click chooses in the panel. */
  onKey(e) {
    const el = e.target.closest && e.target.closest('.cv-node');
    if (!el || e.target !== el) {
      if (e.target.classList && e.target.classList.contains('cv-port') && (e.key === 'Enter' || e.key === ' ')) {
        e.preventDefault();
        const s = this.all().find((x) => (x.node ? x.node.id : x.k) === e.target.closest('.cv-node').dataset.node);
        this.select(s.k, true);
        this.focusArm(e.target.dataset.arm);
      }
      return;
    }
    const s = this.all().find((x) => (x.node ? x.node.id : x.k) === el.dataset.node);
    if (!s) return;
    const step = e.shiftKey ? 50 : 10;
    const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    if (moves[e.key]) {
      e.preventDefault();
      s.x = Math.max(0, s.x + moves[e.key][0]);
      s.y = Math.max(0, s.y + moves[e.key][1]);
      this.draw();
      this.focusStep(s.k);
      this.announce(t('canvas.movedTo', { id: this.name(s), x: s.x, y: s.y }));
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      this.remove(s.k);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      this.select(s.k, true);
      const first = this.panel.querySelector('input, select, textarea');
      if (first) first.focus();
    }
  }

  focusStep(k) {
    const el = this.nodeEl(k);
    if (el) el.focus({ preventScroll: false });
  }

  focusArm(arm) {
    const select = this.panel.querySelector(`select[data-arm="${arm}"]`);
    if (select) select.focus();
  }

  select(k, redraw) {
    if (this.selected === k && !redraw) return;
    const changed = this.selected !== k;
    this.selected = k;
    this.surface.querySelectorAll('.cv-node').forEach((el) => {
      const s = this.nodeOf(el);
      const on = !!s && s.k === k;
      el.classList.toggle('selected', on);
      if (on) el.setAttribute('aria-current', 'true'); else el.removeAttribute('aria-current');
    });
    if (changed) this.showPanel();
  }

  nodeOf(el) {
    return this.all().find((x) => (x.node ? x.node.id : x.k) === el.dataset.node) || null;
  }

  // ----- the side panel -----

  showPanel() {
    // a change made in the panel (a way out chosen, a branch added) redraws it: the focus stays on the same control
    const active = this.panel.contains(document.activeElement) ? document.activeElement : null;
    const again = active && (active.dataset.arm ? `[data-arm="${active.dataset.arm}"]`
      : active.dataset.prop ? `[data-prop="${active.dataset.prop}"]` : null);
    this.fillPanel();
    const target = again && this.panel.querySelector(again);
    if (target) target.focus();
  }

  fillPanel() {
    clear(this.panel);
    const s = this.selected && this.step(this.selected);
    if (!s) {
      this.panel.append(h('h3', {}, t('canvas.panel')), h('p', { class: 'hint' }, t('canvas.panelEmpty')));
      return;
    }
    const kind = kindOf(s);
    const redraw = () => this.changed({ json: true });
    const body = h('div', { class: 'cv-fields' });
    this.panel.append(h('h3', { id: 'canvas-panel-title' }, t(`canvas.kind.${kind === 'trigger' ? triggerKind(s.trigger) : kind}`),
      s.node ? [' ', h('code', {}, s.node.id)] : null), body);
    const errors = (this.errors && this.errors.get(s.k)) || [];
    if (errors.length) body.append(h('ul', { class: 'node-errors', id: 'canvas-panel-errors' }, errors.map((m) => h('li', {}, m))));
    if (s.node) {
      const idInput = h('input', { type: 'text', value: s.node.id, 'data-prop': 'id', autocomplete: 'off', spellcheck: 'false' });
      const idError = h('div', { class: 'field-error', role: 'alert' });
      idInput.addEventListener('change', () => {
        const v = idInput.value.trim();
        idError.textContent = '';
        if (!ID.test(v)) { idError.textContent = t('canvas.badId'); return; }
        if (!this.rename(s, v)) { idError.textContent = t('canvas.idTaken', { id: v }); return; }
        this.showPanel();
      });
      body.append(labelled(t('canvas.stepId'), idInput, t('canvas.stepIdHint')), idError);
    }
    const ctx = { offers: this.offers, allOffers: this.allOffers, segments: this.segments, fields: this.fields, types: this.types,
      panel: this.panel, changed: (what) => this.changed(what) };
    if (s.k === TRIGGER) triggerFields(ctx, body, s, redraw);
    else if (s.k === GOAL) body.append(h('p', { class: 'hint' }, t('canvas.goalHint')), eventFields(s, () => s.goal, (v) => { s.goal = v; }, redraw, 'goal'));
    else stepFields(ctx, body, s, redraw);
    const ways = arms(s, this.graph);
    if (ways.length) {
      const targets = this.steps.filter((x) => x.node.id);
      body.append(h('fieldset', { class: 'cv-arms' }, h('legend', {}, t('canvas.waysOut')),
        ways.map((a) => {
          const select = h('select', { 'data-arm': a.arm, onchange: () => {
            const to = select.value ? this.byId(select.value) : null;
            this.connect(s.k, a.arm, to ? to.k : null);
          } }, h('option', { value: '' }, t('canvas.nothing')),
          targets.map((x) => h('option', { value: x.node.id, selected: a.get() === x.node.id }, `${x.node.id} — ${t(`canvas.kind.${kindOf(x)}`)}`)));
          if (a.get() && !this.byId(a.get())) select.append(h('option', { value: a.get(), selected: true }, t('canvas.missing', { id: a.get() })));
          return labelled(a.label, select);
        })));
    }
    body.append(h('button', { type: 'button', class: 'cv-remove', onclick: () => this.remove(s.k) }, t('canvas.remove')));
  }

  // ----- check and publish -----

  async check() {
    if (!this.syncFromJson()) return;
    clear(this.result);
    try {
      const r = await api.post('/api/v1/journeys/checks', this.toGraph());
      this.showProblems(r.problems);
    } catch (err) {
      this.showProblems(err.errors.length ? err.errors : [err.message], err.message);
    }
  }

  async publish() {
    if (!this.syncFromJson()) return;
    clear(this.result);
    const key = this.key.value.trim();
    try {
      const d = await api.put(`/api/v1/journeys/${encodeURIComponent(key)}`, this.toGraph());
      this.errors = new Map();
      this.draw();
      this.result.append(h('p', { class: 'ok' }, t('journeys.published', { key: d.journey.key, version: d.journey.version })));
      await this.onPublished(d.journey.key, d.journey.version);
    } catch (err) {
      this.showProblems(err.errors.length ? err.errors : [err.message], err.message);
    }
  }

  /** Each problem on the step it names (outlined, its words attached), settings next to their field, all in a list too. */
  showProblems(problems, heading) {
    this.errors = new Map();
    this.settings.querySelectorAll('.field-error').forEach((e) => { e.textContent = ''; });
    this.settings.querySelectorAll('.has-error').forEach((e) => e.classList.remove('has-error'));
    this.settings.querySelectorAll('[aria-invalid]').forEach((e) => e.removeAttribute('aria-invalid'));
    const unplaced = h('div');
    for (const p of problems) {
      const k = this.ownerOf(p);
      if (k) {
        if (!this.errors.has(k)) this.errors.set(k, []);
        this.errors.get(k).push(p.replace(/^node '[^']+': /, ''));
      } else if (/^(key|name|reentry|priority)\b/.test(p)) {
        placeError(this.settings, unplaced, p);
      }
    }
    this.draw();
    this.showPanel();
    if (!problems.length) {
      this.result.append(h('p', { class: 'ok' }, t('journeys.noProblems')));
      return;
    }
    this.result.append(h('div', { class: 'error', role: 'alert' },
      h('p', {}, heading && heading !== problems[0] ? `${heading} — ` : '',
        problems.length === 1 ? t('canvas.oneProblem') : t('journeys.problems', { count: problems.length })),
      h('ul', { class: 'problems' }, problems.map((p) => {
        const k = this.ownerOf(p);
        const s = k && this.step(k);
        return h('li', { 'data-node': s ? (s.node ? s.node.id : s.k) : undefined }, s
          ? h('a', { href: '#', onclick: (e) => { e.preventDefault(); this.select(k, true); this.focusStep(k); } }, p) : p);
      }))));
  }

  /** The step a problem names: "node 'x': …", "nodes[2]: …", the trigger ("trigger…", "start…") or the goal. */
  ownerOf(problem) {
    let m = /^node '([^']*)'/.exec(problem);
    if (m) { const s = this.byId(m[1]); return s ? s.k : null; }
    m = /^nodes\[(\d+)\]/.exec(problem);
    if (m) { const s = this.steps[Number(m[1])]; return s ? s.k : null; }
    if (/^(trigger|start)\b/.test(problem)) return this.triggerStep ? TRIGGER : null;
    if (/^goal\b/.test(problem)) return this.goalStep ? GOAL : null;
    return null;
  }
}

// ----- small parts -----

function triggerKind(tr) {
  return { event: 'trigger-event', 'segment-entry': 'trigger-segment', schedule: 'trigger-schedule' }[tr && tr.type] || 'trigger';
}

function svg(name, attrs) {
  const e = document.createElementNS(SVG, name);
  Object.entries(attrs).forEach(([k, v]) => e.setAttribute(k, v));
  return e;
}

function curve(a, b) {
  const dy = Math.max(40, Math.abs(b.y - a.y) / 2);
  return `M ${a.x} ${a.y} C ${a.x} ${a.y + dy}, ${b.x} ${b.y - dy}, ${b.x} ${b.y}`;
}
