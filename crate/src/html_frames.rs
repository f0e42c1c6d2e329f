//! A frame's document, read natively as the extension's frame script reads
//! it (`extension/content/frame-summary.js`): what it shows, for the slot in
//! the top page that holds it. `adlens replay` gives these to the engine
//! when a journey (or a HAR recording) holds its frames' documents, so an ad
//! whose creative is one or more frames down gets its landing page and text
//! as it does in the browser.

use scraper::{Html, Selector};
use url::Url;

use crate::html_scan::{frame_names, urls};
use crate::html_text::visible_text;
use crate::page::FrameReport;
use crate::plan::ScanPlan;

/// What the frame at `url`, named `name` (its `window.name`; empty when
/// unknown), shows: its visible text, and its links, images and frames as
/// absolute URLs, capped as the plan caps a candidate's.
pub fn frame_report_from_html(html: &str, url: &str, name: &str, plan: &ScanPlan) -> FrameReport {
    let doc = Html::parse_document(html);
    // The body, as the frame script reads it: a frame's title is not shown.
    let body = Selector::parse("body").ok().and_then(|b| doc.select(&b).next());
    let root = body.unwrap_or_else(|| doc.root_element());
    let base = Url::parse(url).ok();
    let max = plan.limits.max_urls;
    FrameReport {
        url: url.to_owned(),
        name: name.to_owned(),
        text: visible_text(root, plan.limits.max_text_chars),
        links: urls(root, "a[href]", "href", max, base.as_ref()),
        images: urls(root, "img[src]", "src", max, base.as_ref()),
        frames: urls(root, "iframe[src]", "src", max, base.as_ref()),
        frame_names: frame_names(root, max),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Engine;
    use crate::html_scan::snapshot_from_html;

    const SLOT: &str =
        r#"<div id="div-gpt-ad-1"><iframe src="https://tpc.googlesyndication.com/c.html"></iframe></div>"#;
    const CONTAINER: &str = r#"<body><iframe src="/creative.html" name="creative"></iframe></body>"#;
    const CREATIVE: &str = r#"<title>Ad</title><body><script>var x = "not shown";</script>
      <a href="https://googleads.g.doubleclick.net/aclk?adurl=https%3A%2F%2Fshop.example%2Fp%2F1"><img src="shoe.png">Trail Runner X</a></body>"#;

    #[test]
    fn a_frame_reads_as_the_frame_script_reads_it() {
        let plan = Engine::new().scan_plan().clone();
        let container = frame_report_from_html(CONTAINER, "https://tpc.googlesyndication.com/c.html", "", &plan);
        assert_eq!(container.frames, ["https://tpc.googlesyndication.com/creative.html"]);
        assert_eq!(container.frame_names, ["creative"]);
        let creative = frame_report_from_html(CREATIVE, "https://tpc.googlesyndication.com/creative.html", "x", &plan);
        assert_eq!(creative.name, "x");
        assert_eq!(creative.text, "Trail Runner X");
        assert_eq!(creative.images, ["https://tpc.googlesyndication.com/shoe.png"]);
        assert_eq!(creative.links.len(), 1);
    }

    #[test]
    fn a_creative_two_frames_down_gives_its_slot_a_landing_page() {
        let engine = Engine::new();
        let plan = engine.scan_plan().clone();
        let mut page = snapshot_from_html(SLOT, "https://news.example/a", &plan, None);
        let alone = engine.analyze_page(page.clone(), 0).expect("report");
        assert_eq!(alone.items[0].item.landing_domain, None);
        page.frames = vec![
            frame_report_from_html(CONTAINER, "https://tpc.googlesyndication.com/c.html", "", &plan),
            frame_report_from_html(CREATIVE, "https://tpc.googlesyndication.com/creative.html", "", &plan),
        ];
        let report = engine.analyze_page(page, 0).expect("report");
        assert_eq!(report.items[0].item.landing_domain.as_deref(), Some("shop.example"));
        assert!(report.items[0].item.text.contains("Trail Runner X"));
    }
}
