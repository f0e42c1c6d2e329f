//! Counting a text's topic words: each word's weight (whole for a word of
//! the page's language, half for another's), at most three counts a word,
//! and the topics' shares and deciding words at the end.

use serde::{Deserialize, Serialize};

use crate::topic_terms::TOPICS;
use crate::topics::LANGS;

/// A word repeated more than this counts no more (one word must not decide).
const MAX_COUNT_PER_WORD: u32 = 3;
/// Weight of a word from another language than the page's, when the page
/// names its language ("car" is French for "because").
const FOREIGN_WEIGHT: f32 = 0.5;
/// Most topics reported for one text.
pub const MAX_TOPICS: usize = 5;
/// Most deciding words reported per topic.
pub const MAX_WORDS_PER_TOPIC: usize = 5;
/// Most distinct words remembered per topic while counting.
const MAX_WORDS_TRACKED: usize = 32;

/// Where a word points: a topic, and in which languages it is a word.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    pub(crate) topic: u8,
    pub(crate) langs: u8,
}

/// One topic of a text: its share of the text's topic words, its score (the
/// weighted count of those words) and the words themselves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TopicShare {
    /// The topic's id (see [`crate::topic_terms::TOPICS`]).
    pub topic: String,
    /// Share of all topic words, 0 to 1 (three decimals).
    pub share: f64,
    /// Weighted count of this topic's words.
    pub score: f64,
    /// The words that decided it, most frequent first.
    pub words: Vec<String>,
}

/// A text's topics, strongest first (at most [`MAX_TOPICS`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Topics {
    /// The topics.
    pub topics: Vec<TopicShare>,
    /// The language most of the matched words belong to, if any matched.
    pub language: Option<String>,
}

impl Topics {
    /// The strongest topic, if any.
    pub fn top(&self) -> Option<&TopicShare> {
        self.topics.first()
    }

    /// The topic with this id, if the text has it.
    pub fn get(&self, topic: &str) -> Option<&TopicShare> {
        self.topics.iter().find(|t| t.topic == topic)
    }
}

/// Counts words per topic across several texts (title, headings, body…).
#[derive(Debug, Clone)]
pub struct Tally {
    scores: Vec<f32>,
    words: Vec<Vec<(String, u32)>>,
    lang_votes: [f32; LANGS.len()],
    page_lang: Option<u8>,
}

impl Tally {
    /// An empty tally for a page in `lang` (a BCP 47 tag such as `pl-PL`),
    /// when the page names one.
    pub fn new(lang: Option<&str>) -> Self {
        let primary = lang.map(|l| l.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase());
        Tally {
            scores: vec![0.0; TOPICS.len()],
            words: vec![Vec::new(); TOPICS.len()],
            lang_votes: [0.0; LANGS.len()],
            page_lang: primary.and_then(|p| LANGS.iter().position(|l| *l == p)).map(|i| i as u8),
        }
    }

    pub(crate) fn add(&mut self, hits: &[Hit], word: &str, weight: f32) {
        for hit in hits {
            let topic = usize::from(hit.topic);
            let (Some(score), Some(words)) = (self.scores.get_mut(topic), self.words.get_mut(topic)) else { continue };
            let native = self.page_lang.is_none_or(|l| hit.langs & (1 << l) != 0);
            match words.iter().position(|(w, _)| w == word) {
                Some(i) if words[i].1 >= MAX_COUNT_PER_WORD => continue,
                Some(i) => words[i].1 += 1,
                None if words.len() < MAX_WORDS_TRACKED => words.push((word.to_owned(), 1)),
                None => {}
            }
            *score += weight * if native { 1.0 } else { FOREIGN_WEIGHT };
            for (bit, vote) in self.lang_votes.iter_mut().enumerate() {
                if hit.langs & (1 << bit) != 0 {
                    *vote += 1.0;
                }
            }
        }
    }

    /// The topics counted so far.
    pub fn finish(self) -> Topics {
        let total: f32 = self.scores.iter().sum();
        let mut order: Vec<usize> = (0..TOPICS.len()).filter(|&i| self.scores[i] > 0.0).collect();
        // Highest score first; ties go to the earlier topic, so the order is
        // the same on every platform.
        order.sort_by(|&a, &b| self.scores[b].total_cmp(&self.scores[a]).then(a.cmp(&b)));
        let topics = order
            .into_iter()
            .take(MAX_TOPICS)
            .map(|i| {
                let mut words = self.words[i].clone();
                words.sort_by_key(|w| std::cmp::Reverse(w.1));
                TopicShare {
                    topic: TOPICS[i].id.to_owned(),
                    share: round3(f64::from(self.scores[i] / total)),
                    score: round3(f64::from(self.scores[i])),
                    words: words.into_iter().take(MAX_WORDS_PER_TOPIC).map(|(w, _)| w).collect(),
                }
            })
            .collect();
        let language = self
            .lang_votes
            .iter()
            .enumerate()
            .filter(|(_, v)| **v > 0.0)
            .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(&a.0)))
            .map(|(i, _)| LANGS[i].to_owned());
        Topics { topics, language }
    }
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}
