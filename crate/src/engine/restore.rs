//! Rebuilding the engine's memory from observations, stored or imported:
//! what a restarted background and an import do.

use super::Engine;
use crate::consent::ConsentSignal;
use crate::observations::Observation;
use crate::remarketing;
use crate::topics::{TopicShare, Topics};

impl Engine {
    /// Rebuilds memory from stored or imported observations, in time order:
    /// page visits feed the interest profile and the product memory, tracker
    /// contacts, remarketing events and the consent passed on the per-site
    /// records.
    pub fn apply_observations(&mut self, observations: &[Observation]) {
        let mut ordered: Vec<&Observation> = observations.iter().collect();
        ordered.sort_by_key(|o| o.time());
        for observation in ordered {
            match observation {
                Observation::PageVisit(v) => {
                    let topics = Topics {
                        topics: v
                            .topics
                            .iter()
                            .map(|t| TopicShare {
                                topic: t.topic.clone(),
                                share: t.share,
                                score: t.score,
                                words: Vec::new(),
                            })
                            .collect(),
                        language: v.language.clone(),
                    };
                    let url = v.page_url.as_deref().unwrap_or(&v.id);
                    self.profile.record_visit(&v.site, url, &topics, v.time);
                    if let Some(product) = &v.product {
                        self.products.record(product.clone(), v.time);
                    }
                }
                Observation::TrackerContact(c) => {
                    self.sites.record_many(&c.site, &c.domain, c.requests, c.listed, c.time, c.last_time);
                }
                Observation::RemarketingEvent(r) => {
                    let event = remarketing::RemarketingEvent {
                        vendor: r.vendor.clone(),
                        event: r.event.clone(),
                        product_id: r.product_id.clone(),
                    };
                    for _ in 0..r.count.min(1_000) {
                        self.sites.record_event(&r.site, event.clone(), r.last_time);
                    }
                }
                Observation::ConsentSignal(c) => {
                    let signal = ConsentSignal {
                        framework: c.framework,
                        refused: c.refused.clone(),
                        opted_out: c.opted_out.clone(),
                        cmp_id: c.cmp_id,
                    };
                    self.sites.record_consent(&c.site, signal, c.last_time);
                }
                Observation::ItemSeen(_) | Observation::LabelFeedback(_) => {}
            }
        }
    }
}
