//! The real AdGuard companies database (CC BY-SA 4.0, AdGuard and
//! WhoTracks.me) turned into AdLens's compact form.

mod common;

use adlens::trackers::TrackerDb;

#[test]
fn the_real_database_names_companies_and_categories() {
    let dir = "trackers/adguard-companiesdb";
    let db = TrackerDb::from_companiesdb(
        &common::read_text(&format!("{dir}/trackers.json")),
        &common::read_text(&format!("{dir}/companies.json")),
    )
    .expect("the real database loads");
    assert_eq!(db.domains.len(), 5_125);
    assert_eq!(db.version, "2026-07-20T11:02:11.184Z");
    let who = |host: &str| db.lookup(host).map(|t| (t.company.as_str(), t.category.as_str()));
    assert_eq!(who("static.criteo.net"), Some(("Criteo", "advertising")));
    assert_eq!(who("www.google-analytics.com"), Some(("Google", "site_analytics")));
    assert_eq!(who("connect.facebook.net"), Some(("Meta Platforms, Inc.", "advertising")));
    assert_eq!(who("news.example"), None);
    let compact = db.to_compact_json();
    assert!(compact.len() < 400_000, "compact form is {} bytes", compact.len());
    assert_eq!(TrackerDb::from_compact_json(&compact).expect("round trip"), db);
}
