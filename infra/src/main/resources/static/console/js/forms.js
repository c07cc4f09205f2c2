// Form fields that show the server's errors next to the field they name (attribution, backtests).
import { h, uid } from './dom.js';

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
