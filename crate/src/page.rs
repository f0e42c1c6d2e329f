//! What the shell tells the engine about a page: a [`PageSnapshot`] of the
//! candidates it found by following the [`crate::plan::ScanPlan`].
//!
//! Everything here comes from a hostile page, so [`PageSnapshot::validate`]
//! enforces the caps below before any rule looks at it, and long strings are
//! cut rather than refused (a page must not be able to hide an ad by padding).

use serde::{Deserialize, Serialize};

use crate::error::InputError;
use crate::products::ProductHints;
use crate::text::truncate;

/// Most candidates one snapshot may carry; pages with more are refused
/// (the shell sends them in batches).
pub const MAX_CANDIDATES: usize = 2_000;
/// Most characters kept of a candidate's visible text.
pub const MAX_TEXT_CHARS: usize = 2_000;
/// Most characters kept of a heading, label, id, class or attribute value.
pub const MAX_SHORT_CHARS: usize = 200;
/// Most characters kept of a URL.
pub const MAX_URL_CHARS: usize = 2_048;
/// Most distinct classes, and most ids, of a page looked up in the filter
/// lists' generic element-hiding rules.
pub const MAX_CLASSES_AND_IDS: usize = 10_000;
/// Most JSON-LD blocks kept per page.
pub const MAX_JSON_LD_BLOCKS: usize = 10;
/// Most JSON-LD scripts read per page, whether they name a product or not
/// (of which at most [`MAX_JSON_LD_BLOCKS`] are kept).
pub const MAX_JSON_LD_SCRIPTS: usize = 50;
/// Most characters kept of one JSON-LD block.
pub const MAX_JSON_LD_CHARS: usize = 100_000;
/// Most meta properties or microdata properties kept per page.
pub const MAX_PRODUCT_PROPERTIES: usize = 50;
/// Most frame reports kept per page.
pub const MAX_FRAMES: usize = 200;
/// Most characters kept of the page's main text (what topics are read from):
/// about 1,500 words, plenty to tell what a page is about, and the cap that
/// keeps reading it under 2 ms.
pub const MAX_PAGE_TEXT_CHARS: usize = 10_000;
/// Most headings kept per page.
pub const MAX_HEADINGS: usize = 30;
/// Most links, frames or images kept per candidate.
pub const MAX_URLS_PER_CANDIDATE: usize = 32;

/// One page as the shell saw it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PageSnapshot {
    /// The page's URL (the top frame's).
    pub url: String,
    /// The document title.
    pub title: String,
    /// The `lang` attribute of the root element, if any.
    pub lang: Option<String>,
    /// The page's meta description.
    pub description: String,
    /// Its headings (`h1`–`h3`), outside ads and widgets, in page order.
    pub headings: Vec<String>,
    /// Its main text outside ads and widgets (for its topics), cut at
    /// [`MAX_PAGE_TEXT_CHARS`].
    pub text: String,
    /// Elements that may be ads or widgets.
    pub candidates: Vec<Candidate>,
    /// What the page says about a product it sells, if anything.
    pub product_hints: ProductHints,
    /// What the page's frames reported about themselves (the background
    /// adds these; a frame's content belongs to the slot that holds it).
    pub frames: Vec<FrameReport>,
    /// The browser sent the page Global Privacy Control
    /// (`navigator.globalPrivacyControl`): the user asked every site not to
    /// sell or share their data. Absent: false.
    pub gpc: bool,
}

/// One frame's content, as its own content script saw it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct FrameReport {
    /// The frame's URL (`about:srcdoc`, `about:blank` or http(s); a page
    /// saved as MHTML names frames without a web URL by `cid:`).
    pub url: String,
    /// The frame's `window.name` (GPT names its frames after the slot).
    pub name: String,
    /// Links in the frame, absolute.
    pub links: Vec<String>,
    /// Visible text.
    pub text: String,
    /// Image URLs.
    pub images: Vec<String>,
    /// `src` of the frames inside this frame, absolute: a slot's frame often
    /// only holds the creative's own frame (safeframes, ad-server wrappers).
    pub frames: Vec<String>,
    /// `name` of the frames inside this frame.
    pub frame_names: Vec<String>,
}

/// How many frames deep a slot's content is looked for.
pub const MAX_FRAME_DEPTH: usize = 8;

/// An element the shell found because the scan plan asked for it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Candidate {
    /// The shell's handle for the element, echoed back in the report.
    pub key: u32,
    /// Why the shell picked it: which plan rules matched.
    pub source: CandidateSource,
    /// The key of the nearest enclosing candidate sent, if any: an ad slot
    /// inside another found item is the same item, not a second one. (A
    /// candidate the lists picked inside another they picked is not sent
    /// unless it is a link: it would add nothing, see `html_scan`.)
    pub parent: Option<u32>,
    /// Lower-case tag name.
    pub tag: String,
    /// The element's `id` attribute.
    pub id: Option<String>,
    /// The element's class names.
    pub classes: Vec<String>,
    /// Attributes the plan asked for (`data-*` vendor markers), name → value.
    pub attributes: Vec<(String, String)>,
    /// The heading or label text that introduces the element, if any.
    pub heading: Option<String>,
    /// Visible text inside the element.
    pub text: String,
    /// `href` of links inside the element, absolute.
    pub links: Vec<String>,
    /// `src` of frames inside the element, absolute.
    pub frames: Vec<String>,
    /// `name` of frames inside the element.
    pub frame_names: Vec<String>,
    /// `src` of images inside the element, absolute.
    pub images: Vec<String>,
    /// Where it is on the page, in CSS pixels relative to the document.
    pub rect: Rect,
}

/// Which part of the scan plan produced a candidate.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum CandidateSource {
    /// It matched one of the plan's marker selectors.
    #[default]
    Marker,
    /// It is the container introduced by a heading (a possible widget).
    Heading,
    /// It matched an element-hiding rule of the filter lists.
    Cosmetic,
}

/// A rectangle in CSS pixels.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Rect {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
}

impl PageSnapshot {
    /// Checks the caps and cuts over-long strings in place.
    pub fn validate(&mut self) -> Result<(), InputError> {
        if !(self.url.starts_with("http://") || self.url.starts_with("https://")) {
            return Err(InputError::BadPageUrl(truncate(&self.url, 80).to_owned()));
        }
        if self.candidates.len() > MAX_CANDIDATES {
            return Err(InputError::TooMany { field: "candidates", got: self.candidates.len(), max: MAX_CANDIDATES });
        }
        cut(&mut self.url, MAX_URL_CHARS);
        cut(&mut self.title, MAX_SHORT_CHARS);
        cut_opt(&mut self.lang, 35);
        cut(&mut self.description, MAX_TEXT_CHARS);
        self.headings.truncate(MAX_HEADINGS);
        self.headings.iter_mut().for_each(|h| cut(h, MAX_SHORT_CHARS));
        cut(&mut self.text, MAX_PAGE_TEXT_CHARS);
        for c in &mut self.candidates {
            c.clamp();
        }
        let hints = &mut self.product_hints;
        hints.json_ld.truncate(MAX_JSON_LD_BLOCKS);
        hints.json_ld.iter_mut().for_each(|b| cut(b, MAX_JSON_LD_CHARS));
        for pairs in [&mut hints.meta, &mut hints.microdata] {
            pairs.truncate(MAX_PRODUCT_PROPERTIES);
            for (name, value) in pairs.iter_mut() {
                cut(name, MAX_SHORT_CHARS);
                cut(value, MAX_SHORT_CHARS);
            }
        }
        cut_opt(&mut hints.canonical, MAX_URL_CHARS);
        self.frames.truncate(MAX_FRAMES);
        for frame in &mut self.frames {
            cut(&mut frame.url, MAX_URL_CHARS);
            cut(&mut frame.name, MAX_SHORT_CHARS);
            cut(&mut frame.text, MAX_TEXT_CHARS);
            for urls in [&mut frame.links, &mut frame.images, &mut frame.frames] {
                urls.truncate(MAX_URLS_PER_CANDIDATE);
                urls.iter_mut().for_each(|u| cut(u, MAX_URL_CHARS));
            }
            frame.frame_names.truncate(MAX_URLS_PER_CANDIDATE);
            frame.frame_names.iter_mut().for_each(|n| cut(n, MAX_SHORT_CHARS));
        }
        Ok(())
    }
}

impl Candidate {
    fn clamp(&mut self) {
        cut_opt(&mut self.id, MAX_SHORT_CHARS);
        cut_opt(&mut self.heading, MAX_SHORT_CHARS);
        cut(&mut self.tag, 32);
        cut(&mut self.text, MAX_TEXT_CHARS);
        self.classes.truncate(MAX_URLS_PER_CANDIDATE);
        self.classes.iter_mut().for_each(|c| cut(c, MAX_SHORT_CHARS));
        self.attributes.truncate(MAX_URLS_PER_CANDIDATE);
        for (name, value) in &mut self.attributes {
            cut(name, MAX_SHORT_CHARS);
            cut(value, MAX_SHORT_CHARS);
        }
        self.frame_names.truncate(MAX_URLS_PER_CANDIDATE);
        self.frame_names.iter_mut().for_each(|n| cut(n, MAX_SHORT_CHARS));
        for urls in [&mut self.links, &mut self.frames, &mut self.images] {
            urls.truncate(MAX_URLS_PER_CANDIDATE);
            urls.iter_mut().for_each(|u| cut(u, MAX_URL_CHARS));
        }
        for v in [&mut self.rect.x, &mut self.rect.y, &mut self.rect.width, &mut self.rect.height] {
            if !v.is_finite() {
                *v = 0.0;
            }
        }
    }

    /// Adds the content of the frames this element holds (matched by frame
    /// name, else by URL), and of the frames those hold in turn (up to
    /// [`MAX_FRAME_DEPTH`] deep), to its own, and returns those frames' URLs.
    pub fn absorb_frames(&mut self, frames: &[FrameReport]) -> Vec<String> {
        let mut names = self.frame_names.clone();
        let mut urls = self.frames.clone();
        let mut taken = vec![false; frames.len()];
        let mut absorbed = Vec::new();
        // One level per round: the frames held by the last level taken. A
        // frame is taken once, so frames that name each other in a circle
        // end too.
        for _ in 0..MAX_FRAME_DEPTH {
            let (mut inner_names, mut inner_urls) = (Vec::new(), Vec::new());
            for (frame, taken) in frames.iter().zip(taken.iter_mut()) {
                // A URL names one frame's document when it is a web URL or
                // a saved page's `cid:` (`about:srcdoc` and `about:blank`
                // name none: those are known by name).
                let unique = frame.url.starts_with("http") || frame.url.starts_with("cid:");
                let held =
                    (!frame.name.is_empty() && names.contains(&frame.name)) || (unique && urls.contains(&frame.url));
                if *taken || !held {
                    continue;
                }
                *taken = true;
                inner_names.extend(frame.frame_names.iter().cloned());
                inner_urls.extend(frame.frames.iter().cloned());
                self.links.extend(frame.links.iter().cloned());
                self.images.extend(frame.images.iter().cloned());
                if !frame.text.is_empty() {
                    if !self.text.is_empty() {
                        self.text.push(' ');
                    }
                    self.text.push_str(&frame.text);
                }
                absorbed.push(frame.url.clone());
            }
            if inner_names.is_empty() && inner_urls.is_empty() {
                break;
            }
            (names, urls) = (inner_names, inner_urls);
        }
        self.clamp();
        absorbed
    }

    /// The value of an attribute the plan asked for.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

fn cut(s: &mut String, max: usize) {
    let len = truncate(s, max).len();
    s.truncate(len);
}

fn cut_opt(s: &mut Option<String>, max: usize) {
    if let Some(s) = s {
        cut(s, max);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(url: &str, name: &str, text: &str, inner: &[&str]) -> FrameReport {
        FrameReport {
            url: url.into(),
            name: name.into(),
            text: text.into(),
            frame_names: inner.iter().map(|n| n.to_string()).collect(),
            ..Default::default()
        }
    }

    #[test]
    fn a_slot_takes_the_content_of_frames_nested_in_its_frame() {
        let mut slot = Candidate { frame_names: vec!["slot-frame".into()], ..Default::default() };
        let frames = [
            frame("about:blank", "creative", "Trail Runner X", &[]),
            frame("about:blank", "slot-frame", "", &["wrapper"]),
            frame("https://safeframe.example/f.html", "wrapper", "", &["creative"]),
            frame("about:blank", "elsewhere", "Not this one", &[]),
        ];
        let absorbed = slot.absorb_frames(&frames);
        assert_eq!(slot.text, "Trail Runner X");
        assert_eq!(absorbed, vec!["about:blank", "https://safeframe.example/f.html", "about:blank"]);
    }

    #[test]
    fn a_frame_is_known_by_a_url_naming_one_document_only() {
        // A saved page's `cid:` names one part; `about:srcdoc` names none.
        let mut slot =
            Candidate { frames: vec!["cid:frame-C@mhtml.blink".into(), "about:srcdoc".into()], ..Default::default() };
        let frames =
            [frame("cid:frame-C@mhtml.blink", "", "City breaks", &[]), frame("about:srcdoc", "", "Other", &[])];
        assert_eq!(slot.absorb_frames(&frames), ["cid:frame-C@mhtml.blink"]);
        assert_eq!(slot.text, "City breaks");
    }

    #[test]
    fn frames_naming_each_other_in_a_circle_are_taken_once() {
        let mut slot = Candidate { frame_names: vec!["a".into()], ..Default::default() };
        let frames = [frame("about:blank", "a", "A", &["b"]), frame("about:blank", "b", "B", &["a"])];
        assert_eq!(slot.absorb_frames(&frames).len(), 2);
        assert_eq!(slot.text, "A B");
    }

    #[test]
    fn nesting_deeper_than_the_limit_is_not_followed() {
        let names: Vec<String> = (0..=MAX_FRAME_DEPTH + 2).map(|i| format!("f{i}")).collect();
        let frames: Vec<FrameReport> = (0..names.len())
            .rev()
            .map(|i| {
                frame("about:blank", &names[i], "x", &names.get(i + 1).map(|n| vec![n.as_str()]).unwrap_or_default())
            })
            .collect();
        let mut slot = Candidate { frame_names: vec!["f0".into()], ..Default::default() };
        assert_eq!(slot.absorb_frames(&frames).len(), MAX_FRAME_DEPTH);
    }

    #[test]
    fn validate_refuses_non_http_pages() {
        let mut page = PageSnapshot { url: "javascript:alert(1)".into(), ..Default::default() };
        assert!(matches!(page.validate(), Err(InputError::BadPageUrl(_))));
    }

    #[test]
    fn validate_refuses_too_many_candidates() {
        let mut page = PageSnapshot {
            url: "https://news.example/".into(),
            candidates: vec![Candidate::default(); MAX_CANDIDATES + 1],
            ..Default::default()
        };
        assert!(matches!(page.validate(), Err(InputError::TooMany { field: "candidates", .. })));
    }

    #[test]
    fn validate_cuts_long_text_and_bad_numbers() {
        let mut page = PageSnapshot {
            url: "https://news.example/".into(),
            candidates: vec![Candidate {
                text: "x".repeat(MAX_TEXT_CHARS * 3),
                rect: Rect { x: f64::NAN, y: f64::INFINITY, width: 10.0, height: 5.0 },
                ..Default::default()
            }],
            ..Default::default()
        };
        page.validate().expect("valid page");
        let c = &page.candidates[0];
        assert_eq!(c.text.chars().count(), MAX_TEXT_CHARS);
        assert_eq!((c.rect.x, c.rect.y, c.rect.width), (0.0, 0.0, 10.0));
    }
}
