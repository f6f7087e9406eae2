//! The fast TOML reader against toml's own on arbitrary text: whatever the fast reader
//! accepts, toml must accept too and read as the same data (it may decline anything).
#![no_main]

use aira_core::tomltree;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Some(fast) = tomltree::parse_fast(text) else { return };
    match tomltree::parse_toml(text) {
        Ok(slow) => assert!(fast == slow, "the readers disagree on {text:?}"),
        Err(e) => panic!("fast reader accepted what toml refuses ({e}): {text:?}"),
    }
});
