// Campaigns (docs/campaigns.md): the list with state, period, budget spent and progress; the editor of a
// draft (audience from the segment list, variants with offers from the active offers, holdout, send time,
// throttle, priority), whose 400 errors are shown next to the fields they name; the lifecycle buttons the
// state allows (MARKETER only); and the live results per arm, refreshed every few seconds while the
// campaign is under way, with charts drawn as inline SVG (no library, nothing downloaded).
import * as api from '../api.js';
import { h, clear, uid } from '../dom.js';
import { t, number, money, dateTime, locale } from '../i18n.js';
import { iso, local } from '../forms.js';
import { barChart, intervalChart, funnelChart } from './charts.js';

const GOALS = ['conversion', 'revenue', 'reactivation', 'engagement'];
const CHANNELS = ['inbox', 'sms', 'email', 'app-push', 'mini-program', 'wechat-oa', 'guide-screen', 'webhook'];
const FUNNEL = ['accepted', 'delivered', 'opened', 'clicked', 'converted'];
/** The states whose results still move: the report is refreshed while the campaign is in one of them. */
const LIVE = ['SCHEDULED', 'RUNNING', 'PAUSED'];
const REFRESH_MS = 3000;
const SETTLE_MS = 60_000;
/** The lifecycle actions each state allows (docs/campaigns.md, "Lifecycle"). */
const ACTIONS = { DRAFT: ['schedule'], SCHEDULED: [], RUNNING: ['pause', 'complete'], PAUSED: ['resume', 'complete'], COMPLETED: [] };

let go = () => {};

export async function render(main, context) {
  const { arg, can } = context;
  go = context.go;
  const mayManage = can('manageCampaigns');
  main.append(h('h1', {}, t('campaigns.title')));
  if (arg === 'new' && mayManage) {
    main.append(h('p', {}, h('a', { href: '#/campaigns' }, t('campaigns.back'))));
    main.append(await editor(null));
    return;
  }
  if (arg && arg !== 'new') {
    main.append(h('p', {}, h('a', { href: '#/campaigns' }, t('campaigns.back'))));
    await detail(main, arg, mayManage);
    return;
  }
  if (mayManage) {
    main.append(h('p', {}, h('a', { class: 'button primary', href: '#/campaigns/new', id: 'new-campaign' }, t('campaigns.new'))));
  }
  await list(main);
}

// ---- the list ------------------------------------------------------------------------------------

async function list(main) {
  let campaigns;
  try {
    campaigns = await api.get('/api/v1/campaigns');
  } catch (err) {
    main.append(h('p', { class: 'error', role: 'alert' }, t('error.generic', { message: err.message })));
    return;
  }
  if (!campaigns.length) {
    main.append(h('p', { id: 'campaigns-empty' }, t('campaigns.empty')));
    return;
  }
  main.append(h('table', { id: 'campaigns-table', class: 'wide' },
    h('caption', { class: 'visually-hidden' }, t('campaigns.title')),
    h('thead', {}, h('tr', {}, ['campaigns.name', 'campaigns.state', 'campaigns.period', 'campaigns.budgetSpent', 'campaigns.progress']
      .map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody', {}, campaigns.map((c) => h('tr', { 'data-campaign': c.campaignId },
      h('td', {}, h('a', { href: `#/campaigns/${encodeURIComponent(c.campaignId)}`, id: `open-${c.campaignId}` }, c.name),
        ' ', h('code', { class: 'subtle' }, c.campaignId)),
      h('td', { class: 'state' }, stateName(c.state)),
      h('td', {}, period(c.plan)),
      h('td', {}, spent(c)),
      h('td', {}, progressText(c)))))));
}

function stateName(state) {
  return t(`campaigns.state.${state}`);
}

function period(plan) {
  return `${dateTime(plan.startsAt)} – ${dateTime(plan.endsAt)}`;
}

/** "CN¥12.00 of CN¥1,000.00" with a bar; the numbers are the text, the bar is for the eye. */
function spent(c) {
  const budget = c.plan.budget;
  const used = c.progress && c.progress.spent ? Number(c.progress.spent.amount) : 0;
  const label = t('campaigns.spentOf', { spent: money(used, budget.currency), budget: money(budget.amount, budget.currency) });
  return h('span', { class: 'spent' },
    h('progress', { max: String(budget.amount), value: String(Math.min(used, Number(budget.amount))), 'aria-label': label }), ' ', label);
}

function progressText(c) {
  const p = c.progress || {};
  return t('campaigns.progressText', { sent: number(p.sent || 0), heldOut: number(p.heldOut || 0), batches: number(p.batches || 0) });
}

// ---- one campaign ----------------------------------------------------------------------------------

async function detail(main, id, mayManage) {
  let campaign;
  try {
    campaign = await api.get(`/api/v1/campaigns/${encodeURIComponent(id)}`);
  } catch (err) {
    main.append(h('p', { class: 'error', role: 'alert' }, err.status === 404 ? t('campaigns.noSuch', { id }) : err.message));
    return;
  }
  const head = h('section', { class: 'card campaign-head', id: 'campaign-head', 'aria-labelledby': 'campaign-title' });
  const report = h('section', { id: 'campaign-report', 'aria-labelledby': 'report-title' });
  main.append(head);
  const show = (c) => {
    campaign = c;
    showHead(head, c, mayManage, show);
  };
  show(campaign);
  if (campaign.state === 'DRAFT') {
    if (mayManage) main.append(await editor(campaign));
    return;
  }
  main.append(report);
  await live(report, id, show);
}

function showHead(head, c, mayManage, onChange) {
  clear(head);
  const status = h('p', { id: 'campaign-action-status', role: 'status', 'aria-live': 'polite' });
  head.append(
    h('h2', { id: 'campaign-title' }, c.name, ' ', h('code', { class: 'subtle' }, c.campaignId)),
    h('dl', { class: 'facts' },
      h('dt', {}, t('campaigns.state')), h('dd', { id: 'campaign-state', 'data-state': c.state }, stateName(c.state),
        c.completionReason ? ` (${c.completionReason})` : ''),
      h('dt', {}, t('campaigns.goal')), h('dd', {}, t(`campaigns.goal.${String(c.plan.goal).toLowerCase()}`)),
      h('dt', {}, t('campaigns.period')), h('dd', {}, period(c.plan)),
      h('dt', {}, t('campaigns.sendAt')), h('dd', {}, dateTime(c.plan.sendAt)),
      h('dt', {}, t('campaigns.audience')), h('dd', {}, c.plan.segments.join(', '),
        c.plan.excludedSegments && c.plan.excludedSegments.length ? ` ${t('campaigns.except', { segments: c.plan.excludedSegments.join(', ') })}` : ''),
      h('dt', {}, t('campaigns.variants')), h('dd', {}, c.plan.variants.map((v) => `${v.key} (${v.channel}, ${v.weight})`).join(', ')),
      h('dt', {}, t('campaigns.holdout')), h('dd', {}, percent(c.plan.holdoutShare)),
      h('dt', {}, t('campaigns.throttle')), h('dd', {}, t('campaigns.perSecond', { n: number(c.plan.messagesPerSecond) })),
      h('dt', {}, t('campaigns.budgetSpent')), h('dd', { id: 'campaign-spent' }, spent(c)),
      h('dt', {}, t('campaigns.progress')), h('dd', { id: 'campaign-progress' }, progressText(c))));
  const buttons = mayManage ? ACTIONS[c.state] || [] : [];
  if (buttons.length) {
    head.append(h('div', { class: 'row', id: 'campaign-actions' }, buttons.map((action) => h('button', {
      type: 'button', class: action === 'schedule' ? 'primary' : '', id: `campaign-${action}`, 'data-action': action,
      onclick: async (e) => {
        if (action === 'complete' && !window.confirm(t('campaigns.confirmComplete'))) return;
        e.target.disabled = true;
        status.textContent = '';
        status.className = '';
        try {
          const changed = await api.post(`/api/v1/campaigns/${encodeURIComponent(c.campaignId)}/${action}`);
          if (action === 'schedule') go('campaigns', c.campaignId); // the editor gives way to the live report
          else onChange(changed);
        } catch (err) {
          e.target.disabled = false;
          status.className = 'error';
          status.textContent = [err.message, ...err.errors.filter((m) => m !== err.message)].join(' · ');
        }
      },
    }, t(`campaigns.do.${action}`)))), status);
  }
}

/** Reads the campaign and its report now, and again every few seconds while its results still move. */
async function live(section, id, onCampaign) {
  let timer = null;
  const refresh = async () => {
    if (!section.isConnected && timer !== null) return; // the user went elsewhere
    let campaign;
    let report;
    try {
      [campaign, report] = await Promise.all([
        api.get(`/api/v1/campaigns/${encodeURIComponent(id)}`),
        api.get(`/api/v1/campaigns/${encodeURIComponent(id)}/report`)]);
    } catch (err) {
      clear(section).append(h('p', { class: 'error', role: 'alert' }, t('error.generic', { message: err.message })));
      return;
    }
    if (timer !== null && !section.isConnected) return;
    const previous = section.dataset.state;
    if (previous !== campaign.state || timer === null) {
      onCampaign(campaign);
    } else {
      // only the numbers: keep the buttons (and focus) in place
      const head = document.getElementById('campaign-progress');
      if (head) clear(head).append(progressText(campaign));
      const budget = document.getElementById('campaign-spent');
      if (budget) clear(budget).append(spent(campaign));
    }
    section.dataset.state = campaign.state;
    const moving = stillMoving(campaign);
    showReport(section, report, moving, refresh);
    timer = moving ? setTimeout(refresh, REFRESH_MS) : 0;
  };
  await refresh();
}

/**
 * Under way, or completed in the last minute: the receipts of the last batch are still coming in. After
 * that the report is read again only on request (conversions keep arriving within the attribution window).
 */
function stillMoving(c) {
  if (LIVE.includes(c.state)) return true;
  return c.state === 'COMPLETED' && c.completedAt && Date.now() - new Date(c.completedAt).getTime() < SETTLE_MS;
}

// ---- the report --------------------------------------------------------------------------------------

function showReport(section, r, isLive, refresh) {
  clear(section);
  const e = r.experiment;
  const winner = e && e.decision ? e.decision.winner : null;
  const byArm = new Map((e ? e.comparisons : []).filter((c) => c.metric === 'conversion').map((c) => [c.arm, c]));
  const revenueByArm = new Map((e ? e.comparisons : []).filter((c) => c.metric === 'revenue').map((c) => [c.arm, c]));
  const confidence = e ? e.confidence : 0.95;
  section.append(
    h('h2', { id: 'report-title' }, t('campaigns.report')),
    h('p', { class: 'subtle', id: 'report-updated' }, isLive
      ? t('campaigns.updatedLive', { time: clock(), seconds: REFRESH_MS / 1000 })
      : t('campaigns.updated', { time: clock() }),
      isLive ? null : [' ', h('button', { type: 'button', class: 'small', id: 'refresh-report', onclick: refresh }, t('campaigns.refresh'))]),
    h('p', { id: 'campaign-decision', class: winner ? 'ok' : 'subtle' }, decisionText(r, e, LIVE.includes(r.state))),
    e ? h('p', { class: 'hint' }, t('campaigns.winnerRule', { control: e.control, alpha: e.alpha })) : null);
  if (r.notes && r.notes.length) {
    section.append(h('h3', {}, t('campaigns.notes')), h('ul', { id: 'report-notes' }, r.notes.map((n) => h('li', {}, n))));
  }
  section.append(h('table', { id: 'report-arms', class: 'wide' },
    h('caption', {}, t('campaigns.armsCaption', { control: r.control, confidence: Math.round(confidence * 100), window: duration(r.attributionWindow) })),
    h('thead', {}, h('tr', {}, ['campaigns.arm', 'campaigns.assigned', ...FUNNEL.map((s) => `campaigns.funnel.${s}`), 'campaigns.rate',
      'campaigns.rateInterval', 'campaigns.difference', 'campaigns.beat', 'campaigns.revenue', 'campaigns.revenuePerCustomer']
      .map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody', {}, r.arms.map((a) => {
      const c = byArm.get(a.arm);
      const ci = wilson(a.converted, a.assigned, confidence);
      return h('tr', { 'data-arm': a.arm, class: a.arm === winner ? 'winner' : '' },
        h('th', { scope: 'row' }, a.arm, a.arm === r.control ? h('span', { class: 'badge' }, t('campaigns.control')) : null,
          a.arm === winner ? h('span', { class: 'badge ok' }, t('campaigns.winnerBadge')) : null),
        h('td', { class: 'num assigned' }, number(a.assigned)),
        FUNNEL.map((s) => h('td', { class: `num ${s}` }, number(a[s]))),
        h('td', { class: 'num rate' }, percent(a.conversionRate)),
        h('td', { class: 'num' }, ci ? `[${percent(ci[0])}, ${percent(ci[1])}]` : '—'),
        h('td', { class: 'num' }, c ? `${points(c.difference)} [${points(c.lower)}, ${points(c.upper)}]` : '—'),
        h('td', { class: 'num beat' }, c ? percent(c.probabilityToBeatControl) : '—'),
        h('td', { class: 'num' }, money(a.revenue && a.revenue.amount, a.revenue && a.revenue.currency)),
        h('td', { class: 'num' }, a.revenuePerCustomer ? money(a.revenuePerCustomer.amount, a.revenuePerCustomer.currency) : '—',
          revenueByArm.has(a.arm) ? h('div', { class: 'subtle' }, t('campaigns.revenueDiff', {
            diff: signedMoney(revenueByArm.get(a.arm).difference, r.currency),
            lower: signedMoney(revenueByArm.get(a.arm).lower, r.currency),
            upper: signedMoney(revenueByArm.get(a.arm).upper, r.currency) })) : null));
    }))));
  const charts = h('div', { class: 'charts' });
  charts.append(intervalChart({
    id: 'chart-conversion',
    caption: t('campaigns.chart.conversion', { confidence: Math.round(confidence * 100) }),
    rows: r.arms.map((a) => {
      const ci = wilson(a.converted, a.assigned, confidence);
      return { key: a.arm, value: a.conversionRate, lower: ci && ci[0], upper: ci && ci[1], highlight: a.arm === r.control ? 'control' : (a.arm === winner ? 'winner' : '') };
    }),
    format: percent,
  }));
  if (e) {
    charts.append(barChart({
      id: 'chart-beat',
      caption: t('campaigns.chart.beat', { control: e.control }),
      rows: r.arms.filter((a) => byArm.has(a.arm)).map((a) => ({ key: a.arm, value: byArm.get(a.arm).probabilityToBeatControl, highlight: a.arm === winner ? 'winner' : '' })),
      max: 1,
      guides: [0.5, 0.95],
      format: percent,
    }));
  }
  charts.append(funnelChart({
    id: 'chart-funnel',
    caption: t('campaigns.chart.funnel'),
    stages: FUNNEL.map((s) => ({ key: s, label: t(`campaigns.funnel.${s}`) })),
    rows: r.arms.map((a) => ({ key: a.arm, values: FUNNEL.map((s) => a[s]) })),
    format: (v) => number(v),
  }));
  section.append(charts);
}

function clock() {
  return new Intl.DateTimeFormat(locale(), { timeStyle: 'medium' }).format(new Date());
}

/** An ISO-8601 duration as Java writes it (PT168H, PT30M, PT1H30M) in words: "7 days", "30 minutes". */
export function duration(iso) {
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(iso || '');
  if (!m) return iso || '—';
  const minutes = Number(m[1] || 0) * 60 + Number(m[2] || 0) + Math.floor(Number(m[3] || 0) / 60);
  if (minutes > 0 && minutes % 1440 === 0) return t('campaigns.days', { n: number(minutes / 1440) });
  if (minutes > 0 && minutes % 60 === 0) return t('campaigns.hours', { n: number(minutes / 60) });
  return t('campaigns.minutes', { n: number(minutes) });
}

/** The decision in words; "keep it running" only while the campaign can still run. */
function decisionText(r, e, underWay) {
  if (!e) return t('campaigns.noComparison');
  const winner = e.decision && e.decision.winner;
  if (winner) {
    const arm = r.arms.find((a) => a.arm === winner);
    const control = r.arms.find((a) => a.arm === e.control);
    return t('campaigns.winner', { arm: winner, rate: percent(arm && arm.conversionRate), control: e.control, controlRate: percent(control && control.conversionRate) });
  }
  return t(underWay ? 'campaigns.noWinner' : 'campaigns.noWinnerSettled', { control: e.control });
}

/**
 * The Wilson score interval of one arm's conversion rate, for the error bars: the report gives intervals
 * of differences (Newcombe's, from these same Wilson intervals), not of each arm's own rate.
 */
export function wilson(x, n, confidence) {
  if (!n) return null;
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const p = x / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** The standard normal quantile (Acklam's rational approximation, relative error below 1.2e-9). */
function normalQuantile(p) {
  const a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
  const b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
  const c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
  const d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

function percent(v) {
  return typeof v === 'number' ? `${number(v * 100, 1)} %` : '—';
}

function points(v) {
  return typeof v === 'number' ? `${v >= 0 ? '+' : ''}${number(v * 100, 1)} pp` : '—';
}

function signedMoney(v, currency) {
  return typeof v === 'number' ? `${v >= 0 ? '+' : '−'}${money(Math.abs(v), currency)}` : '—';
}

// ---- the editor ----------------------------------------------------------------------------------------

/** The form for a new campaign (draft null) or for a draft's plan; saving creates or replaces the draft. */
async function editor(draft) {
  const [segments, offers] = await Promise.all([
    api.get('/api/v1/segments').catch(() => []),
    api.get('/api/v1/offers').catch(() => []),
  ]);
  const plan = draft ? draft.plan : null;
  const now = new Date();
  const inMinutes = (m) => new Date(now.getTime() + m * 60_000);
  const name = h('input', { type: 'text', required: true, maxlength: 200, value: plan ? plan.name : '' });
  const goal = h('select', {}, GOALS.map((g) => h('option', { value: g }, t(`campaigns.goal.${g}`))));
  goal.value = plan ? String(plan.goal).toLowerCase() : 'conversion';
  const startsAt = h('input', { type: 'datetime-local', step: 1, value: local(plan ? new Date(plan.startsAt) : now, true) });
  const endsAt = h('input', { type: 'datetime-local', step: 1, value: local(plan ? new Date(plan.endsAt) : inMinutes(14 * 24 * 60), true) });
  const sendAt = h('input', { type: 'datetime-local', step: 1, value: local(plan ? new Date(plan.sendAt) : inMinutes(10), true) });
  const amount = h('input', { type: 'number', min: 0, step: '0.01', value: plan ? plan.budget.amount : 1000 });
  const currency = h('input', { type: 'text', size: 4, maxlength: 3, value: plan ? plan.budget.currency : 'CNY' });
  const holdout = h('input', { type: 'number', min: 0, max: 50, step: '0.1', value: plan ? round(plan.holdoutShare * 100) : 10 });
  const throttle = h('input', { type: 'number', min: 1, max: 10000, step: 1, value: plan ? plan.messagesPerSecond : 10 });
  const priority = h('input', { type: 'number', min: 0, max: 100, step: 1, value: plan ? plan.priority : 50 });
  const live = segments.filter((s) => !s.retired);
  const included = picker('segments', live, plan ? plan.segments : [], t('campaigns.segments'));
  const excluded = picker('excludedSegments', live, plan ? plan.excludedSegments || [] : [], t('campaigns.excludedSegments'));
  const activeOffers = offers.filter((o) => o.state === 'ACTIVE'
    || (plan && plan.variants.some((v) => v.offerId === o.offerId)));
  const variants = h('ol', { class: 'variants', id: 'campaign-variants' });
  const addVariant = (v) => {
    variants.append(variantRow(v, activeOffers));
    renumber(variants);
  };
  (plan ? plan.variants : [{ key: 'a', weight: 1, channel: 'inbox' }]).forEach(addVariant);
  const status = h('div', { id: 'campaign-status', role: 'status', 'aria-live': 'polite' });
  const formEl = h('form', { class: 'card campaign-form', id: 'campaign-form', novalidate: true, 'aria-labelledby': 'campaign-form-title' },
    h('h2', { id: 'campaign-form-title' }, draft ? t('campaigns.editDraft') : t('campaigns.new')),
    h('div', { class: 'row' }, field(t('campaigns.name'), name, 'name', 'wide-field'), field(t('campaigns.goal'), goal, 'goal')),
    h('div', { class: 'row' }, field(t('campaigns.startsAt'), startsAt, 'startsAt'), field(t('campaigns.endsAt'), endsAt, 'endsAt'),
      field(t('campaigns.sendAt'), sendAt, 'sendAt')),
    h('div', { class: 'row' }, field(t('campaigns.budget'), amount, 'budget'), field(t('offers.currency'), currency, 'budget.currency')),
    h('div', { class: 'row audience' }, included, excluded),
    h('fieldset', { class: 'variants-box', 'data-field': 'variants' },
      h('legend', {}, t('campaigns.variants')),
      h('p', { class: 'hint' }, t('campaigns.variantsHint')),
      variants,
      h('button', { type: 'button', id: 'add-variant', onclick: () => addVariant({ key: nextKey(variants), weight: 1, channel: 'inbox' }) },
        t('campaigns.addVariant')),
      h('div', { class: 'field-error' })),
    h('div', { class: 'row' }, field(t('campaigns.holdoutPercent'), holdout, 'holdoutShare'),
      field(t('campaigns.throttle'), throttle, 'messagesPerSecond'), field(t('campaigns.priority'), priority, 'priority')),
    h('button', { class: 'primary', type: 'submit', id: 'save-campaign' }, t('campaigns.save')),
    status);
  formEl.addEventListener('submit', async (e) => {
    e.preventDefault();
    formEl.querySelectorAll('.field-error').forEach((el) => { el.textContent = ''; });
    formEl.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
    formEl.querySelectorAll('.has-error').forEach((el) => el.classList.remove('has-error'));
    clear(status);
    status.className = '';
    const body = {
      name: name.value,
      goal: goal.value,
      startsAt: iso(startsAt.value),
      endsAt: iso(endsAt.value),
      sendAt: iso(sendAt.value),
      budget: { amount: num(amount.value), currency: currency.value.trim().toUpperCase() },
      segments: checked(included),
      excludedSegments: checked(excluded),
      variants: [...variants.querySelectorAll('li.variant')].map((row) => ({
        key: row.querySelector('[data-part="key"]').value.trim(),
        weight: int(row.querySelector('[data-part="weight"]').value),
        channel: row.querySelector('[data-part="channel"]').value,
        title: row.querySelector('[data-part="title"]').value || null,
        body: row.querySelector('[data-part="body"]').value,
        offerId: row.querySelector('[data-part="offerId"]').value || null,
      })),
      holdoutShare: holdout.value === '' ? null : Number(holdout.value) / 100,
      messagesPerSecond: int(throttle.value),
      priority: int(priority.value),
    };
    const submit = formEl.querySelector('#save-campaign');
    submit.disabled = true;
    try {
      const saved = draft
        ? await api.put(`/api/v1/campaigns/${encodeURIComponent(draft.campaignId)}`, body)
        : await api.post('/api/v1/campaigns', body);
      status.className = 'ok';
      status.textContent = t('campaigns.saved', { id: saved.campaignId });
      go('campaigns', saved.campaignId);
    } catch (err) {
      status.className = 'error';
      status.textContent = err.errors.length ? t('campaigns.invalid') : t('error.generic', { message: err.message });
      err.errors.forEach((message) => showError(formEl, message));
      const first = formEl.querySelector('[aria-invalid="true"]');
      if (first) first.focus();
    } finally {
      submit.disabled = false;
    }
  });
  return formEl;
}

function field(label, input, name, extra) {
  const id = uid('cmp');
  input.id = id;
  input.name = name;
  input.setAttribute('aria-describedby', `${id}-error`);
  return h('div', { class: `field ${extra || ''}`, 'data-field': name },
    h('label', { for: id }, label), input, h('div', { class: 'field-error', id: `${id}-error` }));
}

/** Segments as checkboxes in a fieldset: the legend names the group, each box its segment. */
function picker(name, segments, selected, legend) {
  const errorId = uid('cmp-err');
  const box = h('fieldset', { class: 'picker', 'data-field': name, id: `pick-${name}`, 'aria-describedby': errorId },
    h('legend', {}, legend),
    segments.length ? null : h('p', { class: 'hint' }, t('campaigns.noSegments')),
    h('ul', { class: 'plain' }, segments.map((s) => {
      const id = uid('cmp-seg');
      return h('li', {}, h('input', { type: 'checkbox', id, value: s.key, 'data-segment': s.key, checked: selected.includes(s.key) }),
        ' ', h('label', { for: id, class: 'inline' }, s.name, ' ', h('code', { class: 'subtle' }, s.key), ' ',
          h('span', { class: 'subtle' }, t('campaigns.members', { n: number(s.members) }))));
    })),
    h('div', { class: 'field-error', id: errorId }));
  return box;
}

function checked(box) {
  return [...box.querySelectorAll('input[type=checkbox]:checked')].map((c) => c.value);
}

function variantRow(v, offers) {
  const part = (label, input, name) => {
    const id = uid('cmp-var');
    input.id = id;
    input.dataset.part = name;
    return h('div', { class: 'field', 'data-part-field': name },
      h('label', { for: id }, label), input, h('div', { class: 'field-error', id: `${id}-error` }));
  };
  const channel = h('select', {}, CHANNELS.map((c) => h('option', { value: c }, t(`campaigns.channel.${c}`))));
  channel.value = v.channel || 'inbox';
  const offer = h('select', {}, h('option', { value: '' }, t('campaigns.noOffer')),
    offers.map((o) => h('option', { value: o.offerId }, `${o.terms.name} (${o.offerId})`)));
  offer.value = v.offerId || '';
  const row = h('li', { class: 'variant' },
    h('div', { class: 'row' },
      part(t('campaigns.variantKey'), h('input', { type: 'text', size: 10, maxlength: 40, value: v.key || '' }), 'key'),
      part(t('campaigns.weight'), h('input', { type: 'number', min: 1, max: 1000, step: 1, value: v.weight || 1 }), 'weight'),
      part(t('campaigns.channel'), channel, 'channel'),
      part(t('campaigns.offer'), offer, 'offerId'),
      h('button', { type: 'button', class: 'small remove-variant', onclick: () => { const list = row.parentNode; row.remove(); renumber(list); } },
        t('campaigns.removeVariant'))),
    part(t('campaigns.messageTitle'), h('input', { type: 'text', maxlength: 200, value: v.title || '', class: 'wide' }), 'title'),
    part(t('campaigns.body'), h('textarea', { rows: 2, class: 'wide' }, v.body || ''), 'body'));
  return row;
}

/** Variant rows answer to "variants[i]…" errors by their position, kept in data-field as rows come and go. */
function renumber(list) {
  [...list.querySelectorAll('li.variant')].forEach((row, i) => {
    row.dataset.field = `variants[${i}]`;
    row.querySelectorAll('[data-part-field]').forEach((f) => { f.dataset.field = `variants[${i}].${f.dataset.partField}`; });
    const remove = row.querySelector('.remove-variant');
    remove.setAttribute('aria-label', t('campaigns.removeVariantN', { n: i + 1 }));
  });
}

function nextKey(list) {
  const used = new Set([...list.querySelectorAll('[data-part="key"]')].map((i) => i.value));
  for (const c of 'abcdefghij') if (!used.has(c)) return c;
  return '';
}

/**
 * "variants[1].body: …" goes next to the second variant's body, "segments[0]: no segment 'x'" next to
 * the audience, "budget: …" next to the budget: the field whose name is the longest prefix of the error's.
 * What names no field of the form is listed under the save button.
 */
export function showError(formEl, message) {
  const name = message.split(':')[0].trim();
  const candidates = [...formEl.querySelectorAll('[data-field]')].filter((el) => {
    const f = el.dataset.field;
    return name === f || name.startsWith(`${f}.`) || name.startsWith(`${f}[`);
  });
  const target = candidates.sort((a, b) => b.dataset.field.length - a.dataset.field.length)[0];
  const errorBox = target && [...target.children].find((c) => c.classList.contains('field-error'));
  if (errorBox) {
    errorBox.textContent = errorBox.textContent ? `${errorBox.textContent} · ${message}` : message;
    const input = target.querySelector('input, select, textarea');
    if (target.tagName === 'FIELDSET') target.setAttribute('aria-invalid', 'true');
    else if (input) input.setAttribute('aria-invalid', 'true');
    target.classList.add('has-error');
  } else {
    const status = formEl.querySelector('#campaign-status');
    status.append(h('div', { class: 'field-error' }, message));
  }
}

const num = (v) => (v === '' ? null : Number(v));
const int = (v) => (v === '' ? null : Math.trunc(Number(v)));
const round = (v) => Math.round(v * 1000) / 1000;

