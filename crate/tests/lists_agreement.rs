//! Network verdicts against the consensus of two independent engines (Ghostery
//! adblocker and Brave adblock) on the same EasyList + EasyPrivacy, over 6,462
//! real requests. Target: ≥ 99.9 % agreement on non-disputed rows.

mod common;

use adlens::lists::FilterLists;
use serde::Deserialize;

const DECISIONS: &str = "requests/decisions-easylist+easyprivacy-202608130520.dev.jsonl.gz";

#[derive(Deserialize)]
struct Decision {
    url: String,
    #[serde(rename = "sourceUrl")]
    source_url: String,
    #[serde(rename = "type")]
    request_type: String,
    consensus: String,
}

#[test]
fn network_verdicts_agree_with_the_consensus() {
    let lists = common::real_lists();
    assert_eq!(lists.info().version_string(), "easylist@202608130520+easyprivacy@202608130529");
    let (mut agree, mut total) = (0usize, 0usize);
    let mut disagreements = Vec::new();
    for line in common::read_gz_lines(DECISIONS) {
        let d: Decision = serde_json::from_str(&line).expect("a decision row");
        if d.consensus == "disputed" {
            continue;
        }
        total += 1;
        let blocked = lists.check_request(&d.url, &d.source_url, &d.request_type).blocked;
        if blocked == (d.consensus == "block") {
            agree += 1;
        } else {
            disagreements.push(format!("{} {} {} → {}", d.consensus, d.request_type, d.url, blocked));
        }
    }
    let rate = agree as f64 / total as f64;
    println!("agreement: {agree}/{total} = {:.4}%", rate * 100.0);
    assert!(total > 6_400, "{total} rows");
    assert!(
        rate >= 0.999,
        "agreement {rate:.5} below 0.999; first disagreements: {:#?}",
        &disagreements[..disagreements.len().min(10)]
    );
}

#[test]
fn the_real_snapshot_round_trips_and_keeps_its_verdicts() {
    let lists = common::real_lists();
    let snapshot = lists.to_snapshot();
    let restored = FilterLists::from_snapshot(&snapshot).expect("loads");
    let page = "https://news.example/";
    for url in ["https://securepubads.g.doubleclick.net/tag/js/gpt.js", "https://www.google-analytics.com/analytics.js"]
    {
        assert!(restored.check_request(url, page, "script").blocked, "{url}");
    }
    assert!(!restored.check_request("https://news.example/app.js", page, "script").blocked);
    assert_eq!(restored.info(), lists.info());
}
