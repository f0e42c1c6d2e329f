//! Detection on real saved pages: every Outbrain, Taboola, Google Ad
//! Manager (GPT) and AdSense block of the article pages is found, and the
//! pages without ads yield nothing at all.

#![allow(clippy::expect_used)] // test helpers: a panic is a failing test

mod common;

use std::collections::HashSet;

use adlens::html_locators::uncovered;
use adlens::html_scan::snapshot_from_html;
use adlens::Engine;
use serde::Deserialize;

/// The vendors' public container markup (DOMAIN.md): what counts as a block.
const BLOCKS: &str = "div.OUTBRAIN, [id^=\"taboola-\"], .trc_related_container, [id^=\"div-gpt-ad\"], \
                      [id^=\"google_ads_iframe\"], ins.adsbygoogle";

#[derive(Deserialize)]
struct PageEntry {
    file: String,
    original_url: Option<String>,
}

fn pages(prefix: &str) -> Vec<(String, String)> {
    let manifest: Vec<PageEntry> = serde_json::from_str(&common::read_text("pages/manifest.json")).expect("manifest");
    manifest
        .into_iter()
        .filter(|p| p.file.starts_with(prefix))
        .map(|p| {
            let url = match p.original_url.as_deref() {
                Some(u) if u.starts_with("//") => format!("https:{u}"),
                Some(u) => u.to_owned(),
                None => "https://example.org/".to_owned(),
            };
            (p.file, url)
        })
        .collect()
}

fn engine() -> Engine {
    let mut engine = Engine::new();
    engine.set_lists(common::real_lists());
    engine
}

#[test]
fn every_vendor_block_of_the_article_pages_is_found() {
    let engine = engine();
    let pages = pages("readability/");
    assert_eq!(pages.len(), 14);
    let mut blocks_missed = Vec::new();
    for (file, url) in &pages {
        let html = common::read_text(&format!("pages/{file}"));
        let report = engine
            .analyze_page(snapshot_from_html(&html, url, engine.scan_plan(), engine.lists()), 0)
            .expect("a valid snapshot");
        assert!(!report.items.is_empty(), "{file}: nothing found");
        let found: HashSet<u32> = report.items.iter().map(|i| i.item.key).collect();
        for block in uncovered(&html, url, engine.scan_plan(), engine.lists(), &found, BLOCKS) {
            blocks_missed.push(format!("{file}: {block}"));
        }
        println!("{file}: {} items", report.items.len());
    }
    assert!(blocks_missed.is_empty(), "vendor blocks not found: {blocks_missed:#?}");
}

#[test]
fn pages_without_ads_yield_nothing() {
    let engine = engine();
    let pages = pages("negatives/");
    assert_eq!(pages.len(), 8);
    for (file, url) in pages {
        let html = common::read_text(&format!("pages/{file}"));
        let report =
            engine.analyze_page(snapshot_from_html(&html, &url, engine.scan_plan(), engine.lists()), 0).expect("valid");
        let what: Vec<_> = report.items.iter().map(|i| (i.item.source, i.item.text.clone())).collect();
        assert!(what.is_empty(), "{file}: {what:?}");
    }
}

#[test]
fn widgets_named_only_by_their_heading_are_found_as_their_own_modules() {
    let engine = engine();
    let pages = pages("readability/");
    let scan = |file: &str| {
        let (_, url) = pages.iter().find(|(f, _)| f == file).expect("a page of the manifest");
        let html = common::read_text(&format!("pages/{file}"));
        engine.analyze_page(snapshot_from_html(&html, url, engine.scan_plan(), engine.lists()), 0).expect("valid").items
    };
    // kotaku.com: "You may also like" is its own module; the side column
    // around it (with an ad slot) is not taken for it.
    let kotaku = scan("readability/lazy-image-2.html");
    let module = kotaku.iter().find(|i| i.item.label.as_ref().is_some_and(|l| l.phrase == "you may also like"));
    assert_eq!(module.and_then(|m| m.item.element_id.as_deref()), Some("trending-module"));
    assert!(
        kotaku.iter().any(|i| i.item.element_id.as_deref() == Some("leftrail_dynamic_ad_wrapper")),
        "the column's ad slot is still an item of its own"
    );
    // tmz.com: an "Around The Web" block with no vendor markup.
    let tmz = scan("readability/tmz-1.html");
    let around =
        tmz.iter().find(|i| i.item.label.as_ref().is_some_and(|l| l.phrase == "around the web")).expect("found");
    assert!(around.item.text.starts_with("Around The Web"), "{}", around.item.text);
}

#[test]
fn vendor_widgets_are_named_by_their_own_titles_and_no_item_is_about_tea_for_the_word_the() {
    let engine = engine();
    let pages = pages("readability/");
    let mut named = Vec::new();
    for (file, url) in &pages {
        let html = common::read_text(&format!("pages/{file}"));
        let report =
            engine.analyze_page(snapshot_from_html(&html, url, engine.scan_plan(), engine.lists()), 0).expect("valid");
        for item in &report.items {
            if let (Some(id), Some(label)) = (item.item.element_id.as_deref(), item.item.label.as_ref()) {
                if matches!(item.item.vendor, Some("Taboola" | "Outbrain" | "Zergnet")) {
                    named.push(format!("{id}: {}", label.heading));
                }
            }
            let words: Vec<&str> =
                item.verdict.topics.topics.iter().flat_map(|t| t.words.iter().map(String::as_str)).collect();
            assert!(!words.contains(&"the"), "{file}: {:?} counts \"the\" as a topic word", item.item.element_id);
        }
    }
    named.sort();
    assert_eq!(
        named,
        [
            "bbccom_outbrain_ar_8: You Might Also Like",
            "bbccom_outbrain_ar_9: From Around the Web",
            "taboola-below-article-thumbnails-card-layout-short: MORE FOR YOU",
            "taboola-bottom-main-column-mix: We Recommend",
            "taboola-right-rail-thumbnails-multi-story-layout: YOU MAY LIKE",
            "zergnet-widget-40875: Around The Web",
        ]
    );
}
