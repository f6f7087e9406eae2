//! A user's keymap.toml on arbitrary text: a located error or a keymap, never a panic.
#![no_main]

use aira::tui::keymap::Keymap;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match Keymap::load(Some(("keymap.toml", text))) {
        Ok(map) => {
            for ctx in aira::tui::keymap::Context::ALL {
                let _ = map.bindings(ctx).len();
            }
        }
        Err(e) => {
            let _ = (e.line, e.col, e.message.len());
        }
    }
});
