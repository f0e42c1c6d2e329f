//! AdLens engine: finds ads and recommendation widgets on a page and explains
//! why each one is shown (contextual, behavioural, retargeted or generic).
//!
//! Everything here is pure Rust with no wasm dependency, so it is tested and
//! run natively (tests, benchmarks, the `adlens` command-line tool). The
//! [`bindings`] module is the only place that talks to JavaScript.
//!
//! Flow: the shell asks for a [`plan::ScanPlan`], gathers a
//! [`page::PageSnapshot`] from the DOM as the plan says, and hands it to
//! [`engine::Engine::analyze_page`], which returns a [`engine::PageReport`]:
//! one [`detect::FoundItem`] with a [`verdict::Verdict`] per ad or widget.

pub mod consent;
pub mod detect;
pub mod domains;
pub mod engine;
pub mod error;
pub mod export;
#[cfg(not(target_arch = "wasm32"))]
pub mod har;
#[cfg(not(target_arch = "wasm32"))]
mod har_entry;
#[cfg(not(target_arch = "wasm32"))]
pub mod html_frames;
#[cfg(not(target_arch = "wasm32"))]
pub mod html_holders;
#[cfg(not(target_arch = "wasm32"))]
pub mod html_locators;
#[cfg(not(target_arch = "wasm32"))]
pub mod html_markers;
#[cfg(not(target_arch = "wasm32"))]
pub mod html_products;
#[cfg(not(target_arch = "wasm32"))]
pub mod html_scan;
#[cfg(not(target_arch = "wasm32"))]
pub mod html_sections;
#[cfg(not(target_arch = "wasm32"))]
pub mod html_text;
#[cfg(not(target_arch = "wasm32"))]
pub mod html_youtube;
pub mod import;
pub mod landing;
pub mod lexicon;
pub mod lists;
#[cfg(not(target_arch = "wasm32"))]
pub mod mhtml;
pub mod observation_log;
pub mod observations;
pub mod page;
pub mod plan;
pub mod products;
pub mod profile;
pub mod reasons;
pub mod remarketing;
#[cfg(not(target_arch = "wasm32"))]
pub mod replay;
pub mod retargeting;
#[cfg(not(target_arch = "wasm32"))]
pub mod saved_page;
pub mod selector_needs;
pub mod sensitive;
pub mod sites;
pub mod text;
pub mod topic_tally;
pub mod topic_terms;
pub mod topical;
pub mod topics;
pub mod trackers;
pub mod vendors;
pub mod verdict;

#[cfg(target_arch = "wasm32")]
pub mod bindings;

pub use engine::{Engine, PageReport};
pub use error::InputError;
