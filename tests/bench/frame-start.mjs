#!/usr/bin/env node
// What the content scripts cost a page's frames when they start: on the
// fixture page with 25 nested frames (news.example/hostile/nested-frames.html),
// the main-thread CPU time of evaluating each extension content script
// (compiling it and running its top level), from a Chromium trace, in the
// top page and in each frame. Measured twice: as these frames run (they share
// the top page's process, so V8 compiles a script once and reuses it), and
// with V8's compilation cache off, as a frame in a process of its own runs
// (most ad frames are cross-site, so they are).
// Usage: node tests/bench/frame-start.mjs [EXTENSION_DIR…] (default
// dist/chrome, after npm run build); several builds are measured one after
// the other. ADLENS_FRAME_LOADS sets the loads per build and mode (default 5).

import path from 'node:path';
import { startSession } from '../harness/session.mjs';
import { scriptEvaluations, tracedLoad } from '../harness/trace.mjs';

const URL = 'http://news.example/hostile/nested-frames.html';
const FRAMES = 25;
const LOADS = Number(process.env.ADLENS_FRAME_LOADS ?? 5);
const dirs = process.argv.length > 2 ? process.argv.slice(2).map((d) => path.resolve(d)) : [undefined];
const median = (/** @type {number[]} */ xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

const modes = [
  { name: 'frames in the top page’s process', flags: '' },
  { name: 'each frame compiling anew, as in a process of its own', flags: '--js-flags=--no-compilation-cache' },
];
const saved = process.env.ADLENS_CHROMIUM_FLAGS;
console.log(`${URL}: ${FRAMES} nested frames; ${LOADS} loads per build and mode; main-thread CPU ms of evaluating each content script, median\n`);
for (const extensionDir of dirs) {
  console.log(extensionDir ?? 'dist/chrome');
  for (const mode of modes) {
    // Read by the harness's Chromium switches (tests/harness/browser.mjs).
    process.env.ADLENS_CHROMIUM_FLAGS = [saved, mode.flags].filter(Boolean).join(' ');
    const session = await startSession({ extensionDir });
    try {
      /** @type {number[]} */
      const top = [];
      /** @type {number[]} */
      const perFrame = [];
      /** @type {number[]} */
      const allFrames = [];
      for (let i = 0; i < LOADS; i++) {
        const byScript = scriptEvaluations((await tracedLoad(session.browser.context, URL)).events);
        // The top page evaluates content.js (and, from the split on, the
        // frames' script, which stops at once); each frame evaluates the
        // rest: content-frame.js, or the one content.js of older builds.
        const page = byScript.get('content.js') ?? [];
        const frameScript = byScript.get('content-frame.js');
        const inTop = page[0] + (frameScript?.[0] ?? 0);
        const inFrames = frameScript ? frameScript.slice(1) : page.slice(1);
        if (inFrames.length !== FRAMES) throw new Error(`${inFrames.length} frames evaluated a content script, not ${FRAMES}`);
        top.push(inTop);
        perFrame.push(median(inFrames));
        allFrames.push(inFrames.reduce((a, b) => a + b, 0));
      }
      console.log(`  ${mode.name}: top page ${median(top).toFixed(2)} ms; each frame ${median(perFrame).toFixed(2)} ms; all ${FRAMES} frames ${median(allFrames).toFixed(1)} ms`);
    } finally {
      await session.close();
    }
  }
}
process.env.ADLENS_CHROMIUM_FLAGS = saved;
