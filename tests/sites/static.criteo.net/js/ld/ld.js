// Stand-in for Criteo's OneTag: reports the events the shop pushed, the way
// the real tag does (one request with the events as p0, p1… parameters).
window.criteo_q = window.criteo_q || [];
const events = window.criteo_q.flat().filter((e) => e && e.event);
const params = events.map((e, i) => {
  const code = { viewHome: 'vh', viewList: 'vl', viewItem: 'vi', viewBasket: 'vb', trackTransaction: 'vc' }[e.event] ?? 'exd';
  const inner = new URLSearchParams({ e: code, ...(e.item ? { p: e.item } : {}) });
  return `p${i}=${encodeURIComponent(inner.toString())}`;
});
new Image().src = `http://sslwidget.criteo.com/event?a=424242&v=5.23.0&${params.join('&')}`;
