//! Text → topics: which topics of the taxonomy ([`crate::topic_terms`]) a
//! text is about, how much, and the words that decided it.
//!
//! Words are found two ways. Text in spaced scripts is cut into words by
//! Unicode's word-boundary rules (`unicode-segmentation`), and each word is
//! looked up with its diacritics folded away (`unicode-normalization`), whole
//! and by its prefixes. Chinese and Japanese words, and phrases of several
//! words, are searched for in the text itself with one Aho-Corasick automaton,
//! as those scripts put no spaces between words.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::{Deserialize, Serialize};
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
use unicode_segmentation::UnicodeSegmentation;

use crate::topic_terms::{TOPICS, TOPICS_VERSION};

/// The languages of the lexicon, in the order of their bit in a language mask.
pub const LANGS: [&str; 7] = ["en", "pl", "de", "fr", "es", "zh", "ja"];
/// Fewest letters before a `*` (shorter stems match too many words).
const MIN_PREFIX_CHARS: usize = 4;
/// Fewest characters before a compound's head ("elektro" + "auto").
const MIN_COMPOUND_START: usize = 3;
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
struct Hit {
    topic: u8,
    langs: u8,
}

/// A phrase or Chinese/Japanese word, searched in the text itself.
#[derive(Debug, Clone)]
struct Phrase {
    hits: Vec<Hit>,
    /// Must start and end at a word boundary (not for CJK words).
    bounded: bool,
    /// May be followed by more letters (`mobile plan*`).
    prefix: bool,
}

/// The compiled lexicon. Build once ([`TopicMatcher::new`]) and reuse.
#[derive(Debug)]
pub struct TopicMatcher {
    words: HashMap<String, Vec<Hit>>,
    prefixes: HashMap<String, Vec<Hit>>,
    /// Words (and, with a trailing `*`, stems) that also count as the last
    /// part of a compound (`~` in the lexicon).
    heads: HashMap<String, Vec<Hit>>,
    head_prefixes: HashMap<String, Vec<Hit>>,
    /// Words matched only as written, diacritics and all (`=` in the
    /// lexicon), keyed in NFC lower case; and such stems (`=küche*`, which
    /// must not find "Kuchen").
    exact: HashMap<String, Vec<Hit>>,
    exact_prefixes: HashMap<String, Vec<Hit>>,
    /// Those stems folded: what a word must start with to be looked up there.
    exact_prefixes_folded: Vec<String>,
    /// The longest of them folded, in bytes (most words are longer: no
    /// lookup).
    longest_exact: usize,
    longest_prefix: usize,
    phrases: Option<AhoCorasick>,
    phrase_info: Vec<Phrase>,
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

    fn add(&mut self, hits: &[Hit], word: &str, weight: f32) {
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

impl Default for TopicMatcher {
    fn default() -> Self {
        Self::new()
    }
}

impl TopicMatcher {
    /// Compiles the taxonomy's words.
    pub fn new() -> Self {
        let mut words: HashMap<String, Vec<Hit>> = HashMap::new();
        let mut prefixes: HashMap<String, Vec<Hit>> = HashMap::new();
        let mut heads: HashMap<String, Vec<Hit>> = HashMap::new();
        let mut head_prefixes: HashMap<String, Vec<Hit>> = HashMap::new();
        let mut exact: HashMap<String, Vec<Hit>> = HashMap::new();
        let mut exact_prefixes: HashMap<String, Vec<Hit>> = HashMap::new();
        let mut phrases: HashMap<String, Phrase> = HashMap::new();
        for (topic, def) in TOPICS.iter().enumerate() {
            for (lang, list) in def.words {
                let bit = LANGS.iter().position(|l| l == lang).map_or(0, |i| 1u8 << i);
                for marked in *list {
                    let head = marked.starts_with('~');
                    let word = marked.trim_start_matches('~');
                    let prefix = word.ends_with('*');
                    let stem = word.trim_end_matches('*');
                    let hit = Hit { topic: topic as u8, langs: bit };
                    if let Some(as_written) = stem.strip_prefix('=') {
                        let key = as_written.nfc().flat_map(char::to_lowercase).collect();
                        let map = if prefix { &mut exact_prefixes } else { &mut exact };
                        merge(map.entry(key).or_default(), hit);
                        continue;
                    }
                    if head && stem.chars().count() >= MIN_PREFIX_CHARS {
                        let map = if prefix { &mut head_prefixes } else { &mut heads };
                        merge(map.entry(fold(stem)).or_default(), hit);
                    }
                    if stem.chars().any(is_spaceless_script) || stem.chars().any(|c| !c.is_alphanumeric()) {
                        let entry = phrases.entry(stem.to_lowercase()).or_insert_with(|| Phrase {
                            hits: Vec::new(),
                            bounded: !stem.chars().any(is_spaceless_script),
                            prefix,
                        });
                        merge(&mut entry.hits, hit);
                    } else if prefix && stem.chars().count() >= MIN_PREFIX_CHARS {
                        merge(prefixes.entry(fold(stem)).or_default(), hit);
                    } else {
                        merge(words.entry(fold(stem)).or_default(), hit);
                    }
                }
            }
        }
        let longest_prefix = prefixes.keys().map(|p| p.len()).max().unwrap_or(0);
        let longest_exact = exact.keys().map(|w| fold(w).len()).max().unwrap_or(0);
        let longest_prefix = longest_prefix.max(exact_prefixes.keys().map(String::len).max().unwrap_or(0));
        let mut phrase_list: Vec<(String, Phrase)> = phrases.into_iter().collect();
        phrase_list.sort_by(|a, b| a.0.cmp(&b.0));
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(phrase_list.iter().map(|(p, _)| p.as_str()))
            // Only too many patterns could fail; the lexicon is a few hundred.
            .ok();
        TopicMatcher {
            words,
            prefixes,
            heads,
            head_prefixes,
            exact,
            exact_prefixes_folded: exact_prefixes.keys().map(|stem| fold(stem)).collect(),
            exact_prefixes,
            longest_exact,
            longest_prefix,
            phrases: automaton,
            phrase_info: phrase_list.into_iter().map(|(_, p)| p).collect(),
        }
    }

    /// The version of the taxonomy this matcher was built from.
    pub fn version(&self) -> u32 {
        TOPICS_VERSION
    }

    /// Counts the topic words of `text` into `tally`, each worth `weight`.
    pub fn count(&self, text: &str, weight: f32, tally: &mut Tally) {
        let lower = text.to_lowercase();
        for word in lower.unicode_words() {
            if word.chars().next().is_some_and(is_spaceless_script) {
                continue;
            }
            let folded = if word.is_ascii() { std::borrow::Cow::Borrowed(word) } else { fold(word).into() };
            // One word counts once per topic, however many entries find it
            // ("chef" whole in Spanish, "chef*" in English): its languages
            // are all of theirs.
            let mut found: Vec<Hit> = Vec::new();
            let lookups = [
                self.exact_word(word, &folded),
                self.exact_stem(word, &folded),
                self.words.get(folded.as_ref()),
                self.stem_of(&folded, &self.prefixes),
            ];
            for hit in lookups.into_iter().flatten().flatten() {
                merge(&mut found, *hit);
            }
            if found.is_empty() {
                if let Some(hits) = self.compound_head(&folded) {
                    tally.add(hits, word, weight);
                }
            } else {
                tally.add(&found, word, weight);
            }
        }
        for m in self.phrases.iter().flat_map(|a| a.find_iter(&lower)) {
            let Some(phrase) = self.phrase_info.get(m.pattern().as_usize()) else { continue };
            if phrase.bounded {
                let before = lower[..m.start()].chars().next_back();
                let after = lower[m.end()..].chars().next();
                if before.is_some_and(char::is_alphanumeric)
                    || (!phrase.prefix && after.is_some_and(char::is_alphanumeric))
                {
                    continue;
                }
            }
            tally.add(&phrase.hits, &lower[m.start()..m.end()], weight);
        }
    }

    /// The hits of a word that must be written with its diacritics (`=`),
    /// if `word` (lower-case; `folded`, the same folded) is one. Text is
    /// nearly always NFC already: it is normalised (a copy) only when it is
    /// not.
    fn exact_word(&self, word: &str, folded: &str) -> Option<&Vec<Hit>> {
        if word.is_ascii() || folded.len() > self.longest_exact {
            return None;
        }
        self.exact.get(nfc(word).as_ref())
    }

    /// The hits of the longest stem that must be written with its
    /// diacritics (`=küche*`) that `word` (lower-case; `folded`, the same
    /// folded) starts with. Only a word that starts with such a stem folded
    /// is looked at again (a few in a page).
    fn exact_stem(&self, word: &str, folded: &str) -> Option<&Vec<Hit>> {
        if word.is_ascii() || !self.exact_prefixes_folded.iter().any(|stem| folded.starts_with(stem.as_str())) {
            return None;
        }
        self.stem_of(nfc(word).as_ref(), &self.exact_prefixes)
    }

    /// The hits of the longest stem in `stems` that `folded` starts with (at
    /// least MIN_PREFIX_CHARS characters: "laufschuh*" says more than "lauf*").
    fn stem_of<'a>(&self, folded: &str, stems: &'a HashMap<String, Vec<Hit>>) -> Option<&'a Vec<Hit>> {
        if stems.is_empty() || folded.chars().count() < MIN_PREFIX_CHARS {
            return None;
        }
        let shortest = folded.char_indices().nth(MIN_PREFIX_CHARS).map_or(folded.len(), |(i, _)| i);
        let longest = folded.len().min(self.longest_prefix);
        (shortest..=longest).rev().filter(|&end| folded.is_char_boundary(end)).find_map(|end| stems.get(&folded[..end]))
    }

    /// A compound ending in a marked head ("elektroauto" → "auto"): its
    /// first part has at least MIN_COMPOUND_START characters, the head at
    /// least MIN_PREFIX_CHARS; the longest head wins.
    fn compound_head(&self, folded: &str) -> Option<&Vec<Hit>> {
        let chars = folded.chars().count();
        if chars < MIN_COMPOUND_START + MIN_PREFIX_CHARS {
            return None;
        }
        folded.char_indices().skip(MIN_COMPOUND_START).take(chars - MIN_COMPOUND_START - MIN_PREFIX_CHARS + 1).find_map(
            |(i, _)| {
                let tail = &folded[i..];
                self.heads.get(tail).or_else(|| self.stem_of(tail, &self.head_prefixes))
            },
        )
    }

    /// The topics of one text on its own.
    pub fn topics_of(&self, text: &str, lang: Option<&str>) -> Topics {
        let mut tally = Tally::new(lang);
        self.count(text, 1.0, &mut tally);
        tally.finish()
    }
}

fn merge(hits: &mut Vec<Hit>, hit: Hit) {
    match hits.iter_mut().find(|h| h.topic == hit.topic) {
        Some(h) => h.langs |= hit.langs,
        None => hits.push(hit),
    }
}

/// A word in NFC, copied only when it is not already (it nearly always is).
fn nfc(word: &str) -> std::borrow::Cow<'_, str> {
    match is_nfc_quick(word.chars()) {
        IsNormalized::Yes => word.into(),
        _ => word.nfc().collect::<String>().into(),
    }
}

/// Lower-case without diacritics: compatibility decomposition (so full-width
/// letters become ASCII), then the combining diacritical marks dropped. Only
/// that block: Japanese voicing marks are combining too, and must stay.
pub fn fold(word: &str) -> String {
    word.nfkd().filter(|c| !('\u{300}'..='\u{36f}').contains(c)).flat_map(char::to_lowercase).collect()
}

/// Chinese characters and Japanese kana: scripts written without spaces
/// between words, so their words are searched inside the text.
fn is_spaceless_script(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{ff66}'..='\u{ff9f}')
}

/// Words of a URL worth reading for topics: the host's labels but the last,
/// and the path's segments, split at punctuation (`/trail-running-shoes`).
pub fn url_words(url: &str) -> String {
    let Ok(parsed) = url::Url::parse(url) else { return String::new() };
    let host = parsed.host_str().unwrap_or_default();
    let labels: Vec<&str> = host.split('.').collect();
    let host_words = labels.get(..labels.len().saturating_sub(1)).unwrap_or_default().join(" ");
    let path = percent_encoding::percent_decode_str(parsed.path()).decode_utf8_lossy();
    format!("{host_words} {path}").replace(|c: char| !c.is_alphanumeric(), " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn top(text: &str, lang: Option<&str>) -> Option<String> {
        TopicMatcher::new().topics_of(text, lang).top().map(|t| t.topic.clone())
    }

    #[test]
    fn a_word_that_folds_into_a_common_word_keeps_its_accents() {
        // "thé" folded is "the": every English ad would be about tea.
        assert_eq!(top("Get the best deal of the year on the new model", Some("en")), None);
        assert_eq!(top("The offer of the week, the price of the month", None), None);
        assert_eq!(top("Te esperamos: te lo contamos todo", Some("es")), None);
        assert_eq!(top("Ile kosztuje ile razy", Some("pl")), None);
        assert_eq!(top("El sol de la tarde", Some("es")), None);
        // With its accents it is still the word.
        assert_eq!(top("Un thé vert, un café et une pâtisserie", Some("fr")).as_deref(), Some("food_drink"));
        assert_eq!(top("Té verde con una receta de chocolate", Some("es")).as_deref(), Some("food_drink"));
        // Written decomposed (e + combining acute), as some pages are.
        let decomposed = TopicMatcher::new().topics_of("Un the\u{301} vert et une pâtisserie", Some("fr"));
        assert_eq!(decomposed.top().map(|t| t.words.len()), Some(2), "{decomposed:?}");
        let words = TopicMatcher::new().topics_of("Une île, des îles: vacances au soleil", Some("fr"));
        assert_eq!(
            words.top().map(|t| (t.topic.as_str(), t.words.clone())),
            Some(("travel", vec!["île".into(), "îles".into(), "vacances".into()]))
        );
    }

    #[test]
    fn stems_do_not_reach_into_common_words_of_the_same_spelling() {
        let topics = |text: &str, lang: &str| -> Vec<String> {
            TopicMatcher::new().topics_of(text, Some(lang)).topics.into_iter().map(|t| t.topic).collect()
        };
        for (text, lang, not) in [
            ("Découvrez nos offres de la semaine", "fr", "home_garden"),
            ("Livré en 24 h, livraison offerte", "fr", "books"),
            ("Tentez votre chance au grand jeu", "fr", "outdoors"),
            ("Robert a pris la parole", "fr", "style_fashion"),
            ("Un prétexte pour être prête à temps", "fr", "personal_finance"),
            ("Hundert Euro sparen, jetzt", "de", "pets"),
            ("Das Wetter heute und morgen", "de", "gambling"),
            ("Kuchen zum Kaffee", "de", "home_garden"),
            ("Wir kriegen das hin", "de", "news_politics"),
            ("Duży wybór kolorów", "pl", "news_politics"),
            ("Rzadko spotykane okazje", "pl", "news_politics"),
            ("Rosół na kościach", "pl", "religion"),
            ("Our condolences to the family", "en", "real_estate"),
            ("The villain returns in the sequel", "en", "travel"),
            ("A hedge fund bets on rates", "en", "home_garden"),
            ("Odds are you will love it", "en", "gambling"),
            ("Book one of the last time slots", "en", "gambling"),
            ("Mamy dla ciebie nowe oferty", "pl", "family_parenting"),
            ("Prom night dresses on sale", "en", "travel"),
        ] {
            assert!(!topics(text, lang).contains(&not.to_owned()), "{text}: {:?}", topics(text, lang));
        }
        // French "chef" is a head of anything: only the English word counts,
        // at a foreign word's weight, too little to make an item about food.
        let chef = TopicMatcher::new().topics_of("Le chef de l'État a parlé", Some("fr"));
        assert!(chef.topics.iter().all(|t| t.score < crate::topical::ITEM_MIN_SCORE), "{chef:?}");
        for (text, lang, topic) in [
            ("Neue Küchen und Möbel", "de", "home_garden"),
            ("Sportwetten und Wetten", "de", "gambling"),
            ("Der Krieg und die Kriegsfolgen", "de", "news_politics"),
            ("Hunde und Welpen", "de", "pets"),
            ("Wybory: rząd i wyborcza kampania", "pl", "news_politics"),
            ("Msza w kościele", "pl", "religion"),
            ("Un livre et des romans", "fr", "books"),
            ("Décoration et déco", "fr", "home_garden"),
            ("Une tente pour le camping", "fr", "outdoors"),
            ("Condos and apartments for rent", "en", "real_estate"),
            ("A villa by the beach", "en", "travel"),
            ("Place a bet on the match: betting odds and online slots", "en", "gambling"),
        ] {
            assert_eq!(topics(text, lang).first().map(String::as_str), Some(topic), "{text}");
        }
    }

    #[test]
    fn a_german_compound_is_about_its_marked_last_part() {
        assert_eq!(top("Wallbox für Ihr Elektroauto", Some("de")).as_deref(), Some("automotive"));
        assert_eq!(top("Günstige Städtereisen und Winterurlaub", Some("de")).as_deref(), Some("travel"));
        assert_eq!(top("Die neue Hundefutter-Marke: Trockenfutter im Test", Some("de")).as_deref(), Some("pets"));
        // Heads that are not marked do not reach into other words.
        for text in
            ["Jedes Mitglied trifft eine Auswahl", "Eine kleine Auswahl an Interessen", "Der Verlauf im Verband"]
        {
            assert_eq!(top(text, Some("de")), None, "{text}");
        }
    }

    #[test]
    fn english_running_text_is_about_running() {
        let topics = TopicMatcher::new()
            .topics_of("Trail Runner X: lightweight trail running shoes for your next marathon", None);
        let first = topics.top().expect("a topic");
        assert_eq!(first.topic, "fitness_running");
        assert!(first.words.contains(&"marathon".to_owned()), "{first:?}");
        assert_eq!(topics.language.as_deref(), Some("en"));
    }

    #[test]
    fn polish_inflections_match_by_stem() {
        assert_eq!(
            top("Tanie podróże i wakacje last minute: hotele nad morzem", Some("pl")).as_deref(),
            Some("travel")
        );
        assert_eq!(
            top("Najlepsze buty do biegania po górach – biegi górskie", Some("pl")).as_deref(),
            Some("fitness_running")
        );
    }

    #[test]
    fn diacritics_are_folded() {
        assert_eq!(top("podroze i wakacje w hotelu", Some("pl")).as_deref(), Some("travel"));
        assert_eq!(top("Vacances à la PLAGE, hôtels et séjours", Some("fr")).as_deref(), Some("travel"));
    }

    #[test]
    fn chinese_and_japanese_words_are_found_without_spaces() {
        assert_eq!(top("这款跑鞋适合马拉松训练和日常慢跑", Some("zh")).as_deref(), Some("fitness_running"));
        assert_eq!(top("夏の旅行はリゾートホテルで。航空券も割引", Some("ja")).as_deref(), Some("travel"));
        let topics = TopicMatcher::new().topics_of("笔记本电脑和智能手机", Some("zh"));
        assert_eq!(topics.top().map(|t| t.words.clone()), Some(vec!["笔记本电脑".to_owned(), "智能手机".to_owned()]));
    }

    #[test]
    fn words_inside_other_words_do_not_count() {
        assert_eq!(top("scarce and discarded items", None), None);
        assert_eq!(top("an example of an examination", None).as_deref(), None);
    }

    #[test]
    fn phrases_respect_word_boundaries() {
        assert_eq!(top("surreal estate of mind", None), None);
        assert_eq!(top("Find real estate near you", None).as_deref(), Some("real_estate"));
    }

    #[test]
    fn a_repeated_word_counts_at_most_three_times() {
        let topics = TopicMatcher::new().topics_of(&"hotel ".repeat(50), None);
        assert_eq!(topics.top().map(|t| t.score), Some(3.0));
    }

    #[test]
    fn text_without_topic_words_has_no_topics() {
        let topics = TopicMatcher::new().topics_of("Lorem ipsum consectetur adipiscing 12345 ★★★", None);
        assert!(topics.topics.is_empty());
        assert_eq!(topics.language, None);
    }

    #[test]
    fn url_words_read_host_and_path() {
        assert_eq!(
            url_words("https://www.wanderlust-travel.example/deals/beach-holidays?x=1")
                .split_whitespace()
                .collect::<Vec<_>>(),
            ["www", "wanderlust", "travel", "deals", "beach", "holidays"]
        );
        assert_eq!(url_words("not a url"), "");
    }

    #[test]
    fn every_topic_has_words_in_every_language() {
        for def in TOPICS {
            assert_eq!(def.words.len(), LANGS.len(), "{}", def.id);
            for (lang, words) in def.words {
                assert!(words.len() >= 4, "{} has only {} words in {lang}", def.id, words.len());
                for w in *words {
                    let stem = w.trim_end_matches('*');
                    assert!(!stem.contains('*'), "{w}: a star only at the end");
                    assert_eq!(stem, stem.to_lowercase(), "{w}: lower-case");
                }
            }
        }
        assert!((25..=40).contains(&TOPICS.len()));
    }
}
