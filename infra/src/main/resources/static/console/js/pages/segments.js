// Segments: every definition with its current member count; one segment with all its versions (who
// defined each and when). Editing is offered only to roles that may save (MARKETER).
import * as api from '../api.js';
import { h } from '../dom.js';
import { t, number, dateTime } from '../i18n.js';
import { describe } from './conditions.js';

export async function render(main, { arg, can }) {
  main.append(h('h1', {}, t('segments.title')));
  if (can('saveSegments')) {
    main.append(h('p', {}, h('a', { class: 'button primary', href: '#/builder', id: 'new-segment' }, t('segments.new'))));
  }
  let list;
  try {
    list = await api.get('/api/v1/segments');
  } catch (err) {
    main.append(h('p', { class: 'error', role: 'alert' }, t('error.generic', { message: err.message })));
    return;
  }
  if (!list.length) {
    main.append(h('p', { id: 'segments-empty' }, t('segments.empty')));
  } else {
    main.append(h('table', { id: 'segments-table', class: 'wide' },
      h('caption', { class: 'visually-hidden' }, t('segments.title')),
      h('thead', {}, h('tr', {}, ['segments.key', 'segments.name', 'segments.version', 'segments.members', 'segments.changed', 'segments.actions']
        .map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', {}, list.map((s) => h('tr', { 'data-segment': s.key, class: s.retired ? 'retired' : '' },
        h('td', {}, h('a', { href: `#/segments/${encodeURIComponent(s.key)}` }, h('code', {}, s.key))),
        h('td', {}, s.name, s.retired ? h('span', { class: 'badge' }, t('segments.retired')) : null),
        h('td', {}, String(s.version)),
        h('td', { class: 'num' }, number(s.members)),
        h('td', {}, dateTime(s.changedAt)),
        h('td', {}, can('previewSegments') && !s.retired
          ? h('a', { href: `#/builder/${encodeURIComponent(s.key)}`, id: `edit-${s.key}` },
            can('saveSegments') ? t('segments.edit') : t('segments.open'))
          : null))))));
  }
  if (arg) await detail(main, arg);
}

async function detail(main, key) {
  const section = h('section', { class: 'card', id: 'segment-detail', 'aria-labelledby': 'segment-detail-title' });
  main.append(section);
  let s;
  try {
    s = await api.get(`/api/v1/segments/${encodeURIComponent(key)}`);
  } catch (err) {
    section.append(h('p', { class: 'error', role: 'alert' }, err.status === 404 ? t('segments.noSuch', { key }) : err.message));
    return;
  }
  section.append(
    h('h2', { id: 'segment-detail-title' }, `${s.name} `, h('code', {}, s.key)),
    s.description ? h('p', {}, s.description) : null,
    h('p', {}, t('segments.memberCount', { n: number(s.members) })),
    h('h3', {}, t('segments.definition')),
    h('div', { class: 'condition-text' }, describe(s.condition)),
    h('h3', {}, t('segments.versions')),
    h('table', {}, h('thead', {}, h('tr', {}, ['segments.version', 'segments.name', 'segments.definedAt', 'segments.definedBy']
      .map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody', {}, (s.versions || []).slice().reverse().map((v) => h('tr', {},
      h('td', {}, String(v.version)), h('td', {}, v.name), h('td', {}, dateTime(v.definedAt)), h('td', {}, v.definedBy))))));
  section.setAttribute('tabindex', '-1');
  section.focus();
}
