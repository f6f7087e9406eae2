//! The answers-file parser (`answers/<id>.toml`) on arbitrary text: errors, never panics; and a
//! file it accepts must be writable back through the document it returned.
#![no_main]

use std::path::Path;

use aira_core::questionnaire::Scale;
use aira_store::workspace::answers;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let scale = Scale::default();
    match answers::parse(Path::new("answers/fuzz.toml"), "fuzz", text, &scale) {
        Ok((r, mut doc)) => {
            for (i, (qid, a)) in r.answers.iter().enumerate() {
                answers::set_answer(&mut doc, qid, Some(a), i);
            }
            answers::set_respondent(&mut doc, &r);
            let _ = doc.to_string();
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
});
