// The labels' look: a badge per item (its kind as a word, a colour and a
// shape), an outline in the "outline" style; for the screen only.

/** The labels' style, parsed with the overlay (on every labelled page). */
export const LABEL_STYLE = `
  :host { all: initial; }
  .badge {
    position: absolute; z-index: 2147483647; margin: 0; padding: 2px 6px;
    font: 600 11px/1.4 system-ui, sans-serif; border-radius: 4px; border: 1px solid currentColor;
    background: #fff; cursor: pointer; white-space: nowrap; pointer-events: auto;
  }
  .badge:focus-visible { outline: 2px solid #000; outline-offset: 2px; }
  /* A shape per kind, so kinds differ without colour too (the word is always
     there; the shape is decoration: the label's accessible name is its text). */
  .badge::before { display: inline-block; margin-right: 4px; font-weight: 700; }
  .badge.contextual::before  { content: "▤"; }  /* a page */
  .badge.behavioural::before { content: "◉"; }  /* a profile */
  .badge.retargeted::before  { content: "↻"; }  /* coming back */
  .badge.generic::before     { content: "○"; }  /* nothing in particular */
  .frame { position: absolute; z-index: 2147483646; box-sizing: border-box; border: 2px solid currentColor;
    border-radius: 3px; pointer-events: none; }
  .contextual  { color: #0b5394; }
  .behavioural { color: #7a3e00; }
  .retargeted  { color: #8e1b5a; }
  .generic     { color: #404040; }
  @media (prefers-color-scheme: dark) {
    .badge { background: #1e1e1e; }
    .contextual { color: #8ab8f0; } .behavioural { color: #f0b070; } .retargeted { color: #f08ac0; } .generic { color: #c8c8c8; }
  }
  /* A printed page is the site's own: labels, outlines and cards are for the screen. */
  @media print { .badge, .frame, .card { display: none !important; } }
`;
