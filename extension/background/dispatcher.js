// The one guarded entry for messages: nothing reaches a handler unless
// `checkMessage` (messages.js) let it through.

import { checkMessage } from '../messages.js';

/**
 * @typedef {import('../messages.js').Message} Message
 * @typedef {import('../messages.js').ReplyOf} ReplyOf
 * @typedef {chrome.runtime.MessageSender} Sender
 * @typedef {{ [T in Message['type']]: (message: Extract<Message, { type: T }>, sender: Sender, bytes: number) => Promise<ReplyOf[T]> }} Handlers
 *   bytes: the message's size as JSON
 */

/**
 * Registers the message listener. Call synchronously at top level.
 * @param {Handlers} handlers one async handler per message type
 */
export function startDispatcher(handlers) {
  const self = { extensionId: chrome.runtime.id, extensionOrigin: chrome.runtime.getURL('') };
  chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
    const checked = checkMessage(message, sender, self);
    if (!checked.ok) {
      console.warn('[AdLens] refused a message:', checked.error);
      sendResponse({ ok: false, error: checked.error });
      return false;
    }
    const handler = /** @type {(m: Message, s: Sender, bytes: number) => Promise<unknown>} */ (handlers[checked.message.type]);
    handler(checked.message, sender, checked.bytes).then(
      (value) => sendResponse({ ok: true, value }),
      (error) => {
        const text = error instanceof Error ? error.message : String(error);
        console.warn(`[AdLens] ${checked.message.type} failed:`, text);
        sendResponse({ ok: false, error: text });
      },
    );
    return true; // the reply is sent asynchronously
  });
}
