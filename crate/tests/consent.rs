//! A site's consent banner, as the ad companies it calls are told of it: a
//! recorded journey (the fixture shop's product page, then a news article
//! that passes an IAB TCF string with no consent to personalised ads to
//! Google) replayed natively. The ad that follows the user there carries
//! the same evidence the extension gives it (`tests/e2e/retargeting.test.mjs`).
//! The same with the US strings (GPP, US Privacy): the user opted out; and
//! with the user's browser sending Global Privacy Control.

#![allow(clippy::expect_used)]

mod common;

use std::path::Path;

use adlens::consent::{Framework, OptOut};
use adlens::export::SCHEMA_JSON;
use adlens::import::parse_export;
use adlens::observations::Observation;
use adlens::replay::replay;
use adlens::verdict::{Kind, Reason};
use adlens::Engine;

/// A TC string with no purpose consented (lib_tcstring's test vector).
const NOTHING: &str = "COw4XqLOw4XqLAAAAAENAXCAAAAAAAAAAAAAAAAAAAAA.YAAAAAAAAAAAAAAAAAA";

fn journey(consent: &str) -> String {
    journey_passing(&format!("gdpr=1&gdpr_consent={consent}"))
}

/// The journey, the article's request to Google carrying `query`.
fn journey_passing(query: &str) -> String {
    let sites = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/sites");
    let shop = serde_json::json!({
        "time": "2026-11-20T10:00:00Z",
        "url": "http://shop.example/product/trail-runner-x.html",
        "html_file": sites.join("shop.example/product/trail-runner-x.html"),
        "requests": [{ "url": "http://sslwidget.criteo.com/event?a=424242&p0=e%3Dexd&p1=e%3Dvi%26p%3DTRX-42", "type": "image" }],
    });
    let news = serde_json::json!({
        "time": "2026-11-20T11:00:00Z",
        "url": "http://news.example/article/no-consent.html",
        "html_file": sites.join("news.example/article/no-consent.html"),
        "requests": [{ "url": format!("http://securepubads.g.doubleclick.net/pagead/ping?{query}"), "type": "image" }],
    });
    format!("{shop}\n{news}\n")
}

/// A journey's text in a file of its own.
fn written(journey: &str, name: &str) -> std::path::PathBuf {
    let file = std::env::temp_dir().join(format!("adlens-consent-{}-{name}.jsonl", std::process::id()));
    std::fs::write(&file, journey).expect("journey written");
    file
}

/// The verdict on the article's Criteo ad after the journey.
fn followed(consent: &str, name: &str) -> adlens::verdict::Verdict {
    followed_after(&journey(consent), name)
}

/// The verdict on the article's Criteo ad after a journey.
fn followed_after(journey: &str, name: &str) -> adlens::verdict::Verdict {
    let file = written(journey, name);
    let mut engine = Engine::new();
    let mut verdict = None;
    let errors = replay(&file, &mut engine, |record| {
        if record.locator.id.as_deref() == Some("crt-consent-1") {
            verdict = Some(record.verdict);
        }
    });
    std::fs::remove_file(&file).ok();
    assert!(errors.is_empty(), "{errors:?}");
    verdict.expect("the article's ad is found")
}

/// The observations a journey's replay makes, and their export as JSON
/// Lines (the header, then one line each).
fn observed_and_exported(journey: &str, name: &str) -> (Vec<Observation>, String) {
    let file = written(journey, name);
    let observed = common::observed_and_exported(&file);
    std::fs::remove_file(&file).ok();
    observed
}

/// The export's schema, compiled, and its `consent_signal` line as JSON.
fn consent_line(text: &str) -> (jsonschema::Validator, serde_json::Value) {
    let schema: serde_json::Value = serde_json::from_str(SCHEMA_JSON).expect("JSON");
    let validator = jsonschema::validator_for(&schema).expect("valid schema");
    let line = text.lines().find(|l| l.contains("\"type\":\"consent_signal\"")).expect("exported");
    let value: serde_json::Value = serde_json::from_str(line).expect("JSON");
    assert!(validator.is_valid(&value), "{line}");
    (validator, value)
}

#[test]
fn an_ad_that_follows_you_where_no_consent_was_passed_on_says_so() {
    let verdict = followed(NOTHING, "refused");
    assert_eq!(verdict.kind, Kind::Retargeted);
    let refused = verdict.evidence.iter().find(|e| matches!(e.reason, Reason::PersonalisedAdsRefused { .. }));
    let refused = refused.expect("the consent evidence");
    assert_eq!(refused.reason, Reason::PersonalisedAdsRefused { purposes: vec![3, 4] });
    assert_eq!(
        refused.sentence,
        "This site told ad companies you did not consent to personalised ads (IAB TCF purposes 3 and 4)"
    );
}

#[test]
fn consent_given_or_a_broken_string_adds_nothing() {
    // Purposes 1 to 10 consented (NOTHING with its purpose bits set).
    for (consent, name) in [("COvFyGBOvFyGBAbAAAENAPCAAP_AAAAAAAAAAEEUACCKAAA", "given"), ("COw4XqLOw4", "broken")] {
        let verdict = followed(consent, name);
        assert_eq!(verdict.kind, Kind::Retargeted);
        assert!(!verdict.evidence.iter().any(|e| matches!(e.reason, Reason::PersonalisedAdsRefused { .. })), "{name}");
    }
}

#[test]
fn the_consent_passed_on_is_an_observation_the_export_keeps_and_an_import_restores() {
    let (observations, text) = observed_and_exported(&journey(NOTHING), "export");
    let consent: Vec<&Observation> = observations.iter().filter(|o| o.type_name() == "consent_signal").collect();
    assert_eq!(consent.len(), 1, "one for the article's one request");
    let Observation::ConsentSignal(seen) = consent[0] else { panic!("a consent signal") };
    assert_eq!((seen.site.as_str(), seen.refused.clone(), seen.count), ("news.example", vec![3, 4], 1));

    let (validator, value) = consent_line(&text);
    let mut broken = value.clone();
    broken["refused"] = serde_json::json!([5]);
    assert!(!validator.is_valid(&broken));

    // A fresh engine that imports the export knows what the site passed on.
    let imported = parse_export(&text).expect("the export reads back");
    let mut fresh = Engine::new();
    fresh.apply_observations(&imported.observations);
    assert_eq!(fresh.site_records().consent("news.example").map(|c| c.refused.clone()), Some(vec![3, 4]));
}

#[test]
fn an_ad_that_follows_you_where_you_opted_out_says_so_with_the_us_strings() {
    // GPP, its US national section: opted out of sale, sharing and targeted advertising.
    let gpp = followed_after(&journey_passing("gdpr=0&gpp=DBABLA~BVVVVVVVVWA&gpp_sid=7"), "gpp");
    assert_eq!(gpp.kind, Kind::Retargeted);
    let opted_out = gpp.evidence.iter().find(|e| matches!(e.reason, Reason::TargetedAdsOptedOut { .. }));
    let opted_out = opted_out.expect("the opt-out evidence");
    assert_eq!(
        opted_out.reason,
        Reason::TargetedAdsOptedOut { opt_outs: vec![OptOut::Sale, OptOut::Sharing, OptOut::TargetedAdvertising] }
    );
    assert_eq!(
        opted_out.sentence,
        "This site told ad companies you opted out of the sale of your data, the sharing of your data for advertising \
         and targeted advertising (US privacy choices)"
    );
    // US Privacy, opted out of sale; and "did not opt out", which adds nothing.
    let usp = followed_after(&journey_passing("us_privacy=1YYN"), "usp");
    assert!(usp.evidence.iter().any(|e| e.reason == Reason::TargetedAdsOptedOut { opt_outs: vec![OptOut::Sale] }));
    let kept = followed_after(&journey_passing("us_privacy=1YNN"), "usp-kept");
    assert!(!kept.evidence.iter().any(|e| matches!(e.reason, Reason::TargetedAdsOptedOut { .. })));
}

#[test]
fn a_us_string_is_an_observation_the_export_keeps_and_an_import_restores_and_older_files_still_read() {
    let (_, text) = observed_and_exported(&journey_passing("gpp=DBABLA~BVVVVVVVVWA&gpp_sid=7"), "us-export");
    let (validator, value) = consent_line(&text);
    assert_eq!(value["framework"], "gpp");
    assert_eq!(value["cmpId"], serde_json::Value::Null);
    assert_eq!(value["optedOut"], serde_json::json!(["sale", "sharing", "targeted_advertising"]));
    assert!(
        value["id"].as_str().is_some_and(|id| id.ends_with("/consent/gpp/none/none/sale+sharing+targeted_advertising")),
        "{value}"
    );
    let mut broken = value.clone();
    broken["optedOut"] = serde_json::json!(["everything"]);
    assert!(!validator.is_valid(&broken));
    let imported = parse_export(&text).expect("the export reads back");
    let mut fresh = Engine::new();
    fresh.apply_observations(&imported.observations);
    let restored = fresh.site_records().consent("news.example").expect("restored");
    assert_eq!((restored.framework, restored.opted_out.len()), (Framework::Gpp, 3));

    // A line written before AdLens read US strings: no framework, no optedOut.
    let mut older = value.clone();
    let object = older.as_object_mut().expect("an object");
    object.remove("framework");
    object.remove("optedOut");
    object.insert("cmpId".into(), serde_json::json!(7));
    object.insert("refused".into(), serde_json::json!([3, 4]));
    assert!(validator.is_valid(&older), "{older}");
    let header = text.lines().next().expect("the header line");
    let text = format!("{header}\n{older}\n");
    let imported = parse_export(&text).expect("an older file reads");
    let Observation::ConsentSignal(seen) = &imported.observations[0] else { panic!("a consent signal") };
    assert_eq!((seen.framework, seen.cmp_id, seen.opted_out.is_empty()), (Framework::Tcf, Some(7), true));
}

#[test]
fn an_ad_that_follows_you_on_a_page_your_browser_sent_global_privacy_control_says_so_and_the_export_keeps_it() {
    // The journey's article visited with GPC on (`"gpc": true`), no consent string passed on.
    let lines: Vec<serde_json::Value> =
        journey_passing("gdpr=0").lines().map(|line| serde_json::from_str(line).expect("a visit")).collect();
    let mut news = lines[1].clone();
    news["gpc"] = serde_json::json!(true);
    let with_gpc = format!("{}\n{news}\n", lines[0]);
    let verdict = followed_after(&with_gpc, "gpc");
    assert_eq!(verdict.kind, Kind::Retargeted);
    let gpc = verdict.evidence.iter().find(|e| e.reason == Reason::GlobalPrivacyControl).expect("the GPC evidence");
    assert_eq!(gpc.sentence, "Your browser asked this site not to sell or share your data (Global Privacy Control)");
    assert!(!followed_after(&journey_passing("gdpr=0"), "no-gpc")
        .evidence
        .iter()
        .any(|e| e.reason == Reason::GlobalPrivacyControl));

    // Exported with the item, valid against the schema.
    let (_, text) = observed_and_exported(&with_gpc, "gpc-export");
    let schema: serde_json::Value = serde_json::from_str(SCHEMA_JSON).expect("JSON");
    let validator = jsonschema::validator_for(&schema).expect("valid schema");
    let line = text.lines().find(|l| l.contains("\"global_privacy_control\"")).expect("the item exported with it");
    let value: serde_json::Value = serde_json::from_str(line).expect("JSON");
    assert_eq!(value["type"], "item_seen");
    assert!(validator.is_valid(&value), "{line}");
}
