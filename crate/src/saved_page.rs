//! A saved page, as `adlens scan` and `adlens replay` read it: HTML (what
//! the server sent), or MHTML (the page as the user saw it, with its
//! frames' documents: [`crate::mhtml`]), each within its cap; and its frames'
//! documents read as the extension's frame script reads them.

use std::io::Read;
use std::path::Path;

use serde::Deserialize;

use crate::html_frames::frame_report_from_html;
use crate::mhtml::{looks_like_mhtml, read_mhtml, MAX_MHTML_BYTES};
use crate::page::{FrameReport, MAX_FRAMES};
use crate::plan::ScanPlan;

/// Largest page file read (bigger ones are refused, not cut: a cut HTML
/// file would parse differently from the page the user saw).
pub const MAX_HTML_BYTES: u64 = 20 * 1024 * 1024;

/// A saved page: its document and its frames' documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedPage {
    /// The page's URL, where the file says it (MHTML does).
    pub url: Option<String>,
    /// The page's document.
    pub html: String,
    /// Its frames' documents, in the order saved.
    pub frames: Vec<FrameDocument>,
    /// Saved as the user saw it (MHTML), what its scripts drew included;
    /// else as the server sent it.
    pub as_shown: bool,
}

/// One frame's document, as the page loaded it (a journey's visit's
/// `frames`, or a saved page's).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct FrameDocument {
    /// The frame's URL: its `src` in the page (or in the frame holding it).
    pub url: String,
    /// Its `name`, where known (ad servers name a slot's frame after it).
    #[serde(default)]
    pub name: String,
    /// The saved document, relative to the journey file (or the saved page).
    #[serde(default)]
    pub html_file: Option<String>,
    /// Or the document itself.
    #[serde(default)]
    pub html: Option<String>,
}

/// The frames' documents read as the frame script reads them, at most
/// [`MAX_FRAMES`] (as many as the extension keeps for a page); a frame's
/// `html_file` is relative to `base`.
pub fn frame_reports(frames: &[FrameDocument], base: &Path, plan: &ScanPlan) -> Result<Vec<FrameReport>, String> {
    frames
        .iter()
        .take(MAX_FRAMES)
        .map(|frame| {
            let html = match (&frame.html, &frame.html_file) {
                (Some(html), _) => html.clone(),
                (None, Some(file)) => read_saved_page(&base.join(file))?.html,
                (None, None) => return Err(format!("frame {}: needs \"html_file\" or \"html\"", frame.url)),
            };
            Ok(frame_report_from_html(&html, &frame.url, &frame.name, plan))
        })
        .collect()
}

/// A saved page: HTML, or MHTML (known by its start; its frames with it).
/// Files over their cap are refused, not cut: a cut file would parse
/// differently from the page the user saw.
pub fn read_saved_page(path: &Path) -> Result<SavedPage, String> {
    let shown = path.display();
    let mut file = std::fs::File::open(path).map_err(|e| format!("{shown}: {e}"))?;
    let size = file.metadata().map_err(|e| format!("{shown}: {e}"))?.len();
    let mut start = Vec::new();
    (&mut file).take(4096).read_to_end(&mut start).map_err(|e| format!("{shown}: {e}"))?;
    let mhtml = looks_like_mhtml(&start);
    let cap = if mhtml { MAX_MHTML_BYTES } else { MAX_HTML_BYTES };
    if size > cap {
        return Err(format!("{shown}: {size} bytes, more than the cap of {cap}"));
    }
    let mut bytes = start;
    file.read_to_end(&mut bytes).map_err(|e| format!("{shown}: {e}"))?;
    if mhtml {
        return read_mhtml(&bytes).map_err(|e| format!("{shown}: {e}"));
    }
    Ok(SavedPage { url: None, html: String::from_utf8_lossy(&bytes).into_owned(), frames: Vec::new(), as_shown: false })
}
