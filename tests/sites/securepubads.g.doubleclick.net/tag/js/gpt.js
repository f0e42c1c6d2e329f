// Stand-in for Google Publisher Tag. Like a lazy-loading site, it adds a
// second slot after load, so AdLens must pick up ads that arrive late.
window.googletag = window.googletag || { cmd: [] };
setTimeout(() => {
  const article = document.getElementById('main-content');
  if (!article) return;
  const slot = document.createElement('div');
  slot.id = 'div-gpt-ad-1700000000000-1';
  slot.className = 'slot';
  slot.style.cssText = 'width: 728px; height: 90px;';
  slot.textContent = 'Late ad';
  article.append(slot);
}, 800);
