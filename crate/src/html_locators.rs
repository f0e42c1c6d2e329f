//! Where the native scan's candidates are in a saved page, for people
//! reading a report (`adlens replay`), and what a scan missed (the real-page
//! tests).

use std::collections::{HashMap, HashSet};

use scraper::{ElementRef, Html, Selector};

use crate::html_scan::snapshot_of;
use crate::lists::FilterLists;
use crate::page::PageSnapshot;
use crate::plan::ScanPlan;

/// Where a candidate is in the document, for people reading a report.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Locator {
    /// The element's `id` attribute, when it has one.
    pub id: Option<String>,
    /// A CSS selector path to the element from the nearest ancestor with an
    /// id (or from `html`), with `:nth-of-type` where siblings share a tag.
    pub css_path: String,
}

/// [`crate::html_scan::snapshot_from_html`], plus each candidate's [`Locator`] by key.
pub fn snapshot_with_locators(
    html: &str,
    page_url: &str,
    plan: &ScanPlan,
    lists: Option<&FilterLists>,
) -> (PageSnapshot, HashMap<u32, Locator>) {
    let doc = Html::parse_document(html);
    let (snapshot, keys) = snapshot_of(&doc, page_url, plan, lists);
    let locators = keys
        .iter()
        .filter_map(|(node, key)| {
            let el = doc.tree.get(*node).and_then(ElementRef::wrap)?;
            Some((*key, Locator { id: el.value().id().map(str::to_owned), css_path: css_path(el) }))
        })
        .collect();
    (snapshot, locators)
}

fn css_path(el: ElementRef<'_>) -> String {
    let mut parts = Vec::new();
    for current in std::iter::once(el).chain(el.ancestors().filter_map(ElementRef::wrap)) {
        let value = current.value();
        if let Some(id) = value.id().filter(|id| is_plain_ident(id)) {
            parts.push(format!("#{id}"));
            break;
        }
        let name = value.name();
        let same_tag =
            |n: &ego_tree::NodeRef<'_, scraper::Node>| n.value().as_element().is_some_and(|e| e.name() == name);
        let before = current.prev_siblings().filter(same_tag).count();
        let after = current.next_siblings().filter(same_tag).count();
        parts.push(if before + after == 0 { name.to_owned() } else { format!("{name}:nth-of-type({})", before + 1) });
    }
    parts.reverse();
    parts.join(" > ")
}

/// An id usable as `#id` in CSS without escaping.
fn is_plain_ident(id: &str) -> bool {
    id.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Elements matching `selector` that are neither a found item nor inside
/// one, described as `tag#id.class`: what a scan missed. `found` are the
/// keys of the items the engine reported for this document's snapshot.
pub fn uncovered(
    html: &str,
    page_url: &str,
    plan: &ScanPlan,
    lists: Option<&FilterLists>,
    found: &HashSet<u32>,
    selector: &str,
) -> Vec<String> {
    let doc = Html::parse_document(html);
    let (_, keys) = snapshot_of(&doc, page_url, plan, lists);
    let Ok(selector) = Selector::parse(selector) else { return vec![format!("bad selector {selector}")] };
    let is_found = |el: ElementRef<'_>| keys.get(&el.id()).is_some_and(|k| found.contains(k));
    doc.select(&selector)
        .filter(|el| !is_found(*el) && !el.ancestors().filter_map(ElementRef::wrap).any(is_found))
        .map(|el| {
            let v = el.value();
            format!("{}#{}.{}", v.name(), v.id().unwrap_or(""), v.classes().collect::<Vec<_>>().join("."))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locators_name_the_id_or_a_css_path() {
        let html = r#"<html><body><main><section><h2>Recommended for you</h2><a href="/a">A</a></section>
            <section><h2>Trending</h2></section></main><div id="div-gpt-ad-1"></div></body></html>"#;
        let (snapshot, locators) = snapshot_with_locators(html, "https://shop.example/", &ScanPlan::build(), None);
        let paths: Vec<(Option<String>, String)> =
            snapshot.candidates.iter().map(|c| locators[&c.key].clone()).map(|l| (l.id, l.css_path)).collect();
        assert!(paths.contains(&(Some("div-gpt-ad-1".into()), "#div-gpt-ad-1".into())), "{paths:?}");
        assert!(paths.contains(&(None, "html > body > main > section:nth-of-type(1)".into())), "{paths:?}");
    }
}
