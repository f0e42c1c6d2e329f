// Values the build bakes into the content script (extension/tools/build.mjs).

/** The engine's slot id prefixes (`div-gpt-ad`, `crt-`…): see content/hold.js. */
declare const __SLOT_ID_PREFIXES__: string[];
