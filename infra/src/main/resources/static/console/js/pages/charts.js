// Charts as inline SVG: no library and nothing downloaded. Each chart is a <figure> with a caption; the
// SVG has role="img" and an aria-label that says in words what the bars show, and every number is also
// in the table next to it, so nothing is only in the picture.
const SVG = 'http://www.w3.org/2000/svg';
const LABEL_WIDTH = 110;
const VALUE_WIDTH = 120;
const WIDTH = 480;

function el(name, attrs, text) {
  const node = document.createElementNS(SVG, name);
  Object.entries(attrs).forEach(([k, v]) => { if (v !== undefined && v !== null) node.setAttribute(k, String(v)); });
  if (text !== undefined) node.textContent = text;
  return node;
}

function svg(height, label) {
  const root = el('svg', { viewBox: `0 0 ${WIDTH} ${height}`, width: WIDTH, height, role: 'img', 'aria-label': label });
  return root;
}

function figure(id, caption, root) {
  const fig = document.createElement('figure');
  fig.className = 'chart';
  fig.id = id;
  const cap = document.createElement('figcaption');
  cap.textContent = caption;
  fig.append(cap, root);
  return fig;
}

const plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
const x = (v, max) => LABEL_WIDTH + (plot * Math.max(0, Math.min(v, max))) / (max || 1);

/**
 * A bar per row with its interval as an error bar (rows: key, value, lower, upper, highlight), on a scale
 * from 0 to the largest upper bound.
 */
export function intervalChart({ id, caption, rows, format }) {
  const rowHeight = 30;
  const height = rows.length * rowHeight + 24;
  const max = Math.max(...rows.map((r) => (typeof r.upper === 'number' ? r.upper : r.value || 0)), 0.01);
  const root = svg(height, `${caption}: ${rows.map((r) => `${r.key} ${format(r.value)}${typeof r.lower === 'number'
    ? ` (${format(r.lower)}–${format(r.upper)})` : ''}`).join(', ')}`);
  axis(root, rows.length * rowHeight + 4, max, format);
  rows.forEach((r, i) => {
    const y = 4 + i * rowHeight;
    const mid = y + rowHeight / 2;
    root.append(el('text', { x: 0, y: mid + 4, class: 'chart-label' }, r.key));
    if (typeof r.value === 'number') {
      root.append(el('rect', { x: LABEL_WIDTH, y: y + 6, width: Math.max(1, x(r.value, max) - LABEL_WIDTH), height: rowHeight - 12,
        class: `bar ${r.highlight || ''}`.trim(), 'data-arm': r.key }));
    }
    if (typeof r.lower === 'number' && typeof r.upper === 'number') {
      const x1 = x(r.lower, max);
      const x2 = x(r.upper, max);
      root.append(el('line', { x1, x2, y1: mid, y2: mid, class: 'error-bar', 'data-arm': r.key }),
        el('line', { x1, x2: x1, y1: mid - 6, y2: mid + 6, class: 'error-bar' }),
        el('line', { x1: x2, x2, y1: mid - 6, y2: mid + 6, class: 'error-bar' }));
    }
    root.append(el('text', { x: WIDTH - VALUE_WIDTH + 6, y: mid + 4, class: 'chart-value' },
      typeof r.value === 'number' ? format(r.value) : '—'));
  });
  return figure(id, caption, root);
}

/** A bar per row (key, value, highlight) on a scale from 0 to max, with dashed guide lines at the given values. */
export function barChart({ id, caption, rows, max, guides = [], format }) {
  const rowHeight = 28;
  const height = Math.max(1, rows.length) * rowHeight + 24;
  const root = svg(height, `${caption}: ${rows.map((r) => `${r.key} ${format(r.value)}`).join(', ')}`);
  axis(root, Math.max(1, rows.length) * rowHeight + 4, max, format);
  guides.forEach((g) => root.append(el('line', { x1: x(g, max), x2: x(g, max), y1: 0, y2: rows.length * rowHeight + 4, class: 'guide' })));
  rows.forEach((r, i) => {
    const y = 4 + i * rowHeight;
    root.append(el('text', { x: 0, y: y + 18, class: 'chart-label' }, r.key),
      el('rect', { x: LABEL_WIDTH, y: y + 5, width: Math.max(1, x(r.value, max) - LABEL_WIDTH), height: rowHeight - 10,
        class: `bar ${r.highlight || ''}`.trim(), 'data-arm': r.key }),
      el('text', { x: WIDTH - VALUE_WIDTH + 6, y: y + 18, class: 'chart-value' }, format(r.value)));
  });
  return figure(id, caption, root);
}

/**
 * The funnel of each row (key, values per stage): one block per arm, a bar per stage, all on the scale of
 * the largest first stage, so arms of different sizes compare by length.
 */
export function funnelChart({ id, caption, stages, rows, format }) {
  const barHeight = 12;
  const block = stages.length * (barHeight + 3) + 22;
  const height = rows.length * block + 4;
  const max = Math.max(...rows.map((r) => Math.max(...r.values)), 1);
  const root = svg(height, `${caption}: ${rows.map((r) => `${r.key}: ${stages.map((s, i) => `${s.label} ${format(r.values[i])}`)
    .join(', ')}`).join('; ')}`);
  rows.forEach((r, i) => {
    const top = 4 + i * block;
    root.append(el('text', { x: 0, y: top + 12, class: 'chart-label arm-name' }, r.key));
    stages.forEach((s, j) => {
      const y = top + 18 + j * (barHeight + 3);
      root.append(el('text', { x: 12, y: y + barHeight - 2, class: 'chart-label small' }, s.label),
        el('rect', { x: LABEL_WIDTH, y, width: Math.max(1, x(r.values[j], max) - LABEL_WIDTH), height: barHeight,
          class: `bar stage-${j}`, 'data-arm': r.key, 'data-stage': s.key }),
        el('text', { x: x(r.values[j], max) + 4, y: y + barHeight - 2, class: 'chart-value small' }, format(r.values[j])));
    });
  });
  return figure(id, caption, root);
}

/** A baseline with 0 and the top of the scale. */
function axis(root, y, max, format) {
  root.append(el('line', { x1: LABEL_WIDTH, x2: LABEL_WIDTH + plot, y1: y, y2: y, class: 'axis' }),
    el('text', { x: LABEL_WIDTH, y: y + 14, class: 'chart-tick' }, format(0)),
    el('text', { x: LABEL_WIDTH + plot, y: y + 14, class: 'chart-tick', 'text-anchor': 'end' }, format(max)));
}

const TIME_WIDTH = 620;
const TIME_LEFT = 64;
const TIME_RIGHT = 130;
const TIME_TOP = 10;
const TIME_PLOT_HEIGHT = 160;
const MAX_X_LABELS = 7;
const MAX_DESC_VALUES = 24;

/**
 * Figures over time. series: [{ key, label, values }] with one value per bucket (null where there is none,
 * e.g. ROI without a cost: the line breaks there); buckets: the buckets' labels. kind 'line' draws a line per
 * series, each with its own dash pattern and its name and last value written at its end, so colour is never
 * the only cue; kind 'columns' draws the first series as columns. The scale includes 0 (and negative values,
 * drawn below a zero line). ticks: shorter labels for the axis (the buckets' labels by default). The SVG is labelled by a <title> and a <desc> that lists the values; the page
 * shows the same figures in a table.
 */
export function timeChart({ id, caption, buckets, ticks = buckets, series, format, kind = 'line' }) {
  const n = Math.max(1, buckets.length);
  const plotWidth = TIME_WIDTH - TIME_LEFT - TIME_RIGHT;
  const height = TIME_TOP + TIME_PLOT_HEIGHT + 34;
  const values = series.flatMap((s) => s.values.filter((v) => typeof v === 'number'));
  let max = Math.max(0, ...values);
  const min = Math.min(0, ...values);
  if (max === min) max = min + 1;
  const y = (v) => TIME_TOP + TIME_PLOT_HEIGHT * (1 - (v - min) / (max - min));
  const step = plotWidth / n;
  const cx = (i) => TIME_LEFT + step * (i + 0.5);

  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const root = el('svg', { viewBox: `0 0 ${TIME_WIDTH} ${height}`, width: TIME_WIDTH, height, role: 'img',
    'aria-labelledby': `${titleId} ${descId}`, class: 'time-chart' });
  root.append(el('title', { id: titleId }, caption), el('desc', { id: descId }, series.map((s) => {
    const shown = s.values.map((v, i) => [buckets[i], v]).filter(([, v]) => typeof v === 'number' && v !== 0);
    const listed = shown.slice(0, MAX_DESC_VALUES).map(([b, v]) => `${b} ${format(v)}`).join(', ');
    return `${s.label}: ${shown.length ? listed : format(0)}${shown.length > MAX_DESC_VALUES ? ', …' : ''}`;
  }).join('; ')));

  // the scale: 0, the top (and the bottom when negative), with guide lines
  [...new Set([min, 0, max])].forEach((v) => {
    root.append(el('line', { x1: TIME_LEFT, x2: TIME_LEFT + plotWidth, y1: y(v), y2: y(v), class: v === 0 ? 'axis' : 'guide' }),
      el('text', { x: TIME_LEFT - 6, y: y(v) + 4, class: 'chart-tick', 'text-anchor': 'end' }, format(v)));
  });
  const every = Math.ceil(n / MAX_X_LABELS);
  ticks.forEach((b, i) => {
    if (i % every !== 0) return;
    root.append(el('text', { x: cx(i), y: TIME_TOP + TIME_PLOT_HEIGHT + 18, class: 'chart-tick', 'text-anchor': 'middle' }, b));
  });

  if (kind === 'columns') {
    const s = series[0];
    s.values.forEach((v, i) => {
      if (typeof v !== 'number') return;
      const top = Math.min(y(v), y(0));
      root.append(el('rect', { x: cx(i) - step * 0.35, y: top, width: Math.max(1, step * 0.7), height: Math.max(v === 0 ? 0 : 1, Math.abs(y(v) - y(0))),
        class: 'bar', 'data-series': s.key, 'data-bucket': i }, undefined));
    });
  } else {
    // end labels are spread out so that lines ending at the same value do not write over each other
    const ends = [];
    series.forEach((s, k) => {
      let d = '';
      let pen = false;
      s.values.forEach((v, i) => {
        if (typeof v !== 'number') { pen = false; return; }
        d += `${pen ? 'L' : 'M'}${cx(i).toFixed(1)} ${y(v).toFixed(1)} `;
        pen = true;
      });
      if (d) root.append(el('path', { d: d.trim(), class: `line series-${k}`, 'data-series': s.key }));
      s.values.forEach((v, i) => {
        if (typeof v !== 'number') return;
        const dot = el('circle', { cx: cx(i), cy: y(v), r: n > 48 ? 1.5 : 3, class: `dot series-${k}`, 'data-series': s.key });
        dot.append(el('title', {}, `${s.label}, ${buckets[i]}: ${format(v)}`));
        root.append(dot);
      });
      const last = [...s.values].reverse().find((v) => typeof v === 'number');
      ends.push({ k, s, at: typeof last === 'number' ? y(last) : y(0), text: `${s.label} ${typeof last === 'number' ? format(last) : '—'}` });
    });
    ends.sort((a, b) => a.at - b.at);
    // 13 px apart, pushed down from the top, then up again from the bottom of the plot
    let previous = -Infinity;
    ends.forEach((e) => { e.y = Math.max(e.at + 4, previous + 13); previous = e.y; });
    let next = TIME_TOP + TIME_PLOT_HEIGHT + 4 + 13;
    [...ends].reverse().forEach((e) => { e.y = Math.min(e.y, next - 13); next = e.y; });
    ends.forEach((e) => {
      const at = e.y;
      root.append(el('text', { x: TIME_LEFT + plotWidth + 8, y: at, class: `chart-label small series-label series-${e.k}`, 'data-series': e.s.key }, e.text));
    });
  }
  return figure(id, caption, root);
}
