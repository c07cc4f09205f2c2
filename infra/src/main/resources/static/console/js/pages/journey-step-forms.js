// The settings of each kind of journey step, as the canvas's side panel shows them (journey-canvas.js): the
// trigger, waits, conditions, splits, messages, coupons, tags, webhooks, and the event editor the trigger, the
// goal and a wait for an event share. Each change is written into the step's JSON and reported to the canvas.
import { h, uid } from '../dom.js';
import { t } from '../i18n.js';
import { toJson as conditionJson } from './conditions.js';

export const EVENTS = ['login', 'product-view', 'cart-item-add', 'cart-item-remove', 'checkout-start', 'page-view', 'order', 'order-cancel'];
export const CHANNELS = ['inbox', 'sms', 'app-push', 'mini-program', 'wechat-oa', 'email', 'guide-screen', 'webhook'];
/** What a trigger of each type starts as. */
export const TRIGGERS = {
  event: () => ({ type: 'event', on: { event: 'login' } }),
  'segment-entry': () => ({ type: 'segment-entry', segment: '' }),
  schedule: () => ({ type: 'schedule', cron: '0 0 9 * * MON', zone: 'Asia/Shanghai', segments: [] }),
};

/**
 * {@code ctx}: the lists the panel offers (offers, allOffers, segments, profile fields and their types), the panel, and
 * {@code changed({json, panel})} to redraw the canvas and rewrite the JSON (and the panel, when its fields change).
 */
export function triggerFields(ctx, body, s, redraw) {
  const tr = s.trigger;
  const type = h('select', { 'data-prop': 'trigger-type', onchange: () => {
    s.trigger = TRIGGERS[type.value]();
    ctx.changed({ json: true, panel: true });
  } }, ['event', 'segment-entry', 'schedule'].map((v) => h('option', { value: v, selected: tr.type === v }, t(`canvas.triggerType.${v}`))));
  body.append(labelled(t('canvas.triggerType'), type));
  if (tr.type === 'event') {
    body.append(eventFields(s, () => tr.on, (v) => { tr.on = v; }, redraw, 'trigger'));
  } else if (tr.type === 'segment-entry') {
    body.append(labelled(t('canvas.segment'), segmentSelect(ctx.segments, tr.segment, (v) => { tr.segment = v; redraw(); }, 'segment')));
  } else if (tr.type === 'schedule') {
    const cron = h('input', { type: 'text', value: tr.cron || '', 'data-prop': 'cron', oninput: () => { tr.cron = cron.value; redraw(); } });
    const zone = h('input', { type: 'text', value: tr.zone || '', 'data-prop': 'zone', oninput: () => { tr.zone = zone.value; redraw(); } });
    body.append(labelled(t('canvas.cron'), cron, t('canvas.cronHint')), labelled(t('canvas.zone'), zone),
      h('fieldset', { class: 'cv-segments' }, h('legend', {}, t('canvas.segments')),
        ctx.segments.length ? ctx.segments.map((seg) => {
          const box = h('input', { type: 'checkbox', value: seg.key, checked: (tr.segments || []).includes(seg.key), onchange: () => {
            tr.segments = [...ctx.panel.querySelectorAll('.cv-segments input:checked')].map((c) => c.value);
            redraw();
          } });
          return h('label', { class: 'inline' }, box, ` ${seg.key} — ${seg.name}`);
        }) : h('p', { class: 'hint' }, t('canvas.noSegments'))));
  }
}

export function stepFields(ctx, body, s, redraw) {
  const n = s.node;
  const text = (prop, label, hint, multi) => {
    const input = multi
      ? h('textarea', { rows: 3, 'data-prop': prop }, n[prop] || '')
      : h('input', { type: 'text', value: n[prop] || '', 'data-prop': prop, autocomplete: 'off' });
    input.addEventListener('input', () => { n[prop] = input.value; redraw(); });
    return labelled(label, input, hint);
  };
  switch (n.type) {
    case 'wait': {
      const mode = h('select', { 'data-prop': 'wait-mode', onchange: () => {
        if (mode.value === 'until') { delete n.duration; n.until = n.until || '09:00'; } else { delete n.until; n.duration = n.duration || 'PT30M'; }
        ctx.changed({ json: true, panel: true });
      } }, h('option', { value: 'duration', selected: !(n.until && !n.duration) }, t('canvas.waitDuration')),
      h('option', { value: 'until', selected: !!(n.until && !n.duration) }, t('canvas.waitUntil')));
      body.append(labelled(t('canvas.waitMode'), mode));
      if (n.until && !n.duration) {
        const time = h('input', { type: 'time', value: n.until, 'data-prop': 'until', oninput: () => { n.until = time.value || null; redraw(); } });
        body.append(labelled(t('canvas.until'), time, t('canvas.untilHint')));
      } else {
        const d = durationInput(uid('cv-duration'), () => { n.duration = d.get(); redraw(); }, 'duration');
        d.set(n.duration);
        body.append(labelled(t('canvas.duration'), d.element));
      }
      break;
    }
    case 'wait-for-event': {
      body.append(eventFields(s, () => n.event, (v) => { n.event = v; }, redraw, 'event'));
      const d = durationInput(uid('cv-timeout'), () => { n.timeout = d.get(); redraw(); }, 'timeout');
      d.set(n.timeout);
      body.append(labelled(t('canvas.timeout'), d.element));
      break;
    }
    case 'condition':
      body.append(conditionFields(ctx, n, redraw));
      break;
    case 'split': {
      const list = h('ol', { class: 'cv-branches' }, (n.branches || []).map((b, i) => {
        const key = h('input', { type: 'text', value: b.key || '', size: 8, 'data-prop': `branch-key-${i}`, 'aria-label': t('canvas.branchKey', { n: i + 1 }),
          onchange: () => { b.key = key.value.trim(); ctx.changed({ json: true, panel: true }); } });
        const weight = h('input', { type: 'number', min: 1, value: b.weight, size: 4, 'data-prop': `branch-weight-${i}`, 'aria-label': t('canvas.branchWeight', { n: i + 1 }),
          oninput: () => { b.weight = Number(weight.value); redraw(); } });
        const drop = h('button', { type: 'button', class: 'small', onclick: () => { n.branches.splice(i, 1); ctx.changed({ json: true, panel: true }); } },
          t('canvas.removeBranch', { key: b.key }));
        return h('li', { class: 'row' }, key, weight, drop);
      }));
      body.append(h('fieldset', {}, h('legend', {}, t('canvas.branches')), h('p', { class: 'hint' }, t('canvas.branchesHint')), list,
        h('button', { type: 'button', class: 'small', 'data-prop': 'add-branch', onclick: () => {
          const keys = new Set(n.branches.map((b) => b.key));
          let k = 'abcdefghijklmnopqrstuvwxyz'.split('').find((c) => !keys.has(c)) || `b${n.branches.length + 1}`;
          n.branches.push({ key: k, weight: 1, next: null });
          ctx.changed({ json: true, panel: true });
        } }, t('canvas.addBranch'))));
      break;
    }
    case 'send-message': {
      const channel = h('select', { 'data-prop': 'channel', onchange: () => { n.channel = channel.value; redraw(); } },
        CHANNELS.map((c) => h('option', { value: c, selected: n.channel === c }, t(`campaigns.channel.${c}`))));
      body.append(labelled(t('canvas.channel'), channel), text('title', t('canvas.msgTitle'), null, false),
        text('body', t('canvas.body'), t('canvas.bodyHint'), true),
        labelled(t('canvas.offer'), offerSelect(ctx, n.offerId, (v) => { if (v) n.offerId = v; else delete n.offerId; redraw(); }, true)));
      break;
    }
    case 'issue-coupon':
      body.append(labelled(t('canvas.offer'), offerSelect(ctx, n.offerId, (v) => { n.offerId = v; redraw(); }, false)));
      break;
    case 'set-tag':
      body.append(text('tag', t('canvas.tag'), t('canvas.tagHint'), false));
      break;
    case 'call-webhook': {
      const fields = h('input', { type: 'text', value: (n.fields || []).join(', '), 'data-prop': 'fields', oninput: () => {
        n.fields = fields.value.split(',').map((f) => f.trim()).filter(Boolean); redraw();
      } });
      body.append(text('endpoint', t('canvas.endpoint'), t('canvas.endpointHint'), false), labelled(t('canvas.fields'), fields, t('canvas.fieldsHint')));
      break;
    }
    default:
      break;
  }
}

function offerSelect(ctx, value, set, optional) {
  const known = ctx.offers.some((o) => o.offerId === value);
  const other = value && !known ? ctx.allOffers.find((o) => o.offerId === value) : null;
  const select = h('select', { 'data-prop': 'offerId', onchange: () => set(select.value || (optional ? null : '')) },
    h('option', { value: '' }, optional ? t('canvas.noOffer') : t('canvas.chooseOffer')),
    ctx.offers.map((o) => h('option', { value: o.offerId, selected: o.offerId === value }, `${o.terms.name} (${o.offerId})`)),
    value && !known ? h('option', { value, selected: true }, other ? `${other.terms.name} (${value}, ${other.state})` : value) : null);
  return select;
}

/** A condition as one of three shapes: member of a segment, one profile field, or the tag language as JSON. */
function conditionFields(ctx, n, redraw) {
  const c = n.condition;
  const shape = !c ? 'segment' : typeof c.segment === 'string' && Object.keys(c).length === 1 ? 'segment'
    : typeof c.field === 'string' ? 'field' : 'json';
  const box = h('div', { class: 'cv-condition' });
  const mode = h('select', { 'data-prop': 'condition-mode', onchange: () => {
    n.condition = mode.value === 'segment' ? (ctx.segments[0] ? { segment: ctx.segments[0].key } : null)
      : mode.value === 'field' ? { field: ctx.fields[0] ? ctx.fields[0].name : '', op: 'exists', value: true } : n.condition;
    ctx.changed({ json: true, panel: true });
  } }, ['segment', 'field', 'json'].map((m) => h('option', { value: m, selected: shape === m }, t(`canvas.condition.${m}`))));
  box.append(labelled(t('canvas.conditionMode'), mode));
  if (shape === 'segment') {
    if (!c && ctx.segments[0]) { n.condition = { segment: ctx.segments[0].key }; queueMicrotask(redraw); }
    box.append(labelled(t('canvas.segment'), segmentSelect(ctx.segments, c ? c.segment : (ctx.segments[0] || {}).key,
      (v) => { n.condition = v ? { segment: v } : null; redraw(); }, 'condition-segment')));
  } else if (shape === 'field') {
    const state = { kind: 'field', field: c.field, op: c.op, value: c.value === undefined || c.value === null ? ''
      : Array.isArray(c.value) ? c.value.join(', ') : String(c.value), negated: false };
    const update = () => { n.condition = conditionJson(state, ctx.types); redraw(); };
    const field = h('select', { 'data-prop': 'condition-field', onchange: () => { state.field = field.value; update(); } },
      ctx.fields.map((f) => h('option', { value: f.name, selected: f.name === c.field }, f.name)));
    const op = h('select', { 'data-prop': 'condition-op', onchange: () => { state.op = op.value; update(); } },
      ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'exists'].map((o) => h('option', { value: o, selected: o === c.op }, t(`op.${o}`))));
    const value = h('input', { type: 'text', value: state.value, 'data-prop': 'condition-value', oninput: () => { state.value = value.value; update(); } });
    box.append(labelled(t('canvas.field'), field), labelled(t('canvas.op'), op), labelled(t('canvas.value'), value, t('canvas.valueHint')));
  } else {
    const json = h('textarea', { rows: 5, 'data-prop': 'condition-json', spellcheck: 'false' }, JSON.stringify(c, null, 1));
    const bad = h('div', { class: 'field-error' });
    json.addEventListener('input', () => {
      try { n.condition = JSON.parse(json.value); bad.textContent = ''; redraw(); } catch (e) { bad.textContent = t('journeys.badJson', { message: e.message }); }
    });
    box.append(labelled(t('canvas.conditionJson'), json, t('canvas.conditionJsonHint')), bad);
  }
  return box;
}

/** The form control inside a duration's number-and-unit pair, or the control itself. */
function control(input) {
  return input.matches('span') ? input.querySelector('input') : input;
}

export function labelled(label, input, hint) {
  const c = control(input);
  const id = c.id || uid('cv');
  c.id = id;
  const hintId = hint ? `${id}-hint` : null;
  if (hintId) c.setAttribute('aria-describedby', hintId);
  return h('div', { class: 'field' }, h('label', { for: id }, label), input, hint ? h('div', { class: 'hint', id: hintId }, hint) : null);
}

/** A settings field with its slot for the server's error (forms.js places "reentry.cooldown: …" there). */
export function fieldBox(label, input, name, id, hint) {
  const c = control(input);
  c.id = id;
  const hintId = hint ? `${id}-hint` : null;
  c.setAttribute('aria-describedby', [hintId, `${id}-error`].filter(Boolean).join(' '));
  return h('div', { class: 'field', 'data-field': name }, h('label', { for: id }, label), input,
    hint ? h('div', { class: 'hint', id: hintId }, hint) : null, h('div', { class: 'field-error', id: `${id}-error` }));
}

export function segmentSelect(segments, value, set, prop) {
  const select = h('select', { 'data-prop': prop, onchange: () => set(select.value) },
    h('option', { value: '' }, t('canvas.chooseSegment')),
    segments.map((s) => h('option', { value: s.key, selected: s.key === value }, `${s.key} — ${s.name}`)),
    value && !segments.some((s) => s.key === value) ? h('option', { value, selected: true }, value) : null);
  return select;
}

const UNITS = [['D', 86400], ['H', 3600], ['M', 60], ['S', 1]];

/** An ISO-8601 duration entered as a number and a unit; what does not parse is kept as typed, for the server to name. */
export function durationInput(id, onChange, prop) {
  const amount = h('input', { type: 'number', min: 1, step: 1, id, class: 'cv-amount', 'data-prop': prop });
  const unit = h('select', { class: 'cv-unit', 'aria-label': t('canvas.unit'), 'data-prop': prop ? `${prop}-unit` : undefined },
    UNITS.map(([u]) => h('option', { value: u }, t(`canvas.unit.${u}`))));
  amount.addEventListener('input', onChange);
  unit.addEventListener('change', onChange);
  const element = h('span', { class: 'cv-duration' }, amount, unit);
  return {
    element,
    get() {
      const n = amount.value.trim();
      if (!/^\d+$/.test(n)) return n === '' ? null : n;
      return unit.value === 'D' ? `P${n}D` : `PT${n}${unit.value}`;
    },
    set(iso) {
      const seconds = isoSeconds(iso);
      if (seconds === null) { amount.value = ''; unit.value = 'M'; return; }
      const [u, size] = UNITS.find(([, s]) => seconds % s === 0 && seconds >= s) || ['S', 1];
      amount.value = String(seconds / size);
      unit.value = u;
    },
  };
}

/** The event editor of the trigger, the goal and a wait for an event: the event, a custom event's name, its conditions. */
export function eventFields(s, get, set, redraw, prop) {
  const spec = get() || { event: 'login' };
  const custom = spec.event && spec.event.startsWith('custom:');
  const event = h('select', { 'data-prop': `${prop}-event` },
    EVENTS.map((e) => h('option', { value: e, selected: spec.event === e }, t(`canvas.event.${e}`))),
    h('option', { value: 'custom', selected: custom }, t('canvas.event.custom')));
  const name = h('input', { type: 'text', value: custom ? spec.event.slice('custom:'.length) : '', 'data-prop': `${prop}-custom`, autocomplete: 'off' });
  const nameField = labelled(t('canvas.customName'), name);
  nameField.hidden = !custom;
  const where = h('textarea', { rows: 2, 'data-prop': `${prop}-where`, spellcheck: 'false' },
    Object.entries(spec.where || {}).map(([k, v]) => `${k}=${v}`).join('\n'));
  const update = () => {
    nameField.hidden = event.value !== 'custom';
    const w = {};
    where.value.split('\n').map((l) => l.trim()).filter(Boolean).forEach((l) => {
      const at = l.indexOf('=');
      if (at > 0) w[l.slice(0, at).trim()] = l.slice(at + 1).trim();
    });
    const next = { event: event.value === 'custom' ? `custom:${name.value.trim()}` : event.value };
    if (Object.keys(w).length) next.where = w;
    set(next);
    redraw();
  };
  event.addEventListener('change', update);
  name.addEventListener('input', update);
  where.addEventListener('input', update);
  return h('div', { class: 'cv-event' }, labelled(t('canvas.event'), event), nameField, labelled(t('canvas.where'), where, t('canvas.whereHint')));
}

export function eventText(spec) {
  if (!spec) return '?';
  const where = Object.entries(spec.where || {}).map(([k, v]) => `${k}=${v}`);
  return where.length ? `${spec.event} (${where.join(', ')})` : spec.event;
}

export function isoSeconds(iso) {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(iso || '');
  if (!m || iso === 'P' || iso === 'PT') return null;
  return Number(m[1] || 0) * 86400 + Number(m[2] || 0) * 3600 + Number(m[3] || 0) * 60 + Number(m[4] || 0);
}

/** "PT30M" → "30 min", "PT48H" → "2 d". */
export function words(iso) {
  const s = isoSeconds(iso);
  if (s === null) return iso || '?';
  const [u, size] = UNITS.find(([, x]) => s % x === 0 && s >= x) || ['S', 1];
  return `${s / size} ${t(`canvas.unitShort.${u}`)}`;
}

export function shortJson(c) {
  const text = JSON.stringify(c);
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}
