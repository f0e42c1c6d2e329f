//! Topic evidence: an item whose topic is the page's is contextual; one whose
//! topic is not the page's but is among the user's interests is behavioural.

use crate::detect::FoundItem;
use crate::page::PageSnapshot;
use crate::profile::Interests;
use crate::sensitive;
use crate::topic_terms::TOPICS;
use crate::topics::{url_words, Tally, TopicMatcher, TopicShare, Topics};
use crate::verdict::{Evidence, Reason};

/// A page is about a topic with at least this share of its topic words…
pub const PAGE_MIN_SHARE: f64 = 0.15;
/// …and at least this score (one title word, or several in the text).
pub const PAGE_MIN_SCORE: f64 = 2.0;
/// An item is about a topic with at least this share of its topic words…
pub const ITEM_MIN_SHARE: f64 = 0.3;
/// …and one word in the page's language (or two in another).
pub const ITEM_MIN_SCORE: f64 = 1.0;
/// A topic is among the user's interests from this share of the profile…
pub const PROFILE_MIN_SHARE: f64 = 0.15;
/// …when the profile holds about this many topical pages.
pub const PROFILE_MIN_WEIGHT: f64 = 1.5;

/// How much each part of a page says about its topic.
const TITLE_WEIGHT: f32 = 3.0;
const HEADING_WEIGHT: f32 = 2.0;
const DESCRIPTION_WEIGHT: f32 = 2.0;
const URL_WEIGHT: f32 = 2.0;
const TEXT_WEIGHT: f32 = 1.0;

/// The page's topics, from its title, headings, description, URL and text
/// (the shell leaves ads and widgets out of the text).
pub fn page_topics(matcher: &TopicMatcher, page: &PageSnapshot) -> Topics {
    let mut tally = Tally::new(page.lang.as_deref());
    matcher.count(&page.title, TITLE_WEIGHT, &mut tally);
    for heading in &page.headings {
        matcher.count(heading, HEADING_WEIGHT, &mut tally);
    }
    matcher.count(&page.description, DESCRIPTION_WEIGHT, &mut tally);
    matcher.count(&url_words(&page.url), URL_WEIGHT, &mut tally);
    matcher.count(&page.text, TEXT_WEIGHT, &mut tally);
    tally.finish()
}

/// An item's topics, from its creative text and where it leads.
pub fn item_topics(matcher: &TopicMatcher, item: &FoundItem, lang: Option<&str>) -> Topics {
    let mut tally = Tally::new(lang);
    matcher.count(&item.text, 1.0, &mut tally);
    if let Some(url) = &item.landing_url {
        matcher.count(&url_words(url), 1.0, &mut tally);
    }
    tally.finish()
}

/// The topics an item or page is clearly about.
fn clear(topics: &Topics, min_share: f64, min_score: f64) -> impl Iterator<Item = &TopicShare> {
    topics.topics.iter().filter(move |t| t.share >= min_share && t.score >= min_score)
}

/// The topics the page is about.
pub fn page_is_about(topics: &Topics) -> Vec<&TopicShare> {
    clear(topics, PAGE_MIN_SHARE, PAGE_MIN_SCORE).collect()
}

/// The topics the item is about.
pub fn item_is_about(topics: &Topics) -> Vec<&TopicShare> {
    clear(topics, ITEM_MIN_SHARE, ITEM_MIN_SCORE).collect()
}

/// What topics say about one item.
#[derive(Debug, Clone, PartialEq)]
pub enum TopicFinding {
    /// The item's topic is the page's.
    MatchesPage(Evidence, f64),
    /// The item's topic is not the page's but is one of the user's interests.
    MatchesProfile(Vec<Evidence>, f64),
    /// The item has a clear topic, but neither the page nor the profile has it.
    Unrelated(Evidence),
    /// The item says too little to tell.
    Unclear,
}

/// Compares the item's topics with the page's and with the profile.
pub fn compare(item: &Topics, page: &Topics, interests: &Interests) -> TopicFinding {
    let item_about = item_is_about(item);
    let page_about = page_is_about(page);
    let Some(first) = item_about.first() else { return TopicFinding::Unclear };
    if let Some(shared) = item_about.iter().find(|t| page_about.iter().any(|p| p.topic == t.topic)) {
        let confidence = (0.55 + 0.1 * shared.words.len().min(3) as f64).min(0.85);
        return TopicFinding::MatchesPage(
            Evidence {
                sentence: format!(
                    "It is about {}, like this page ({})",
                    topic_name(&shared.topic).to_lowercase(),
                    shared.words.join(", ")
                ),
                reason: Reason::TopicMatchesPage { topic: shared.topic.clone(), words: shared.words.clone() },
            },
            confidence,
        );
    }
    let differs = Evidence {
        sentence: match page_about.first() {
            Some(p) => format!(
                "This page is about {}, not {}",
                topic_name(&p.topic).to_lowercase(),
                topic_name(&first.topic).to_lowercase()
            ),
            None => format!("This page is not about {}", topic_name(&first.topic).to_lowercase()),
        },
        reason: Reason::TopicDiffersFromPage {
            topic: first.topic.clone(),
            page_topic: page_about.first().map(|p| p.topic.clone()),
        },
    };
    if interests.weight >= PROFILE_MIN_WEIGHT {
        let best = item_about
            .iter()
            .map(|t| (t, interests.share(&t.topic)))
            .filter(|(_, share)| *share >= PROFILE_MIN_SHARE)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((topic, share)) = best {
            let confidence = (0.5 + share * 0.5).min(0.85);
            let reveals = sensitive::reveals(&topic.topic);
            let mut sentence = format!(
                "{} makes up {}% of the interests your browsing shows",
                topic_name(&topic.topic),
                (share * 100.0).round()
            );
            if let Some(category) = reveals {
                sentence.push_str(&format!(", a sensitive topic: it can reveal your {}", category.words()));
            }
            let matches = Evidence {
                sentence,
                reason: Reason::TopicMatchesProfile { topic: topic.topic.clone(), share, reveals },
            };
            return TopicFinding::MatchesProfile(vec![matches, differs], confidence);
        }
    }
    TopicFinding::Unrelated(differs)
}

/// The English name of a topic id.
pub fn topic_name(id: &str) -> &str {
    TOPICS.iter().find(|t| t.id == id).map_or(id, |t| t.name)
}
