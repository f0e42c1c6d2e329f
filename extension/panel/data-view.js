// "Your data": the research export (a worker reads and formats, the page
// only shows progress and offers the file), import of an earlier export,
// and how much is stored. The export's options map one to one onto
// ExportOptions in crate/src/export.rs.

import { MAX_APPLY_BATCH, send } from '../messages.js';
import { el, locale, t } from '../pages/dom.js';

/** The record types, as the export names them. */
const TYPES = ['page_visit', 'item_seen', 'tracker_contact', 'remarketing_event', 'consent_signal', 'label_feedback'];
const DAY_MS = 86_400_000;

/**
 * @typedef {{ type: 'progress', done: number, total: number } | { type: 'exported', blob: Blob, count: number, format: string }
 *   | { type: 'imported', added: number, total: number, memory: object[] } | { type: 'failed', error: string }} WorkerReply
 */

/**
 * Runs one job in a fresh worker (its memory, the engine's included, goes
 * when it ends), passing progress on.
 * @param {object} job
 * @param {(reply: WorkerReply) => void} onProgress
 * @returns {Promise<WorkerReply>}
 */
function runJob(job, onProgress) {
  return new Promise((resolve) => {
    const worker = new Worker(chrome.runtime.getURL('data-worker.js'), { type: 'module' });
    worker.onmessage = (event) => {
      const reply = /** @type {WorkerReply} */ (event.data);
      if (reply.type === 'progress') return onProgress(reply);
      worker.terminate();
      resolve(reply);
    };
    worker.onerror = (event) => {
      worker.terminate();
      resolve({ type: 'failed', error: event.message || 'the worker stopped' });
    };
    worker.postMessage(job);
  });
}

/**
 * The form's choices as export options.
 * @param {HTMLFormElement} form
 */
export function exportOptions(form) {
  const data = new FormData(form);
  const date = (/** @type {string} */ name) => {
    const value = String(data.get(name) ?? '');
    return value ? Date.parse(`${value}T00:00:00Z`) : null;
  };
  const to = date('to');
  return {
    format: data.get('format') === 'csv' ? 'csv' : 'jsonl',
    from: date('from'),
    to: to === null ? null : to + DAY_MS, // the "to" day is included
    sites: String(data.get('sites') ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean),
    types: TYPES.filter((type) => data.get(`type:${type}`) === 'on'),
    dropQuery: data.get('dropQuery') === 'on',
    pageUrls: ['hash', 'site'].includes(String(data.get('pageUrls'))) ? String(data.get('pageUrls')) : 'full',
    includeEvidence: data.get('includeEvidence') === 'on',
  };
}

/**
 * @param {HTMLElement} root the #view-data section
 * @param {() => void} onImported called after an import changed what is stored
 */
export function setUpDataView(root, onImported) {
  const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (root.querySelector(`#${id}`));
  const form = /** @type {HTMLFormElement} */ ($('export-form'));
  $('export-types').append(...TYPES.map((type) =>
    el('label', { class: 'toggle' }, el('input', { type: 'checkbox', name: `type:${type}`, checked: true }), ' ', el('span', { text: t(`type_${type}`) }))));
  const progress = /** @type {HTMLProgressElement} */ ($('export-progress'));
  const number = new Intl.NumberFormat(locale());
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const button = /** @type {HTMLButtonElement} */ ($('export-start'));
    button.disabled = true;
    progress.hidden = false;
    progress.value = 0;
    $('export-status').textContent = t('exportRunning', ['0', '…']);
    runJob({ type: 'export', options: exportOptions(form) }, (p) => {
      if (p.type !== 'progress') return;
      progress.value = p.total ? p.done / p.total : 1;
      $('export-status').textContent = t('exportRunning', [number.format(p.done), number.format(p.total)]);
    }).then((reply) => {
      button.disabled = false;
      progress.hidden = true;
      if (reply.type !== 'exported') {
        $('export-status').textContent = t('exportFailed', [reply.type === 'failed' ? reply.error : '?']);
        return;
      }
      download(reply.blob, `adlens-export-${new Date().toISOString().slice(0, 10)}.${reply.format}`);
      $('export-status').textContent = t('exportDone', [number.format(reply.count)]);
      root.dataset.exported = String(reply.count);
    });
  });

  const file = /** @type {HTMLInputElement} */ ($('import-file'));
  file.addEventListener('change', () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    $('import-status').textContent = t('importRunning');
    runJob({ type: 'import', file: chosen }, () => {}).then(async (reply) => {
      if (reply.type !== 'imported') {
        $('import-status').textContent = t('importFailed', [reply.type === 'failed' ? reply.error : '?']);
        root.dataset.imported = 'refused';
        return;
      }
      // What the new records teach the engine (interests, products, third
      // parties), in batches the background accepts.
      for (let i = 0; i < reply.memory.length; i += MAX_APPLY_BATCH) {
        await send({ type: 'memory/apply-observations', observations: reply.memory.slice(i, i + MAX_APPLY_BATCH) });
      }
      $('import-status').textContent = t('importDone', [number.format(reply.added), number.format(reply.total)]);
      root.dataset.imported = String(reply.added);
      onImported();
    }).catch((error) => {
      $('import-status').textContent = t('importFailed', [error instanceof Error ? error.message : String(error)]);
    }).finally(() => { file.value = ''; });
  });
}

/**
 * Shows how much is stored.
 * @param {HTMLElement} root
 * @param {number} count observations stored
 */
export async function showStorageUse(root, count) {
  const estimate = await navigator.storage?.estimate?.().catch(() => undefined);
  const size = new Intl.NumberFormat(locale(), { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 })
    .format((estimate?.usage ?? 0) / 1_000_000);
  /** @type {HTMLElement} */ (root.querySelector('#storage-use')).textContent = t('storageUse', [new Intl.NumberFormat(locale()).format(count), size]);
}

/**
 * Offers a file for download (an <a download>: no permission needed).
 * @param {Blob} blob
 * @param {string} name
 */
function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = el('a', { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
