// The page's own script, allowed by its policy (script-src 'self').
window.pageScriptRan = true;
