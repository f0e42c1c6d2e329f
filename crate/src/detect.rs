//! Which candidates are ads or recommendation widgets, and what they are.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::lexicon::{match_label, PhraseHint, PhraseMatch};
use crate::page::{Candidate, CandidateSource, PageSnapshot};
use crate::vendors::{match_vendor, ItemType};

/// An ad or widget the engine recognised, with the features the classifier
/// reads.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FoundItem {
    /// The shell's handle for the element.
    pub key: u32,
    /// Ad or recommendation.
    pub item_type: ItemType,
    /// The vendor or ad network, when a vendor marker identified it.
    pub vendor: Option<&'static str>,
    /// The label phrase that introduced it, if any.
    pub label: Option<PhraseMatch>,
}

/// Recognises the items among a page's candidates, in candidate order. An
/// item nested inside another item (a GPT iframe inside its slot) is dropped:
/// it is the same ad.
pub fn find_items(page: &PageSnapshot) -> Vec<FoundItem> {
    let found: Vec<FoundItem> = page.candidates.iter().filter_map(recognise).collect();
    let found_keys: HashSet<u32> = found.iter().map(|i| i.key).collect();
    let parents: HashMap<u32, u32> = page
        .candidates
        .iter()
        .filter_map(|c| c.parent.map(|p| (c.key, p)))
        .collect();
    found
        .into_iter()
        .filter(|item| !has_found_ancestor(item.key, &parents, &found_keys))
        .collect()
}

fn has_found_ancestor(key: u32, parents: &HashMap<u32, u32>, found: &HashSet<u32>) -> bool {
    let mut current = key;
    // Bounded walk: a hostile snapshot may contain a parent cycle.
    for _ in 0..parents.len() {
        match parents.get(&current) {
            Some(&p) if found.contains(&p) => return true,
            Some(&p) => current = p,
            None => return false,
        }
    }
    false
}

fn recognise(c: &Candidate) -> Option<FoundItem> {
    let label = c.heading.as_deref().and_then(match_label);
    match c.source {
        CandidateSource::Marker => {
            let rule = match_vendor(c)?;
            Some(FoundItem {
                key: c.key,
                item_type: rule.item_type,
                vendor: Some(rule.vendor),
                label,
            })
        }
        CandidateSource::Heading => {
            let label = label?;
            let item_type = match label.hint {
                PhraseHint::AdMarker => ItemType::Ad,
                _ => ItemType::Recommendation,
            };
            Some(FoundItem {
                key: c.key,
                item_type,
                vendor: None,
                label: Some(label),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(candidates: Vec<Candidate>) -> PageSnapshot {
        PageSnapshot {
            url: "https://shop.example/".into(),
            candidates,
            ..Default::default()
        }
    }

    #[test]
    fn heading_with_widget_phrase_is_a_recommendation() {
        let c = Candidate {
            key: 7,
            source: CandidateSource::Heading,
            heading: Some("Polecane dla Ciebie".into()),
            ..Default::default()
        };
        let items = find_items(&page(vec![c]));
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].key, 7);
        assert_eq!(items[0].item_type, ItemType::Recommendation);
    }

    #[test]
    fn a_slot_inside_a_found_item_is_the_same_item() {
        let slot = Candidate {
            key: 1,
            id: Some("div-gpt-ad-1".into()),
            ..Default::default()
        };
        let frame = Candidate {
            key: 2,
            parent: Some(1),
            id: Some("google_ads_iframe_/1/x_0".into()),
            ..Default::default()
        };
        let keys: Vec<u32> = find_items(&page(vec![slot, frame]))
            .iter()
            .map(|i| i.key)
            .collect();
        assert_eq!(keys, vec![1]);
    }

    #[test]
    fn a_parent_cycle_does_not_hang() {
        let a = Candidate {
            key: 1,
            parent: Some(2),
            id: Some("div-gpt-ad-a".into()),
            ..Default::default()
        };
        let b = Candidate {
            key: 2,
            parent: Some(1),
            id: Some("div-gpt-ad-b".into()),
            ..Default::default()
        };
        assert!(find_items(&page(vec![a, b])).len() <= 2);
    }

    #[test]
    fn ordinary_headings_and_unknown_markers_are_not_items() {
        let heading = Candidate {
            source: CandidateSource::Heading,
            heading: Some("Weather for the weekend".into()),
            ..Default::default()
        };
        let marker = Candidate {
            id: Some("main-content".into()),
            ..Default::default()
        };
        assert!(find_items(&page(vec![heading, marker])).is_empty());
    }
}
