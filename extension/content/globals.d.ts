// Values the build bakes into the content script (extension/tools/build.mjs).

/** The engine's slot id prefixes (`div-gpt-ad`, `crt-`…): see content/hold.js. */
declare const __SLOT_ID_PREFIXES__: string[];

/**
 * Whether the content scripts mark their work for a trace (content/work-marks.js):
 * true in the Chromium build, whose benchmarks read the marks; false in Firefox's,
 * where every console.timeStamp is a console record (17.5 µs each, against 0.1 µs).
 */
declare const __WORK_MARKS__: boolean;
