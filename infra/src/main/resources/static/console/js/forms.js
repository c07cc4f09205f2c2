// What forms share: fields that show the server's errors next to the field they name, and the values they read and show
// (datetime-local inputs, durations in words).
import { h, uid } from './dom.js';
import { t, number } from './i18n.js';

/** A labelled input with its hint and a place for its errors; the input keeps its id when it has one. */
export function field(label, input, name, hint) {
  const id = input.id || uid('field');
  input.id = id;
  input.name = name;
  const hintId = hint ? `${id}-hint` : null;
  input.setAttribute('aria-describedby', [hintId, `${id}-error`].filter(Boolean).join(' '));
  return h('div', { class: 'field', 'data-field': name },
    h('label', { for: id }, label), input,
    hint ? h('div', { class: 'hint', id: hintId }, hint) : null,
    h('div', { class: 'field-error', id: `${id}-error` }));
}

/**
 * Puts one of the server's errors ("window: …", "models[1]: …", "graph: node 'x': …") next to the shown field
 * whose name prefixes it; anything else goes under the form, in {@code status}.
 */
export function placeError(element, status, message) {
  const name = message.split(':')[0].trim();
  const target = [...element.querySelectorAll('[data-field]')].find((el) => {
    const f = el.dataset.field;
    return !el.hidden && (name === f || name.startsWith(`${f}[`) || name.startsWith(`${f}.`));
  });
  const box = target && [...target.children].find((c) => c.classList.contains('field-error'));
  if (!box) {
    status.append(h('div', { class: 'field-error' }, message));
    return;
  }
  box.textContent = box.textContent ? `${box.textContent} · ${message}` : message;
  target.classList.add('has-error');
  if (target.tagName === 'FIELDSET') target.setAttribute('aria-invalid', 'true');
  else target.querySelector('input, select, textarea').setAttribute('aria-invalid', 'true');
}

/** The text cut to {@code n} characters, an ellipsis at the cut. */
export function shorten(s, n) {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

/** A datetime-local input's value (the browser's time zone) as an ISO-8601 instant; null when empty. */
export const iso = (v) => (v ? new Date(v).toISOString() : null);

/** The value of a datetime-local input (the browser's time zone) for a moment, to the minute or the second. */
export function local(d, withSeconds = false) {
  const pad = (n) => String(n).padStart(2, '0');
  const minutes = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return withSeconds ? `${minutes}:${pad(d.getSeconds())}` : minutes;
}

/** An ISO-8601 duration as Java writes it (PT168H, PT30M) in words: "7 days", "1 day", "30 minutes". */
export function duration(text) {
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(text || '');
  if (!m) return text || '—';
  const seconds = Number(m[1] || 0) * 3600 + Number(m[2] || 0) * 60 + Number(m[3] || 0);
  const [unit, size] = [['day', 86400], ['hour', 3600], ['minute', 60], ['second', 1]]
    .find(([, s]) => seconds >= s && seconds % s === 0) || ['second', 1];
  const n = seconds / size;
  return n === 1 ? t(`attribution.one.${unit}`) : t(`attribution.many.${unit}`, { n: number(n) });
}
