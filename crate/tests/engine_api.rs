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

fn page(url: &str, title: &str, text: &str) -> adlens::page::PageSnapshot {
    adlens::page::PageSnapshot {
        url: url.into(),
        title: title.into(),
        lang: Some("en".into()),
        text: text.into(),
        ..Default::default()
    }
}

#[test]
fn five_megabytes_of_page_text_are_cut_at_the_documented_cap() {
    let huge = "marathon training plans and running shoes ".repeat(120_000);
    assert!(huge.len() > 5_000_000);
    let started = std::time::Instant::now();
    let report = Engine::new().analyze_page(page("https://news.example/a", &huge, &huge), 0).expect("analysed");
    assert_eq!(report.topics.top().map(|t| t.topic.as_str()), Some("fitness_running"));
    assert!(started.elapsed().as_secs() < 5, "cut before reading: {:?}", started.elapsed());
}

#[test]
fn an_unknown_language_gets_no_topics_and_generic_verdicts() {
    let mut engine = Engine::new();
    let thai = "การวิ่งมาราธอนครั้งแรกของคุณ รองเท้าวิ่งที่ดีที่สุด";
    let mut snapshot = page("https://news.example/th", thai, thai);
    snapshot.lang = Some("th".into());
    let report = engine.visit_page(snapshot, 0).expect("analysed");
    assert!(report.topics.topics.is_empty());
    assert!(engine.interests(0).topics.is_empty());
}

#[test]
fn visits_in_the_future_never_break_the_profile_or_the_sentences() {
    let mut engine = Engine::new();
    let year = 365 * 24 * 60 * 60 * 1000;
    let travel = "Beach holidays, cheap flights and island hotels for your next trip";
    for i in 0..3 {
        let url = format!("https://travel.example/{i}");
        engine.visit_page(page(&url, travel, travel), 2 * year).expect("future visit");
    }
    // Read "a year earlier" than the visits were stamped: no growth, no panic.
    let interests = engine.interests(year);
    assert_eq!(interests.topics.first().map(|t| t.0.as_str()), Some("travel"));
    assert!(interests.weight <= 3.0, "{}", interests.weight);
    let json = r#"{"url":"https://news.example/b","title":"Budget vote in parliament","candidates":[
        {"key":1,"source":"marker","tag":"div","id":"div-gpt-ad-1","text":"Island holidays and beach hotels",
         "links":["https://travel.example/deals"]}]}"#;
    let report = engine.analyze_json(json, year).expect("analysed");
    let sentences: Vec<&str> = report.items[0].verdict.evidence.iter().map(|e| e.sentence.as_str()).collect();
    assert_eq!(sentences[0], "You visited travel.example just now", "{sentences:?}");
}

#[test]
fn a_corrupted_profile_is_refused_and_the_engine_starts_afresh() {
    let mut engine = Engine::new();
    let travel = "Beach holidays, cheap flights and island hotels for your next trip";
    engine.visit_page(page("https://travel.example/", travel, travel), 0).expect("visit");
    let bad: adlens::profile::InterestProfile =
        serde_json::from_str(r#"{"version": 7, "sites": {}}"#).expect("shape is fine, version is not");
    let err = engine.restore_profile(bad).expect_err("refused");
    assert!(err.to_string().contains("version 7"), "{err}");
    assert!(engine.profile().sites.is_empty(), "started afresh");
}

#[test]
fn retention_forgets_what_was_last_seen_before_the_cutoff() {
    let mut engine = Engine::new();
    let day = 24 * 60 * 60 * 1000;
    let travel = "Beach holidays, cheap flights and island hotels for your next trip";
    engine.visit_page(page("https://old.example/", travel, travel), day).expect("old visit");
    engine.visit_page(page("https://new.example/", travel, travel), 40 * day).expect("new visit");
    engine.observe_request("https://criteo.com/x", "https://old.example/", "image", day);
    engine.forget_before(10 * day);
    let sites: Vec<&str> = engine.profile().sites.keys().map(String::as_str).collect();
    assert_eq!(sites, vec!["new.example"]);
    assert!(engine.site_records().sites.is_empty());
}
