//! A workspace file a `git merge` left with conflict markers (consensus.toml, workspace.toml,
//! history.toml) is refused on open with file:line:col, saying it is an unresolved merge and
//! how to resolve it, and is never written: not by a writer, not by the history's repair.

use super::tests::new_ws;
use super::*;
use aira_core::assessment::Value;

const AT: &str = "2026-12-02T10:00:00.000+00:00";

/// A workspace with an agreed level and two history entries, so each file exists.
fn ws_with_every_file() -> tempfile::TempDir {
    let dir = new_ws();
    let mut ws = open(dir.path(), Access::Write).unwrap();
    let s = ws.store.as_mut().unwrap();
    s.set_agreed("plan-govern-policy", Some(Value::Level(2)), "tester", AT).unwrap();
    s.set_agreed("do-map-inventory", Some(Value::Level(3)), "tester", AT).unwrap();
    drop(ws);
    dir
}

/// Put conflict markers around the line holding `needle` (the other side's version of it).
fn conflict(path: &Path, needle: &str, theirs: &str) -> (String, usize) {
    let text = std::fs::read_to_string(path).unwrap();
    let at = text.find(needle).unwrap_or_else(|| panic!("{needle} in {text}"));
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = at + text[at..].find('\n').unwrap() + 1;
    let out = format!(
        "{}<<<<<<< HEAD\n{}=======\n{theirs}\n>>>>>>> facilitator-b\n{}",
        &text[..start],
        &text[start..end],
        &text[end..]
    );
    std::fs::write(path, &out).unwrap();
    (out, text[..start].lines().count() + 1)
}

fn refused(dir: &Path, file: &str, line: usize, before: &str) {
    for access in [Access::Write, Access::WriteOrReadOnly, Access::ReadOnly] {
        let e = match open(dir, access) {
            Err(e) => e.to_string(),
            // A history that does not read opens the wizard read-only, saying why on every edit;
            // a reader does not parse the history at all.
            Ok(ws) if file == history::FILE && access != Access::Write => {
                assert!(ws.store.is_none(), "{access:?}: never written");
                if access == Access::ReadOnly {
                    continue;
                }
                ws.notices.iter().find(|n| n.starts_with("Read-only: ")).cloned().unwrap_or_default()
            }
            Ok(_) => String::new(),
        };
        let at = format!("{}:{line}:1: ", dir.join(file).display());
        assert!(e.contains(&at), "{access:?}: want {at} in: {e}");
        assert!(e.contains("unresolved git merge") && e.contains("aira merge"), "{e}");
        assert!(e.contains("<<<<<<<") && e.contains(">>>>>>>"), "names the markers: {e}");
        assert_eq!(std::fs::read_to_string(dir.join(file)).unwrap(), before, "{file} never written");
    }
    let left: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".torn-") || n.contains(".replaced-"))
        .collect();
    assert!(left.is_empty(), "no repair of a merge: {left:?}");
}

#[test]
fn consensus_toml_with_conflict_markers_is_refused_with_where_and_how() {
    let dir = ws_with_every_file();
    let d = dir.path();
    let (text, line) = conflict(&d.join(consensus::FILE), "level = 3", "level = 4");
    refused(d, consensus::FILE, line, &text);
}

#[test]
fn workspace_toml_with_conflict_markers_is_refused_with_where_and_how() {
    let dir = ws_with_every_file();
    let d = dir.path();
    let (text, line) = conflict(&d.join(meta::FILE), "organisation", "organisation = \"Other Org\"");
    refused(d, meta::FILE, line, &text);
}

#[test]
fn history_toml_with_conflict_markers_is_refused_not_repaired() {
    let dir = ws_with_every_file();
    let d = dir.path();
    // Both sides appended an entry at the end (a merge without the union driver): the
    // markers are in the last entry, where a crash's torn entry would be.
    let path = d.join(history::FILE);
    let text = std::fs::read_to_string(&path).unwrap();
    let last = text.rfind("[[change]]").unwrap();
    let line = text[..last].lines().count() + 1;
    let out = format!(
        "{}<<<<<<< HEAD\n{}=======\n{}>>>>>>> facilitator-b\n",
        &text[..last],
        &text[last..],
        text[last..].replace("level = 3", "level = 4")
    );
    std::fs::write(&path, &out).unwrap();
    refused(d, history::FILE, line, &out);
    assert!(read_history(d).unwrap_err().to_string().contains("unresolved git merge"));
}
