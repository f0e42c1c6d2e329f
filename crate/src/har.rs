//! A browsing journey recorded as a HAR file (HTTP Archive 1.2: what the
//! browsers' developer tools save with "Save all as HAR with content", and
//! what Playwright's `recordHar` writes), turned into the visits
//! [`crate::replay`] replays.
//!
//! A visit is a top-level page load: its document (the HTML as the server
//! sent it) and every other request made until the next top-level load,
//! frames' documents included. Recorders mark these differently, so:
//! - with `_frameref` (Playwright), a document loaded in the frame of the
//!   first document of its page starts a visit; others are frames;
//! - without it (Chrome's and Firefox's tools, which start a page per
//!   navigation), the first document of each page starts a visit.
//!
//! A document answered by a redirect is followed: the visit's page is the
//! next document of its frame. Its HTML is the response's text (base64 or
//! not), or a file beside the HAR (`_file`, as Playwright attaches it); a
//! visit whose page was saved without content is reported, not guessed at.
//! A frame's document saved with its content is also one of the visit's
//! frames, read for the slot that holds it; one saved without (or garbled)
//! is a request only.

use std::fmt;

use crate::export::parse_time;
use crate::har_entry::{Entry, Har};
use crate::replay::VisitRequest;
use crate::saved_page::FrameDocument;

/// Largest HAR file read: the whole file is parsed in memory, and a
/// recording with every image embedded grows fast.
pub const MAX_HAR_BYTES: u64 = 512 * 1024 * 1024;

/// Why a HAR file as a whole cannot be read. (A visit that cannot be
/// replayed is a [`HarVisit`] with `problem` set: the others still are.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HarError {
    /// Not JSON, or not shaped as HAR (no `log.entries`).
    Malformed(String),
    /// Over [`MAX_HAR_BYTES`].
    TooLarge(u64),
}

impl fmt::Display for HarError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HarError::Malformed(why) => write!(f, "not a HAR file: {why}"),
            HarError::TooLarge(bytes) => {
                write!(f, "{bytes} bytes, more than the cap of {MAX_HAR_BYTES} for a HAR file")
            }
        }
    }
}

impl std::error::Error for HarError {}

/// One top-level page load found in a HAR file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HarVisit {
    /// When its document was requested, RFC 3339.
    pub time: String,
    /// The page's URL (after redirects).
    pub url: String,
    /// The page's HTML, as sent, when the HAR holds it.
    pub html: String,
    /// Or the file beside the HAR that holds it (Playwright's
    /// `content: 'attach'`): a bare file name.
    pub html_file: Option<String>,
    /// Every other request until the next top-level load, in order, typed as
    /// `webRequest` types them.
    pub requests: Vec<VisitRequest>,
    /// The frames' documents the HAR holds, in order (their `name` is not
    /// recorded: they are matched to their slots by URL).
    pub frames: Vec<FrameDocument>,
    /// Why this visit cannot be replayed (its page saved without content…).
    pub problem: Option<String>,
    /// The browser sent Global Privacy Control with the page's request
    /// (`Sec-GPC: 1`).
    pub gpc: bool,
}

/// The visits of a HAR file, in the order they were made.
pub fn har_visits(text: &str) -> Result<Vec<HarVisit>, HarError> {
    if text.len() as u64 > MAX_HAR_BYTES {
        return Err(HarError::TooLarge(text.len() as u64));
    }
    let har: Har = serde_json::from_str(text).map_err(|e| HarError::Malformed(e.to_string()))?;
    // In time order (the format asks for it; a recorder may not keep it):
    // a request is part of the visit loaded last before it.
    let mut entries: Vec<(u64, Entry)> =
        har.log.entries.into_iter().map(|e| (parse_time(&e.started).unwrap_or(0), e)).collect();
    entries.sort_by_key(|(at, _)| *at);

    let mut visits: Vec<HarVisit> = Vec::new();
    // Each page's top frame: the frame of its first document, where named.
    let mut top_frames: Vec<(Option<String>, Option<String>)> = Vec::new();
    // The page whose visit waits for its document, after a redirect.
    let mut redirected: Option<Option<String>> = None;
    for (_, entry) in entries {
        let url = &entry.request.url;
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            continue;
        }
        let waiting = redirected.as_ref() == Some(&entry.pageref);
        let top = entry.is_document()
            && match top_frames.iter().find(|(page, _)| *page == entry.pageref) {
                None => {
                    top_frames.push((entry.pageref.clone(), entry.frame.clone()));
                    true
                }
                // Named frames tell; unnamed, only a redirect's target is.
                Some((_, frame)) => match frame {
                    Some(_) => *frame == entry.frame,
                    None => waiting,
                },
            };
        if !top {
            if entry.never_sent() {
                continue;
            }
            if let Some(visit) = visits.last_mut() {
                visit.requests.push(VisitRequest { url: url.clone(), request_type: entry.request_type().to_owned() });
                if entry.is_document() {
                    visit.frames.extend(entry.frame_document());
                }
            }
            continue;
        }
        if !waiting {
            visits.push(HarVisit {
                time: entry.started.clone(),
                url: url.clone(),
                html: String::new(),
                html_file: None,
                requests: Vec::new(),
                frames: Vec::new(),
                problem: None,
                gpc: false,
            });
        }
        if let Some(visit) = visits.last_mut() {
            visit.url = url.clone();
            visit.gpc = entry.request.sends_gpc();
            redirected = None;
            if (300..400).contains(&entry.response.status) {
                redirected = Some(entry.pageref.clone());
            } else {
                match entry.html() {
                    Ok(Some(html)) => visit.html = html,
                    Ok(None) => match entry.attached() {
                        Ok(file) => visit.html_file = file,
                        Err(why) => visit.problem = Some(why),
                    },
                    Err(why) => visit.problem = Some(why),
                }
            }
        }
    }
    for visit in &mut visits {
        if visit.problem.is_none() && visit.html.is_empty() && visit.html_file.is_none() {
            visit.problem =
                Some(format!("{}: the HAR has no content for this page (save the HAR with content)", visit.url));
        }
    }
    Ok(visits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine as _;
    use serde_json::json;

    fn entry(
        page: &str,
        frame: Option<&str>,
        at: &str,
        url: &str,
        kind: Option<&str>,
        status: i64,
        text: &str,
    ) -> serde_json::Value {
        let mut e = json!({
            "pageref": page, "startedDateTime": at,
            "request": {"method": "GET", "url": url},
            "response": {"status": status, "content": {"size": text.len(), "mimeType": "text/html", "text": text}},
        });
        if let Some(kind) = kind {
            e["_resourceType"] = json!(kind);
            if kind != "document" {
                e["response"]["content"]["mimeType"] = json!("text/javascript");
            }
        }
        if let Some(frame) = frame {
            e["_frameref"] = json!(frame);
        }
        e
    }

    fn har(entries: Vec<serde_json::Value>) -> String {
        json!({"log": {"version": "1.2", "creator": {"name": "test"}, "pages": [], "entries": entries}}).to_string()
    }

    #[test]
    fn playwright_one_page_two_navigations_and_a_frame() {
        // Playwright keeps a tab as one page: navigations are told apart by
        // the top frame, and the ad's frame is a request of its visit.
        let text = har(vec![
            entry(
                "p",
                Some("top"),
                "2026-12-05T10:00:00.000Z",
                "http://shop.example/p",
                Some("document"),
                200,
                "<p>shoe</p>",
            ),
            entry(
                "p",
                Some("top"),
                "2026-12-05T10:00:00.100Z",
                "http://static.criteo.net/ld.js",
                Some("script"),
                200,
                "x",
            ),
            entry(
                "p",
                Some("top"),
                "2026-12-05T10:00:05.000Z",
                "http://news.example/a",
                Some("document"),
                200,
                "<p>news</p>",
            ),
            entry(
                "p",
                Some("ad"),
                "2026-12-05T10:00:05.200Z",
                "http://tpc.googlesyndication.com/c.html",
                Some("document"),
                200,
                "<a>ad</a>",
            ),
            entry(
                "p",
                Some("top"),
                "2026-12-05T10:00:05.100Z",
                "http://cdn.taboola.com/loader.js",
                Some("script"),
                200,
                "x",
            ),
            entry("p", Some("top"), "2026-12-05T10:00:05.300Z", "data:image/png;base64,AAAA", Some("image"), 200, ""),
        ]);
        let visits = har_visits(&text).expect("a HAR");
        assert_eq!(visits.len(), 2);
        assert_eq!((visits[0].url.as_str(), visits[0].html.as_str()), ("http://shop.example/p", "<p>shoe</p>"));
        assert_eq!(visits[0].time, "2026-12-05T10:00:00.000Z");
        let typed =
            |v: &HarVisit| v.requests.iter().map(|r| format!("{} {}", r.request_type, r.url)).collect::<Vec<_>>();
        assert_eq!(typed(&visits[0]), ["script http://static.criteo.net/ld.js"]);
        // In time order, not file order; data: URLs are no request.
        assert_eq!(
            typed(&visits[1]),
            ["script http://cdn.taboola.com/loader.js", "sub_frame http://tpc.googlesyndication.com/c.html"]
        );
        // The frame's document, for the slot holding it.
        assert!(visits[0].frames.is_empty());
        assert_eq!(
            visits[1].frames,
            [FrameDocument {
                url: "http://tpc.googlesyndication.com/c.html".into(),
                name: String::new(),
                html: Some("<a>ad</a>".into()),
                html_file: None
            }]
        );
        assert!(visits.iter().all(|v| v.problem.is_none()));
    }

    #[test]
    fn devtools_pages_per_navigation_base64_and_redirects() {
        // Chrome's and Firefox's tools: a page per navigation, no frame
        // names; the first document of a page is the visit, later ones
        // frames. A redirect is followed to the page it sends to.
        let body = base64::engine::general_purpose::STANDARD.encode("<h1>Zakupy</h1> żółw");
        let mut moved = entry("page_2", None, "2026-12-05T10:01:00Z", "http://news.example/old", None, 301, "");
        moved["response"]["content"] = json!({"size": 0, "mimeType": "text/html"});
        let mut page = entry("page_2", None, "2026-12-05T10:01:00.500Z", "http://news.example/new", None, 200, "");
        page["response"]["content"] =
            json!({"size": 10, "mimeType": "text/html; charset=utf-8", "text": body, "encoding": "base64"});
        let mut pixel =
            entry("page_2", None, "2026-12-05T10:01:02Z", "http://sslwidget.criteo.com/event?a=1", None, 200, "");
        pixel["response"]["content"] = json!({"size": 43, "mimeType": "image/gif"});
        let text = har(vec![
            entry("page_1", None, "2026-12-05T10:00:00Z", "http://shop.example/", None, 200, "<p>shop</p>"),
            moved,
            page,
            entry("page_2", None, "2026-12-05T10:01:01Z", "http://frames.example/f.html", None, 200, "<p>frame</p>"),
            pixel,
        ]);
        let visits = har_visits(&text).expect("a HAR");
        assert_eq!(visits.len(), 2);
        assert_eq!(visits[1].url, "http://news.example/new");
        assert_eq!(visits[1].time, "2026-12-05T10:01:00Z", "the visit began with the redirected request");
        assert_eq!(visits[1].html, "<h1>Zakupy</h1> żółw");
        let types: Vec<&str> = visits[1].requests.iter().map(|r| r.request_type.as_str()).collect();
        assert_eq!(types, ["sub_frame", "image"]);
        assert_eq!(visits[1].frames.iter().map(|f| f.html.as_deref()).collect::<Vec<_>>(), [Some("<p>frame</p>")]);
    }

    #[test]
    fn frames_without_a_document_to_read_are_requests_only() {
        // A frame redirected, answered empty, garbled or saved without its
        // content: no frame to read, but still a request, and the visit
        // itself replays.
        let document = |url: &str, status: i64, content: serde_json::Value| {
            let mut e = entry("p", Some("ad"), "2026-12-05T10:00:01Z", url, Some("document"), status, "");
            e["response"]["content"] = content;
            e
        };
        let text = har(vec![
            entry("p", Some("top"), "2026-12-05T10:00:00Z", "http://news.example/", Some("document"), 200, "<p>a</p>"),
            document("http://ads.example/moved", 302, json!({"mimeType": "text/html"})),
            document("http://ads.example/empty", 204, json!({"mimeType": "text/html"})),
            document(
                "http://ads.example/garbled",
                200,
                json!({"mimeType": "text/html", "text": "%%", "encoding": "base64"}),
            ),
            document("http://ads.example/unsaved", 200, json!({"mimeType": "text/html", "size": 900})),
            document("http://ads.example/escaping", 200, json!({"mimeType": "text/html", "_file": "../x.html"})),
            document("http://ads.example/attached", 200, json!({"mimeType": "text/html", "_file": "f00d.html"})),
        ]);
        let visits = har_visits(&text).expect("a HAR");
        assert_eq!(visits.len(), 1);
        assert_eq!(visits[0].problem, None);
        assert_eq!(visits[0].requests.len(), 6);
        let frames: Vec<(&str, Option<&str>)> =
            visits[0].frames.iter().map(|f| (f.url.as_str(), f.html_file.as_deref())).collect();
        assert_eq!(frames, [("http://ads.example/attached", Some("f00d.html"))]);
    }

    #[test]
    fn a_page_saved_without_content_is_a_problem_of_its_visit_only() {
        let mut bare = entry("page_2", None, "2026-12-05T10:01:00Z", "http://news.example/", None, 200, "");
        bare["response"]["content"] = json!({"size": 900, "mimeType": "text/html"});
        let mut garbled = entry("page_3", None, "2026-12-05T10:02:00Z", "http://blog.example/", None, 200, "");
        garbled["response"]["content"] = json!({"mimeType": "text/html", "text": "%%%", "encoding": "base64"});
        let text = har(vec![
            entry("page_1", None, "2026-12-05T10:00:00Z", "http://shop.example/", None, 200, "<p>shop</p>"),
            bare,
            garbled,
        ]);
        let visits = har_visits(&text).expect("a HAR");
        let problems: Vec<Option<&str>> = visits.iter().map(|v| v.problem.as_deref()).collect();
        assert_eq!(problems[0], None);
        assert!(problems[1].is_some_and(|p| p.contains("save the HAR with content")), "{problems:?}");
        assert!(problems[2].is_some_and(|p| p.contains("not base64")), "{problems:?}");
    }

    #[test]
    fn a_page_requested_with_global_privacy_control_says_so() {
        let mut sent = entry("page_1", None, "2026-12-05T10:00:00Z", "http://news.example/", None, 200, "<p>news</p>");
        sent["request"]["headers"] =
            json!([{"name": "Accept", "value": "text/html"}, {"name": "Sec-GPC", "value": "1"}]);
        let mut other = entry("page_2", None, "2026-12-05T10:01:00Z", "http://blog.example/", None, 200, "<p>blog</p>");
        other["request"]["headers"] = json!([{"name": "sec-gpc", "value": "0"}, {"value": "headless"}]);
        let text = har(vec![
            sent,
            other,
            entry("page_3", None, "2026-12-05T10:02:00Z", "http://shop.example/", None, 200, "<p>shop</p>"),
        ]);
        let visits = har_visits(&text).expect("a HAR");
        assert_eq!(visits.iter().map(|v| v.gpc).collect::<Vec<_>>(), [true, false, false]);
    }

    #[test]
    fn content_attached_beside_the_har_is_named_by_file() {
        // Playwright's `content: 'attach'`: each body in a file beside the HAR.
        let mut attached =
            entry("p", Some("top"), "2026-12-05T10:00:00Z", "http://shop.example/", Some("document"), 200, "");
        attached["response"]["content"] = json!({"mimeType": "text/html", "_file": "0b15f1ba.html"});
        let mut escaping =
            entry("q", Some("top"), "2026-12-05T10:01:00Z", "http://news.example/", Some("document"), 200, "");
        escaping["response"]["content"] = json!({"mimeType": "text/html", "_file": "../../etc/passwd"});
        let visits = har_visits(&har(vec![attached, escaping])).expect("a HAR");
        assert_eq!((visits[0].html_file.as_deref(), visits[0].problem.as_deref()), (Some("0b15f1ba.html"), None));
        assert_eq!(visits[1].html_file, None);
        assert!(
            visits[1].problem.as_deref().is_some_and(|p| p.contains("not a file name beside the HAR")),
            "{visits:?}"
        );
    }

    #[test]
    fn requests_stopped_before_they_left_the_browser_are_not_requests_of_the_visit() {
        // An ad blocker stopped the tag and its pixel (Chrome's DevTools
        // write `_error`, Playwright `_failureText`); a request a server
        // refused, or one whose answer the browser blocked, was sent.
        let failed = |url: &str, field: &str, why: &str| {
            let mut e = entry("p", Some("top"), "2026-12-05T10:00:01Z", url, Some("script"), 0, "");
            e["response"][field] = json!(why);
            e
        };
        let text = har(vec![
            entry("p", Some("top"), "2026-12-05T10:00:00Z", "http://shop.example/", Some("document"), 200, "<p>a</p>"),
            failed("http://static.criteo.net/ld.js", "_error", "net::ERR_BLOCKED_BY_CLIENT"),
            failed("http://sslwidget.criteo.com/event", "_failureText", "net::ERR_BLOCKED_BY_CLIENT.Inspector"),
            failed("http://www.googletagmanager.com/gtm.js", "_error", "net::ERR_BLOCKED_BY_ADMINISTRATOR"),
            failed("http://cdn.taboola.com/loader.js", "_error", "net::ERR_BLOCKED_BY_RESPONSE"),
            failed("http://ads.example/slow.js", "_failureText", "net::ERR_CONNECTION_RESET"),
        ]);
        let visits = har_visits(&text).expect("a HAR");
        let urls: Vec<&str> = visits[0].requests.iter().map(|r| r.url.as_str()).collect();
        assert_eq!(urls, ["http://cdn.taboola.com/loader.js", "http://ads.example/slow.js"]);
    }

    #[test]
    fn files_that_are_not_har_are_refused_with_why() {
        assert!(matches!(har_visits("{not json"), Err(HarError::Malformed(_))));
        let no_log = har_visits(r#"{"time":"2026-11-20T10:00:00Z","url":"https://a.example/"}"#);
        assert!(no_log.unwrap_err().to_string().contains("missing field `log`"));
        assert_eq!(har_visits(&har(vec![])), Ok(vec![]));
    }
}
