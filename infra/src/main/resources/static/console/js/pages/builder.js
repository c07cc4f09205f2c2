// The segment builder: a condition tree edited by clicking, a live count and sample of members while
// editing (POST /api/v1/segments/preview, debounced), errors of a 400 shown on the node they name,
// save with PUT /api/v1/segments/{key}, and a backtest of the condition over a past period
// (segment-backtest.js). Fields, their types, activity kinds and windows come from
// GET /api/v1/segments/fields, so the builder offers exactly what the server accepts.
import * as api from '../api.js';
import { h, clear, uid } from '../dom.js';
import { t, number } from '../i18n.js';
import { OPS, group, fromJson, toJson, assignPaths, nodeFor, splitError } from './conditions.js';
import { backtestPanel } from './segment-backtest.js';

const PREVIEW_DELAY_MS = 400;
const SAMPLE = 10;
const ACTIVITY_WINDOW = /^activity\.([^.]+)\.(\d+)d$/;

export async function render(main, { arg, can, go }) {
  main.append(h('h1', {}, t('builder.title')));
  let fields;
  let segments;
  let loaded = null;
  try {
    [fields, segments] = await Promise.all([api.get('/api/v1/segments/fields'), api.get('/api/v1/segments')]);
    if (arg) loaded = await api.get(`/api/v1/segments/${encodeURIComponent(arg)}`);
  } catch (err) {
    main.append(h('p', { class: 'error', role: 'alert' },
      err.status === 404 ? t('segments.noSuch', { key: arg }) : t('error.generic', { message: err.message })));
    return;
  }
  new Builder(main, fields, segments, loaded, can('saveSegments'), can('viewCustomers'), go).mount();
}

class Builder {
  constructor(main, fields, segments, loaded, mayEdit, mayViewCustomers, go) {
    this.main = main;
    this.fields = fields;
    this.types = new Map(fields.map((f) => [f.name, f.type]));
    this.byName = new Map(fields.map((f) => [f.name, f]));
    this.groups = new Map();
    fields.filter((f) => !ACTIVITY_WINDOW.test(f.name)).forEach((f) => {
      if (!this.groups.has(f.group)) this.groups.set(f.group, []);
      this.groups.get(f.group).push(f);
    });
    this.kinds = new Map();
    const windows = new Set();
    fields.forEach((f) => {
      const m = ACTIVITY_WINDOW.exec(f.name);
      if (m) { windows.add(Number(m[2])); if (!this.kinds.has(m[1])) this.kinds.set(m[1], (this.byName.get(`activity.${m[1]}.total`) || f).definition); }
    });
    this.windows = [...windows].sort((a, b) => a - b);
    this.segments = segments.filter((s) => !s.retired);
    this.mayEdit = mayEdit;
    this.mayViewCustomers = mayViewCustomers;
    this.go = go;
    this.loaded = loaded;
    let root = loaded ? fromJson(loaded.condition) : group('all', []);
    if (root.kind !== 'all' && root.kind !== 'any') root = group('all', [root]);
    this.root = root;
    this.errorSlots = new Map();
    this.sequence = 0;
    this.timer = null;
  }

  mount() {
    const l = this.loaded;
    this.key = h('input', { id: 'seg-key', name: 'key', value: l ? l.key : '', required: true, pattern: '[a-z][a-z0-9_]{1,62}',
      'aria-describedby': 'seg-key-hint seg-key-error', autocomplete: 'off', spellcheck: 'false' });
    this.name = h('input', { id: 'seg-name', name: 'name', value: l ? l.name : '', required: true, 'aria-describedby': 'seg-name-error' });
    this.description = h('textarea', { id: 'seg-description', name: 'description', rows: 2 }, l && l.description ? l.description : '');
    this.keyError = h('p', { class: 'field-error', id: 'seg-key-error' });
    this.nameError = h('p', { class: 'field-error', id: 'seg-name-error' });
    this.tree = h('div', { id: 'tree', class: 'tree' });
    this.treeErrors = h('ul', { id: 'tree-errors', class: 'node-errors', role: 'alert' });
    this.status = h('p', { id: 'save-status', role: 'status' });
    this.count = h('output', { id: 'preview-count', 'aria-live': 'polite' }, '—');
    this.previewNote = h('p', { id: 'preview-note', class: 'hint' });
    this.sample = h('div', { id: 'preview-sample' });

    const loadSelect = h('select', { id: 'load-segment' }, h('option', { value: '' }, t('builder.chooseSegment')),
      this.segments.map((s) => h('option', { value: s.key, selected: l && l.key === s.key }, `${s.key} — ${s.name}`)));
    const load = h('div', { class: 'row load' },
      h('label', { for: 'load-segment' }, t('builder.load')), loadSelect,
      h('button', { type: 'button', id: 'load-button', onclick: () => { if (loadSelect.value) this.go('builder', loadSelect.value); } }, t('builder.loadButton')),
      h('button', { type: 'button', id: 'new-button', onclick: () => this.go('builder') }, t('builder.new')));

    const form = h('form', { id: 'segment-form', class: 'builder', novalidate: true, onsubmit: (e) => { e.preventDefault(); this.save(); } },
      h('div', { class: 'meta' },
        h('div', {}, h('label', { for: 'seg-key' }, t('builder.key')), this.key,
          h('p', { class: 'hint', id: 'seg-key-hint' }, t('builder.keyHint')), this.keyError),
        h('div', {}, h('label', { for: 'seg-name' }, t('builder.name')), this.name, this.nameError),
        h('div', { class: 'span' }, h('label', { for: 'seg-description' }, t('builder.description')), this.description)),
      h('h2', {}, t('builder.condition')),
      this.treeErrors,
      this.tree,
      this.mayEdit
        ? h('div', { class: 'row' }, h('button', { type: 'submit', class: 'primary', id: 'save-segment' }, t('builder.save')), this.status)
        : h('p', { class: 'hint', id: 'read-only-note' }, t('builder.previewOnly')));
    const preview = h('aside', { class: 'card preview', 'aria-labelledby': 'preview-title' },
      h('h2', { id: 'preview-title' }, t('builder.preview')),
      h('p', { class: 'count' }, this.count, ' ', h('span', {}, t('builder.customers'))),
      this.previewNote, this.sample);
    this.main.append(load, h('div', { class: 'builder-layout' }, form, preview), backtestPanel(() => toJson(this.root, this.types)));
    this.renderTree();
    this.schedulePreview(0);
  }

  changed(structure) {
    if (structure) this.renderTree();
    this.schedulePreview(PREVIEW_DELAY_MS);
  }

  // ---- the tree -------------------------------------------------------------------------------

  renderTree() {
    const focused = document.activeElement && document.activeElement.id;
    assignPaths(this.root);
    this.errorSlots.clear();
    clear(this.tree).append(this.renderNode(this.root, null));
    if (focused) {
      const again = document.getElementById(focused);
      if (again) again.focus();
    }
  }

  renderNode(node, parent) {
    if (!node.uid) node.uid = uid('n');
    const errors = h('ul', { class: 'node-errors', id: `${node.uid}-errors` });
    this.errorSlots.set(node, errors);
    const negate = h('label', { class: 'negate' }, h('input', {
      type: 'checkbox', id: `${node.uid}-not`, class: 'not', checked: node.negated,
      onchange: (e) => { node.negated = e.target.checked; this.changed(true); },
    }), ` ${t('builder.not')}`);
    const remove = parent ? h('button', {
      type: 'button', class: 'remove', id: `${node.uid}-remove`, 'aria-label': t('builder.removeLabel'),
      onclick: () => { parent.children.splice(parent.children.indexOf(node), 1); this.changed(true); },
    }, t('builder.remove')) : null;
    const body = node.kind === 'all' || node.kind === 'any' ? this.groupBody(node)
      : node.kind === 'field' ? this.fieldBody(node)
        : node.kind === 'activity' ? this.activityBody(node)
          : node.kind === 'segment' ? this.segmentBody(node)
            : [h('code', {}, JSON.stringify(node.json))];
    const isGroup = node.kind === 'all' || node.kind === 'any';
    return h(isGroup ? 'fieldset' : 'div', {
      class: `node node-${isGroup ? 'group' : node.kind}${node.negated ? ' negated' : ''}`, 'data-path': node.path,
      'aria-describedby': `${node.uid}-errors`,
    }, isGroup ? h('legend', {}, node.path === 'condition' ? t('builder.rootGroup') : t('builder.group')) : null,
    h('div', { class: 'node-head' }, negate, body, remove), errors,
    isGroup ? this.children(node) : null);
  }

  groupBody(node) {
    const id = `${node.uid}-kind`;
    return [h('label', { for: id }, t('builder.match')),
      h('select', { id, class: 'kind', onchange: (e) => { node.kind = e.target.value; this.changed(true); } },
        ['all', 'any'].map((k) => h('option', { value: k, selected: node.kind === k }, t(`builder.${k}`))))];
  }

  children(node) {
    const add = (kind, make) => h('button', { type: 'button', class: `add-${kind}`, id: `${node.uid}-add-${kind}`,
      onclick: () => { node.children.push(make()); this.changed(true); this.focusLast(node); } }, t(`builder.add.${kind}`));
    return [
      node.children.length ? h('ol', { class: 'children' }, node.children.map((c) => h('li', {}, this.renderNode(c, node))))
        : h('p', { class: 'hint' }, t('builder.emptyGroup')),
      h('div', { class: 'group-actions' },
        add('field', () => ({ kind: 'field', field: '', op: 'eq', value: '', negated: false })),
        add('activity', () => ({ kind: 'activity', activity: this.kinds.keys().next().value, withinDays: this.windows[1] ?? this.windows[0], atLeast: 1, negated: false })),
        this.segments.length ? add('segment', () => ({ kind: 'segment', segment: '', negated: false })) : null,
        add('group', () => group('any', []))),
    ];
  }

  focusLast(node) {
    const last = node.children[node.children.length - 1];
    const first = document.querySelector(`[data-path="${CSS.escape(last.path)}"] select, [data-path="${CSS.escape(last.path)}"] input`);
    if (first) first.focus();
  }

  fieldBody(node) {
    const type = this.types.get(node.field);
    const fieldId = `${node.uid}-field`;
    const opId = `${node.uid}-op`;
    const valueId = `${node.uid}-value`;
    const fieldSelect = h('select', { id: fieldId, class: 'field', 'aria-describedby': `${node.uid}-definition`,
      onchange: (e) => {
        node.field = e.target.value;
        const ops = OPS[this.types.get(node.field)] || OPS.keyword;
        if (!ops.includes(node.op)) node.op = ops[0];
        if (node.op === 'exists') node.value = 'true';
        this.changed(true);
      } },
    h('option', { value: '' }, t('builder.chooseField')),
    [...this.groups.entries()].map(([name, fs]) => h('optgroup', { label: name },
      fs.map((f) => h('option', { value: f.name, selected: f.name === node.field, title: f.definition }, f.name)))));
    if (node.field && !this.types.has(node.field)) {
      fieldSelect.append(h('option', { value: node.field, selected: true }, t('builder.unknownField', { field: node.field })));
    }
    const ops = OPS[type] || OPS.keyword;
    const opSelect = h('select', { id: opId, class: 'op', disabled: !node.field,
      onchange: (e) => { node.op = e.target.value; if (node.op === 'exists') node.value = 'true'; this.changed(true); } },
    ops.map((o) => h('option', { value: o, selected: node.op === o }, t(`op.${o}`))));
    let value;
    if (node.op === 'exists' || type === 'boolean') {
      if (node.value !== 'true' && node.value !== 'false') node.value = 'true';
      value = h('select', { id: valueId, class: 'value', disabled: !node.field,
        onchange: (e) => { node.value = e.target.value; this.changed(false); } },
      ['true', 'false'].map((v) => h('option', { value: v, selected: node.value === v },
        node.op === 'exists' ? t(v === 'true' ? 'builder.present' : 'builder.absent') : t(v === 'true' ? 'app.yes' : 'app.no'))));
    } else {
      value = h('input', { id: valueId, class: 'value', value: node.value, disabled: !node.field, autocomplete: 'off',
        inputmode: (type === 'long' || type === 'double') && node.op !== 'in' ? 'decimal' : undefined,
        placeholder: node.op === 'in' ? t('builder.listPlaceholder') : '',
        oninput: (e) => { node.value = e.target.value; this.changed(false); } });
    }
    const field = this.byName.get(node.field);
    return [
      h('span', { class: 'control' }, h('label', { for: fieldId }, t('builder.field')), fieldSelect),
      h('span', { class: 'control' }, h('label', { for: opId }, t('builder.op')), opSelect),
      h('span', { class: 'control' }, h('label', { for: valueId }, t('builder.value')), value),
      h('p', { class: 'hint definition', id: `${node.uid}-definition` },
        field ? `${t(`type.${field.type}`)} · ${field.definition}` : ''),
    ];
  }

  activityBody(node) {
    const kindId = `${node.uid}-activity`;
    const atLeastId = `${node.uid}-atleast`;
    const daysId = `${node.uid}-days`;
    return [
      h('span', { class: 'control' }, h('label', { for: kindId }, t('builder.activity')),
        h('select', { id: kindId, class: 'activity', onchange: (e) => { node.activity = e.target.value; this.changed(true); } },
          [...this.kinds.entries()].map(([k, d]) => h('option', { value: k, selected: node.activity === k, title: d }, k)))),
      h('span', { class: 'control' }, h('label', { for: atLeastId }, t('builder.atLeast')),
        h('input', { id: atLeastId, class: 'at-least', type: 'number', min: 1, step: 1, value: node.atLeast,
          oninput: (e) => { node.atLeast = e.target.value; this.changed(false); } })),
      h('span', { class: 'control' }, h('label', { for: daysId }, t('builder.withinDays')),
        h('select', { id: daysId, class: 'within-days', onchange: (e) => { node.withinDays = Number(e.target.value); this.changed(false); } },
          this.windows.map((w) => h('option', { value: w, selected: Number(node.withinDays) === w }, t('builder.lastDays', { n: w }))))),
      h('p', { class: 'hint definition' }, this.kinds.get(node.activity) || ''),
    ];
  }

  segmentBody(node) {
    const id = `${node.uid}-segment`;
    const own = this.key ? this.key.value : '';
    return [h('span', { class: 'control' }, h('label', { for: id }, t('builder.inSegment')),
      h('select', { id, class: 'segment', onchange: (e) => { node.segment = e.target.value; this.changed(false); } },
        h('option', { value: '' }, t('builder.chooseSegment')),
        this.segments.filter((s) => s.key !== own || s.key === node.segment)
          .map((s) => h('option', { value: s.key, selected: node.segment === s.key }, `${s.key} — ${s.name}`))))];
  }

  // ---- errors ---------------------------------------------------------------------------------

  /** Client-side: conditions not filled in yet (no field or segment chosen); the server checks the rest. */
  incomplete() {
    const found = [];
    const visit = (n) => {
      if ((n.kind === 'field' && !n.field) || (n.kind === 'segment' && !n.segment)) found.push(n);
      if (n.kind === 'all' || n.kind === 'any') n.children.forEach(visit);
    };
    visit(this.root);
    return found;
  }

  showErrors(errors, { onlyCondition = false } = {}) {
    this.errorSlots.forEach((slot, node) => {
      clear(slot);
      const el = slot.parentElement;
      if (el) el.classList.remove('has-error');
      void node;
    });
    clear(this.treeErrors);
    if (!onlyCondition) { this.keyError.textContent = ''; this.nameError.textContent = ''; this.key.removeAttribute('aria-invalid'); this.name.removeAttribute('aria-invalid'); }
    for (const error of errors) {
      const [path, message] = typeof error === 'string' ? splitError(error) : [error.node.path, error.message];
      if (path === 'key' || path.startsWith('key.')) { this.keyError.textContent = message; this.key.setAttribute('aria-invalid', 'true'); continue; }
      if (path === 'name') { this.nameError.textContent = message; this.name.setAttribute('aria-invalid', 'true'); continue; }
      const node = typeof error === 'string' ? (path.startsWith('condition') ? nodeFor(this.root, path) : null) : error.node;
      const slot = node && this.errorSlots.get(node);
      const item = h('li', {}, path && node && path !== node.path ? h('code', {}, path.slice(node.path.length + 1)) : null,
        path && node && path !== node.path ? ': ' : '', node ? message : (typeof error === 'string' ? error : message));
      if (slot && node !== this.root) {
        slot.append(item);
        slot.parentElement.classList.add('has-error');
      } else {
        this.treeErrors.append(item);
      }
    }
  }

  // ---- preview and save -----------------------------------------------------------------------

  schedulePreview(delay) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.preview(), delay);
  }

  async preview() {
    const sequence = ++this.sequence;
    if (this.root.children.length === 0) {
      this.showErrors([]);
      this.count.textContent = '—';
      this.previewNote.textContent = t('builder.addToPreview');
      clear(this.sample);
      return;
    }
    const incomplete = this.incomplete();
    if (incomplete.length) {
      this.showErrors(incomplete.map((node) => ({ node, message: t(node.kind === 'field' ? 'builder.needField' : 'builder.needSegment') })));
      this.previewNote.textContent = t('builder.completeToPreview');
      return;
    }
    this.previewNote.textContent = t('builder.counting');
    this.main.querySelector('.preview').setAttribute('aria-busy', 'true');
    try {
      const result = await api.post('/api/v1/segments/preview', { condition: toJson(this.root, this.types), sample: SAMPLE });
      if (sequence !== this.sequence) return; // a newer draft is being counted
      this.showErrors([], { onlyCondition: true });
      this.count.textContent = number(result.count);
      this.count.dataset.count = String(result.count);
      this.previewNote.textContent = t('builder.counted', { ms: result.tookMillis });
      this.renderSample(result.sample || []);
    } catch (err) {
      if (sequence !== this.sequence) return;
      this.count.textContent = '—';
      delete this.count.dataset.count;
      clear(this.sample);
      if (err.status === 400 && err.errors.length) {
        this.showErrors(err.errors, { onlyCondition: true });
        this.previewNote.textContent = t('builder.fixToPreview');
      } else {
        this.previewNote.textContent = t('error.generic', { message: err.message });
      }
    } finally {
      if (sequence === this.sequence) this.main.querySelector('.preview').removeAttribute('aria-busy');
    }
  }

  renderSample(sample) {
    clear(this.sample);
    if (!sample.length) return;
    this.sample.append(h('table', {},
      h('caption', {}, t('builder.sample', { n: sample.length })),
      h('thead', {}, h('tr', {}, ['builder.customer', 'builder.tier', 'builder.stage', 'builder.ltv', 'builder.orders']
        .map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', {}, sample.map((m) => h('tr', {},
        h('td', {}, this.mayViewCustomers ? h('a', { href: `#/customers/${encodeURIComponent(m.customerId)}` }, (m.identifiers || [])[0] || m.customerId)
          : (m.identifiers || [])[0] || m.customerId),
        h('td', {}, m.valueTier ?? '—'), h('td', {}, m.lifecycleStage ?? '—'),
        h('td', { class: 'num' }, m.ltv === null || m.ltv === undefined ? '—' : number(m.ltv, 2)),
        h('td', { class: 'num' }, m.ordersTotal ?? 0))))));
  }

  async save() {
    if (!this.mayEdit) return;
    this.status.textContent = '';
    const incomplete = this.incomplete();
    if (incomplete.length) {
      this.showErrors(incomplete.map((node) => ({ node, message: t(node.kind === 'field' ? 'builder.needField' : 'builder.needSegment') })));
      this.status.textContent = t('builder.notSaved');
      return;
    }
    const key = this.key.value.trim();
    if (!key) { this.showErrors(['key: ' + t('builder.keyRequired')]); this.key.focus(); return; }
    const button = document.getElementById('save-segment');
    button.disabled = true;
    try {
      const saved = await api.put(`/api/v1/segments/${encodeURIComponent(key)}`, {
        name: this.name.value.trim(), description: this.description.value.trim() || null, condition: toJson(this.root, this.types),
      });
      this.showErrors([]);
      this.status.textContent = t('builder.saved', { key: saved.key, version: saved.version });
      this.status.className = 'ok';
    } catch (err) {
      this.status.className = 'error';
      if (err.status === 400 && err.errors.length) {
        this.showErrors(err.errors);
        this.status.textContent = t('builder.notSaved');
      } else {
        this.status.textContent = err.status === 403 ? t('error.forbidden') : t('error.generic', { message: err.message });
      }
    } finally {
      button.disabled = false;
    }
  }
}
