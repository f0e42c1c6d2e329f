//! The research export on every scenario journey: each line of an export of
//! the replayed journeys validates against the JSON Schema shipped in
//! `crate/schema/`, reads back as the same observations, and rebuilds the
//! same memory (interests, products, third parties) in an empty engine, which
//! is what the extension's import relies on.

#![allow(clippy::expect_used)]

use std::path::{Path, PathBuf};

use adlens::export::{ExportOptions, Exporter, Format, PageUrls, SCHEMA_JSON};
use adlens::import::parse_export;
use adlens::observations::Observation;
use adlens::replay::replay_observed;
use adlens::sensitive::SpecialCategory;
use adlens::verdict::{Evidence, Reason};
use adlens::Engine;
use serde_json::{json, Value};

const NOW: u64 = 1_795_000_000_000;

fn journeys() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/scenarios/journeys");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("journeys")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    assert!(files.len() >= 20, "the scenario suite is there");
    files
}

/// Replays one journey; the engine and every observation it made.
fn replayed(journey: &Path) -> (Engine, Vec<Observation>) {
    let mut engine = Engine::new();
    let mut observations = Vec::new();
    let errors = replay_observed(journey, &mut engine, |_| {}, |batch| observations.extend(batch));
    assert!(errors.is_empty(), "{}: {errors:?}", journey.display());
    (engine, observations)
}

fn export(options: ExportOptions, observations: &[Observation]) -> String {
    let mut exporter = Exporter::new(options, "a fresh salt for this export", "test", NOW).expect("options");
    let mut text = exporter.header_line();
    for o in observations {
        text.extend(exporter.line(o));
    }
    text
}

#[test]
fn every_line_of_every_export_validates_against_the_shipped_schema() {
    let schema: Value = serde_json::from_str(SCHEMA_JSON).expect("the schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("the schema is a valid JSON Schema");
    let mut lines = 0;
    let mut types = std::collections::BTreeSet::new();
    for journey in journeys() {
        let (_, observations) = replayed(&journey);
        for options in [
            ExportOptions::default(),
            ExportOptions {
                drop_query: true,
                page_urls: PageUrls::Hash,
                include_evidence: false,
                ..Default::default()
            },
            ExportOptions { page_urls: PageUrls::Site, ..Default::default() },
        ] {
            for line in export(options, &observations).lines() {
                let value: Value = serde_json::from_str(line).expect("JSON");
                let errors: Vec<String> = validator.iter_errors(&value).map(|e| e.to_string()).collect();
                assert!(errors.is_empty(), "{}: {line}\n{errors:?}", journey.display());
                types.insert(value["type"].as_str().unwrap_or_default().to_owned());
                lines += 1;
            }
        }
    }
    assert!(lines > 500, "{lines} lines checked");
    let expected = ["export", "item_seen", "page_visit", "remarketing_event", "tracker_contact"];
    assert_eq!(types.iter().map(String::as_str).collect::<Vec<_>>(), expected, "every record type is exercised");
}

#[test]
fn the_schema_names_each_reason_and_its_parameters() {
    let schema: Value = serde_json::from_str(SCHEMA_JSON).expect("JSON");
    let validator = jsonschema::validator_for(&schema).expect("valid schema");
    let mut reasons = std::collections::BTreeSet::new();
    let mut item = None;
    for journey in journeys() {
        let (_, observations) = replayed(&journey);
        for line in export(ExportOptions::default(), &observations).lines() {
            let value: Value = serde_json::from_str(line).expect("JSON");
            for reason in value["evidence"].as_array().into_iter().flatten() {
                reasons.insert(reason["type"].as_str().unwrap_or_default().to_owned());
                if reason["type"] == "label_phrase" && item.is_none() {
                    item = Some(value.clone());
                }
            }
        }
    }
    // What the 32 recorded journeys give (all but cross_site_ids_present);
    // each is checked by its own definition in the schema by the test above.
    for expected in [
        "label_phrase",
        "no_profile_yet",
        "no_targeting_evidence",
        "non_personalised_request",
        "remarketing_tag_seen",
        "retargeting_vendor",
        "served_by",
        "topic_differs_from_page",
        "topic_matches_page",
        "topic_matches_profile",
        "viewed_product",
        "visited_shop",
    ] {
        assert!(reasons.contains(expected), "{expected} in {reasons:?}");
    }
    let item = item.expect("an item with a heading");
    let label = item["evidence"]
        .as_array()
        .and_then(|e| e.iter().position(|r| r["type"] == "label_phrase"))
        .expect("label_phrase");
    assert!(item["evidence"][label]["heading"].is_string(), "the heading as written: {item}");
    for broken in [
        json!({ "type": "label_phrase", "sentence": "s", "language": "en", "implied": null }),
        json!({ "type": "label_phrase", "sentence": "s", "phrase": "p", "language": "en", "implied": "maybe" }),
        json!({ "type": "viewed_product", "sentence": "s", "product": "p", "shop": "s", "viewedAt": "yesterday" }),
        json!({ "type": "served_by", "sentence": "s", "vendor": "v", "extra": 1 }),
        json!({ "type": "made_up", "sentence": "s" }),
        json!({ "type": "no_targeting_evidence" }),
    ] {
        let mut value = item.clone();
        value["evidence"][label] = broken.clone();
        assert!(!validator.is_valid(&value), "the schema refuses {broken}");
    }
    // The one reason no recorded journey gives, as the engine writes it.
    let mut cross_site = item.clone();
    let reason =
        Evidence { reason: Reason::CrossSiteIdsPresent { providers: vec!["ID5".into()] }, sentence: "s".into() };
    cross_site["evidence"][label] = serde_json::to_value(reason).expect("JSON");
    assert!(validator.is_valid(&cross_site));
    // A site that passed on no consent to personalised ads, as the engine
    // writes it; a purpose that has nothing to do with them is refused.
    let mut refused = item.clone();
    let reason = Evidence { reason: Reason::PersonalisedAdsRefused { purposes: vec![3, 4] }, sentence: "s".into() };
    refused["evidence"][label] = serde_json::to_value(reason).expect("JSON");
    assert!(validator.is_valid(&refused), "{refused}");
    refused["evidence"][label]["purposes"] = json!([1]);
    assert!(!validator.is_valid(&refused));
    // A profile match on a sensitive topic, as the engine writes it; a
    // category the schema does not know is refused.
    let mut sensitive = item.clone();
    let reason = Evidence {
        reason: Reason::TopicMatchesProfile {
            topic: "health".into(),
            share: 0.4,
            reveals: Some(SpecialCategory::Health),
        },
        sentence: "s".into(),
    };
    sensitive["evidence"][label] = serde_json::to_value(reason).expect("JSON");
    assert!(validator.is_valid(&sensitive), "{sensitive}");
    sensitive["evidence"][label]["reveals"] = json!("gossip");
    assert!(!validator.is_valid(&sensitive));
    let mut older = item.clone();
    older["evidence"][label].as_object_mut().map(|r| r.remove("heading"));
    assert!(validator.is_valid(&older), "an item seen before the heading was kept is still valid");
}

#[test]
fn the_schema_refuses_what_the_reader_refuses() {
    let schema: Value = serde_json::from_str(SCHEMA_JSON).expect("JSON");
    let validator = jsonschema::validator_for(&schema).expect("valid schema");
    let (_, observations) = replayed(&journeys()[0]);
    let text = export(ExportOptions::default(), &observations);
    let item = text.lines().find(|l| l.contains("\"type\":\"item_seen\"")).expect("an item");
    for (from, to) in [
        ("\"kind\":\"", "\"kind\":\"x"),
        ("\"confidence\":", "\"confidence\":7"),
        ("\"visitId\"", "\"visitID\""),
        ("\"time\":\"2", "\"time\":\"yesterday 2"),
    ] {
        let broken = item.replacen(from, to, 1);
        let value: Value = serde_json::from_str(&broken).expect("still JSON");
        assert!(!validator.is_valid(&value), "the schema refuses {to}");
        assert!(adlens::import::parse_line(&broken).is_err(), "the reader refuses {to}");
    }
}

#[test]
fn an_export_read_back_rebuilds_the_same_memory() {
    for journey in journeys() {
        let (engine, observations) = replayed(&journey);
        let text = export(ExportOptions::default(), &observations);
        let imported = parse_export(&text).expect("reads back");
        assert_eq!(imported.observations, observations, "{}", journey.display());

        let mut rebuilt = Engine::new();
        rebuilt.apply_observations(&imported.observations);
        let (want, got) = (engine.interests(NOW), rebuilt.interests(NOW));
        let topics = |i: &adlens::profile::Interests| i.topics.iter().map(|(t, _)| t.clone()).collect::<Vec<_>>();
        assert_eq!(topics(&got), topics(&want), "{}: same interests", journey.display());
        for ((_, a), (_, b)) in want.topics.iter().zip(&got.topics) {
            assert!((a - b).abs() < 0.02, "{}: shares {a} and {b}", journey.display());
        }
        let names = |e: &Engine| e.product_memory().products.iter().map(|p| p.product.url.clone()).collect::<Vec<_>>();
        assert_eq!(names(&rebuilt), names(&engine), "{}: same products", journey.display());
        let parties = |e: &Engine| {
            e.site_records()
                .sites
                .iter()
                .map(|(s, r)| (s.clone(), r.third_parties.keys().cloned().collect::<Vec<_>>(), r.remarketing.len()))
                .collect::<Vec<_>>()
        };
        assert_eq!(parties(&rebuilt), parties(&engine), "{}: same third parties", journey.display());
    }
}

#[test]
fn a_csv_export_has_a_row_per_observation() {
    let (_, observations) = replayed(&journeys()[0]);
    let text = export(ExportOptions { format: Format::Csv, ..Default::default() }, &observations);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(reader.headers().expect("header").len(), adlens::export::CSV_COLUMNS.len());
    assert_eq!(reader.records().count(), observations.len());
}
