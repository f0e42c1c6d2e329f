//! One HAR file's entries as the format (HTTP Archive 1.2, with the
//! recorders' own `_resourceType`, `_frameref` and `_file`) writes them, and
//! what one entry says: whether it loaded a document, its request's type as
//! `webRequest` names it, and its response's text, decoded, or the file
//! beside the HAR that holds it. [`crate::har`] turns entries into visits.

use base64::Engine as _;
use serde::Deserialize;

use crate::saved_page::{FrameDocument, MAX_HTML_BYTES};

/// A HAR file (only what a replay reads of it).
#[derive(Deserialize)]
pub(crate) struct Har {
    pub(crate) log: Log,
}

/// Its log: the entries, one per request.
#[derive(Deserialize)]
pub(crate) struct Log {
    pub(crate) entries: Vec<Entry>,
}

/// One request and its response.
#[derive(Deserialize)]
pub(crate) struct Entry {
    #[serde(default)]
    pub(crate) pageref: Option<String>,
    #[serde(rename = "startedDateTime")]
    pub(crate) started: String,
    pub(crate) request: Request,
    pub(crate) response: Response,
    #[serde(rename = "_resourceType", default)]
    pub(crate) resource_type: Option<String>,
    #[serde(rename = "_frameref", default)]
    pub(crate) frame: Option<String>,
}

/// What was asked for.
#[derive(Deserialize)]
pub(crate) struct Request {
    pub(crate) url: String,
    #[serde(default)]
    pub(crate) headers: Vec<Header>,
}

/// One request header, as recorded.
#[derive(Deserialize)]
pub(crate) struct Header {
    #[serde(default)]
    pub(crate) name: String,
    #[serde(default)]
    pub(crate) value: String,
}

impl Request {
    /// Whether the browser sent Global Privacy Control with it (`Sec-GPC: 1`).
    pub(crate) fn sends_gpc(&self) -> bool {
        self.headers.iter().any(|h| h.name.eq_ignore_ascii_case("sec-gpc") && h.value.trim() == "1")
    }
}

/// What came back.
#[derive(Deserialize)]
pub(crate) struct Response {
    #[serde(default)]
    pub(crate) status: i64,
    #[serde(default)]
    pub(crate) content: Content,
    /// Why the request failed, as Chrome's DevTools write it
    /// (`net::ERR_BLOCKED_BY_CLIENT`).
    #[serde(rename = "_error", default)]
    pub(crate) error: Option<String>,
    /// The same, as Playwright writes it.
    #[serde(rename = "_failureText", default)]
    pub(crate) failure: Option<String>,
}

/// Chromium's errors for a request stopped before it left the browser: by
/// an extension (an ad blocker) or by the browser's policy.
const STOPPED_IN_BROWSER: [&str; 2] = ["net::ERR_BLOCKED_BY_CLIENT", "net::ERR_BLOCKED_BY_ADMINISTRATOR"];

/// A response's body, as saved (inline, base64, or in a file beside the HAR).
#[derive(Deserialize, Default)]
pub(crate) struct Content {
    #[serde(rename = "mimeType", default)]
    pub(crate) mime_type: String,
    #[serde(default)]
    pub(crate) text: Option<String>,
    #[serde(default)]
    pub(crate) encoding: Option<String>,
    #[serde(rename = "_file", default)]
    pub(crate) file: Option<String>,
}

impl Entry {
    /// Whether the request never left the browser (an ad blocker stopped
    /// it): the site sent nothing with it, as the extension records only
    /// requests sent. Playwright adds `.Inspector` when its own route did.
    pub(crate) fn never_sent(&self) -> bool {
        [&self.response.error, &self.response.failure]
            .into_iter()
            .flatten()
            .any(|why| STOPPED_IN_BROWSER.iter().any(|code| why.starts_with(code)))
    }

    /// Whether this is a document load (a page or a frame's page).
    pub(crate) fn is_document(&self) -> bool {
        match self.resource_type.as_deref() {
            Some(kind) => kind == "document",
            None => self.response.content.mime_type.contains("html"),
        }
    }

    /// The request's type as `webRequest` names it; a document here is a
    /// frame's (top-level loads are the visits themselves).
    pub(crate) fn request_type(&self) -> &'static str {
        let mime = self.response.content.mime_type.to_ascii_lowercase();
        match self.resource_type.as_deref() {
            Some("document") => "sub_frame",
            Some("stylesheet") => "stylesheet",
            Some("image") => "image",
            Some("media") => "media",
            Some("font") => "font",
            Some("script") => "script",
            Some("xhr" | "fetch" | "eventsource") => "xmlhttprequest",
            Some("websocket") => "websocket",
            Some("ping") => "ping",
            Some("csp-violation-report") => "csp_report",
            Some(_) => "other",
            None if mime.contains("html") => "sub_frame",
            None if mime.starts_with("image/") => "image",
            None if mime.contains("javascript") || mime.contains("ecmascript") => "script",
            None if mime.starts_with("text/css") => "stylesheet",
            None if mime.starts_with("font/") || mime.contains("woff") => "font",
            None if mime.starts_with("audio/") || mime.starts_with("video/") => "media",
            None if mime.contains("json") || mime.contains("xml") => "xmlhttprequest",
            None => "other",
        }
    }

    /// The response's text, decoded; `Ok(None)` when it was not saved here
    /// (see [`Entry::attached`]).
    pub(crate) fn html(&self) -> Result<Option<String>, String> {
        let content = &self.response.content;
        let Some(text) = content.text.as_deref().filter(|t| !t.is_empty()) else { return Ok(None) };
        let html = if content.encoding.as_deref() == Some("base64") {
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(text.trim())
                .map_err(|e| format!("{}: its content is not base64: {e}", self.request.url))?;
            String::from_utf8_lossy(&bytes).into_owned()
        } else {
            text.to_owned()
        };
        if html.len() as u64 > MAX_HTML_BYTES {
            return Err(format!("{}: {} bytes, more than the cap of {MAX_HTML_BYTES}", self.request.url, html.len()));
        }
        Ok(Some(html))
    }

    /// The file beside the HAR holding the response, if saved so: only a
    /// bare name is taken (a recorder writes one; a path could point
    /// anywhere).
    pub(crate) fn attached(&self) -> Result<Option<String>, String> {
        let Some(file) = self.response.content.file.as_deref() else { return Ok(None) };
        let bare = !file.is_empty() && !file.contains(['/', '\\']) && file != "." && file != "..";
        if bare {
            Ok(Some(file.to_owned()))
        } else {
            Err(format!("{}: its content file {file:?} is not a file name beside the HAR", self.request.url))
        }
    }

    /// A frame's document, when the HAR holds it (a redirect's answer, an
    /// empty one or one that cannot be read is not a document to read).
    pub(crate) fn frame_document(&self) -> Option<FrameDocument> {
        if !(200..300).contains(&self.response.status) {
            return None;
        }
        let frame =
            |html, html_file| FrameDocument { url: self.request.url.clone(), name: String::new(), html, html_file };
        match self.html() {
            Ok(Some(html)) => Some(frame(Some(html), None)),
            Ok(None) => self.attached().ok().flatten().map(|file| frame(None, Some(file))),
            Err(_) => None,
        }
    }
}
