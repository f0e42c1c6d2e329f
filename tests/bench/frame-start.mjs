#!/usr/bin/env node
// What the content scripts cost a page and its frames when they start: on
// the fixture page with 25 nested frames (news.example/hostile/nested-frames.html),
// the main-thread CPU time of evaluating each extension content script
// (compiling it and running its top level), from a Chromium trace: in the
// top page, those at document start (the page's parser waits for them) and
// those once the document is parsed, as the build's manifest says; in
// each frame, all of them. Measured twice: as these frames run (they share
// the top page's process, so V8 compiles a script once and reuses it), and
// with V8's compilation cache off, as a frame in a process of its own runs
// (most ad frames are cross-site, so they are). Then what the frames'
// reports cost once started: reading what each frame shows, sending it.
// Usage: node tests/bench/frame-start.mjs [EXTENSION_DIR…] (default
// dist/chrome, after npm run build); several builds are measured one after
// the other. ADLENS_FRAME_LOADS sets the loads per build and mode (default 5).

import fs from 'node:fs';
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
      const manifest = JSON.parse(fs.readFileSync(path.join(extensionDir ?? 'dist/chrome', 'manifest.json'), 'utf8'));
      /** @type {Set<string>} the scripts the build runs at document start */
      const atStart = new Set(manifest.content_scripts
        .filter((/** @type {{ run_at?: string }} */ c) => c.run_at === 'document_start')
        .flatMap((/** @type {{ js: string[] }} */ c) => c.js));
      /** @type {Record<'start' | 'parsed' | 'frame' | 'frames' | 'reports', number[]>} */
      const ms = { start: [], parsed: [], frame: [], frames: [], reports: [] };
      const sum = (/** @type {number[]} */ xs) => xs.reduce((a, b) => a + b, 0);
      for (let i = 0; i < LOADS; i++) {
        const traced = await tracedLoad(session.browser.context, URL);
        const evaluations = scriptEvaluations(traced.events);
        // The frames' reports (reading what each shows, sending it), marked
        // apart from any scan (extension/content-frame.js).
        const reports = traced.scans.get(0)?.cpuByPiece['frame-report'];
        if (!reports) throw new Error('no frame reported: no frame-report marks in the trace');
        ms.reports.push(reports);
        const topFrame = evaluations[0]?.frame;
        const inTop = evaluations.filter((e) => e.frame === topFrame);
        /** @type {Map<string, number>} each frame's scripts, summed */
        const perFrame = new Map();
        for (const e of evaluations) if (e.frame !== topFrame) perFrame.set(e.frame, (perFrame.get(e.frame) ?? 0) + e.ms);
        if (perFrame.size !== FRAMES) throw new Error(`${perFrame.size} frames evaluated a content script, not ${FRAMES}`);
        ms.start.push(sum(inTop.filter((e) => atStart.has(e.script)).map((e) => e.ms)));
        ms.parsed.push(sum(inTop.filter((e) => !atStart.has(e.script)).map((e) => e.ms)));
        ms.frame.push(median([...perFrame.values()]));
        ms.frames.push(sum([...perFrame.values()]));
      }
      console.log(`  ${mode.name}: top page at document start ${median(ms.start).toFixed(2)} ms, once parsed ${median(ms.parsed).toFixed(2)} ms;`
        + ` each frame ${median(ms.frame).toFixed(2)} ms; all ${FRAMES} frames ${median(ms.frames).toFixed(1)} ms;`
        + ` then all ${FRAMES} frames' reports (reading what each shows, sending it) ${median(ms.reports).toFixed(1)} ms`);
    } finally {
      await session.close();
    }
  }
}
process.env.ADLENS_CHROMIUM_FLAGS = saved;
