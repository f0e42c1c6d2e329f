// The four kinds on AdLens's pages: counts per kind, a switch per kind, and
// what each kind means, in the kinds' colours.

import { kindMeaning, kindName } from '../item-label.js';

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
      name.textContent = kindName(kind);
      li.append(count, name);
      return li;
    }),
  );
}

/**
 * Each kind's name and what it means.
 * @param {HTMLElement} list a <dl class="meanings">
 */
export function renderKindMeanings(list) {
  list.replaceChildren(
    ...KINDS.flatMap((kind) => {
      const name = document.createElement('dt');
      name.className = kind;
      name.textContent = kindName(kind);
      const meaning = document.createElement('dd');
      meaning.textContent = kindMeaning(kind);
      return [name, meaning];
    }),
  );
}

/**
 * One checkbox per kind ("mute this kind"), in the kinds' colours.
 * @param {HTMLElement} list a <ul class="toggles">
 * @param {(kind: import('../messages.js').Kind) => boolean} checked
 * @param {(kind: import('../messages.js').Kind, checked: boolean) => void} onChange
 * @param {{ explained?: boolean }} [options] explained: each kind's meaning under its name, as the checkbox's description
 */
export function renderKindToggles(list, checked, onChange, { explained = false } = {}) {
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
      name.textContent = kindName(kind);
      label.append(box, ' ', name);
      li.append(label);
      if (explained) {
        const meaning = document.createElement('span');
        meaning.className = 'meaning';
        meaning.id = `${list.id}-${kind}-meaning`;
        meaning.textContent = kindMeaning(kind);
        box.setAttribute('aria-describedby', meaning.id);
        li.append(meaning);
      }
      return li;
    }),
  );
}
