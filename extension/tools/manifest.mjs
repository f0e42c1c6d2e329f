// Turns the one manifest.json into each browser's form. Pure, so it is
// unit-tested (extension/tools/manifest.test.js).

/**
 * @param {Record<string, any>} source the parsed manifest.json
 * @param {'chrome' | 'firefox'} browser
 * @returns {Record<string, any>}
 */
export function browserManifest(source, browser) {
  const manifest = structuredClone(source);
  if (browser === 'chrome') {
    delete manifest.browser_specific_settings;
    return manifest;
  }
  // Firefox runs the background as an event page with module scripts.
  const { service_worker: worker, type } = manifest.background;
  manifest.background = { scripts: [worker], type };
  delete manifest.minimum_chrome_version;
  for (const script of manifest.content_scripts ?? []) {
    // Chrome's key for about:blank/srcdoc frames; Firefox has its own.
    if (script.match_origin_as_fallback) {
      delete script.match_origin_as_fallback;
      script.match_about_blank = true;
    }
  }
  return manifest;
}
