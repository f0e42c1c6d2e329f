// The fixture's stand-in for YouTube's player: once the page has loaded, it
// starts the ad its data schedules before the video, as YouTube's player
// does: the player gets `ad-showing`, and the ad's layer (the advertiser's
// card, the "Sponsored" badge, the time left, the address, "Skip") is drawn
// into `.video-ads.ytp-ad-module`, with YouTube's class names. "Skip" ends
// the ad: the layer goes. `window.fixturePlayer.endAd()` does the same.
(function player() {
  const data = /** @type {any} */ (window).ytInitialPlayerResponse;
  const root = document.getElementById('movie_player');
  const module = root?.querySelector('.video-ads.ytp-ad-module');
  if (!data || !root || !module) return;
  const layers = (data.adSlots ?? [])
    .map((/** @type {any} */ slot) => slot?.adSlotRenderer?.fulfillmentContent?.fulfilledLayout?.inPlayerAdLayoutRenderer
      ?.renderingContent?.playerOverlayLayoutRenderer)
    .filter(Boolean);

  /**
   * @param {string} tag
   * @param {string} className
   * @param {string} [text]
   */
  const make = (tag, className, text) => {
    const el = document.createElement(tag);
    el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  };

  const endAd = () => {
    module.replaceChildren();
    root.classList.remove('ad-showing');
  };

  /** @param {any} layer */
  const startAd = (layer) => {
    const card = layer.playerAdCard?.playerAdAvatarLockupCardButtonedViewModel ?? {};
    const overlay = make('div', 'ytp-ad-player-overlay-layout');
    const cardBox = make('div', 'ytp-ad-player-overlay-layout__player-card-container');
    const lockup = make('div', 'ytp-ad-avatar-lockup-card');
    const avatar = /** @type {HTMLImageElement} */ (make('img', 'ytp-ad-avatar'));
    avatar.alt = '';
    avatar.src = card.avatar?.adAvatarViewModel?.image?.sources?.[0]?.url ?? '';
    lockup.append(
      avatar,
      make('div', 'ytp-ad-avatar-lockup-card__headline', card.headline?.content ?? ''),
      make('div', 'ytp-ad-avatar-lockup-card__description', card.description?.content ?? ''),
      make('button', 'ytp-ad-button-vm', card.button?.adButtonViewModel?.label?.content ?? ''),
    );
    cardBox.append(lockup);
    const info = make('div', 'ytp-ad-player-overlay-layout__ad-info-container');
    const badge = make('div', 'ytp-ad-badge');
    badge.append(make('span', 'ytp-ad-badge__text', layer.adBadgeRenderer?.simpleAdBadgeRenderer?.text?.text ?? ''));
    const visit = make('button', 'ytp-visit-advertiser-link');
    visit.append(make('span', 'ytp-visit-advertiser-link__text',
      layer.visitAdvertiserLink?.visitAdvertiserLinkViewModel?.label?.content ?? ''));
    info.append(badge, make('span', 'ytp-ad-duration-remaining', '0:15'), visit);
    const skipBox = make('div', 'ytp-ad-player-overlay-layout__skip-or-preview-container');
    const skip = make('button', 'ytp-skip-ad-button',
      layer.skipOrPreview?.skipAdViewModel?.skippableState?.skipAdButtonViewModel?.label ?? 'Skip');
    skip.addEventListener('click', endAd);
    skipBox.append(skip);
    overlay.append(cardBox, info, skipBox);
    root.classList.add('ad-showing');
    module.replaceChildren(overlay);
  };

  root.querySelector('.ytp-fullscreen-button')?.addEventListener('click', () => {
    if (document.fullscreenElement) document.exitFullscreen();
    else root.requestFullscreen();
  });

  /** @type {any} */ (window).fixturePlayer = { endAd };
  if (layers.length > 0) addEventListener('load', () => setTimeout(() => startAd(layers[0]), 200));
})();
