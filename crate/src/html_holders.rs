//! Which candidate each candidate of a saved page is sent inside, and which
//! are not sent at all: those that say nothing their holder does not. The
//! content script does the same (`extension/content/holders.js`); native only.

use std::collections::{HashMap, HashSet};

use scraper::ElementRef;

use crate::page::CandidateSource;

/// The key of the candidate each candidate is sent inside (`Some(None)`:
/// none), or no entry for one the engine learns nothing from, which is not
/// sent, as the content script does (`reportedHolders` in
/// extension/content/holders.js): one the lists picked, inside another the
/// lists picked, and not a link. Every element the lists pick is an item, so
/// the one holding it already says that an ad is here; vendor markers would
/// have made it a marker candidate (picked first); and only a link has what
/// the holder may lack, its landing page.
pub(crate) fn reported_holders(
    chosen: &[(ElementRef<'_>, CandidateSource)],
    keys: &HashMap<ego_tree::NodeId, u32>,
) -> HashMap<ego_tree::NodeId, Option<u32>> {
    let sources: HashMap<_, _> = chosen.iter().map(|(el, source)| (el.id(), *source)).collect();
    let closest: HashMap<_, _> =
        chosen.iter().map(|(el, _)| (el.id(), el.ancestors().map(|a| a.id()).find(|a| keys.contains_key(a)))).collect();
    let is_cosmetic = |id: &ego_tree::NodeId| sources.get(id) == Some(&CandidateSource::Cosmetic);
    let left_out: HashSet<_> = chosen
        .iter()
        .filter(|(el, source)| {
            *source == CandidateSource::Cosmetic
                && el.value().name() != "a"
                && closest.get(&el.id()).copied().flatten().is_some_and(|holder| is_cosmetic(&holder))
        })
        .map(|(el, _)| el.id())
        .collect();
    chosen
        .iter()
        .filter(|(el, _)| !left_out.contains(&el.id()))
        .map(|(el, _)| {
            // Inside the closest candidate that is sent itself.
            let mut holder = closest.get(&el.id()).copied().flatten();
            while let Some(id) = holder.filter(|id| left_out.contains(id)) {
                holder = closest.get(&id).copied().flatten();
            }
            (el.id(), holder.and_then(|id| keys.get(&id).copied()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::engine::Engine;
    use crate::html_scan::snapshot_from_html;
    use crate::lists::FilterLists;
    use crate::plan::ScanPlan;

    #[test]
    fn list_picked_elements_inside_a_list_picked_one_are_sent_only_as_links() {
        let mut list = String::from("! Title: Test\n");
        for i in 0..crate::lists::MIN_RULES {
            list.push_str(&format!("||tracker{i}.example^\n"));
        }
        list.push_str("##.ad-slot\n##.ad-inner\n##.ad-link\n");
        let lists = FilterLists::compile(&[("test", &list)]).expect("compiles");
        let html = r#"<html><body>
            <div class="ad-slot" id="outer"><div class="ad-inner" id="inner">
              <div id="div-gpt-ad-9"><a class="ad-link" href="https://brand.example/">Go</a></div>
            </div></div></body></html>"#;
        let snapshot = snapshot_from_html(html, "https://news.example/", &ScanPlan::build(), Some(&lists));
        let mut sent: Vec<_> =
            snapshot.candidates.iter().map(|c| (c.id.as_deref(), c.tag.as_str(), c.parent)).collect();
        sent.sort_unstable();
        let outer = snapshot.candidates.iter().find(|c| c.id.as_deref() == Some("outer")).expect("the outer slot").key;
        let slot =
            snapshot.candidates.iter().find(|c| c.id.as_deref() == Some("div-gpt-ad-9")).expect("the GPT slot").key;
        // The GPT slot (a marker) and the link stay; the inner box, which says
        // nothing its holder does not, is left out, and what it held is sent
        // inside the outer slot.
        assert_eq!(
            sent,
            vec![(None, "a", Some(slot)), (Some("div-gpt-ad-9"), "div", Some(outer)), (Some("outer"), "div", None)]
        );
        let engine = Engine::new();
        let report = engine.analyze_page(snapshot, 0).expect("valid");
        let found: Vec<_> = report.items.iter().map(|i| (i.item.network, i.item.landing_domain.as_deref())).collect();
        assert_eq!(found, vec![(Some("Google"), Some("brand.example"))]);
    }
}
