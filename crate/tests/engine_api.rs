//! The engine through its public API only, as the shell and the CLI use it.

use adlens::verdict::{Kind, CLASSIFIER_VERSION};
use adlens::{Engine, InputError};

const NEWS_SNAPSHOT: &str = r#"{
  "url": "http://news.example/article/running.html",
  "title": "How to start trail running",
  "lang": "en",
  "candidates": [
    {"key": 1, "source": "marker", "tag": "div", "id": "div-gpt-ad-1700000000000-0"},
    {"key": 2, "source": "marker", "parent": 1, "tag": "iframe", "id": "google_ads_iframe_/1234/news/article_0"},
    {"key": 3, "source": "marker", "tag": "div", "classes": ["OUTBRAIN"], "heading": "Around the web"},
    {"key": 4, "source": "heading", "tag": "section", "heading": "Ostatnio oglądane"},
    {"key": 5, "source": "heading", "tag": "section", "heading": "Latest news"}
  ]
}"#;

#[test]
fn finds_the_slot_once_the_widget_and_the_polish_section() {
    let report = Engine::new().analyze_json(NEWS_SNAPSHOT, 0).expect("valid snapshot");
    let keys: Vec<u32> = report.items.iter().map(|i| i.item.key).collect();
    assert_eq!(keys, vec![1, 3, 4], "the iframe inside the slot is the same ad");
    assert_eq!(report.items[2].verdict.kind, Kind::Retargeted);
    assert_eq!(report.counts.generic, 2);
    assert!(report.items.iter().all(|i| i.verdict.classifier_version == CLASSIFIER_VERSION));
}

#[test]
fn the_same_input_gives_the_same_report() {
    let engine = Engine::new();
    let a = serde_json::to_string(&engine.analyze_json(NEWS_SNAPSHOT, 0).expect("ok")).expect("json");
    let b = serde_json::to_string(&Engine::new().analyze_json(NEWS_SNAPSHOT, 0).expect("ok")).expect("json");
    assert_eq!(a, b);
}

#[test]
fn malformed_json_is_a_clear_error() {
    let err = Engine::new().analyze_json("{\"url\": [", 0).expect_err("malformed");
    assert!(matches!(err, InputError::Malformed(_)));
    assert!(err.to_string().starts_with("malformed page snapshot:"), "{err}");
}

#[test]
fn every_plan_selector_is_reported_back_as_a_vendor() {
    let engine = Engine::new();
    let plan = engine.scan_plan();
    for rule in adlens::vendors::VENDOR_RULES {
        assert!(plan.marker_selector.contains(&rule.marker.selector()), "{:?}", rule.marker);
    }
}
