// A stand-in for chrome.i18n in unit tests of the shell's pages: a message
// reads as its name, with its values in brackets ("andMore(3)"), so a test
// checks which message was chosen and with what, whatever the language.

Object.assign(globalThis, {
  chrome: {
    i18n: {
      /** @param {string} name @param {string[]} [values] */
      getMessage: (name, values = []) => (values.length > 0 ? `${name}(${values.join('|')})` : name),
      getUILanguage: () => 'en',
    },
  },
});
