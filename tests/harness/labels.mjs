// Reads AdLens's labels from a page. They live in a closed shadow root that
// page scripts (and Playwright's locators) cannot reach, so this asks the
// DevTools protocol, which can pierce closed roots.

/**
 * @typedef {{ nodeId: number, nodeName: string, nodeValue?: string, attributes?: string[],
 *   children?: DomNode[], shadowRoots?: DomNode[], shadowRootType?: string }} DomNode
 * @typedef {{ text: string, kind: string, box: { x: number, y: number } | null }} Label
 */

/**
 * @param {import('playwright-core').Page} page
 * @returns {Promise<Label[]>}
 */
export async function readLabels(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
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
      try {
        const { model } = /** @type {{ model: { content: number[] } }} */ (
          await cdp.send('DOM.getBoxModel', { nodeId: badge.nodeId }));
        box = { x: model.content[0], y: model.content[1] };
      } catch {
        // hidden badge: no box
      }
      labels.push({ text, kind, box });
    }
    return labels;
  } finally {
    await cdp.detach();
  }
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
