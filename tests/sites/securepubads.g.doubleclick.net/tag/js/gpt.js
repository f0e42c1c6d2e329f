// Stand-in for Google Publisher Tag: defines the global the page expects.
window.googletag = window.googletag || { cmd: [] };
