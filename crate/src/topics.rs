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
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
use unicode_segmentation::UnicodeSegmentation;

use crate::topic_tally::Hit;
pub use crate::topic_tally::{Tally, TopicShare, Topics, MAX_TOPICS, MAX_WORDS_PER_TOPIC};
use crate::topic_terms::{TOPICS, TOPICS_VERSION};

/// The languages of the lexicon, in the order of their bit in a language mask.
pub const LANGS: [&str; 7] = ["en", "pl", "de", "fr", "es", "zh", "ja"];
/// Fewest letters before a `*` (shorter stems match too many words).
const MIN_PREFIX_CHARS: usize = 4;
/// Fewest characters before a compound's head ("elektro" + "auto").
const MIN_COMPOUND_START: usize = 3;

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
