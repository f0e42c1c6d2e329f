// Fills the Taboola container after load, like the real loader: AdLens must
// pick up late content.
setTimeout(() => {
  const box = document.getElementById('taboola-below-article-thumbnails');
  if (!box) return;
  box.className = 'trc_related_container';
  const heading = document.createElement('h3');
  heading.textContent = 'You May Like';
  const link = document.createElement('a');
  link.href = 'http://trc.taboola.com/news-example/log/3/click?redir=http%3A%2F%2Fshoe-deals.example%2F';
  link.textContent = 'Runners are switching to these shoes';
  box.append(heading, link);
}, 600);
