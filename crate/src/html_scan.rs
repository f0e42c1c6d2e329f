//! The content script's gathering, done natively on saved HTML: the same
//! [`ScanPlan`] decides which elements become candidates, so `adlens scan`
//! and the extension find the same items. There is no layout here, so every
//! candidate's box is empty.

use std::collections::{HashMap, HashSet};

use scraper::{ElementRef, Html, Selector};
use url::Url;

use crate::domains::registrable_domain;
use crate::html_frames::frame_report_from_html;
use crate::html_holders::reported_holders;
use crate::html_markers::text_marked;
use crate::html_products::product_hints;
use crate::html_sections::heading_section;
use crate::html_text::{main_text, visible_text};
use crate::lexicon::match_label;
use crate::lists::FilterLists;
use crate::page::{Candidate, CandidateSource, PageSnapshot, Rect, MAX_CLASSES_AND_IDS, MAX_HEADINGS, MAX_SHORT_CHARS};
use crate::plan::ScanPlan;

/// Builds the snapshot the content script would send for this page.
pub fn snapshot_from_html(html: &str, page_url: &str, plan: &ScanPlan, lists: Option<&FilterLists>) -> PageSnapshot {
    snapshot_of(&Html::parse_document(html), page_url, plan, lists).0
}

/// The snapshot, and each candidate's key by the node it was read from.
pub(crate) fn snapshot_of(
    doc: &Html,
    page_url: &str,
    plan: &ScanPlan,
    lists: Option<&FilterLists>,
) -> (PageSnapshot, HashMap<ego_tree::NodeId, u32>) {
    let base = Url::parse(page_url).ok();
    let mut picked = Picked::default();

    // A site's own elements mark its pages only (the extension asks for
    // them there alone).
    let site = base.as_ref().and_then(Url::host_str).map(registrable_domain).unwrap_or_default();
    let foreign = |el: &ElementRef<'_>| {
        plan.class_id_markers.site_tags.iter().any(|(s, t)| *t == el.value().name() && *s != site)
    };
    if let Ok(markers) = Selector::parse(&plan.marker_selector) {
        for el in doc.select(&markers).filter(|el| !foreign(el)) {
            picked.add(el, CandidateSource::Marker);
        }
    }
    if let Some(lists) = lists {
        for selector in cosmetic_selectors(doc, page_url, lists) {
            for el in doc.select(&selector) {
                picked.add(el, CandidateSource::Cosmetic);
            }
        }
    }
    // The headings and small labels that name a section.
    let mut naming = HashSet::new();
    for (labels, containers, is_heading) in [
        (&plan.heading_selector, &plan.heading_container_selector, true),
        (&plan.label_selector, &plan.label_container_selector, false),
    ] {
        let (Ok(labels), Ok(containers)) = (Selector::parse(labels), Selector::parse(containers)) else { continue };
        for label in doc.select(&labels) {
            let text = visible_text(label, plan.limits.max_heading_chars + 1);
            // As the content script does: only sections whose heading (or
            // tiles whose label) the engine calls a label are described.
            if text.chars().count() > plan.limits.max_heading_chars || match_label(&text).is_none() {
                continue;
            }
            let container = if is_heading {
                heading_section(label, &containers, &picked.elements, &picked.seen)
            } else {
                label
                    .ancestors()
                    .filter_map(ElementRef::wrap)
                    .find(|a| containers.matches(a))
                    .or_else(|| label.parent().and_then(ElementRef::wrap))
            };
            if let Some(container) = container.filter(|c| !matches!(c.value().name(), "body" | "html")) {
                naming.insert(label.id());
                picked.add_labelled(container, text);
            }
        }
    }

    // As the content script does: a marker word that is (or is inside) a
    // heading naming a section has already labelled it.
    for (item, label, marker) in text_marked(doc, plan) {
        let inside_naming = std::iter::once(marker)
            .chain(marker.ancestors().filter_map(ElementRef::wrap))
            .any(|a| naming.contains(&a.id()));
        if !inside_naming {
            picked.add_labelled(item, label);
        }
    }

    let labels = std::mem::take(&mut picked.labels);
    let mut chosen = picked.elements;
    chosen.truncate(plan.limits.max_candidates);
    let keys: HashMap<_, u32> = chosen.iter().enumerate().map(|(i, (el, _))| (el.id(), i as u32 + 1)).collect();
    let holders = reported_holders(&chosen, &keys);
    let heading_selector = Selector::parse(&plan.heading_selector).ok();
    let candidates = chosen
        .iter()
        .filter_map(|(el, source)| Some((el, source, *holders.get(&el.id())?)))
        .map(|(el, source, holder)| {
            let mut candidate = describe(*el, *source, holder, plan, &keys, heading_selector.as_ref(), base.as_ref());
            if let Some(label) = labels.get(&el.id()) {
                candidate.heading = Some(label.clone());
            }
            candidate
        })
        .collect();
    let title = Selector::parse("title")
        .ok()
        .and_then(|t| doc.select(&t).next().map(|t| visible_text(t, plan.limits.max_heading_chars)))
        .unwrap_or_default();
    let lang = doc.root_element().value().attr("lang").map(str::to_owned);
    let product_hints = product_hints(doc, plan, base.as_ref());
    let inside_items = |el: ElementRef<'_>| {
        std::iter::once(el).chain(el.ancestors().filter_map(ElementRef::wrap)).any(|a| keys.contains_key(&a.id()))
    };
    let description = Selector::parse(r#"meta[name="description"]"#)
        .ok()
        .and_then(|m| doc.select(&m).next().and_then(|m| m.value().attr("content")))
        .map(|d| d.split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_default();
    let headings = Selector::parse("h1, h2, h3")
        .map(|h| {
            doc.select(&h)
                .filter(|h| !inside_items(*h))
                .map(|h| visible_text(h, MAX_SHORT_CHARS))
                .filter(|t| !t.is_empty())
                .take(MAX_HEADINGS)
                .collect()
        })
        .unwrap_or_default();
    let text = main_text(doc, &keys);
    let page = PageSnapshot {
        url: page_url.to_owned(),
        title,
        lang,
        description,
        headings,
        text,
        candidates,
        product_hints,
        frames: Vec::new(),
        // A saved page does not say what the browser that loaded it sent.
        gpc: false,
    };
    (page, keys)
}

/// Candidate elements in the order picked; the first reason an element was
/// picked wins (markers, then filter lists, then headings).
#[derive(Default)]
struct Picked<'a> {
    elements: Vec<(ElementRef<'a>, CandidateSource)>,
    seen: HashSet<ego_tree::NodeId>,
    /// The label that made a container a candidate.
    labels: HashMap<ego_tree::NodeId, String>,
}

impl<'a> Picked<'a> {
    fn add(&mut self, el: ElementRef<'a>, source: CandidateSource) {
        if self.seen.insert(el.id()) {
            self.elements.push((el, source));
        }
    }

    fn add_labelled(&mut self, el: ElementRef<'a>, label: String) {
        if self.seen.insert(el.id()) {
            self.elements.push((el, CandidateSource::Heading));
            self.labels.insert(el.id(), label);
        }
    }
}

/// The filter lists' element-hiding selectors for this page, parsed; the
/// few the CSS parser does not understand are skipped.
fn cosmetic_selectors(doc: &Html, page_url: &str, lists: &FilterLists) -> Vec<Selector> {
    let mut classes = HashSet::new();
    let mut ids = HashSet::new();
    for node in doc.root_element().descendants().filter_map(ElementRef::wrap) {
        if classes.len() < MAX_CLASSES_AND_IDS {
            classes.extend(node.value().classes());
        }
        if ids.len() < MAX_CLASSES_AND_IDS {
            ids.extend(node.value().id());
        }
    }
    lists.hiding_selectors(page_url, classes, ids).iter().filter_map(|s| Selector::parse(s).ok()).collect()
}

fn describe(
    el: ElementRef<'_>,
    source: CandidateSource,
    parent: Option<u32>,
    plan: &ScanPlan,
    keys: &HashMap<ego_tree::NodeId, u32>,
    heading_selector: Option<&Selector>,
    base: Option<&Url>,
) -> Candidate {
    let limits = &plan.limits;
    let value = el.value();
    // Inside another candidate only the markers matter, as in the content
    // script: the outer one's text and links already include this one's.
    let nested = parent.is_some();
    let heading = heading_selector
        .and_then(|h| if h.matches(&el) { Some(el) } else { el.select(h).next() })
        .map(|h| visible_text(h, limits.max_heading_chars + 1))
        .filter(|t| !t.is_empty() && t.chars().count() <= limits.max_heading_chars);
    let mut candidate = Candidate {
        key: keys.get(&el.id()).copied().unwrap_or_default(),
        source,
        parent,
        tag: value.name().to_owned(),
        id: value.id().map(str::to_owned),
        classes: value.classes().take(limits.max_urls).map(str::to_owned).collect(),
        attributes: plan
            .attributes
            .iter()
            .filter_map(|name| value.attr(name).map(|v| ((*name).to_owned(), v.to_owned())))
            .collect(),
        heading: heading.filter(|_| !nested),
        text: if nested { String::new() } else { visible_text(el, limits.max_text_chars) },
        links: if nested && value.name() != "a" {
            Vec::new()
        } else {
            urls(el, "a[href]", "href", if nested { 1 } else { limits.max_urls }, base)
        },
        frames: if nested { Vec::new() } else { urls(el, "iframe[src]", "src", limits.max_urls, base) },
        frame_names: if nested { Vec::new() } else { frame_names(el, limits.max_urls) },
        images: if nested { Vec::new() } else { urls(el, "img[src]", "src", limits.max_urls, base) },
        rect: Rect::default(),
    };
    if !nested {
        add_srcdoc_frames(el, &mut candidate, plan, base);
    }
    candidate
}

/// A creative written into `<iframe srcdoc>` is part of its slot, as the
/// extension's frame reports make it: its text, links and images are added
/// to the candidate (a saved page has no other frame content to read).
fn add_srcdoc_frames(el: ElementRef<'_>, candidate: &mut Candidate, plan: &ScanPlan, base: Option<&Url>) {
    let Ok(selector) = Selector::parse("iframe[srcdoc]") else { return };
    let limits = &plan.limits;
    let own = selector.matches(&el).then_some(el);
    for frame in own.into_iter().chain(el.select(&selector)).take(limits.max_urls) {
        let Some(srcdoc) = frame.value().attr("srcdoc") else { continue };
        // A srcdoc document's base URL is its parent's.
        let report = frame_report_from_html(srcdoc, base.map_or("", Url::as_str), "", plan);
        if !report.text.is_empty() && candidate.text.chars().count() < limits.max_text_chars {
            if !candidate.text.is_empty() {
                candidate.text.push(' ');
            }
            candidate.text.push_str(&report.text);
        }
        for (list, found) in [(&mut candidate.links, report.links), (&mut candidate.images, report.images)] {
            let room = limits.max_urls.saturating_sub(list.len());
            list.extend(found.into_iter().take(room));
        }
    }
}

/// `name` of the frames in (or being) the element.
pub(crate) fn frame_names(el: ElementRef<'_>, max: usize) -> Vec<String> {
    let Ok(selector) = Selector::parse("iframe[name]") else { return Vec::new() };
    let own = selector.matches(&el).then_some(el);
    own.into_iter()
        .chain(el.select(&selector))
        .filter_map(|f| f.value().attr("name"))
        .map(str::to_owned)
        .take(max)
        .collect()
}

pub(crate) fn urls(el: ElementRef<'_>, selector: &str, attr: &str, max: usize, base: Option<&Url>) -> Vec<String> {
    let Ok(selector) = Selector::parse(selector) else { return Vec::new() };
    let own = selector.matches(&el).then_some(el);
    own.into_iter()
        .chain(el.select(&selector))
        .filter_map(|node| node.value().attr(attr))
        // An empty attribute is no link, as the content script reads it.
        .filter(|raw| !raw.trim().is_empty())
        .filter_map(|raw| match base {
            Some(base) => base.join(raw.trim()).ok(),
            None => Url::parse(raw.trim()).ok(),
        })
        .map(String::from)
        .take(max)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Engine;

    const PAGE: &str = r#"<!doctype html><html lang="en"><head><title>Running</title></head><body>
      <div id="div-gpt-ad-1-0"><iframe id="google_ads_iframe_/1/x_0" src="https://tpc.googlesyndication.com/x"></iframe></div>
      <section><h2>Recently viewed</h2><a href="/p/1">Shoe</a></section>
      <section><h2>Latest news</h2></section>
      <div class="comments"><p>Sponsored</p><script>var label = "Recommended for you";</script></div>
    </body></html>"#;

    #[test]
    fn gathers_like_the_content_script() {
        let engine = Engine::new();
        let snapshot = snapshot_from_html(PAGE, "https://news.example/a", engine.scan_plan(), None);
        assert_eq!(snapshot.title, "Running");
        assert_eq!(snapshot.lang.as_deref(), Some("en"));
        let iframe = snapshot.candidates.iter().find(|c| c.tag == "iframe").expect("the GPT iframe");
        assert_eq!(iframe.parent, Some(1), "nested in the slot");
        let report = engine.analyze_page(snapshot, 0).expect("valid");
        let found: Vec<_> =
            report.items.iter().map(|i| (i.item.network, i.item.label.as_ref().map(|l| l.phrase))).collect();
        assert_eq!(found, vec![(Some("Google"), None), (None, Some("recently viewed"))]);
    }

    #[test]
    fn a_heading_labels_its_own_module_not_the_column_around_it() {
        // As kotaku.com's side column: the closest section-like container
        // above the heading is the whole column, with an ad in it.
        let html = r#"<html><body><article><h1>Maps</h1><p>Text</p>
            <div class="partner"><h3>Sponsored links</h3><ul><li><a href="https://brand.example/">Cases</a></li></ul></div>
            </article><aside><div><div><div><div id="more">
              <header><h2><strong>You</strong> may also like</h2></header>
              <div><a href="/a">One</a><a href="/b">Two</a></div>
            </div></div></div><div id="div-gpt-ad-1-0"></div></div></aside>
            <section><div><h2>Recently viewed</h2></div><a href="/p/1">Shoe</a></section>
            <div class="OUTBRAIN" id="ob"><div><h3>Around the web</h3><a href="/c">Three</a></div></div>
            <aside><h2>Trending</h2><div id="div-gpt-ad-2-0"></div></aside></body></html>"#;
        let engine = Engine::new();
        let snapshot = snapshot_from_html(html, "https://news.example/a", engine.scan_plan(), None);
        // Outbrain's heading makes no candidate of its own inside the block.
        let by_heading = snapshot.candidates.iter().filter(|c| c.source == CandidateSource::Heading).count();
        assert_eq!(by_heading, 3, "sponsored links, you may also like, recently viewed");
        let report = engine.analyze_page(snapshot, 0).expect("valid");
        let found: Vec<_> = report
            .items
            .iter()
            .map(|i| (i.item.element_id.as_deref(), i.item.label.as_ref().map(|l| l.phrase), i.item.text.as_str()))
            .collect();
        assert_eq!(
            found,
            vec![
                // Found by their markers first, in page order: Outbrain's
                // block is what its heading heads.
                (Some("div-gpt-ad-1-0"), None, ""),
                (Some("ob"), Some("around the web"), "Around the web Three"),
                // The only section above "Trending" is the column holding
                // this slot, with no links beside the heading: no item.
                (Some("div-gpt-ad-2-0"), None, ""),
                (None, Some("sponsored links"), "Sponsored links Cases"),
                (Some("more"), Some("you may also like"), "You may also like One Two"),
                (None, Some("recently viewed"), "Recently viewed Shoe"),
            ]
        );
    }

    #[test]
    fn a_sponsored_tile_is_an_ad_and_its_neighbours_are_not() {
        let html = r#"<html><body><ul>
            <li class="product-card"><span class="sponsored-label">Sponsored</span><a href="https://brand.example/p">Shoe</a></li>
            <li class="product-card"><a href="/p/2">Our shoe</a></li></ul>
            <p class="sponsor-note">Sponsored results are paid placements.</p></body></html>"#;
        let engine = Engine::new();
        let snapshot = snapshot_from_html(html, "https://shop.example/search", engine.scan_plan(), None);
        let report = engine.analyze_page(snapshot, 0).expect("valid");
        let found: Vec<_> = report.items.iter().map(|i| (i.item.landing_domain.as_deref(), i.item.item_type)).collect();
        assert_eq!(found, vec![(Some("brand.example"), crate::vendors::ItemType::Ad)]);
    }

    #[test]
    fn page_text_leaves_out_ads_and_scripts() {
        let html = r#"<html lang="en"><head><meta name="description" content="Marathon  tips"></head><body><main>
            <h1>Marathon training</h1><p>Run slowly.</p><script>var hidden = 1;</script>
            <div id="div-gpt-ad-1">Cheap flights to Rome</div></main></body></html>"#;
        let snapshot = snapshot_from_html(html, "https://news.example/", &ScanPlan::build(), None);
        assert_eq!(snapshot.description, "Marathon tips");
        assert_eq!(snapshot.headings, vec!["Marathon training"]);
        assert_eq!(snapshot.text, "Marathon training Run slowly.");
    }

    #[test]
    fn a_sites_own_ad_elements_are_candidates_on_its_pages_only() {
        let html = r#"<html><body><ytd-ad-slot-renderer><a href="/x">Trail shoes</a> shop.example</ytd-ad-slot-renderer>
            <ad-slot-renderer>Hiking poles</ad-slot-renderer></body></html>"#;
        let tags = |url: &str| -> Vec<String> {
            snapshot_from_html(html, url, &ScanPlan::build(), None).candidates.into_iter().map(|c| c.tag).collect()
        };
        assert_eq!(tags("https://www.youtube.com/watch?v=x"), ["ytd-ad-slot-renderer", "ad-slot-renderer"]);
        assert!(tags("https://news.example/").is_empty());
    }

    #[test]
    fn a_sponsored_marker_marks_its_tile_whatever_the_classes() {
        let html = r#"<html><body><main><div class="grid">
            <div class="r"><div class="r-top"><span>Sponsored</span></div><a href="https://brand.example/p">Summit Pro 3</a></div>
            <div class="r"><a href="/p/own">Trail Runner X</a></div>
            <div class="r"><b>Anzeige:</b> <a href="https://tent.example/">Ultralight tent</a></div>
          </div>
          <p>Some <span>Promoted</span> posts are <a href="/help">marked</a>.</p>
          <div><span>Werbung</span></div>
          <script>var label = "Sponsored";</script></main></body></html>"#;
        let snapshot = snapshot_from_html(html, "https://shop.example/deals", Engine::new().scan_plan(), None);
        let marked: Vec<(Option<&str>, &str)> =
            snapshot.candidates.iter().map(|c| (c.heading.as_deref(), c.text.as_str())).collect();
        assert_eq!(
            marked,
            [(Some("Sponsored"), "Sponsored Summit Pro 3"), (Some("Anzeige:"), "Anzeige: Ultralight tent")]
        );
    }

    #[test]
    fn a_creative_in_a_srcdoc_frame_belongs_to_its_slot() {
        let html = r#"<html><body><div id="div-gpt-ad-1"><iframe srcdoc="<a href='https://adclick.g.doubleclick.net/aclk?adurl=https%3A%2F%2Fshop.example%2Fp%2F1'><img src='/x.jpg' alt=''>Trail Runner X</a>"></iframe></div></body></html>"#;
        let mut engine = Engine::new();
        let snapshot = snapshot_from_html(html, "https://news.example/a", engine.scan_plan(), None);
        assert_eq!(snapshot.candidates[0].text, "Trail Runner X");
        let report = engine.visit_page(snapshot, 0).expect("report");
        assert_eq!(report.items[0].item.landing_domain.as_deref(), Some("shop.example"));
    }

    #[test]
    fn relative_links_are_made_absolute() {
        let engine = Engine::new();
        let snapshot = snapshot_from_html(PAGE, "https://news.example/a", engine.scan_plan(), None);
        let widget =
            snapshot.candidates.iter().find(|c| c.heading.as_deref() == Some("Recently viewed")).expect("widget");
        assert_eq!(widget.links, vec!["https://news.example/p/1"]);
    }
}
