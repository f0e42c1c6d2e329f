// Stand-in for Outbrain's loader.
window.OBR = window.OBR || {};
