//! A page saved as MHTML: what Chrome's "Save page as… Webpage, Single
//! File" and the DevTools protocol's `Page.captureSnapshot` write. Unlike a
//! page's HTML as the server sent it, it is the page as the user saw it,
//! ads that scripts inserted included, with each frame's document, so a
//! slot's creative can be read for the slot as the extension reads it.
//!
//! It is a MIME `multipart/related` message: the page is its first HTML
//! part, each frame another, and the serializer replaced each frame's `src`
//! with `cid:` and the part's `Content-ID`. That is undone here for frames
//! with a web URL (their `Content-Location`); the others (`srcdoc` and
//! script-written frames) keep their `cid:` URL, which names one part.

use std::collections::HashMap;
use std::fmt;

use mail_parser::{MessageParser, MimeHeaders};

use crate::saved_page::{FrameDocument, SavedPage, MAX_HTML_BYTES};

/// Largest MHTML file read: images and style sheets are in it too.
pub const MAX_MHTML_BYTES: u64 = 256 * 1024 * 1024;

/// Most frames read from one saved page (as many as the extension keeps).
const MAX_SAVED_FRAMES: usize = crate::page::MAX_FRAMES;

/// Why a file cannot be read as a page saved as MHTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MhtmlError {
    /// Not a MIME message, or one with no HTML document in it.
    NoPage,
    /// The page's document is over [`MAX_HTML_BYTES`].
    PageTooLarge(usize),
}

impl fmt::Display for MhtmlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MhtmlError::NoPage => write!(f, "not a page saved as MHTML: no HTML document in it"),
            MhtmlError::PageTooLarge(bytes) => {
                write!(f, "the saved page's document is {bytes} bytes, more than the cap of {MAX_HTML_BYTES}")
            }
        }
    }
}

impl std::error::Error for MhtmlError {}

/// Whether a file's start is a MIME message's header holding a
/// `multipart/related` type (MHTML); saved HTML starts with markup.
pub fn looks_like_mhtml(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let head = head.replace("\r\n", "\n");
    let header = head.split("\n\n").next().unwrap_or("");
    !head.trim_start().starts_with('<') && header.contains("multipart/related")
}

/// Reads a page saved as MHTML.
pub fn read_mhtml(bytes: &[u8]) -> Result<SavedPage, MhtmlError> {
    let message = MessageParser::default().parse(bytes).ok_or(MhtmlError::NoPage)?;
    let url = message
        .header_raw("Snapshot-Content-Location")
        .map(|raw| raw.trim().to_owned())
        .or_else(|| message.root_part().content_location().map(str::to_owned));
    let documents: Vec<_> = message
        .parts
        .iter()
        .filter(|part| part.is_content_type("text", "html"))
        .map(|part| {
            let cid = part.content_id().map(|id| format!("cid:{}", id.trim_matches(['<', '>'])));
            let location = part.content_location().map(str::trim).filter(|l| l.starts_with("http"));
            (cid, location.map(str::to_owned), part.contents())
        })
        .collect();
    // The page is the document saved at its URL, else the first one.
    let page = documents.iter().position(|(_, location, _)| location.is_some() && *location == url).unwrap_or(0);
    let (_, _, page_bytes) = documents.get(page).ok_or(MhtmlError::NoPage)?;
    if page_bytes.len() as u64 > MAX_HTML_BYTES {
        return Err(MhtmlError::PageTooLarge(page_bytes.len()));
    }
    // Each frame's `cid:` back to its web URL, where it has one.
    let web_urls: HashMap<&str, &str> =
        documents.iter().filter_map(|(cid, location, _)| Some((cid.as_deref()?, location.as_deref()?))).collect();
    let restore = |bytes: &[u8]| restore_frame_urls(&String::from_utf8_lossy(bytes), &web_urls);
    let frames = documents
        .iter()
        .enumerate()
        .filter(|(i, (_, _, bytes))| *i != page && bytes.len() as u64 <= MAX_HTML_BYTES)
        .filter_map(|(_, (cid, location, bytes))| {
            let url = location.clone().or_else(|| cid.clone())?;
            Some(FrameDocument { url, name: String::new(), html: Some(restore(bytes)), html_file: None })
        })
        .take(MAX_SAVED_FRAMES)
        .collect();
    Ok(SavedPage { url, html: restore(page_bytes), frames, as_shown: true })
}

/// The document with each `cid:` URL of a frame that has a web URL put back.
fn restore_frame_urls(html: &str, web_urls: &HashMap<&str, &str>) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("cid:") {
        out.push_str(&rest[..at]);
        let end = rest[at..].find(['"', '\'', ' ', '>', '\n']).map_or(rest.len(), |e| at + e);
        let cid = &rest[at..end];
        out.push_str(web_urls.get(cid).copied().unwrap_or(cid));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// As Chromium saves a page whose slot's frame holds the creative's own
    /// frame, and a slot written by script (a `srcdoc` frame: no web URL).
    const SAVED: &str = "From: <Saved by Blink>\r
Snapshot-Content-Location: http://news.example/a.html\r
MIME-Version: 1.0\r
Content-Type: multipart/related;\r
\ttype=\"text/html\";\r
\tboundary=\"----MultipartBoundary--x----\"\r
\r
\r
------MultipartBoundary--x----\r
Content-Type: text/html\r
Content-ID: <frame-A@mhtml.blink>\r
Content-Transfer-Encoding: quoted-printable\r
Content-Location: http://news.example/a.html\r
\r
<div id=3D\"div-gpt-ad-1\"><iframe src=3D\"cid:frame-B@mhtml.blink\"></iframe></div><div id=3D\"div=\r
-gpt-ad-2\"><iframe src=3D\"cid:frame-C@mhtml.blink\"></iframe></div>\r
------MultipartBoundary--x----\r
Content-Type: text/css\r
Content-Location: cid:css-1@mhtml.blink\r
\r
p { color: red }\r
------MultipartBoundary--x----\r
Content-Type: text/html\r
Content-ID: <frame-B@mhtml.blink>\r
Content-Transfer-Encoding: quoted-printable\r
Content-Location: http://ads.example/container.html\r
\r
<iframe src=3D\"cid:frame-D@mhtml.blink\"></iframe>\r
------MultipartBoundary--x----\r
Content-Type: text/html\r
Content-ID: <frame-C@mhtml.blink>\r
Content-Transfer-Encoding: quoted-printable\r
\r
<a href=3D\"https://travel.example/\">City breaks from =E2=82=AC99</a>\r
------MultipartBoundary--x----\r
Content-Type: text/html\r
Content-ID: <frame-D@mhtml.blink>\r
Content-Transfer-Encoding: quoted-printable\r
Content-Location: http://ads.example/creative.html\r
\r
<a href=3D\"https://shop.example/p/1\">Trail Runner X</a>\r
------MultipartBoundary--x------\r
";

    #[test]
    fn the_page_and_its_frames_with_their_web_urls_put_back() {
        assert!(looks_like_mhtml(SAVED.as_bytes()));
        let saved = read_mhtml(SAVED.as_bytes()).expect("a saved page");
        assert_eq!(saved.url.as_deref(), Some("http://news.example/a.html"));
        assert!(saved.html.contains(r#"<iframe src="http://ads.example/container.html">"#), "{}", saved.html);
        assert!(saved.html.contains(r#"<div id="div-gpt-ad-2"><iframe src="cid:frame-C@mhtml.blink">"#));
        let frames: Vec<(&str, &str)> =
            saved.frames.iter().map(|f| (f.url.as_str(), f.html.as_deref().unwrap_or(""))).collect();
        assert_eq!(
            frames,
            [
                ("http://ads.example/container.html", r#"<iframe src="http://ads.example/creative.html"></iframe>"#),
                ("cid:frame-C@mhtml.blink", r#"<a href="https://travel.example/">City breaks from €99</a>"#),
                ("http://ads.example/creative.html", r#"<a href="https://shop.example/p/1">Trail Runner X</a>"#),
            ]
        );
    }

    /// A saved page of these documents, the first the page.
    fn saved_page(documents: &[String]) -> String {
        let mut text = String::from(
            "From: <Saved by Blink>\r\nSnapshot-Content-Location: http://news.example/\r\nMIME-Version: 1.0\r\n\
             Content-Type: multipart/related; type=\"text/html\"; boundary=\"b\"\r\n\r\n",
        );
        for (i, html) in documents.iter().enumerate() {
            text.push_str(&format!(
                "--b\r\nContent-Type: text/html\r\nContent-ID: <frame-{i}@mhtml.blink>\r\n\
                 Content-Location: http://{}.example/\r\n\r\n{html}\r\n",
                if i == 0 { "news".to_owned() } else { format!("ads{i}") }
            ));
        }
        text + "--b--\r\n"
    }

    #[test]
    fn hostile_saved_pages_are_capped_or_refused() {
        // 10,000 frames: as many are read as the extension keeps.
        let many: Vec<String> = (0..10_001).map(|i| format!("<p>{i}</p>")).collect();
        let saved = read_mhtml(saved_page(&many).as_bytes()).expect("a saved page");
        assert_eq!(saved.frames.len(), crate::page::MAX_FRAMES);
        assert_eq!(saved.html, "<p>0</p>");
        // A page's document over the cap is refused, not cut.
        let huge = vec![format!("<p>{}</p>", "x".repeat(MAX_HTML_BYTES as usize))];
        assert!(matches!(read_mhtml(saved_page(&huge).as_bytes()), Err(MhtmlError::PageTooLarge(_))));
        // A `cid:` no part has, and one at the very end, are left as they are.
        let odd = vec!["<iframe src=\"cid:nowhere\"></iframe> cid:".to_owned()];
        assert_eq!(read_mhtml(saved_page(&odd).as_bytes()).expect("a page").html, odd[0]);
    }

    #[test]
    fn html_and_other_files_are_not_mhtml() {
        assert!(!looks_like_mhtml(b"<!doctype html><p>Content-Type: multipart/related</p>"));
        assert!(!looks_like_mhtml(b"{\"log\": {}}"));
        // Only the message's header says so, not a body that mentions it.
        assert!(!looks_like_mhtml(b"From: a\r\nContent-Type: text/plain\r\n\r\nmultipart/related"));
        assert_eq!(read_mhtml(b"From: a\r\nContent-Type: text/plain\r\n\r\nhello"), Err(MhtmlError::NoPage));
        assert_eq!(read_mhtml(b""), Err(MhtmlError::NoPage));
    }
}
