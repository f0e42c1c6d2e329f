//! The section a heading introduces ("You may also like", "Around the
//! web"): the element a heading's label makes a candidate, on a saved page,
//! as the content script finds it (`extension/content/heading-section.js`).

use std::collections::HashSet;

use ego_tree::NodeId;
use scraper::{ElementRef, Selector};

use crate::page::CandidateSource;

/// How far above a heading a section-like container is taken as its section.
const SECTION_LEVELS: usize = 3;

/// The section a heading introduces, given the items picked before it (by
/// vendor markers, the lists, earlier headings), as the content script
/// finds it (`extension/content/heading-section.js`): the picked item it is
/// inside, if any (Outbrain's "Around the web" heads the Outbrain block);
/// else a section-like container within [`SECTION_LEVELS`] levels above it;
/// else the closest ancestor holding a link the heading does not (the
/// widget's items beside it); else its parent. A section holding a picked
/// item is not the heading's own (on kotaku.com the closest one above "You
/// may also like" is the whole side column, ad slots and all): then the
/// closest ancestor holding links beside the heading and no picked item.
pub fn heading_section<'a>(
    heading: ElementRef<'a>,
    containers: &Selector,
    picked: &[(ElementRef<'a>, CandidateSource)],
    seen: &HashSet<NodeId>,
) -> Option<ElementRef<'a>> {
    let ancestors = || heading.ancestors().filter_map(ElementRef::wrap);
    if let Some(item) = ancestors().find(|a| seen.contains(&a.id())) {
        return Some(item);
    }
    // As `contains` in the content script: an element holds itself too.
    let holds_picked =
        |a: &ElementRef<'a>| picked.iter().any(|(e, _)| e.id() == a.id() || e.ancestors().any(|x| x.id() == a.id()));
    let parent = heading.parent().and_then(ElementRef::wrap);
    let link = Selector::parse("a[href]").ok()?;
    let own = heading.select(&link).count();
    // The closest ancestor holding links beside the heading, unless it holds
    // a picked item (then so does every one above it).
    let with_links = || {
        ancestors()
            .take_while(|a| !matches!(a.value().name(), "body" | "html"))
            .find(|a| a.select(&link).nth(own).is_some())
            .filter(|a| !holds_picked(a))
    };
    if let Some(section) = ancestors().take(SECTION_LEVELS).find(|a| containers.matches(a)) {
        return if holds_picked(&section) { with_links() } else { Some(section) };
    }
    with_links().or_else(|| parent.filter(|p| !holds_picked(p)))
}
