//! The CSV importer on arbitrary text: a questionnaire that passes the loader, or located
//! problems; never a panic.
#![no_main]

use aira_import::{CsvOptions, from_csv};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let opts = CsvOptions { id: "fuzz".into(), title: "Fuzz".into(), version: "1".into(), source: "fuzz.csv".into() };
    if let Ok(imported) = from_csv(text, &opts) {
        // What the importer writes must load: it promises output that passes `aira check`.
        assert!(aira_core::questionnaire::parse("out.toml", &imported.text).is_ok());
    }
});
