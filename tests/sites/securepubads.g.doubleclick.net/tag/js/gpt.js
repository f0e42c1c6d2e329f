// Stand-in for Google Publisher Tag. Like a lazy-loading site, it adds a
// second slot after load, so AdLens must pick up ads that arrive late. Like
// GPT, it renders that creative into a frame it names after the slot and
// fills itself (srcdoc), so AdLens must match the frame by name.
window.googletag = window.googletag || { cmd: [] };
setTimeout(() => {
  const article = document.getElementById('main-content');
  if (!article) return;
  const slot = document.createElement('div');
  slot.id = 'div-gpt-ad-1700000000000-1';
  slot.className = 'slot';
  slot.style.cssText = 'width: 728px; height: 90px;';
  const frame = document.createElement('iframe');
  frame.name = 'google_ads_iframe_/1234/news/article_1';
  frame.width = '728';
  frame.height = '90';
  frame.srcdoc = '<a href="http://googleads.g.doubleclick.net/aclk?sa=L&amp;adurl=http%3A%2F%2Ftravel.example%2Fcity-breaks">'
    + 'Autumn city breaks from €99</a>';
  slot.append(frame);
  article.append(slot);
}, 800);
