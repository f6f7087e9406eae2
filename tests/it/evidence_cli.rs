//! Issue 19's evidence register through the real binary: files hashed (copied only with
//! --copy), URLs as they are, listed, removed, undone, checked by doctor, united by merge; bad
//! input refused with nothing written.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;
use crate::engagement_cli::{aira, init, kinds, ok, refused};

use aira_store::workspace::{self, Access};

#[test]
fn evidence_files_and_urls_are_registered_hashed_listed_removed_and_undone() {
    let home = tempfile::tempdir().unwrap();
    let ws = init(home.path(), &[]);
    std::fs::create_dir_all(ws.join("docs")).unwrap();
    std::fs::write(ws.join("docs/policy.pdf"), b"abc").unwrap();
    let outside = home.path().join("minutes 2026.txt");
    std::fs::write(&outside, b"board minutes").unwrap();
    let out = ok(
        home.path(),
        &ws,
        &["evidence", "add", "plan-govern-policy", ws.join("docs/policy.pdf").to_str().unwrap(), "--note", "v0.3"],
    );
    // SHA-256 of "abc".
    assert_eq!(
        out,
        "Recorded evidence 1 of plan-govern-policy (facilitator): docs/policy.pdf (3 bytes, sha256 ba7816bf8f01)\n"
    );
    ok(home.path(), &ws, &["respondent", "add", "Ann"]);
    ok(
        home.path(),
        &ws,
        &["evidence", "add", "plan-govern-policy", "https://intranet.example/p", "--respondent", "Ann"],
    );
    let out = ok(home.path(), &ws, &["evidence", "add", "plan-govern-policy", outside.to_str().unwrap(), "--copy"]);
    assert!(out.contains(": evidence/minutes-2026.txt (13 bytes, sha256 "), "{out}");
    assert_eq!(std::fs::read(ws.join("evidence/minutes-2026.txt")).unwrap(), b"board minutes");
    // Never over another file: a second copy of the same name gets its own.
    ok(home.path(), &ws, &["evidence", "add", "do-map-inventory", outside.to_str().unwrap(), "--copy"]);
    assert!(ws.join("evidence/minutes-2026-2.txt").is_file());
    let w = workspace::open(&ws, Access::ReadOnly).unwrap();
    let a = w.assessment.respondent("facilitator").unwrap().answer("plan-govern-policy").unwrap();
    let e = &a.evidence[0];
    assert_eq!(e.reference, "docs/policy.pdf");
    assert_eq!(e.sha256.as_deref(), Some("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    assert_eq!((e.size, e.note.as_str(), e.added_by.as_str()), (Some(3), "v0.3", "facilitator"));
    assert!(!e.added_at.is_empty());
    let ann = w.assessment.respondent("ann").unwrap().answer("plan-govern-policy").unwrap();
    assert_eq!(ann.evidence[0].reference, "https://intranet.example/p");
    let list = ok(home.path(), &ws, &["evidence", "list"]);
    // Numbered per question, respondents in id order.
    assert!(list.contains("plan-govern-policy #1 ann: https://intranet.example/p (URL) — added "), "{list}");
    assert!(
        list.contains("plan-govern-policy #2 facilitator: docs/policy.pdf (3 bytes, sha256 ba7816bf8f01) — added "),
        "{list}"
    );
    assert!(list.contains(" by facilitator: v0.3\n"), "{list}");
    assert!(list.contains("plan-govern-policy #3 facilitator: evidence/minutes-2026.txt"), "{list}");
    let json: serde_json::Value =
        serde_json::from_str(&ok(home.path(), &ws, &["evidence", "list", "--format", "json"])).unwrap();
    assert_eq!(json[1]["sha256"], "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assert_eq!((json[1]["kind"].as_str(), json[0]["kind"].as_str()), (Some("file"), Some("url")));
    assert_eq!(json[1]["note"], "v0.3");
    assert_eq!((json[1]["index"].as_u64(), json[1]["respondent"].as_str()), (Some(2), Some("facilitator")));
    assert_eq!(json.as_array().unwrap().len(), 4);
    assert_eq!(kinds(&ws), ["evidence", "respondent", "evidence", "evidence", "evidence"]);
    let out = ok(home.path(), &ws, &["evidence", "remove", "plan-govern-policy", "https://intranet.example/p"]);
    assert_eq!(out, "Removed evidence of plan-govern-policy (ann): https://intranet.example/p\n");
    ok(home.path(), &ws, &["evidence", "remove", "plan-govern-policy", "1", "--respondent", "facilitator"]);
    let out = ok(home.path(), &ws, &["undo"]);
    assert!(out.starts_with("Undid facilitator's evidence removal on plan-govern-policy; history entry 7"), "{out}");
    let w = workspace::open(&ws, Access::ReadOnly).unwrap();
    let a = w.assessment.respondent("facilitator").unwrap().answer("plan-govern-policy").unwrap();
    assert_eq!(a.evidence.len(), 2, "the removal was undone");
    assert!(w.assessment.respondent("ann").unwrap().answer("plan-govern-policy").is_none(), "evidence was all it held");
}

#[test]
fn evidence_refuses_what_is_not_a_file_or_a_url_and_writes_nothing() {
    let home = tempfile::tempdir().unwrap();
    let ws = init(home.path(), &[]);
    std::fs::write(ws.join("p.pdf"), b"x").unwrap();
    let p = ws.join("p.pdf");
    let p = p.to_str().unwrap();
    refused(home.path(), &ws, &["evidence", "add", "no-such-question", p], "unknown question id `no-such-question`");
    refused(home.path(), &ws, &["evidence", "add", "plan-govern-policy", "/no/such/file.pdf"], "no such file");
    refused(home.path(), &ws, &["evidence", "add", "plan-govern-policy", home.path().to_str().unwrap()], "is a folder");
    let fifo = home.path().join("fifo");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    refused(home.path(), &ws, &["evidence", "add", "plan-govern-policy", fifo.to_str().unwrap()], "not a regular file");
    refused(
        home.path(),
        &ws,
        &["evidence", "add", "plan-govern-policy", "https://x.example", "--copy"],
        "--copy copies a file",
    );
    refused(
        home.path(),
        &ws,
        &["evidence", "add", "plan-govern-policy", p, "--note", "a\u{7}b"],
        "control character U+0007",
    );
    ok(home.path(), &ws, &["evidence", "add", "plan-govern-policy", p]);
    refused(home.path(), &ws, &["evidence", "add", "plan-govern-policy", p], "already evidence of plan-govern-policy");
    refused(home.path(), &ws, &["evidence", "remove", "plan-govern-policy", "2"], "no evidence item 2");
    refused(home.path(), &ws, &["evidence", "remove", "plan-govern-policy", "other.pdf"], "no evidence `other.pdf`");
    refused(home.path(), &ws, &["evidence", "remove", "nope", "1"], "unknown question id `nope`");
    // A link planted as evidence/ is never written through.
    let elsewhere = home.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, ws.join("evidence")).unwrap();
    refused(
        home.path(),
        &ws,
        &["evidence", "add", "do-map-inventory", p, "--copy"],
        "is not a folder (a link or a file)",
    );
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
}

#[test]
fn doctor_checks_evidence_files_against_their_hashes_and_finds_stray_roadmap_entries() {
    let home = tempfile::tempdir().unwrap();
    let ws = init(home.path(), &[]);
    for (name, text) in [("a.txt", "one"), ("b.txt", "two"), ("c.txt", "three")] {
        std::fs::write(ws.join(name), text).unwrap();
        ok(home.path(), &ws, &["evidence", "add", "plan-govern-policy", ws.join(name).to_str().unwrap()]);
    }
    assert!(ok(home.path(), &ws, &["doctor"]).contains("No problems found."));
    std::fs::write(ws.join("a.txt"), "changed").unwrap();
    std::fs::remove_file(ws.join("b.txt")).unwrap();
    let path = ws.join("workspace.toml");
    let text = std::fs::read_to_string(&path).unwrap() + "\n[roadmap.gone-question]\nowner = \"Ann\"\n";
    std::fs::write(&path, text).unwrap();
    let doctor = ok(home.path(), &ws, &["doctor"]);
    assert!(
        doctor.contains("evidence a.txt (plan-govern-policy, facilitator): changed since it was recorded (sha256 now "),
        "{doctor}"
    );
    assert!(doctor.contains("evidence b.txt (plan-govern-policy, facilitator): missing"), "{doctor}");
    assert!(!doctor.contains("c.txt"), "{doctor}");
    assert!(doctor.contains("roadmap entry for `gone-question`, a question the questionnaire lacks"), "{doctor}");
}

/// Found while testing issue 19: a respondent named with a control character was written into
/// a new answers file, which every later read then refused (the whole workspace wedged).
#[test]
fn a_new_respondent_with_a_control_character_in_the_name_is_refused_not_written() {
    let home = tempfile::tempdir().unwrap();
    let ws = init(home.path(), &[]);
    refused(
        home.path(),
        &ws,
        &["evidence", "add", "plan-govern-policy", "https://x.example/a", "--respondent", "Evil\u{1b}[2JName"],
        "unknown respondent",
    );
    refused(
        home.path(),
        &ws,
        &["answer", "plan-govern-policy", "2", "--respondent", "Bad\u{1b}]0;x\u{7}Guy"],
        "unknown respondent",
    );
    ok(home.path(), &ws, &["score"]);
}

/// Evidence recorded in two copies of one workspace is united by `aira merge`, as interview
/// logs are: a register item added in one copy never disappears because the other copy's
/// answer is newer.
#[test]
fn merge_unites_evidence_added_in_two_copies() {
    let home = tempfile::tempdir().unwrap();
    let ws = init(home.path(), &[]);
    ok(home.path(), &ws, &["answer", "plan-govern-policy", "2"]);
    let other = home.path().join("other");
    common::copy_workspace(&ws, &other);
    ok(home.path(), &ws, &["evidence", "add", "plan-govern-policy", "https://a.example/mine"]);
    ok(home.path(), &other, &["evidence", "add", "plan-govern-policy", "https://b.example/theirs"]);
    let (code, out, err) = aira(home.path(), &ws, &["merge", other.to_str().unwrap()]);
    assert_eq!(code, 0, "no conflict: only the evidence differed\n{out}{err}");
    assert!(
        out.contains("joined the interview logs, evidence and fields of facilitator / plan-govern-policy"),
        "{out}"
    );
    let w = workspace::open(&ws, Access::ReadOnly).unwrap();
    let a = w.assessment.respondent("facilitator").unwrap().answer("plan-govern-policy").unwrap();
    let refs: Vec<&str> = a.evidence.iter().map(|e| e.reference.as_str()).collect();
    assert_eq!(refs, ["https://a.example/mine", "https://b.example/theirs"]);
    assert_eq!(a.level(), Some(2));
    // Another level there only, since the copies last shared their history: taken with no
    // conflict (three-way merge), keeping both copies' evidence.
    ok(home.path(), &other, &["answer", "plan-govern-policy", "4"]);
    ok(home.path(), &other, &["evidence", "add", "plan-govern-policy", "https://c.example/later"]);
    let (code, out, _) = aira(home.path(), &ws, &["merge", other.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    let w = workspace::open(&ws, Access::ReadOnly).unwrap();
    let a = w.assessment.respondent("facilitator").unwrap().answer("plan-govern-policy").unwrap();
    let refs: Vec<&str> = a.evidence.iter().map(|e| e.reference.as_str()).collect();
    assert_eq!(a.level(), Some(4));
    assert_eq!(refs, ["https://a.example/mine", "https://b.example/theirs", "https://c.example/later"]);
}

/// The register names who recorded an item; where the store only knew its "unknown"
/// placeholder (no `user.name` configured), the respondent it sits with stands in, so a
/// client never reads "unknown".
#[test]
fn the_register_never_credits_the_unknown_placeholder() {
    let home = tempfile::tempdir().unwrap();
    let ws = init(home.path(), &[]);
    std::fs::write(home.path().join("p.txt"), b"x").unwrap();
    // No user name anywhere: the store records its placeholder.
    let p = home.path().join("p.txt");
    common::Aira::new(home.path()).ws(&ws).env_remove("USER").env_remove("LOGNAME").ok(&[
        "evidence",
        "add",
        "plan-govern-policy",
        p.to_str().unwrap(),
    ]);
    let w = workspace::open(&ws, Access::ReadOnly).unwrap();
    let e = &w.assessment.respondents[0].answers["plan-govern-policy"].evidence[0];
    assert_eq!(e.added_by, "unknown", "the test needs the placeholder on disk");
    let html = ok(home.path(), &ws, &["report", "--format", "html"]);
    let register = html.split("Evidence register").nth(1).unwrap_or_default();
    let row = register.split("</tr>").find(|r| r.contains("p.txt")).unwrap_or_else(|| panic!("{register}"));
    assert!(!row.contains("unknown") && row.contains("<td>facilitator</td>"), "{row}");
}

/// The register's "When" is a date people read (`2026-03-01 14:05 UTC`), never the stored
/// RFC 3339 with its milliseconds, in every deliverable writer (HTML, and the data the PDF
/// and DOCX are laid out from).
#[test]
fn the_register_shows_when_as_people_read_it() {
    let home = tempfile::tempdir().unwrap();
    let ws = init(home.path(), &[]);
    std::fs::write(home.path().join("p.txt"), b"x").unwrap();
    let file = home.path().join("p.txt");
    ok(home.path(), &ws, &["evidence", "add", "plan-govern-policy", file.to_str().unwrap()]);
    let w = workspace::open(&ws, Access::ReadOnly).unwrap();
    let at = w.assessment.respondents[0].answers["plan-govern-policy"].evidence[0].added_at.clone();
    assert!(at.contains('T'), "the test needs a stored RFC 3339 time: {at}");
    let shown = aira_core::text::when(&at);
    assert!(shown.len() == 20 && shown.ends_with(" UTC") && at.starts_with(&shown[..10]), "{shown}");
    let html = ok(home.path(), &ws, &["report", "--format", "html"]);
    let register = html.split("Evidence register").nth(1).unwrap_or_default();
    let row = register.split("</tr>").find(|r| r.contains("p.txt")).unwrap_or_else(|| panic!("{register}"));
    assert!(row.contains(&format!("<td>{shown}</td>")) && !row.contains(&at), "{row}");
    let typ = ok(home.path(), &ws, &["report", "--format", "typ"]);
    assert!(typ.contains(&shown) && !typ.contains(&at), "the PDF's data holds the raw time");
}
