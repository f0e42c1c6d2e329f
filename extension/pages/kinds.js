// Renders counts per kind as a list, in the kinds' colours.

import { msg } from '../i18n.js';

/** @type {readonly import('../messages.js').Kind[]} */
export const KINDS = ['contextual', 'behavioural', 'retargeted', 'generic'];

/**
 * @param {HTMLElement} list a <ul class="kinds">
 * @param {import('../messages.js').KindCounts} counts
 */
export function renderCounts(list, counts) {
  list.replaceChildren(
    ...KINDS.map((kind) => {
      const li = document.createElement('li');
      li.className = kind;
      li.dataset.kind = kind;
      const count = document.createElement('span');
      count.className = 'count';
      count.textContent = String(counts[kind]);
      const name = document.createElement('span');
      name.textContent = msg(`kind_${kind}`);
      li.append(count, name);
      return li;
    }),
  );
}

/**
 * One checkbox per kind ("mute this kind"), in the kinds' colours.
 * @param {HTMLElement} list a <ul class="toggles">
 * @param {(kind: import('../messages.js').Kind) => boolean} checked
 * @param {(kind: import('../messages.js').Kind, checked: boolean) => void} onChange
 */
export function renderKindToggles(list, checked, onChange) {
  list.replaceChildren(
    ...KINDS.map((kind) => {
      const li = document.createElement('li');
      const label = document.createElement('label');
      label.className = `toggle ${kind}`;
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.dataset.kind = kind;
      box.checked = checked(kind);
      box.addEventListener('change', () => onChange(kind, box.checked));
      const name = document.createElement('span');
      name.textContent = msg(`kind_${kind}`);
      label.append(box, ' ', name);
      li.append(label);
      return li;
    }),
  );
}
