//! `workspace.toml` and `history.toml` parsing on arbitrary text: errors, never panics.
#![no_main]

use std::path::Path;

use aira_store::workspace::{history, meta};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Err(e) = meta::parse(Path::new("workspace.toml"), text) {
        let _ = e.to_string();
    }
    // The history file shares the shape (TOML from a colleague's clone): parse and tail repair.
    let _ = history::parse(Path::new("history.toml"), text).map_err(|e| e.to_string());
    if let Some(keep) = history::torn_tail(text) {
        let _ = text.get(..keep);
    }
});
