//! Which hiding selectors cannot match a page, judged from its classes and
//! ids alone: a selector that needs a class or an id the page does not have
//! matches nothing there, and the content script need not run it (on a
//! large page each query walks the whole document; Yahoo's own rules are 83
//! selectors, most of them ids and classes that page never uses).
//!
//! The test is conservative: a selector is dropped only when one of its
//! compound selectors, outside any `:not()`/`:is()`/`:has()`… argument,
//! names a class or id (`.c`, `#i`, `[class*="c"]`, `[id^="i"]`…) that no
//! element of the page has. Anything not understood keeps the selector.
//! Names are compared ASCII-case-insensitively, as a quirks-mode document
//! matches them: a selector is never dropped for case alone.

use std::collections::HashSet;

/// A page's class attributes and ids, as the content script read them.
#[derive(Debug, Default)]
pub struct PageNames {
    /// Each distinct class attribute, lower-cased, whole.
    class_attributes: Vec<String>,
    /// Each class in them, lower-cased.
    classes: HashSet<String>,
    /// Each id, lower-cased.
    ids: HashSet<String>,
}

/// A name a selector needs some element of the page to have: its `class`
/// or `id` attribute compared with `value` (lower-cased) as `op` says.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Need {
    class: bool,
    op: Op,
    value: String,
}

impl Need {
    fn new(class: bool, op: Op, value: &str) -> Self {
        Need { class, op, value: value.to_ascii_lowercase() }
    }
}

/// An attribute selector's operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    /// `=`, and `#i`
    Equals,
    /// `~=`, and `.c`: one of its whitespace-separated words
    Word,
    /// `^=`
    Prefix,
    /// `$=`
    Suffix,
    /// `*=`
    Substring,
    /// `|=`
    DashPrefix,
}

impl PageNames {
    /// The names of a page: its distinct class attributes and its ids.
    pub fn new(class_attributes: &[String], ids: &[String]) -> Self {
        let class_attributes: Vec<String> = class_attributes.iter().map(|a| a.to_ascii_lowercase()).collect();
        let classes = class_attributes.iter().flat_map(|a| a.split_ascii_whitespace()).map(str::to_owned).collect();
        let ids = ids.iter().map(|i| i.to_ascii_lowercase()).collect();
        PageNames { class_attributes, classes, ids }
    }

    /// Whether `selector` may match an element of this page: false only
    /// when it certainly cannot.
    pub fn may_match(&self, selector: &str) -> bool {
        match needs_of(selector) {
            // Any alternative of a list may match.
            Some(alternatives) => alternatives.iter().any(|needs| needs.iter().all(|n| self.has(n))),
            None => true,
        }
    }

    fn has(&self, need: &Need) -> bool {
        // The common cases, `.c` and `#i`, by lookup.
        match (need.class, need.op) {
            (true, Op::Word) => return self.classes.contains(&need.value),
            (false, Op::Equals) => return self.ids.contains(&need.value),
            _ => {}
        }
        let matches = |v: &String| attribute_matches(v, need.op, &need.value);
        if need.class {
            self.class_attributes.iter().any(matches)
        } else {
            self.ids.iter().any(matches)
        }
    }
}

/// Whether an attribute's value `v` matches `value` under `op`, as CSS says.
fn attribute_matches(v: &str, op: Op, value: &str) -> bool {
    match op {
        Op::Equals => v == value,
        Op::Word => v.split_ascii_whitespace().any(|w| w == value),
        Op::Prefix => v.starts_with(value),
        Op::Suffix => v.ends_with(value),
        Op::Substring => v.contains(value),
        Op::DashPrefix => v == value || v.strip_prefix(value).is_some_and(|rest| rest.starts_with('-')),
    }
}

/// The needs of each alternative of a selector list, or None when the
/// selector is not understood (it is then kept).
fn needs_of(selector: &str) -> Option<Vec<Vec<Need>>> {
    let chars: Vec<char> = selector.chars().collect();
    let mut alternatives = vec![Vec::new()];
    let mut depth = 0usize;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' => i = skip_escape(&chars, i)?,
            '"' | '\'' => i = skip_string(&chars, i)?,
            '(' => {
                depth += 1;
                i += 1;
            }
            ')' => {
                depth = depth.checked_sub(1)?;
                i += 1;
            }
            ',' if depth == 0 => {
                alternatives.push(Vec::new());
                i += 1;
            }
            '[' => {
                let (need, next) = attribute_need(&chars, i)?;
                if depth == 0 {
                    alternatives.last_mut()?.extend(need);
                }
                i = next;
            }
            '.' | '#' if depth == 0 => {
                let (name, next) = ident(&chars, i + 1)?;
                let need =
                    if c == '.' { Need::new(true, Op::Word, &name) } else { Need::new(false, Op::Equals, &name) };
                alternatives.last_mut()?.push(need);
                i = next;
            }
            _ => i += 1,
        }
    }
    (depth == 0).then_some(alternatives)
}

/// The index after a backslash escape starting at `i`.
fn skip_escape(chars: &[char], i: usize) -> Option<usize> {
    let (_, next) = escape(chars, i)?;
    Some(next)
}

/// A CSS escape at `i` (a backslash): the character it stands for and the
/// index after it. Hex escapes take up to six digits and one whitespace.
fn escape(chars: &[char], i: usize) -> Option<(char, usize)> {
    let first = *chars.get(i + 1)?;
    if !first.is_ascii_hexdigit() {
        return (first != '\n').then_some((first, i + 2));
    }
    let mut end = i + 1;
    while end < chars.len() && end < i + 7 && chars[end].is_ascii_hexdigit() {
        end += 1;
    }
    let hex: String = chars[i + 1..end].iter().collect();
    let code = u32::from_str_radix(&hex, 16).ok()?;
    let ch = char::from_u32(code).filter(|c| *c != '\0').unwrap_or('\u{fffd}');
    let next = if chars.get(end).is_some_and(|c| c.is_ascii_whitespace()) { end + 1 } else { end };
    Some((ch, next))
}

/// The index after a quoted string starting at `i`.
fn skip_string(chars: &[char], i: usize) -> Option<usize> {
    let (_, next) = string(chars, i)?;
    Some(next)
}

/// A quoted string at `i` (its quote): its value and the index after it.
fn string(chars: &[char], i: usize) -> Option<(String, usize)> {
    let quote = chars[i];
    let mut value = String::new();
    let mut j = i + 1;
    loop {
        match *chars.get(j)? {
            c if c == quote => return Some((value, j + 1)),
            '\\' => {
                let (c, next) = escape(chars, j)?;
                value.push(c);
                j = next;
            }
            '\n' => return None,
            c => {
                value.push(c);
                j += 1;
            }
        }
    }
}

/// An identifier starting at `i` (escapes decoded) and the index after it;
/// None when there is none.
fn ident(chars: &[char], i: usize) -> Option<(String, usize)> {
    let mut name = String::new();
    let mut j = i;
    while let Some(&c) = chars.get(j) {
        if c == '\\' {
            let (decoded, next) = escape(chars, j)?;
            name.push(decoded);
            j = next;
        } else if c.is_alphanumeric() || c == '-' || c == '_' || !c.is_ascii() {
            name.push(c);
            j += 1;
        } else {
            break;
        }
    }
    (!name.is_empty()).then_some((name, j))
}

/// An attribute selector at `i` (its `[`): what it needs of the page's
/// classes or ids (nothing, for other attributes or a bare `[class]`), and
/// the index after its `]`.
fn attribute_need(chars: &[char], i: usize) -> Option<(Option<Need>, usize)> {
    let mut j = skip_space(chars, i + 1);
    let (name, next) = ident(chars, j)?;
    j = skip_space(chars, next);
    if chars.get(j) == Some(&'|') && chars.get(j + 1) != Some(&'=') {
        // A namespace prefix (`[svg|class]`): not understood, never a need.
        return Some((None, close_bracket(chars, j)?));
    }
    let op = match (chars.get(j), chars.get(j + 1)) {
        (Some(']'), _) => return Some((None, j + 1)),
        (Some('='), _) => Op::Equals,
        (Some('~'), Some('=')) => Op::Word,
        (Some('^'), Some('=')) => Op::Prefix,
        (Some('$'), Some('=')) => Op::Suffix,
        (Some('*'), Some('=')) => Op::Substring,
        (Some('|'), Some('=')) => Op::DashPrefix,
        _ => return None,
    };
    j = skip_space(chars, j + if op == Op::Equals { 1 } else { 2 });
    let (value, next) = match chars.get(j) {
        Some('"' | '\'') => string(chars, j)?,
        _ => ident(chars, j)?,
    };
    let end = close_bracket(chars, next)?;
    let name = name.to_ascii_lowercase();
    // An empty value matches nothing for ^= $= *=, but keeping is the safe side.
    let need =
        (matches!(name.as_str(), "class" | "id") && !value.is_empty()).then(|| Need::new(name == "class", op, &value));
    Some((need, end))
}

/// The index after the `]` closing an attribute selector (past a flag such
/// as ` i`), from `i`.
fn close_bracket(chars: &[char], i: usize) -> Option<usize> {
    let mut j = i;
    while let Some(&c) = chars.get(j) {
        match c {
            ']' => return Some(j + 1),
            '"' | '\'' => j = skip_string(chars, j)?,
            '\\' => j = skip_escape(chars, j)?,
            '[' => return None,
            _ => j += 1,
        }
    }
    None
}

fn skip_space(chars: &[char], mut i: usize) -> usize {
    while chars.get(i).is_some_and(|c| c.is_ascii_whitespace()) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page() -> PageNames {
        let classes = ["ad-wrapper  Gemini-Ad".to_owned(), "md:block pb-5".to_owned(), "top-[92px]".to_owned()];
        let ids = ["sda-LREC".to_owned(), "LeadAd-1".to_owned()];
        PageNames::new(&classes, &ids)
    }

    #[test]
    fn drops_selectors_naming_absent_classes_or_ids() {
        let page = page();
        for absent in [
            ".searchSuperTopAds",
            "#sda-MAST",
            "div[id^=\"COMMENTSLDRB\"]",
            "div[class*=\"ads-\"]",
            ".ad-wrapper .darla",
            "div[data-beacon] > div[class*=\"streamBoxShadow\"]",
            ".bg-marshmallow:has(.ad-container)",
            "[class=\"ad-wrapper\"]",
            "[id$='-2']",
            "[class|=pb]",
            "[class|=\"md:block\"]",
        ] {
            assert!(!page.may_match(absent), "{absent} kept");
        }
    }

    #[test]
    fn keeps_selectors_the_page_may_match() {
        let page = page();
        for present in [
            ".ad-wrapper",
            ".gemini-ad",
            "#SDA-lrec",
            "div[id^=\"LeadAd-\"]",
            "div[class*='gemini' i]",
            ".md\\:block.pb-5:has-text(Advertisement)",
            ".top-\\[92px\\]",
            ".\\74 op-\\[92px\\]",
            "a[href^=\"https://api.taboola.com/\"]",
            "div[style=\"height: 250px; width: 970px;\"]",
            ".ad-wrapper:not(.absent)",
            ".absent, .ad-wrapper",
            "[class|=top]",
            "[class~=pb-5]",
            "[class]",
            "li[data-test-locator=\"stream-related-ad-item\"]",
        ] {
            assert!(page.may_match(present), "{present} dropped");
        }
    }

    #[test]
    fn keeps_what_it_does_not_understand() {
        let page = page();
        for odd in [".absent(", "[class*=\"absent\"", ".absent\\", "[svg|class=absent]", "[class=\"x\ny\"]", "#"] {
            assert!(page.may_match(odd), "{odd} dropped");
        }
    }
}
