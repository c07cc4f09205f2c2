// The overview dashboard (docs/dashboards.md; MARKETER, ANALYST, ADMIN as GET /api/v1/dashboards/** allows): the
// message funnel, revenue and ROI over the chosen period, per hour or day, and the same figures per channel and
// per segment. It reads the dashboard again every few seconds while the page is shown (pausable), and stops
// when the page is left. Every chart has its figures in a table too.
import * as api from '../api.js';
import { h, clear } from '../dom.js';
import { t, money, number, locale } from '../i18n.js';
import { timeChart, barChart } from './charts.js';
import { duration } from './campaigns.js';

const REFRESH_MS = 5000;
const COUNTS = ['exposure', 'delivered', 'opened', 'clicked', 'converted'];
const CHANNELS = ['inbox', 'sms', 'email', 'app-push', 'mini-program', 'wechat-oa', 'guide-screen', 'webhook'];
/** The periods offered, and whether hourly buckets fit in the API's 2,000 cells (with 11 series per breakdown). */
const PERIODS = [
  { key: '24h', hours: 24, hourly: true },
  { key: '48h', hours: 48, hourly: true },
  { key: '7d', hours: 24 * 7, hourly: true },
  { key: '30d', hours: 24 * 30, hourly: false },
  { key: '90d', hours: 24 * 90, hourly: false },
];
const BREAKDOWNS = ['channel', 'segment'];
const CHART_FIGURES = ['exposure', 'delivered', 'opened', 'clicked', 'converted', 'revenue'];

/** The choices survive leaving the page and coming back (not a reload). */
const choice = { period: '7d', bucket: 'day', channel: '', journey: '', campaign: '', figure: 'exposure', paused: false, tableOpen: false };

export async function render(main) {
  const section = h('section', { id: 'overview' });
  const controls = h('form', { class: 'card overview-controls', id: 'overview-controls', onsubmit: (e) => e.preventDefault() });
  const status = h('p', { class: 'subtle', id: 'overview-updated' });
  const error = h('p', { class: 'error', id: 'overview-error', role: 'alert' });
  const results = h('div', { id: 'overview-results', 'aria-busy': 'true' }, h('p', { class: 'subtle' }, t('app.loading')));
  main.append(h('h1', {}, t('overview.title')), h('p', { class: 'hint' }, t('overview.hint')), section);
  section.append(controls, h('div', { class: 'row overview-status' }, status, pauseButton()), error, results);

  let timer = null;
  let sequence = 0;
  const refresh = async () => {
    clearTimeout(timer);
    timer = null;
    if (!section.isConnected) return; // the user went elsewhere
    const mine = ++sequence;
    let answers;
    try {
      answers = await Promise.all(BREAKDOWNS.map((by) => api.get(`/api/v1/dashboards/marketing?${query(by)}`)));
    } catch (err) {
      if (mine !== sequence || !section.isConnected) return;
      error.textContent = (err.errors || []).length ? err.errors.join(' · ') : t('error.generic', { message: err.message });
      schedule();
      return;
    }
    if (mine !== sequence || !section.isConnected) return; // a newer choice was made meanwhile, or the page was left
    error.textContent = '';
    show(results, answers[0], answers[1]);
    results.setAttribute('aria-busy', 'false');
    status.dataset.updated = new Date().toISOString();
    status.textContent = choice.paused
      ? t('overview.updatedPaused', { time: clock() })
      : t('overview.updatedLive', { time: clock(), seconds: REFRESH_MS / 1000 });
    schedule();
  };
  const schedule = () => {
    if (!choice.paused && section.isConnected) timer = setTimeout(refresh, REFRESH_MS);
  };

  function pauseButton() {
    const button = h('button', { type: 'button', class: 'small', id: 'overview-pause', 'aria-pressed': String(choice.paused) },
      t(choice.paused ? 'overview.resume' : 'overview.pause'));
    button.addEventListener('click', () => {
      choice.paused = !choice.paused;
      button.setAttribute('aria-pressed', String(choice.paused));
      button.textContent = t(choice.paused ? 'overview.resume' : 'overview.pause');
      refresh();
    });
    return button;
  }

  await fillControls(controls, refresh);
  await refresh();
}

function query(by) {
  const period = PERIODS.find((p) => p.key === choice.period) || PERIODS[2];
  const params = new URLSearchParams({
    from: new Date(Date.now() - period.hours * 3600_000).toISOString(),
    bucket: choice.bucket, by, ltv: 'false',
  });
  ['channel', 'journey', 'campaign'].forEach((k) => { if (choice[k]) params.set(k, choice[k]); });
  return params.toString();
}

async function fillControls(form, refresh) {
  const control = (id, label, options, key, onchange) => {
    const select = h('select', { id }, options.map(([value, text]) => h('option', { value }, text)));
    select.value = choice[key];
    select.addEventListener('change', () => { choice[key] = select.value; if (onchange) onchange(); refresh(); });
    return h('div', { class: 'field' }, h('label', { for: id }, label), select);
  };
  const bucketField = control('overview-bucket', t('overview.bucket'),
    [['hour', t('overview.bucket.hour')], ['day', t('overview.bucket.day')]], 'bucket');
  const bucket = bucketField.querySelector('select');
  const hourlyAllowed = () => {
    const period = PERIODS.find((p) => p.key === choice.period);
    bucket.querySelector('option[value="hour"]').disabled = !period.hourly;
    if (!period.hourly && choice.bucket === 'hour') { choice.bucket = 'day'; bucket.value = 'day'; }
  };
  // journeys and campaigns to filter by; a list that cannot be read leaves only "all"
  const [journeys, campaigns] = await Promise.all([
    api.get('/api/v1/journeys').catch(() => []),
    api.get('/api/v1/campaigns').catch(() => [])]);
  form.append(h('div', { class: 'row' },
    control('overview-period', t('overview.period'), PERIODS.map((p) => [p.key, t(`overview.period.${p.key}`)]), 'period', hourlyAllowed),
    bucketField,
    control('overview-channel', t('overview.channel'),
      [['', t('overview.all')], ...CHANNELS.map((c) => [c, t(`campaigns.channel.${c}`)])], 'channel'),
    control('overview-journey', t('overview.journey'),
      [['', t('overview.all')], ...journeys.map((j) => [j.key, `${j.name} (${j.key})`])], 'journey'),
    control('overview-campaign', t('overview.campaign'),
      [['', t('overview.all')], ...campaigns.map((c) => [c.campaignId, c.name])], 'campaign'),
    control('overview-figure', t('overview.chartFigure'), CHART_FIGURES.map((k) => [k, t(`overview.figure.${k}`)]), 'figure')));
  hourlyAllowed();
}

// ---- the figures ------------------------------------------------------------------------------------

function show(results, byChannel, bySegment) {
  const d = byChannel;
  const currency = d.currency;
  const labels = d.series.map((b) => bucketLabel(b.start, d.bucket, d.zone));
  const ticks = d.series.map((b) => tick(b.start, d.bucket, d.zone));
  const per = t(`overview.per.${d.bucket}`);
  const table = h('details', { id: 'overview-series-table', open: choice.tableOpen },
    h('summary', {}, t('overview.seriesTable', { per })), seriesTable(d, currency));
  table.addEventListener('toggle', () => { choice.tableOpen = table.open; });
  clear(results).append(...[
    kpis(d.totals, currency),
    d.totals.exposure === 0 && d.totals.converted === 0 ? h('p', { class: 'notice', id: 'overview-empty' }, t('overview.empty')) : null,
    h('div', { class: 'charts' },
      timeChart({ id: 'chart-funnel', caption: t('overview.chart.funnel', { per }), buckets: labels, ticks,
        series: COUNTS.map((k) => ({ key: k, label: t(`overview.figure.${k}`), values: d.series.map((b) => b.figures[k]) })),
        format: (v) => number(v) }),
      timeChart({ id: 'chart-revenue', caption: t('overview.chart.revenue', { per, currency }), buckets: labels, ticks, kind: 'columns',
        series: [{ key: 'revenue', label: t('overview.figure.revenue'), values: d.series.map((b) => amount(b.figures.revenue)) }],
        format: (v) => money(v, currency) }),
      timeChart({ id: 'chart-roi', caption: t('overview.chart.roi', { per }), buckets: labels, ticks,
        series: [{ key: 'roi', label: t('overview.figure.roi'), values: d.series.map((b) => (typeof b.figures.roi === 'number' ? b.figures.roi : null)) }],
        format: percent })),
    h('p', { class: 'hint' }, t('overview.roiRule')),
    table,
    h('div', { class: 'overview-breakdowns' },
      breakdown('channel', byChannel, currency, (key) => {
        const name = t(`campaigns.channel.${key}`);
        return name === `campaigns.channel.${key}` ? key : name;
      }),
      breakdown('segment', bySegment, currency, (key) => key)),
    h('p', { class: 'hint' }, t('overview.rules', { window: duration(d.conversionWindow), zone: d.zone }))].filter(Boolean));
}

function kpis(f, currency) {
  const tile = (key, value, sub) => h('div', { class: 'kpi', id: `kpi-${key}` },
    h('dt', {}, t(`overview.figure.${key}`)), h('dd', {}, h('span', { class: 'value' }, value), sub ? h('span', { class: 'subtle rate' }, sub) : null));
  return h('dl', { class: 'kpis', id: 'overview-totals' },
    tile('exposure', number(f.exposure)),
    tile('delivered', number(f.delivered), rateOf(f.deliveryRate, 'overview.ofExposure')),
    tile('opened', number(f.opened), rateOf(f.openRate, 'overview.ofDelivered')),
    tile('clicked', number(f.clicked), rateOf(f.clickRate, 'overview.ofDelivered')),
    tile('converted', number(f.converted), rateOf(f.conversionRate, 'overview.ofDelivered')),
    tile('revenue', money(amount(f.revenue), currency)),
    tile('cost', money(amount(f.cost), currency)),
    tile('roi', typeof f.roi === 'number' ? percent(f.roi) : t('overview.noCost')));
}

function rateOf(rate, key) {
  return typeof rate === 'number' ? t(key, { rate: percent(rate) }) : null;
}

const COLUMNS = ['exposure', 'delivered', 'opened', 'clicked', 'converted', 'revenue', 'cost', 'roi'];

function cells(f, currency) {
  return COLUMNS.map((k) => {
    let text;
    if (k === 'revenue' || k === 'cost') text = money(amount(f[k]), currency);
    else if (k === 'roi') text = typeof f.roi === 'number' ? percent(f.roi) : '—';
    else text = number(f[k]);
    return h('td', { class: `num ${k}` }, text);
  });
}

function seriesTable(d, currency) {
  return h('div', { class: 'scroll' }, h('table', { class: 'wide', id: 'overview-series' },
    h('caption', { class: 'visually-hidden' }, t('overview.seriesTable', { per: t(`overview.per.${d.bucket}`) })),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t(`overview.bucket.${d.bucket}`)),
      COLUMNS.map((k) => h('th', { scope: 'col', class: 'num' }, t(`overview.figure.${k}`))))),
    h('tbody', {}, d.series.map((b) => h('tr', { 'data-start': b.start },
      h('th', { scope: 'row' }, h('time', { datetime: b.start }, bucketLabel(b.start, d.bucket, d.zone, true))), cells(b.figures, currency)))),
    h('tfoot', {}, h('tr', {}, h('th', { scope: 'row' }, t('overview.total')), cells(d.totals, currency)))));
}

function breakdown(by, d, currency, name) {
  const rows = d.breakdown || [];
  const value = (f) => (choice.figure === 'revenue' ? amount(f.revenue) : f[choice.figure]);
  const format = choice.figure === 'revenue' ? (v) => money(v, currency) : (v) => number(v);
  const title = t(`overview.by.${by}`);
  return h('section', { class: 'card overview-breakdown', id: `breakdown-${by}`, 'data-by': by },
    h('h2', {}, title),
    rows.length === 0 ? h('p', { class: 'subtle' }, t('overview.noBreakdown'))
      : [
        barChart({ id: `chart-by-${by}`, caption: t(`overview.chart.by.${by}`, { figure: t(`overview.figure.${choice.figure}`) }),
          rows: rows.map((r) => ({ key: shorten(name(r.key), 16), value: value(r.totals) || 0 })),
          max: Math.max(1, ...rows.map((r) => value(r.totals) || 0)), format }),
        h('div', { class: 'scroll' }, h('table', { class: 'wide' },
          h('caption', { class: 'visually-hidden' }, title),
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t(`overview.key.${by}`)),
            COLUMNS.map((k) => h('th', { scope: 'col', class: 'num' }, t(`overview.figure.${k}`))))),
          h('tbody', {}, rows.map((r) => h('tr', { 'data-key': r.key }, h('th', { scope: 'row' }, name(r.key)), cells(r.totals, currency)))))),
        rows.length >= 10 ? h('p', { class: 'hint' }, t('overview.top', { count: rows.length })) : null,
      ]);
}

// ---- formatting -------------------------------------------------------------------------------------

function amount(m) {
  if (m === null || m === undefined) return 0;
  return typeof m === 'object' ? Number(m.amount) : Number(m);
}

function percent(v) {
  if (typeof v !== 'number') return '—';
  return new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 1 }).format(v);
}

/** A bucket's start in the brand's zone (the API's buckets are in it): the hour, or the day. */
function bucketLabel(iso, bucket, zone, long) {
  const options = bucket === 'hour'
    ? (long ? { dateStyle: 'medium', timeStyle: 'short' } : { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })
    : (long ? { dateStyle: 'full' } : { day: 'numeric', month: 'short' });
  try {
    return new Intl.DateTimeFormat(locale(), { ...options, timeZone: zone }).format(new Date(iso));
  } catch (e) {
    return new Intl.DateTimeFormat(locale(), options).format(new Date(iso));
  }
}

/** The axis label of a bucket: the hour alone (the day at midnight and at the first bucket), or the day. */
function tick(iso, bucket, zone) {
  const format = (options) => {
    try {
      return new Intl.DateTimeFormat(locale(), { ...options, timeZone: zone }).format(new Date(iso));
    } catch (e) {
      return new Intl.DateTimeFormat(locale(), options).format(new Date(iso));
    }
  };
  if (bucket !== 'hour') return format({ day: 'numeric', month: 'short' });
  return format({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
}

function clock() {
  return new Intl.DateTimeFormat(locale(), { timeStyle: 'medium' }).format(new Date());
}

function shorten(text, n) {
  return text.length > n ? `${text.slice(0, n - 1)}…` : text;
}
