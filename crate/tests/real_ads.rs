//! Detection on 1,832 real ads captured on news sites (Zeng et al., ConPro
//! 2020): each snippet is scanned as the content script would scan it, with
//! the real filter lists. Targets: recall ≥ 0.98; platform attribution
//! ≥ 0.95 where the dataset names a platform; landing domain ≥ 0.9 where
//! the snippet contains it.

mod common;

use adlens::domains::{host_of, registrable_domain};
use adlens::html_scan::snapshot_from_html;
use adlens::Engine;
use serde::Deserialize;

const ADS: &str = "ads/conpro-bad-ads/ads_with_html.dev.jsonl.gz";

#[derive(Deserialize)]
struct Ad {
    ad_id: String,
    parent_url: String,
    landing_url: String,
    ad_platform: String,
    ad_html: String,
}

/// The dataset's platform names as AdLens's networks.
fn network_of(platform: &str) -> Option<&'static str> {
    match platform {
        "Google" => Some("Google"),
        "Taboola" => Some("Taboola"),
        "Outbrain" => Some("Outbrain"),
        "RevContent" => Some("Revcontent"),
        "Zergnet" => Some("Zergnet"),
        _ => None,
    }
}

#[test]
fn real_ads_are_found_attributed_and_followed_to_their_landing_page() {
    let mut engine = Engine::new();
    engine.set_lists(common::real_lists());
    let ads: Vec<Ad> = common::read_gz_lines(ADS).iter().map(|l| serde_json::from_str(l).expect("an ad")).collect();
    assert_eq!(ads.len(), 1_832);
    let (mut found, mut attributable, mut attributed, mut with_landing, mut landed) = (0, 0, 0, 0, 0);
    let mut missed = Vec::new();
    let mut misattributed = Vec::new();
    let mut mislanded = Vec::new();
    for ad in &ads {
        let html = format!("<!doctype html><html><body>{}</body></html>", ad.ad_html);
        let snapshot = snapshot_from_html(&html, &ad.parent_url, engine.scan_plan(), engine.lists());
        let report = engine.analyze_page(snapshot, 0).expect("a valid snapshot");
        if report.items.is_empty() {
            missed.push(format!(
                "{} [{}] {}",
                ad.ad_id,
                ad.ad_platform,
                &ad.ad_html.chars().take(160).collect::<String>()
            ));
            continue;
        }
        found += 1;
        if let Some(network) = network_of(&ad.ad_platform) {
            attributable += 1;
            if report.items.iter().any(|i| i.item.network == Some(network)) {
                attributed += 1;
            } else {
                misattributed.push(format!("{} {} → {:?}", ad.ad_id, network, report.items[0].item.network));
            }
        }
        let expected = host_of(&ad.landing_url).map(|h| registrable_domain(&h)).unwrap_or_default();
        if !expected.is_empty() && ad.ad_html.contains(&expected) {
            with_landing += 1;
            if report.items.iter().any(|i| i.item.landing_domain.as_deref() == Some(expected.as_str())) {
                landed += 1;
            } else {
                mislanded.push(format!("{} {expected} → {:?}", ad.ad_id, report.items[0].item.landing_domain));
            }
        }
    }
    let recall = found as f64 / ads.len() as f64;
    let attribution = attributed as f64 / attributable as f64;
    let landing = landed as f64 / with_landing as f64;
    println!("recall {found}/{} = {recall:.4}", ads.len());
    println!("platform attribution {attributed}/{attributable} = {attribution:.4}");
    println!("landing domain {landed}/{with_landing} = {landing:.4}");
    for m in missed.iter().take(8) {
        println!("missed: {m}");
    }
    for m in misattributed.iter().take(5) {
        println!("misattributed: {m}");
    }
    for m in mislanded.iter().take(8) {
        println!("wrong landing: {m}");
    }
    assert!(recall >= 0.98, "recall {recall:.4}");
    assert!(attribution >= 0.95, "attribution {attribution:.4}");
    assert!(landing >= 0.9, "landing {landing:.4}");
}
