// The content scripts' one way of saying something failed: quietly, at
// debug level. AdLens must never break a page, nor fill its console.

/** @param {unknown} error */
export function logFailure(error) {
  console.debug('[AdLens] content script:', error instanceof Error ? error.message : error);
}
