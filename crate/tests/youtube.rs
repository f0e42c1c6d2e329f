//! YouTube's ads: the real saved watch page (`../shared/data/pages/ghostery-youtube`),
//! whose two video ads are in its player's data, and the fixture watch page
//! (`tests/sites/www.youtube.com/watch.html`) after the fixture shop's
//! product page, replayed as the extension sees them
//! (`tests/e2e/youtube.test.mjs`).

#![allow(clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};

use adlens::export::SCHEMA_JSON;
use adlens::html_scan::snapshot_from_html;
use adlens::html_youtube::add_scheduled_ads;
use adlens::import::parse_export;
use adlens::observations::Observation;
use adlens::replay::replay;
use adlens::verdict::{Kind, Reason};
use adlens::Engine;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

#[test]
fn the_real_watch_page_schedules_two_video_ads_each_with_its_advertisers_address() {
    let html = common::read_text("pages/ghostery-youtube/youtube-watch.html");
    let engine = Engine::new();
    let mut snapshot =
        snapshot_from_html(&html, "https://www.youtube.com/watch?v=4tPrAe4Wiyg", engine.scan_plan(), None);
    assert!(snapshot.candidates.is_empty(), "the page as sent draws no ad: its player's script does");
    add_scheduled_ads(&mut snapshot, &html, engine.scan_plan());
    let report = engine.analyze_page(snapshot, 0).expect("a valid snapshot");
    let ads: Vec<_> = report.items.iter().map(|i| &i.item).collect();
    assert_eq!(ads.len(), 2, "{ads:#?}");
    for ad in &ads {
        assert_eq!((ad.vendor, ad.network, ad.in_player), (Some("YouTube Ads"), Some("Google"), true));
        assert!(ad.text.starts_with("Sponsored"), "{}", ad.text);
        assert_eq!(ad.images.len(), 1);
    }
    // The click links are Google's, with no address in them: the card's
    // shown address is where each leads.
    let domains: Vec<_> = ads.iter().map(|a| a.landing_domain.as_deref()).collect();
    assert_eq!(domains, [Some("naver.com"), Some("uniqlo.com")]);
    assert_eq!(ads[0].landing_url.as_deref(), Some("https://brand.naver.com/"));
}

#[test]
fn youtubes_own_elements_are_asked_for_on_youtube_only() {
    let engine = Engine::new();
    let tags = engine.class_id_answer("https://www.youtube.com/watch?v=x", &[], &[], true).marked.tags;
    assert!(tags.iter().any(|t| t == "ytd-ad-slot-renderer"), "{tags:?}");
    assert!(engine.class_id_answer("https://news.example/", &[], &[], true).marked.tags.is_empty());
}

/// The fixture journey: the shop's product page, then the watch page.
fn journey_file() -> PathBuf {
    let sites = repo().join("tests/sites");
    let journey = [
        serde_json::json!({
            "time": "2026-11-20T10:00:00Z",
            "url": "http://shop.example/product/trail-runner-x.html",
            "html_file": sites.join("shop.example/product/trail-runner-x.html"),
        }),
        serde_json::json!({
            "time": "2026-11-20T11:00:00Z",
            "url": "https://www.youtube.com/watch?v=trail-first-month",
            "html_file": sites.join("www.youtube.com/watch.html"),
        }),
    ]
    .map(|v| v.to_string())
    .join("\n");
    let file = std::env::temp_dir().join(format!("adlens-youtube-{}-{}.jsonl", std::process::id(), rand_suffix()));
    std::fs::write(&file, journey).expect("journey written");
    file
}

/// Tests run in parallel: each journey file a name of its own.
fn rand_suffix() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

#[test]
fn the_video_ad_for_a_product_viewed_at_the_shop_follows_you_and_the_boxes_beside_it_are_youtubes() {
    let file = journey_file();
    let mut engine = Engine::new();
    let mut records = Vec::new();
    let errors = replay(&file, &mut engine, |record| records.push(record));
    std::fs::remove_file(&file).ok();
    assert!(errors.is_empty(), "{errors:?}");
    let watched: Vec<_> = records.iter().filter(|r| r.line == 2).collect();
    assert_eq!(watched.len(), 3, "the companion, the ad beside the video and the video ad");
    assert!(watched.iter().all(|r| r.item.vendor == Some("YouTube Ads")));
    let video = watched.iter().find(|r| r.item.in_player).expect("the video ad");
    assert_eq!(video.item.landing_domain.as_deref(), Some("shop.example"));
    assert_eq!(video.verdict.kind, Kind::Retargeted);
    assert!(
        video
            .verdict
            .evidence
            .iter()
            .any(|e| matches!(&e.reason, Reason::ViewedProduct { product, .. } if product == "Trail Runner X")),
        "{:?}",
        video.verdict.evidence
    );
    let boxes: Vec<_> =
        watched.iter().filter(|r| !r.item.in_player).map(|r| r.item.landing_domain.as_deref()).collect();
    assert_eq!(boxes, [Some("travelguide.example"), Some("shop.example")]);
}

#[test]
fn the_export_says_which_ad_played_in_the_player_and_a_file_from_before_reads_as_none_did() {
    let file = journey_file();
    let (_, text) = common::observed_and_exported(&file);
    std::fs::remove_file(&file).ok();
    let schema: serde_json::Value = serde_json::from_str(SCHEMA_JSON).expect("JSON");
    let validator = jsonschema::validator_for(&schema).expect("valid schema");
    let items: Vec<serde_json::Value> = text
        .lines()
        .filter(|l| l.contains("\"type\":\"item_seen\"") && l.contains("youtube.com"))
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    assert_eq!(items.len(), 3);
    assert!(items.iter().all(|i| validator.is_valid(i)), "{items:#?}");
    let in_player: Vec<bool> = items.iter().map(|i| i["inPlayer"].as_bool().expect("a boolean")).collect();
    assert_eq!(in_player.iter().filter(|p| **p).count(), 1, "{in_player:?}");

    // A file written before the field was recorded still validates and reads.
    let older = text.replace("\"inPlayer\":true,", "").replace("\"inPlayer\":false,", "");
    assert!(!older.contains("inPlayer"));
    for line in older.lines().skip(1) {
        let value: serde_json::Value = serde_json::from_str(line).expect("JSON");
        assert!(validator.is_valid(&value), "{line}");
    }
    let imported = parse_export(&older).expect("an older file imports");
    let seen = imported.observations.iter().filter(|o| matches!(o, Observation::ItemSeen(i) if i.in_player)).count();
    assert_eq!(seen, 0);
}
