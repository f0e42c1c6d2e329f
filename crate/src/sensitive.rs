//! Topics that can reveal what EU law protects most: the special categories
//! of personal data of the GDPR (Art. 9(1): health, political opinions,
//! religious beliefs, sex life…). Online platforms may not show ads based on
//! profiling that uses them (Digital Services Act, Art. 26(3)), so an
//! interest in one of these topics, and an ad picked by it, are worth a
//! user's attention. Versioned with the taxonomy ([`crate::topic_terms`]).

use serde::Serialize;

/// A special category of personal data (GDPR Art. 9(1)) a topic can reveal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SpecialCategory {
    /// Data concerning health.
    Health,
    /// Political opinions.
    PoliticalOpinions,
    /// Religious or philosophical beliefs.
    ReligiousBeliefs,
    /// Sex life or sexual orientation.
    SexLife,
}

impl SpecialCategory {
    /// The category as exports and the shell name it (`political_opinions`).
    pub fn id(self) -> &'static str {
        match self {
            Self::Health => "health",
            Self::PoliticalOpinions => "political_opinions",
            Self::ReligiousBeliefs => "religious_beliefs",
            Self::SexLife => "sex_life",
        }
    }

    /// What it is, in plain English, after "your".
    pub fn words(self) -> &'static str {
        match self {
            Self::Health => "health",
            Self::PoliticalOpinions => "political opinions",
            Self::ReligiousBeliefs => "religious beliefs",
            Self::SexLife => "sex life or sexual orientation",
        }
    }
}

/// The taxonomy's topics that can reveal a special category: reading about
/// an illness, an election, a faith or dating says something about the
/// reader that the other topics (running shoes, travel) do not.
pub const SENSITIVE_TOPICS: &[(&str, SpecialCategory)] = &[
    ("health", SpecialCategory::Health),
    ("news_politics", SpecialCategory::PoliticalOpinions),
    ("religion", SpecialCategory::ReligiousBeliefs),
    ("dating", SpecialCategory::SexLife),
];

/// The special category a topic can reveal, if any.
pub fn reveals(topic: &str) -> Option<SpecialCategory> {
    SENSITIVE_TOPICS.iter().find(|(id, _)| *id == topic).map(|(_, category)| *category)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::topic_terms::TOPICS;

    #[test]
    fn every_sensitive_topic_is_in_the_taxonomy() {
        for (id, _) in SENSITIVE_TOPICS {
            assert!(TOPICS.iter().any(|t| t.id == *id), "{id} is not a topic");
        }
    }

    #[test]
    fn a_topic_reveals_its_category_or_none() {
        assert_eq!(reveals("health"), Some(SpecialCategory::Health));
        assert_eq!(reveals("dating").map(SpecialCategory::id), Some("sex_life"));
        assert_eq!(reveals("fitness_running"), None);
        assert_eq!(reveals("nonexistent"), None);
    }

    #[test]
    fn ids_are_what_serde_writes() {
        for (_, category) in SENSITIVE_TOPICS {
            let json = serde_json::to_string(category).expect("a unit variant serializes");
            assert_eq!(json, format!("\"{}\"", category.id()));
        }
    }
}
