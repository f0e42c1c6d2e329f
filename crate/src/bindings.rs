//! The only module that talks to JavaScript. Every export returns a `Result`
//! so bad input becomes a JS `Error` with a clear message; nothing here may
//! panic (release wasm aborts on panic, which would kill the engine).

#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::engine::{Engine, ENGINE_VERSION};
use crate::page::PageSnapshot;

/// The engine as JS sees it: an opaque handle with camelCase methods.
#[wasm_bindgen(js_name = Engine)]
pub struct WasmEngine {
    inner: Engine,
}

impl Default for WasmEngine {
    fn default() -> Self {
        Self::new()
    }
}

#[wasm_bindgen(js_class = Engine)]
impl WasmEngine {
    /// Builds the engine with its built-in rules.
    #[wasm_bindgen(constructor)]
    pub fn new() -> WasmEngine {
        WasmEngine {
            inner: Engine::new(),
        }
    }

    /// What the content script should gather (see `plan.rs`).
    #[wasm_bindgen(js_name = scanPlan)]
    pub fn scan_plan(&self) -> Result<JsValue, JsError> {
        to_js(self.inner.scan_plan())
    }

    /// Finds and classifies the items of a page snapshot.
    #[wasm_bindgen(js_name = analyzePage)]
    pub fn analyze_page(&self, snapshot: JsValue) -> Result<JsValue, JsError> {
        let page: PageSnapshot = serde_wasm_bindgen::from_value(snapshot)
            .map_err(|e| JsError::new(&format!("malformed page snapshot: {e}")))?;
        let report = self
            .inner
            .analyze_page(page)
            .map_err(|e| JsError::new(&e.to_string()))?;
        to_js(&report)
    }
}

/// The engine's version.
#[wasm_bindgen(js_name = engineVersion)]
pub fn engine_version() -> String {
    ENGINE_VERSION.to_owned()
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    value
        .serialize(&serializer)
        .map_err(|e| JsError::new(&format!("could not hand the result to JS: {e}")))
}
