// Offers (docs/offers.md): every offer with its state and coupons issued / redeemed / left; a marketer
// creates one (threshold tiers, a voucher or a gift), sees the server's errors on the fields they name,
// and activates, pauses or ends it.
import * as api from '../api.js';
import { h, clear, uid } from '../dom.js';
import { t, number, money, dateTime } from '../i18n.js';
import { iso, local } from '../forms.js';

export async function render(main, { can }) {
  main.append(h('h1', {}, t('offers.title')));
  const list = h('div', { id: 'offers-list' });
  if (can('manageOffers')) {
    main.append(form(() => showList(list, true)));
  }
  main.append(list);
  await showList(list, can('manageOffers'));
  const coupons = h('div', { class: 'coupons', id: 'coupons' });
  if (can('manageOffers')) coupons.append(await issueForm());
  if (can('lookUpCoupons')) coupons.append(lookUpForm());
  if (coupons.firstChild) main.append(coupons);
}

// ---- coupons (docs/offers.md): look one up by its code; a marketer issues one to a customer ----------

function lookUpForm() {
  const code = h('input', { type: 'text', id: 'coupon-code', autocomplete: 'off', spellcheck: 'false', required: true });
  const result = h('div', { id: 'coupon-result', 'aria-live': 'polite' });
  const formEl = h('form', { class: 'card', id: 'coupon-lookup', novalidate: true, 'aria-labelledby': 'coupon-lookup-title',
    onsubmit: async (e) => {
      e.preventDefault();
      clear(result);
      const wanted = code.value.trim();
      if (!wanted) {
        result.append(h('p', { class: 'field-error' }, `code: ${t('coupons.code')}?`));
        return;
      }
      try {
        result.append(coupon(await api.get(`/api/v1/coupons/${encodeURIComponent(wanted)}`)));
      } catch (err) {
        result.append(err.status === 404
          ? h('p', { class: 'error', role: 'alert' }, t('coupons.unknown', { code: wanted }), ' ', h('span', { class: 'subtle' }, err.message))
          : h('p', { class: 'error', role: 'alert' }, t('error.generic', { message: err.message })));
      }
    } },
  h('h2', { id: 'coupon-lookup-title' }, t('coupons.lookUp')),
  h('label', { for: 'coupon-code' }, t('coupons.code')), code, ' ',
  h('button', { type: 'submit', id: 'find-coupon' }, t('coupons.find')),
  result);
  return formEl;
}

function coupon(c) {
  const r = c.redemption;
  return h('dl', { class: 'facts', id: 'coupon-facts', 'data-code': c.code },
    h('dt', {}, t('coupons.code')), h('dd', {}, h('code', {}, c.code)),
    h('dt', {}, t('coupons.status')), h('dd', { id: 'coupon-status', 'data-status': c.status }, t(`coupons.status.${c.status}`)),
    h('dt', {}, t('coupons.offer')), h('dd', { id: 'coupon-offer' }, c.offerName, ' ', h('code', { class: 'subtle' }, c.offerId)),
    h('dt', {}, t('coupons.customer')), h('dd', { id: 'coupon-customer' }, h('a', { href: `#/customers/${encodeURIComponent(c.customerId)}` }, c.customerId)),
    h('dt', {}, t('coupons.issued')), h('dd', {}, dateTime(c.issuedAt)),
    h('dt', {}, t('coupons.validUntil')), h('dd', {}, dateTime(c.validUntil)),
    h('dt', {}, t('coupons.redeemed')), h('dd', { id: 'coupon-redeemed' }, r
      ? t('coupons.redeemedBy', { order: r.orderId || '—', at: dateTime(r.redeemedAt || r.at) }) : t('coupons.notRedeemed')));
}

async function issueForm() {
  let offers = [];
  try {
    offers = (await api.get('/api/v1/offers')).filter((o) => o.state === 'ACTIVE');
  } catch (err) {
    offers = [];
  }
  const offer = h('select', {}, offers.map((o) => h('option', { value: o.offerId }, `${o.terms.name} (${o.offerId})`)));
  const customer = h('input', { type: 'text', autocomplete: 'off', spellcheck: 'false' });
  const issuance = h('input', { type: 'text', autocomplete: 'off', value: `console-${crypto.randomUUID()}` });
  const status = h('div', { id: 'issue-status', role: 'status', 'aria-live': 'polite' });
  const formEl = h('form', { class: 'card', id: 'coupon-issue', novalidate: true, 'aria-labelledby': 'coupon-issue-title' },
    h('h2', { id: 'coupon-issue-title' }, t('coupons.issue')),
    h('p', { class: 'hint' }, t('coupons.issueHint')),
    offers.length ? null : h('p', { class: 'notice' }, t('coupons.noActiveOffer')),
    field(t('coupons.offer'), offer, 'offerId'),
    field(t('coupons.customer'), customer, 'customerId'),
    field(t('coupons.issuanceId'), issuance, 'issuanceId'),
    h('button', { type: 'submit', class: 'primary', id: 'issue-coupon', disabled: offers.length === 0 }, t('coupons.doIssue')),
    status);
  formEl.addEventListener('submit', async (e) => {
    e.preventDefault();
    formEl.querySelectorAll('.field-error').forEach((el) => { el.textContent = ''; });
    formEl.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
    clear(status);
    status.className = '';
    try {
      const issued = await api.post(`/api/v1/offers/${encodeURIComponent(offer.value)}/coupons`,
        { customerId: customer.value.trim(), issuanceId: issuance.value.trim() });
      status.className = 'ok';
      status.append(t(issued.replayed ? 'coupons.issuedAgain' : 'coupons.issuedCode', { code: issued.code }));
      const lookUp = document.getElementById('coupon-code');
      if (lookUp) lookUp.value = issued.code;
      issuance.value = `console-${crypto.randomUUID()}`;
    } catch (err) {
      status.className = 'error';
      if (err.errors.length) {
        err.errors.forEach((message) => showError(formEl, message, status));
      } else {
        status.textContent = err.problem.reason ? t('coupons.refused', { reason: `${err.problem.reason}: ${err.message}` })
          : t('error.generic', { message: err.message });
      }
    }
  });
  return formEl;
}

async function showList(target, mayManage) {
  clear(target);
  let offers;
  try {
    offers = await api.get('/api/v1/offers');
  } catch (err) {
    target.append(h('p', { class: 'error', role: 'alert' }, t('error.generic', { message: err.message })));
    return;
  }
  if (!offers.length) {
    target.append(h('p', { id: 'offers-empty' }, t('offers.empty')));
    return;
  }
  target.append(h('table', { id: 'offers-table', class: 'wide' },
    h('caption', { class: 'visually-hidden' }, t('offers.title')),
    h('thead', {}, h('tr', {}, ['offers.name', 'offers.reward', 'offers.state', 'offers.issued', 'offers.redeemed', 'offers.left',
      'offers.validity', 'offers.actions'].map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody', {}, offers.map((o) => h('tr', { 'data-offer': o.offerId },
      h('td', {}, o.terms.name, ' ', h('code', { class: 'subtle' }, o.offerId)),
      h('td', {}, reward(o.terms)),
      h('td', { class: 'state' }, t(`offers.state.${o.state}`)),
      h('td', { class: 'num' }, number(o.issued)),
      h('td', { class: 'num' }, number(o.redeemed)),
      h('td', { class: 'num' }, number(o.stockLeft)),
      h('td', {}, `${dateTime(o.terms.validFrom)} – ${dateTime(o.terms.validUntil)}`),
      h('td', {}, mayManage ? actions(o, target) : null))))));
}

function actions(o, target) {
  const step = (name) => h('button', {
    class: 'small', 'data-action': name,
    onclick: async (e) => {
      e.target.disabled = true;
      try {
        await api.post(`/api/v1/offers/${o.offerId}/${name}`);
        await showList(target, true);
      } catch (err) {
        e.target.disabled = false;
        e.target.after(h('span', { class: 'error', role: 'alert' }, ` ${err.message}`));
      }
    },
  }, t(`offers.do.${name}`));
  switch (o.state) {
    case 'DRAFT': return [step('activate'), ' ', step('end')];
    case 'ACTIVE': return [step('pause'), ' ', step('end')];
    case 'PAUSED': return [step('activate'), ' ', step('end')];
    default: return null;
  }
}

/** "100 − 20, 200 − 50", "5 off", "gift TOTE-01 from 150", in the offer's currency. */
function reward(terms) {
  const r = terms.reward || {};
  const m = (v) => money(v, terms.currency);
  if (r.kind === 'threshold') return (r.tiers || []).map((tier) => t('offers.tier', { threshold: m(tier.threshold), discount: m(tier.discount) })).join(', ');
  if (r.kind === 'voucher') return t('offers.voucherOff', { amount: m(r.amount) });
  if (r.kind === 'gift') return t('offers.giftFrom', { sku: r.sku, threshold: m(r.threshold) });
  return '—';
}

function field(label, input, name) {
  const id = uid('offer');
  input.id = id;
  input.name = name;
  return h('div', { class: 'field', 'data-field': name },
    h('label', { for: id }, label), input, h('div', { class: 'field-error', id: `${id}-error`, 'aria-live': 'polite' }));
}

function form(onCreated) {
  const now = new Date();
  const inMonth = new Date(now.getTime() + 30 * 24 * 3600 * 1000);
  const name = h('input', { type: 'text', required: true, maxlength: 200 });
  const currency = h('input', { type: 'text', value: 'CNY', size: 4, maxlength: 3 });
  const kind = h('select', {}, ['threshold', 'voucher', 'gift'].map((k) => h('option', { value: k }, t(`offers.kind.${k}`))));
  const tiers = h('div', { class: 'tiers' });
  const addTier = h('button', { type: 'button', id: 'add-tier', onclick: () => tiers.append(tierRow()) }, t('offers.addTier'));
  tiers.append(tierRow());
  const voucher = h('input', { type: 'number', min: 0, step: '0.01' });
  const giftThreshold = h('input', { type: 'number', min: 0, step: '0.01' });
  const giftSku = h('input', { type: 'text' });
  const stock = h('input', { type: 'number', min: 1, step: 1, value: 1000 });
  const limit = h('input', { type: 'number', min: 1, step: 1, value: 1 });
  const from = h('input', { type: 'datetime-local', value: local(now) });
  const until = h('input', { type: 'datetime-local', value: local(inMonth) });
  const status = h('p', { id: 'offer-status', role: 'status', 'aria-live': 'polite' });
  const thresholdPart = h('div', { class: 'kind-part', 'data-kind': 'threshold' }, h('p', { class: 'hint' }, t('offers.tiersHint')), tiers, addTier);
  const voucherPart = h('div', { class: 'kind-part', 'data-kind': 'voucher', hidden: true }, field(t('offers.amount'), voucher, 'reward.amount'));
  const giftPart = h('div', { class: 'kind-part', 'data-kind': 'gift', hidden: true },
    field(t('offers.giftThreshold'), giftThreshold, 'reward.threshold'), field(t('offers.giftSku'), giftSku, 'reward.sku'));
  kind.addEventListener('change', () => {
    [thresholdPart, voucherPart, giftPart].forEach((p) => { p.hidden = p.dataset.kind !== kind.value; });
  });
  const formEl = h('form', { class: 'card offer-form', id: 'offer-form', novalidate: true },
    h('h2', {}, t('offers.new')),
    field(t('offers.name'), name, 'name'),
    field(t('offers.currency'), currency, 'currency'),
    field(t('offers.kind'), kind, 'reward'),
    thresholdPart, voucherPart, giftPart,
    h('div', { class: 'row' }, field(t('offers.stock'), stock, 'stock'), field(t('offers.limit'), limit, 'perCustomerLimit')),
    h('div', { class: 'row' }, field(t('offers.from'), from, 'validFrom'), field(t('offers.until'), until, 'validUntil')),
    h('button', { class: 'primary', type: 'submit', id: 'create-offer' }, t('offers.create')),
    status);
  formEl.addEventListener('submit', async (e) => {
    e.preventDefault();
    formEl.querySelectorAll('.field-error, .tier-error').forEach((el) => { el.textContent = ''; });
    formEl.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
    status.textContent = '';
    status.className = '';
    const body = {
      name: name.value, currency: currency.value.trim().toUpperCase(), stock: int(stock.value), perCustomerLimit: int(limit.value),
      validFrom: iso(from.value), validUntil: iso(until.value), reward: rewardOf(kind.value, tiers, voucher, giftThreshold, giftSku),
    };
    try {
      const created = await api.post('/api/v1/offers', body);
      status.textContent = t('offers.created', { id: created.offerId });
      status.className = 'ok';
      await onCreated();
    } catch (err) {
      status.textContent = err.errors.length ? t('offers.invalid') : t('error.generic', { message: err.message });
      status.className = 'error';
      err.errors.forEach((message) => showError(formEl, message));
    }
  });
  return formEl;
}

function tierRow() {
  const threshold = h('input', { type: 'number', min: 0, step: '0.01', class: 'tier-threshold', 'aria-label': t('offers.threshold') });
  const discount = h('input', { type: 'number', step: '0.01', class: 'tier-discount', 'aria-label': t('offers.discount') });
  const row = h('div', { class: 'tier' }, t('offers.spend'), ' ', threshold, ' ', t('offers.minus'), ' ', discount,
    h('button', { type: 'button', class: 'small remove-tier', 'aria-label': t('offers.removeTier'), onclick: () => row.remove() }, '×'),
    h('span', { class: 'tier-error field-error' }));
  return row;
}

function rewardOf(kind, tiers, voucher, giftThreshold, giftSku) {
  if (kind === 'threshold') {
    return { kind, tiers: [...tiers.querySelectorAll('.tier')].map((row) => ({
      threshold: num(row.querySelector('.tier-threshold').value), discount: num(row.querySelector('.tier-discount').value) })) };
  }
  if (kind === 'voucher') return { kind, amount: num(voucher.value) };
  return { kind, threshold: num(giftThreshold.value), sku: giftSku.value };
}

/** "reward.tiers[1].discount: must be above zero" goes next to that tier; "stock: …" next to stock. */
function showError(formEl, message, fallback) {
  const field = message.split(':')[0].trim();
  const tier = field.match(/^reward\.tiers\[(\d+)]/);
  if (tier) {
    const row = formEl.querySelectorAll('.tier')[Number(tier[1])];
    if (row) {
      row.querySelector('.tier-error').textContent = message;
      return;
    }
  }
  const candidates = [...formEl.querySelectorAll('[data-field]')].filter((el) => field === el.dataset.field || field.startsWith(`${el.dataset.field}.`));
  const target = candidates.sort((a, b) => b.dataset.field.length - a.dataset.field.length)[0];
  if (target && !target.closest('[hidden]')) {
    target.querySelector('.field-error').textContent = message;
    target.querySelector('input, select').setAttribute('aria-invalid', 'true');
  } else {
    const status = fallback || formEl.querySelector('#offer-status');
    status.append(h('span', { class: 'field-error' }, ` ${message}`));
  }
}

const num = (v) => (v === '' ? null : Number(v));
const int = (v) => (v === '' ? null : Math.trunc(Number(v)));
