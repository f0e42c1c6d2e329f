// Renders counts per kind as a list, in the kinds' colours.

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
      name.textContent = chrome.i18n.getMessage(`kind_${kind}`);
      li.append(count, name);
      return li;
    }),
  );
}
