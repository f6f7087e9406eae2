//! The CISO Assistant importer on arbitrary YAML: a questionnaire that passes the loader, or
//! located problems; never a panic, never an alias bomb that exhausts memory.
#![no_main]

use aira_import::from_ciso_assistant;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(imported) = from_ciso_assistant(text) {
        assert!(aira_core::questionnaire::parse("out.toml", &imported.text).is_ok());
    }
});
