//! Reading text off saved HTML as the content script reads it off the page
//! (`extension/content/text.js`): text nodes joined with a space,
//! whitespace collapsed, scripts and styles left out.

use std::collections::HashMap;

use scraper::{ElementRef, Html, Selector};

use crate::page::MAX_PAGE_TEXT_CHARS;

/// Elements whose text is never visible text.
pub(crate) const NOT_TEXT: &[&str] = &["script", "style", "noscript", "template"];

/// The text of the page's main part (`main`, else `article`, else the body),
/// leaving out found candidates and scripts, as the content script does.
pub(crate) fn main_text(doc: &Html, candidates: &HashMap<ego_tree::NodeId, u32>) -> String {
    let root = ["main, [role=main]", "article", "body"]
        .iter()
        .filter_map(|s| Selector::parse(s).ok())
        .find_map(|s| doc.select(&s).next());
    let Some(root) = root else { return String::new() };
    let mut out = String::new();
    let mut count = 0;
    let mut skip_until: Option<ego_tree::NodeId> = None;
    for edge in root.traverse() {
        let node = match edge {
            ego_tree::iter::Edge::Open(node) => node,
            ego_tree::iter::Edge::Close(node) => {
                if skip_until == Some(node.id()) {
                    skip_until = None;
                }
                continue;
            }
        };
        if skip_until.is_some() {
            continue;
        }
        if let Some(el) = node.value().as_element() {
            if candidates.contains_key(&node.id()) || NOT_TEXT.contains(&el.name()) {
                skip_until = Some(node.id());
            }
            continue;
        }
        let Some(text) = node.value().as_text() else { continue };
        for word in text.split_whitespace() {
            let chars = word.chars().count();
            if count + chars + 1 > MAX_PAGE_TEXT_CHARS {
                return out;
            }
            if !out.is_empty() {
                out.push(' ');
                count += 1;
            }
            out.push_str(word);
            count += chars;
        }
    }
    out
}

/// Text of the element outside scripts and styles, whitespace collapsed,
/// cut at `max` characters.
pub fn visible_text(el: ElementRef<'_>, max: usize) -> String {
    let mut out = String::new();
    let mut count = 0;
    for node in el.descendants() {
        let Some(text) = node.value().as_text() else { continue };
        let hidden = node.ancestors().filter_map(ElementRef::wrap).any(|a| NOT_TEXT.contains(&a.value().name()));
        if hidden {
            continue;
        }
        for word in text.split_whitespace() {
            if count >= max {
                return out;
            }
            if !out.is_empty() {
                out.push(' ');
                count += 1;
            }
            for ch in word.chars() {
                if count >= max {
                    return out;
                }
                out.push(ch);
                count += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_text_is_not_visible_text() {
        let doc = Html::parse_fragment("<div>Hello <script>var x = 'Sponsored';</script><b>world</b></div>");
        let div = doc.select(&Selector::parse("div").expect("css")).next().expect("div");
        assert_eq!(visible_text(div, 100), "Hello world");
        assert_eq!(visible_text(div, 4), "Hell");
    }
}
