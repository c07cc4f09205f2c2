// The segment condition language (docs/segments.md) as the builder edits it: a tree of nodes
//   {kind: 'all'|'any', children: [...]}   {kind: 'field', field, op, value}   (value: what was typed)
//   {kind: 'activity', activity, withinDays, atLeast}   {kind: 'segment', segment}   {kind: 'raw', json}
// each with `negated` (wrapped in {"not": …}); converted to and from the API's JSON.
import { h } from '../dom.js';
import { t } from '../i18n.js';

export const OPS = {
  keyword: ['eq', 'ne', 'in', 'exists'],
  long: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'exists'],
  double: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'exists'],
  boolean: ['eq', 'ne', 'exists'],
  date: ['exists'],
};

const NUMBER = /^-?\d+(\.\d+)?$/;

export function group(kind = 'all', children = []) {
  return { kind, children, negated: false };
}

export function fromJson(json) {
  if (json && typeof json === 'object' && 'not' in json && Object.keys(json).length === 1) {
    const inner = fromJson(json.not);
    if (inner.negated) return { ...group('all', [inner]), negated: true };
    return { ...inner, negated: true };
  }
  if (json && Array.isArray(json.all)) return group('all', json.all.map(fromJson));
  if (json && Array.isArray(json.any)) return group('any', json.any.map(fromJson));
  if (json && typeof json.field === 'string') {
    const value = json.value === undefined || json.value === null ? ''
      : Array.isArray(json.value) ? json.value.join(', ') : String(json.value);
    return { kind: 'field', field: json.field, op: json.op, value, negated: false };
  }
  if (json && typeof json.activity === 'string') {
    return { kind: 'activity', activity: json.activity, withinDays: json.withinDays, atLeast: json.atLeast, negated: false };
  }
  if (json && typeof json.segment === 'string') return { kind: 'segment', segment: json.segment, negated: false };
  return { kind: 'raw', json, negated: false };
}

/** One typed value as the API wants it; text that is not of the field's type is sent as typed, for the server to name. */
function typed(text, type) {
  const s = text.trim();
  if (type === 'long' || type === 'double') return NUMBER.test(s) ? Number(s) : s;
  if (type === 'boolean') return s === 'true' ? true : s === 'false' ? false : s;
  return s;
}

export function toJson(node, types) {
  let json;
  switch (node.kind) {
    case 'all': json = { all: node.children.map((c) => toJson(c, types)) }; break;
    case 'any': json = { any: node.children.map((c) => toJson(c, types)) }; break;
    case 'field': {
      const type = types.get(node.field) || 'keyword';
      json = { field: node.field, op: node.op };
      if (node.op === 'in') json.value = node.value.split(',').map((v) => v.trim()).filter((v) => v !== '').map((v) => typed(v, type));
      else if (node.op === 'exists') json.value = node.value !== 'false';
      else json.value = typed(node.value, type);
      break;
    }
    case 'activity': json = { activity: node.activity, withinDays: Number(node.withinDays), atLeast: Number(node.atLeast) }; break;
    case 'segment': json = { segment: node.segment }; break;
    default: json = node.json;
  }
  return node.negated ? { not: json } : json;
}

/**
 * The API's path of each node ("condition", "condition.all[1]", "condition.any[0].not"), so that an
 * error such as "condition.all[1].value: …" lands on the node it names.
 */
export function assignPaths(node, path = 'condition') {
  node.path = node.negated ? `${path}.not` : path;
  if (node.kind === 'all' || node.kind === 'any') {
    node.children.forEach((c, i) => assignPaths(c, `${node.path}.${node.kind}[${i}]`));
  }
}

/** The node an error belongs to: the deepest whose path the error's path starts with. */
export function nodeFor(root, errorPath) {
  let best = null;
  const visit = (node) => {
    if (errorPath === node.path || errorPath.startsWith(`${node.path}.`)) {
      if (!best || node.path.length > best.path.length) best = node;
    }
    if (node.kind === 'all' || node.kind === 'any') node.children.forEach(visit);
  };
  visit(root);
  return best;
}

/** "condition.all[1].value: value.ltv is double; got string abc" → ["condition.all[1].value", "value.ltv is …"]. */
export function splitError(error) {
  const at = error.indexOf(': ');
  return at < 0 ? ['', error] : [error.slice(0, at), error.slice(at + 2)];
}

/** A read-only rendering of a condition, for auditors and the segment list. */
export function describe(json) {
  const node = fromJson(json);
  const render = (n) => {
    const not = n.negated ? h('strong', {}, `${t('builder.not')} `) : null;
    switch (n.kind) {
      case 'all':
      case 'any':
        return h('div', { class: 'describe-group' }, not, h('strong', {}, t(`builder.${n.kind}`)),
          h('ul', {}, n.children.map((c) => h('li', {}, render(c)))));
      case 'field':
        return h('span', {}, not, h('code', {}, n.field), ` ${t(`op.${n.op}`)} `, n.op === 'exists' ? '' : h('code', {}, n.value));
      case 'activity':
        return h('span', {}, not, t('builder.activityText', { activity: n.activity, atLeast: n.atLeast, days: n.withinDays }));
      case 'segment':
        return h('span', {}, not, t('builder.segmentText', { segment: n.segment }));
      default:
        return h('code', {}, JSON.stringify(n.json));
    }
  };
  return render(node);
}
