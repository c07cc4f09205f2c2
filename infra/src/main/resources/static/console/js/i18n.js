// Message bundles (i18n/en.json, i18n/zh.json) and locale-aware formatting. The chosen language is
// kept in localStorage; it is a preference, not a credential.
const LANG_KEY = 'retailpulse.console.lang';
export const LANGUAGES = { en: 'en-GB', zh: 'zh-CN' };

let lang = 'en';
let messages = {};
let fallback = {};

export function language() {
  return lang;
}

export function locale() {
  return LANGUAGES[lang];
}

export async function load(requested) {
  const chosen = requested || localStorage.getItem(LANG_KEY)
    || ((navigator.language || '').toLowerCase().startsWith('zh') ? 'zh' : 'en');
  lang = LANGUAGES[chosen] ? chosen : 'en';
  localStorage.setItem(LANG_KEY, lang);
  if (Object.keys(fallback).length === 0) fallback = await bundle('en');
  messages = lang === 'en' ? fallback : await bundle(lang);
  document.documentElement.lang = locale();
  document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
}

async function bundle(name) {
  const response = await fetch(`i18n/${name}.json`, { cache: 'no-cache' });
  if (!response.ok) throw new Error(`message bundle ${name}: HTTP ${response.status}`);
  return response.json();
}

/** The message for a key, with {name} placeholders filled in; the key itself when no bundle has it. */
export function t(key, params = {}) {
  const template = messages[key] ?? fallback[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
}

/**
 * An amount in its currency, for the chosen locale: CNY in Chinese shows ¥, GBP shows £. Without a
 * currency the number is shown plainly: the console never guesses one.
 */
export function money(amount, currency) {
  if (amount === null || amount === undefined || amount === '') return '—';
  const value = Number(amount);
  if (Number.isNaN(value)) return String(amount);
  if (!currency) return number(value, 2);
  try {
    return new Intl.NumberFormat(locale(), { style: 'currency', currency }).format(value);
  } catch (e) {
    return `${number(value, 2)} ${currency}`;
  }
}

export function number(value, fractionDigits) {
  if (value === null || value === undefined) return '—';
  const options = fractionDigits === undefined ? {} : { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits };
  return new Intl.NumberFormat(locale(), options).format(Number(value));
}

export function dateTime(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}
