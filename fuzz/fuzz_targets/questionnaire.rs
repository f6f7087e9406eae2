//! The questionnaire loader on arbitrary bytes: invalid UTF-8 is refused before parsing (as
//! `read_limited` does), anything else must give a model or diagnostics, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (q, diags) = aira_core::questionnaire::check(text);
    // Diagnostics are rendered by `aira check`: spans must stay printable whatever they say.
    for d in &diags {
        let loc = aira_core::diag::Located { file: "fuzz.toml", text, diagnostic: d };
        let _ = loc.with_snippet();
    }
    if let Some(q) = q
        && !diags.iter().any(|d| d.is_error())
    {
        let _ = aira_core::questionnaire::parse("fuzz.toml", text);
        let _ = q.questions.len();
    }
});
