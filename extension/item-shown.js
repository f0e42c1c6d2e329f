// Whether the page shows an item, by the box its content script found for
// it (content/shown-box.js: its own, else that of what inside it can be
// seen): one rule for its label, its mute placeholder, the slot memory and
// the popup's list. A box without area (a slot for another screen size, an
// empty one collapsed to a line) stands for nothing on the screen.

/**
 * @param {{ width: number, height: number }} box
 * @returns {boolean}
 */
export const hasArea = (box) => box.width > 0 && box.height > 0;
