//! Filter lists (EasyList, EasyPrivacy) through Brave's `adblock` engine:
//! compiled from list text, saved as a versioned snapshot, and asked about
//! network requests and element-hiding selectors.
//!
//! Snapshot layout: `ADLENSL\0`, format version (u32 LE), pointer width of
//! the platform that built it (u32 LE), length of the JSON [`ListsInfo`]
//! (u32 LE), that JSON, then `adblock`'s own serialized engine (which carries
//! its own checksum). A snapshot from another format version or pointer width
//! is refused: the caller rebuilds from the lists. (The width matters:
//! `adblock` keys its element-hiding index with a `usize`-sized hash, so a
//! 64-bit snapshot loaded in 32-bit wasm silently loses every class and id
//! rule.)

use std::collections::HashSet;
use std::fmt;

use adblock::lists::{FilterSet, ParseOptions};
use adblock::request::Request;
use serde::{Deserialize, Serialize};

/// Bumped when the envelope or the `adblock` crate's format changes.
pub const SNAPSHOT_FORMAT: u32 = 2;
const MAGIC: &[u8; 8] = b"ADLENSL\0";
/// Largest list accepted (EasyList is about 2 MB).
pub const MAX_LIST_BYTES: usize = 16 * 1024 * 1024;
/// Fewest rules a real list has; fewer means a truncated or wrong download.
pub const MIN_RULES: usize = 100;

/// Why lists or a snapshot were refused. Nothing is replaced on error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListError {
    /// The text is not an Adblock Plus filter list (an HTML error page…).
    NotAFilterList {
        /// The list's name.
        name: String,
        /// What the text starts with, for the log.
        starts_with: String,
    },
    /// The list is larger than [`MAX_LIST_BYTES`].
    TooLarge {
        /// The list's name.
        name: String,
        /// Its size.
        bytes: usize,
    },
    /// The list has fewer than [`MIN_RULES`] rules.
    TooFewRules {
        /// The list's name.
        name: String,
        /// How many it had.
        rules: usize,
    },
    /// The snapshot is not one of ours, is truncated or corrupt.
    BadSnapshot(String),
    /// The snapshot was written by another format version.
    SnapshotVersion {
        /// The version found.
        found: u32,
    },
    /// The snapshot was built on a platform with another pointer width.
    SnapshotPlatform {
        /// Its pointer width in bits.
        found: u32,
    },
}

impl fmt::Display for ListError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ListError::NotAFilterList { name, starts_with } => {
                write!(f, "{name} is not a filter list (it starts with {starts_with:?})")
            }
            ListError::TooLarge { name, bytes } => {
                write!(f, "{name} is {bytes} bytes, over the {MAX_LIST_BYTES}-byte cap")
            }
            ListError::TooFewRules { name, rules } => {
                write!(f, "{name} has only {rules} rules (at least {MIN_RULES} expected): truncated?")
            }
            ListError::BadSnapshot(why) => write!(f, "filter-list snapshot unusable: {why}"),
            ListError::SnapshotPlatform { found } => write!(
                f,
                "filter-list snapshot was built for {found}-bit, this engine is {}-bit: rebuild it from the lists here",
                usize::BITS
            ),
            ListError::SnapshotVersion { found } => write!(
                f,
                "filter-list snapshot has format {found}, this engine reads {SNAPSHOT_FORMAT}: rebuild it from the lists"
            ),
        }
    }
}

impl std::error::Error for ListError {}

/// One list's identity, as shown to the user and stored in exports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListInfo {
    /// Short name (`easylist`).
    pub name: String,
    /// The list's `! Title:`.
    pub title: Option<String>,
    /// The list's `! Version:` (EasyList uses a timestamp, e.g. `202608130520`).
    pub version: Option<String>,
    /// Rule lines in the list (not comments or headers).
    pub rules: usize,
}

/// The lists behind an engine.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListsInfo {
    /// Each list, in the order given.
    pub lists: Vec<ListInfo>,
}

impl ListsInfo {
    /// `easylist@202608130520+easyprivacy@202608130529`: names the exact lists
    /// behind a verdict.
    pub fn version_string(&self) -> String {
        self.lists
            .iter()
            .map(|l| format!("{}@{}", l.name, l.version.as_deref().unwrap_or("unknown")))
            .collect::<Vec<_>>()
            .join("+")
    }
}

/// What the lists say about one network request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestVerdict {
    /// A blocking rule matched and no exception overrode it.
    pub blocked: bool,
    /// An exception rule matched.
    pub excepted: bool,
    /// The request goes to another site than `source_url`'s (public-suffix
    /// aware; an unknown source makes it third-party).
    pub third_party: bool,
    /// The request's host, as the matcher parsed it (empty when the URL is
    /// not one), so callers need not parse the URL again.
    pub host: String,
}

/// A compiled set of filter lists. Immutable once built.
pub struct FilterLists {
    engine: adblock::Engine,
    info: ListsInfo,
    /// The element-hiding selectors every site gets regardless of its
    /// classes and ids (hundreds of attribute-only rules such as
    /// `[href^="https://…"]`). They are left out of detection: a browser
    /// must test each of them against every element, which alone cost
    /// 10–20 ms per scan on large real pages, and AdLens's own link markers
    /// catch the ads they found.
    generic: HashSet<String>,
}

impl fmt::Debug for FilterLists {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FilterLists").field("info", &self.info).finish_non_exhaustive()
    }
}

impl FilterLists {
    /// Compiles lists given as `(name, text)`. Every list is checked first;
    /// one bad list refuses the whole set.
    pub fn compile(lists: &[(&str, &str)]) -> Result<Self, ListError> {
        let mut set = FilterSet::new(false);
        let mut info = ListsInfo::default();
        for (name, text) in lists {
            check_list_text(name, text)?;
            let rules = count_rules(text);
            if rules < MIN_RULES {
                return Err(ListError::TooFewRules { name: (*name).to_owned(), rules });
            }
            let added = set.add_filter_list((*text).to_owned(), ParseOptions::default());
            info.lists.push(ListInfo {
                name: (*name).to_owned(),
                title: added.metadata.title,
                version: header_value(text, "Version"),
                rules,
            });
        }
        Ok(FilterLists::new(adblock::Engine::new_with_filter_set(set), info))
    }

    /// The versioned snapshot of this engine.
    pub fn to_snapshot(&self) -> Vec<u8> {
        let info = serde_json::to_vec(&self.info).unwrap_or_default();
        let engine = self.engine.serialize();
        let mut out = Vec::with_capacity(16 + info.len() + engine.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&SNAPSHOT_FORMAT.to_le_bytes());
        out.extend_from_slice(&usize::BITS.to_le_bytes());
        out.extend_from_slice(&(info.len() as u32).to_le_bytes());
        out.extend_from_slice(&info);
        out.extend_from_slice(&engine);
        out
    }

    /// Loads a snapshot made by [`FilterLists::to_snapshot`].
    pub fn from_snapshot(bytes: &[u8]) -> Result<Self, ListError> {
        let rest = bytes
            .strip_prefix(MAGIC.as_slice())
            .ok_or_else(|| ListError::BadSnapshot("not an AdLens filter-list snapshot".into()))?;
        let (format, rest) = split_u32(rest)?;
        if format != SNAPSHOT_FORMAT {
            return Err(ListError::SnapshotVersion { found: format });
        }
        let (bits, rest) = split_u32(rest)?;
        if bits != usize::BITS {
            return Err(ListError::SnapshotPlatform { found: bits });
        }
        let (info_len, rest) = split_u32(rest)?;
        let info_len = info_len as usize;
        if rest.len() < info_len {
            return Err(ListError::BadSnapshot("truncated list information".into()));
        }
        let (info_bytes, engine_bytes) = rest.split_at(info_len);
        let info: ListsInfo =
            serde_json::from_slice(info_bytes).map_err(|e| ListError::BadSnapshot(format!("list information: {e}")))?;
        let mut engine = adblock::Engine::default();
        engine.deserialize(engine_bytes).map_err(|e| ListError::BadSnapshot(format!("engine data: {e:?}")))?;
        Ok(FilterLists::new(engine, info))
    }

    fn new(engine: adblock::Engine, info: ListsInfo) -> Self {
        // A reserved name no site-specific rule can target.
        let generic = engine.url_cosmetic_resources("https://adlens.invalid/").hide_selectors;
        FilterLists { engine, info, generic }
    }

    /// Which lists these are.
    pub fn info(&self) -> &ListsInfo {
        &self.info
    }

    /// What the lists say about a request of `request_type` (webRequest or
    /// filter-list names: `script`, `image`, `xmlhttprequest`, `sub_frame`…)
    /// to `url`, made by a page at `source_url` (empty or unparsable means an
    /// unknown first party: the request counts as third-party).
    pub fn check_request(&self, url: &str, source_url: &str, request_type: &str) -> RequestVerdict {
        match Request::new(url, source_url, request_type, "GET") {
            Ok(request) => {
                let result = self.engine.check_network_request(&request);
                RequestVerdict {
                    blocked: result.should_block(),
                    excepted: result.exception.is_some(),
                    third_party: request.is_third_party,
                    host: request.hostname,
                }
            }
            Err(_) => RequestVerdict { blocked: false, excepted: false, third_party: true, host: String::new() },
        }
    }

    /// Element-hiding selectors that apply to a page: its site-specific
    /// rules, and the generic rules keyed by the classes and ids present on
    /// it (see `generic` above for the generic rules left out).
    pub fn hiding_selectors<'a>(
        &self,
        page_url: &str,
        classes: impl IntoIterator<Item = &'a str>,
        ids: impl IntoIterator<Item = &'a str>,
    ) -> Vec<String> {
        let resources = self.engine.url_cosmetic_resources(page_url);
        let mut selectors: Vec<String> =
            resources.hide_selectors.into_iter().filter(|s| !self.generic.contains(s)).collect();
        if !resources.generichide {
            selectors.extend(self.engine.hidden_class_id_selectors(classes, ids, &resources.exceptions));
        }
        let mut seen = HashSet::new();
        selectors.retain(|s| seen.insert(s.clone()));
        selectors.sort();
        selectors
    }
}

/// Refuses text that cannot be a filter list, before the parser sees it.
fn check_list_text(name: &str, text: &str) -> Result<(), ListError> {
    if text.len() > MAX_LIST_BYTES {
        return Err(ListError::TooLarge { name: name.to_owned(), bytes: text.len() });
    }
    let head = text.trim_start_matches('\u{feff}').trim_start();
    if !head.starts_with("[Adblock Plus") && !head.starts_with('!') {
        let starts_with: String = head.chars().take(40).collect();
        return Err(ListError::NotAFilterList { name: name.to_owned(), starts_with });
    }
    Ok(())
}

/// Rule lines: neither blank, nor a `!` comment, nor the `[Adblock Plus]` header.
fn count_rules(text: &str) -> usize {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('!') && !l.starts_with('[')).count()
}

/// The value of a `! Key: value` header line among the first lines.
fn header_value(text: &str, key: &str) -> Option<String> {
    text.lines()
        .take(40)
        .filter_map(|line| line.strip_prefix('!'))
        .filter_map(|line| line.trim().strip_prefix(key))
        .filter_map(|rest| rest.strip_prefix(':'))
        .map(|value| value.trim().to_owned())
        .find(|value| !value.is_empty())
}

fn split_u32(bytes: &[u8]) -> Result<(u32, &[u8]), ListError> {
    match bytes.split_first_chunk::<4>() {
        Some((head, rest)) => Ok((u32::from_le_bytes(*head), rest)),
        None => Err(ListError::BadSnapshot("truncated header".into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small_list() -> String {
        let mut text = String::from("[Adblock Plus 2.0]\n! Title: Test list\n! Version: 202601010000\n");
        for i in 0..MIN_RULES {
            text.push_str(&format!("||tracker{i}.example^\n"));
        }
        text.push_str("||ads.example^$third-party\n@@||ads.example/allowed.js\n##.ad-banner\n");
        text
    }

    #[test]
    fn blocks_and_excepts_like_the_rules_say() {
        let lists = FilterLists::compile(&[("test", &small_list())]).expect("compiles");
        let page = "https://news.example/article";
        assert!(lists.check_request("https://ads.example/a.js", page, "script").blocked);
        let allowed = lists.check_request("https://ads.example/allowed.js", page, "script");
        assert!(!allowed.blocked && allowed.excepted);
        assert!(!lists.check_request("https://cdn.news.example/app.js", page, "script").blocked);
        assert!(!lists.check_request("not a url", page, "script").blocked);
    }

    #[test]
    fn snapshot_round_trips_with_its_versions() {
        let lists = FilterLists::compile(&[("test", &small_list())]).expect("compiles");
        let restored = FilterLists::from_snapshot(&lists.to_snapshot()).expect("loads");
        assert_eq!(restored.info().version_string(), "test@202601010000");
        assert!(restored.check_request("https://tracker7.example/p", "https://a.example/", "image").blocked);
    }

    #[test]
    fn html_instead_of_a_list_is_refused_with_a_clear_error() {
        let err = FilterLists::compile(&[("easylist", "<!doctype html><title>502</title>")]).expect_err("html");
        assert_eq!(
            err.to_string(),
            "easylist is not a filter list (it starts with \"<!doctype html><title>502</title>\")"
        );
    }

    #[test]
    fn a_truncated_list_is_refused() {
        let err = FilterLists::compile(&[("easylist", "[Adblock Plus 2.0]\n||a.example^\n")]).expect_err("short");
        assert!(matches!(err, ListError::TooFewRules { rules: 1, .. }));
    }

    #[test]
    fn damaged_snapshots_are_refused() {
        let good = FilterLists::compile(&[("test", &small_list())]).expect("compiles").to_snapshot();
        assert!(matches!(FilterLists::from_snapshot(b"garbage"), Err(ListError::BadSnapshot(_))));
        assert!(matches!(FilterLists::from_snapshot(&good[..good.len() / 2]), Err(ListError::BadSnapshot(_))));
        let mut other = good.clone();
        other[8] = 99;
        assert_eq!(FilterLists::from_snapshot(&other).err(), Some(ListError::SnapshotVersion { found: 99 }));
        let mut other_width = good.clone();
        other_width[12] = if usize::BITS == 64 { 32 } else { 64 };
        let err = FilterLists::from_snapshot(&other_width).expect_err("other width");
        assert!(matches!(err, ListError::SnapshotPlatform { .. }));
        assert!(err.to_string().contains("rebuild it from the lists"), "{err}");
    }

    #[test]
    fn hiding_selectors_need_the_class_on_the_page() {
        let lists = FilterLists::compile(&[("test", &small_list())]).expect("compiles");
        assert_eq!(lists.hiding_selectors("https://a.example/", ["ad-banner"], []), vec![".ad-banner"]);
        assert!(lists.hiding_selectors("https://a.example/", ["article"], []).is_empty());
    }
}
