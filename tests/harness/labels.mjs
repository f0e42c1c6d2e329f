// Reads AdLens's labels from a page. They live in a closed shadow root that
// page scripts (and Playwright's locators) cannot reach, so this asks the
// DevTools protocol, which can pierce closed roots.

/**
 * @typedef {{ nodeId: number, nodeName: string, nodeValue?: string, attributes?: string[],
 *   children?: DomNode[], shadowRoots?: DomNode[], shadowRootType?: string }} DomNode
 * @typedef {{ left: number, top: number, right: number, bottom: number }} Edges
 * @typedef {{ text: string, kind: string, title: string, box: { x: number, y: number } | null, edges: Edges | null }} Label
 *   title: shown on hover, and read after the label's name; box: the top left of its text; edges: its border's
 */

/**
 * The page's labels as one read: if the page moved the overlay while it was
 * read (entering fullscreen moves it into the player), the node ids of the
 * first look are stale, and a box not found for that reason is not taken
 * for a hidden label: the page is read again.
 * @param {import('playwright-core').Page} page
 * @returns {Promise<Label[]>}
 */
export async function readLabels(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    for (let attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
      const labels = await readLabelsOnce(cdp);
      if (labels) return labels;
    }
    throw new Error(`the labels changed under each of ${READ_ATTEMPTS} reads`);
  } finally {
    await cdp.detach();
  }
}

const READ_ATTEMPTS = 5;

/**
 * @param {import('playwright-core').CDPSession} cdp
 * @returns {Promise<Label[] | null>} null when the page changed during the read
 */
async function readLabelsOnce(cdp) {
  const { root } = /** @type {{ root: DomNode }} */ (await cdp.send('DOM.getDocument', { depth: -1, pierce: true }));
  /** @type {DomNode[]} */
  const badges = [];
  walk(root, false, (node, inClosedRoot) => {
    if (inClosedRoot && node.nodeName === 'BUTTON' && attr(node, 'class')?.includes('badge')) badges.push(node);
  });
  const labels = [];
  for (const badge of badges) {
    const text = (badge.children ?? []).map((c) => c.nodeValue ?? '').join('');
    const kind = (attr(badge, 'class') ?? '').replace('badge', '').trim();
    let box = null;
    let edges = null;
    try {
      const { model } = /** @type {{ model: { content: number[], border: number[] } }} */ (
        await cdp.send('DOM.getBoxModel', { nodeId: badge.nodeId }));
      box = { x: model.content[0], y: model.content[1] };
      edges = { left: model.border[0], top: model.border[1], right: model.border[4], bottom: model.border[5] };
    } catch (error) {
      // A hidden badge has no box; any other failure (its node id gone) is
      // the page changing under the read.
      if (!String(error).includes('Could not compute box model')) return null;
    }
    labels.push({ text, kind, title: attr(badge, 'title') ?? '', box, edges });
  }
  return labels;
}

/**
 * For each label, the first words of the page it hides (a text node's
 * start, where its box meets the label's), or null: the page's own text
 * nodes, measured in the page (the labels' own text is in a closed root,
 * which a walk of the page does not enter). Both boxes are in the window's
 * coordinates, as `readLabels` reads them.
 * @param {import('playwright-core').Page} page
 * @param {Label[]} labels
 * @returns {Promise<(string | null)[]>}
 */
export async function wordsUnder(page, labels) {
  return page.evaluate((all) => {
    /** @type {[DOMRect, string][]} */
    const words = [];
    const range = document.createRange();
    const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = /** @type {Text} */ (node).data.trim();
      const parent = node.parentElement?.localName ?? '';
      if (!text || ['script', 'style', 'noscript', 'template', 'title'].includes(parent)) continue;
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) if (r.width > 0 && r.height > 0) words.push([r, text.slice(0, 40)]);
    }
    return all.map((e) => {
      if (!e) return null;
      const hit = words.find(([r]) => r.left < e.right && r.right > e.left && r.top < e.bottom && r.bottom > e.top);
      return hit ? hit[1] : null;
    });
  }, labels.map((l) => l.edges));
}

/**
 * @param {DomNode} node
 * @param {boolean} inClosedRoot
 * @param {(node: DomNode, inClosedRoot: boolean) => void} visit
 */
function walk(node, inClosedRoot, visit) {
  visit(node, inClosedRoot);
  for (const root of node.shadowRoots ?? []) walk(root, inClosedRoot || root.shadowRootType === 'closed', visit);
  for (const child of node.children ?? []) walk(child, inClosedRoot, visit);
}

/**
 * @param {DomNode} node
 * @param {string} name
 */
function attr(node, name) {
  const a = node.attributes ?? [];
  for (let i = 0; i < a.length; i += 2) if (a[i] === name) return a[i + 1];
  return undefined;
}

/**
 * A match for `inClosedRoots` and `closedRootStyles`: nodes with this class.
 * @param {string} name
 * @returns {(node: DomNode) => boolean}
 */
export const hasClass = (name) => (node) => (attr(node, 'class') ?? '').split(' ').includes(name);

/**
 * Waits until the page shows at least `count` labels and returns them.
 * @param {import('playwright-core').Page} page
 * @param {number} count
 * @param {number} [timeoutMs]
 */
export async function waitForLabels(page, count, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  let labels = await readLabels(page);
  while (labels.length < count && Date.now() < deadline) {
    await page.waitForTimeout(100);
    labels = await readLabels(page);
  }
  return labels;
}

/**
 * Finds nodes inside closed shadow roots that match `match`, with a CDP
 * session to act on them; the session is detached after `use`.
 * @template T
 * @param {import('playwright-core').Page} page
 * @param {(node: DomNode) => boolean} match
 * @param {(cdp: import('playwright-core').CDPSession, nodes: DomNode[]) => Promise<T>} use
 * @returns {Promise<T>}
 */
export async function inClosedRoots(page, match, use) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = /** @type {{ root: DomNode }} */ (await cdp.send('DOM.getDocument', { depth: -1, pierce: true }));
    /** @type {DomNode[]} */
    const nodes = [];
    walk(root, false, (node, closed) => {
      if (closed && match(node)) nodes.push(node);
    });
    return await use(cdp, nodes);
  } finally {
    await cdp.detach();
  }
}

/**
 * What the page draws on top at a point of the viewport (also inside closed
 * roots, and whether or not it takes clicks: Chromium leaves what is outside
 * a fullscreen element inert): its name and class.
 * @param {import('playwright-core').Page} page
 * @param {number} x
 * @param {number} y
 */
export async function drawnOnTop(page, x, y) {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const { backendNodeId } = /** @type {{ backendNodeId: number }} */ (
      await cdp.send('DOM.getNodeForLocation', { x: Math.round(x), y: Math.round(y), ignorePointerEventsNone: true }));
    const { node } = /** @type {{ node: DomNode }} */ (await cdp.send('DOM.describeNode', { backendNodeId }));
    return { name: node.nodeName, className: attr(node, 'class') ?? '' };
  } finally {
    await cdp.detach();
  }
}

/**
 * The text under a DOM node.
 * @param {DomNode} node
 * @returns {string}
 */
export function textOf(node) {
  if (node.nodeName === '#text') return node.nodeValue ?? '';
  if (node.nodeName === 'STYLE') return '';
  return (node.children ?? []).map(textOf).join('');
}

/**
 * @param {DomNode} node
 * @param {string} name
 */
export function attribute(node, name) {
  return attr(node, name);
}

/**
 * Activates a label with the keyboard (focus, then Enter), as a user would.
 * @param {import('playwright-core').Page} page
 * @param {string} text the label's text
 */
export async function pressLabel(page, text) {
  await inClosedRoots(page, (n) => n.nodeName === 'BUTTON' && attr(n, 'class')?.includes('badge') === true && textOf(n) === text,
    async (cdp, [badge]) => {
      if (!badge) throw new Error(`no label "${text}"`);
      await cdp.send('DOM.focus', { nodeId: badge.nodeId });
    });
  await page.keyboard.press('Enter');
}

/**
 * The open "why" card: its title, confidence line, evidence sentences and
 * action buttons (by data-action), or null.
 * @param {import('playwright-core').Page} page
 */
export async function readWhyCard(page) {
  return inClosedRoots(page, (n) => n.nodeName === 'DIV' && attr(n, 'class') === 'card', async (_cdp, [card]) => {
    if (!card) return null;
    /** @type {DomNode[]} */
    const all = [];
    walk(card, true, (n) => all.push(n));
    return {
      role: attr(card, 'role'),
      title: textOf(all.find((n) => n.nodeName === 'H2') ?? card),
      meaning: textOf(all.find((n) => n.nodeName === 'P' && attr(n, 'class') === 'meaning') ?? card),
      confidence: textOf(all.find((n) => n.nodeName === 'P' && attr(n, 'class') === 'confidence') ?? card),
      evidence: all.filter((n) => n.nodeName === 'LI').map(textOf),
      player: ((p) => (p ? textOf(p) : null))(all.find((n) => n.nodeName === 'P' && attr(n, 'class') === 'player')),
      actions: Object.fromEntries(all.filter((n) => n.nodeName === 'BUTTON').map((b) => [attr(b, 'data-action'), textOf(b)])),
    };
  });
}

/**
 * Clicks a button of the open "why" card.
 * @param {import('playwright-core').Page} page
 * @param {string} action its data-action
 */
export async function clickCardAction(page, action) {
  await inClosedRoots(page, (n) => n.nodeName === 'BUTTON' && attr(n, 'data-action') === action, async (cdp, [button]) => {
    if (!button) throw new Error(`no "${action}" button in the card`);
    const { object } = /** @type {{ object: { objectId: string } }} */ (await cdp.send('DOM.resolveNode', { nodeId: button.nodeId }));
    await cdp.send('Runtime.callFunctionOn', { objectId: object.objectId, functionDeclaration: 'function () { this.click(); }' });
  });
}

/**
 * Texts of the placeholders standing in for muted items.
 * @param {import('playwright-core').Page} page
 */
export async function readPlaceholders(page) {
  return inClosedRoots(page, (n) => n.nodeName === 'DIV' && attr(n, 'class') === 'muted', async (_cdp, nodes) => nodes.map(textOf));
}

/**
 * Computed style properties of the nodes inside closed shadow roots that
 * match `match` (the overlay's own style sheet is what styles them).
 * @param {import('playwright-core').Page} page
 * @param {(node: DomNode) => boolean} match
 * @param {string[]} properties
 * @returns {Promise<Record<string, string>[]>}
 */
export async function closedRootStyles(page, match, properties) {
  return inClosedRoots(page, match, async (cdp, nodes) => {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const styles = [];
    for (const node of nodes) {
      const { computedStyle } = /** @type {{ computedStyle: { name: string, value: string }[] }} */ (
        await cdp.send('CSS.getComputedStyleForNode', { nodeId: node.nodeId }));
      styles.push(Object.fromEntries(computedStyle.filter((p) => properties.includes(p.name)).map((p) => [p.name, p.value])));
    }
    return styles;
  });
}
