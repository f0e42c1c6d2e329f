//! Ad markers that are words ("Sponsored", "Anzeige", "广告"…): on a saved
//! page, the items such a word marks when it is the whole text of an
//! element, whatever the element's classes. The content script does the
//! same (`extension/content/scan.js`, `textMarkers`); native only.

use std::collections::HashSet;

use scraper::{ElementRef, Html, Selector};

use crate::html_text::NOT_TEXT;
use crate::plan::ScanPlan;

/// Longest text (in characters) taken for an ad marker.
const MAX_MARKER_CHARS: usize = 24;
/// How far up a marker's item is looked for.
const MARKER_LEVELS: usize = 4;
/// Most links a marked item has: more, and it is a list, not one item.
const MAX_MARKED_LINKS: usize = 10;

/// An ad marker's text as markers are compared: trimmed, single-spaced,
/// lower-case, without a trailing colon.
pub fn marker_text(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    words.join(" ").trim_end_matches(':').trim_end().to_lowercase()
}

/// Items marked by an ad marker that is the whole text of an element
/// ("Sponsored" in a tile, whatever the classes), with the marker as it is
/// written, as the content script finds them: within MARKER_LEVELS, the
/// closest label container, else the closest ancestor with a link; it must
/// hold 1 to MAX_MARKED_LINKS links. Each with the element whose text the
/// marker is.
pub fn text_marked<'a>(doc: &'a Html, plan: &ScanPlan) -> Vec<(ElementRef<'a>, String, ElementRef<'a>)> {
    let mut found = Vec::new();
    let markers: HashSet<&str> = plan.text_markers.iter().copied().collect();
    let (Ok(containers), Ok(link)) = (Selector::parse(&plan.label_container_selector), Selector::parse("a[href]"))
    else {
        return found;
    };
    for node in doc.tree.nodes() {
        let Some(text) = node.value().as_text() else { continue };
        if text.chars().count() > MAX_MARKER_CHARS * 4 {
            continue;
        }
        let norm = marker_text(text);
        if norm.chars().count() > MAX_MARKER_CHARS || !markers.contains(norm.as_str()) {
            continue;
        }
        let Some(label) = node.parent().and_then(ElementRef::wrap) else { continue };
        let hidden = std::iter::once(label)
            .chain(label.ancestors().filter_map(ElementRef::wrap))
            .any(|a| NOT_TEXT.contains(&a.value().name()));
        // The marker stands alone: the whole text of its element, with no
        // running text beside it ("… <span>Promoted</span> posts are …").
        let beside = label
            .prev_siblings()
            .chain(label.next_siblings())
            .any(|s| s.value().as_text().is_some_and(|t| !t.trim().is_empty()));
        if hidden || beside || marker_text(&label.text().collect::<String>()) != norm {
            continue;
        }
        let near = || label.ancestors().take(MARKER_LEVELS).filter_map(ElementRef::wrap);
        let container =
            near().find(|a| containers.matches(a)).or_else(|| near().find(|a| a.select(&link).next().is_some()));
        let page_itself = |c: &ElementRef<'_>| {
            matches!(c.value().name(), "body" | "html" | "main") || c.value().attr("role") == Some("main")
        };
        let Some(container) = container.filter(|c| !page_itself(c)) else { continue };
        let links = container.select(&link).take(MAX_MARKED_LINKS + 1).count();
        if (1..=MAX_MARKED_LINKS).contains(&links) {
            found.push((container, text.trim().to_owned(), label));
        }
    }
    found
}
