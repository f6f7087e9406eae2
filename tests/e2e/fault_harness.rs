//! The fault harness (issue 14): every writing operation is run against a writer that fails
//! at its n-th fault point — every open, write, fsync, rename, truncate, folder fsync, remove
//! and link in turn — with ENOSPC, EIO, a short write and a simulated crash. The workspace is
//! then reopened with the real disk (which recovers what a crash left) and checked: it opens,
//! no temp file is left, every file is byte for byte as before the operation or as after it
//! (history compared entry by entry: its stamps name the moment), and an operation that
//! reported success is wholly there. The fault points counted are in docs/security.md.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use aira_core::assessment::{Answer, Respondent, Value};
use aira_store::workspace::atomic::Writer;
use aira_store::workspace::fault::{Fault, FaultWriter};
use aira_store::workspace::{self, Access, Change, Workspace, open_with};

const MINI: &str = include_str!("../fixtures/mini.toml");
const AT: &str = "2026-03-01T10:00:00.000+00:00";

type Files = BTreeMap<String, Vec<u8>>;

/// Every file of the workspace but the lock and the backups a repair keeps.
fn files(dir: &Path) -> Files {
    let mut out = Files::new();
    for sub in ["", "answers", "evidence", "history"] {
        let Ok(entries) = std::fs::read_dir(dir.join(sub)) else { continue };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if e.path().is_file() && name != ".aira.lock" && !name.contains(".torn-") {
                out.insert(format!("{sub}/{name}"), std::fs::read(e.path()).unwrap());
            }
        }
    }
    out
}

/// History as (kind, respondent, question) per entry; every other file as bytes.
fn state(dir: &Path) -> (Files, Vec<(String, String, String)>) {
    let mut f = files(dir);
    // The trail (history.toml and its rotated parts) is compared entry by entry below.
    f.retain(|name, _| name != "/history.toml" && !name.starts_with("history/"));
    let h = workspace::read_history(dir).unwrap_or_else(|e| panic!("history does not read: {e}"));
    (f, h.into_iter().map(|c| (c.kind, c.respondent, c.question)).collect())
}

fn open_w(dir: &Path, w: Arc<dyn Writer>) -> Result<Workspace, String> {
    for _ in 0..100 {
        match open_with(dir, Access::Write, w.clone()) {
            // See `reopen`.
            Err(workspace::WorkspaceError::Locked { .. }) => std::thread::sleep(std::time::Duration::from_millis(20)),
            other => return other.map_err(|e| e.to_string()),
        }
    }
    open_with(dir, Access::Write, w).map_err(|e| e.to_string())
}

fn answer(ws: &Workspace, respondent: &str, q: &str, level: u8) -> Change {
    let r = ws.assessment.respondent(respondent).cloned().unwrap_or_else(|| Respondent::new(respondent, respondent));
    Change {
        old: r.answer(q).cloned(),
        respondent: r.clone_header(),
        question: q.into(),
        new: Some(Answer {
            value: Some(Value::Level(level)),
            answered_at: AT.into(),
            answered_by: "tester".into(),
            ..Default::default()
        }),
        by: "tester".into(),
        at: AT.into(),
        kind: "answer".into(),
        reverts: None,
    }
}

/// A workspace with one answer for `default`, a second respondent `ann`, an agreed value.
fn base(dir: &Path) {
    workspace::create(dir, MINI, ("Test", "Org"), &aira_core::assessment::Respondent::new("default", "default"))
        .unwrap();
    let mut ws = workspace::open(dir, Access::Write).unwrap();
    let c = answer(&ws, "default", "do-map-inventory", 2);
    let s = ws.store.as_mut().unwrap();
    s.apply(&c).unwrap();
    s.save_respondent(&Respondent { role: "risk".into(), ..Respondent::new("ann", "Ann") }).unwrap();
    s.set_agreed("plan-map-context", Some(Value::Level(3)), "tester", AT).unwrap();
}

/// A copy of `base` to merge from: a newer conflicting answer, a new respondent, an agreement.
fn merge_source(dir: &Path) -> tempfile::TempDir {
    let src = tempfile::tempdir().unwrap();
    crate::common::copy_workspace(dir, src.path());
    let mut ws = workspace::open(src.path(), Access::Write).unwrap();
    let mut c = answer(&ws, "default", "do-map-inventory", 4);
    c.new.as_mut().unwrap().answered_at = "2026-04-01T00:00:00.000+00:00".into();
    let b = answer(&ws, "bo", "plan-govern-policy", 1);
    let s = ws.store.as_mut().unwrap();
    s.apply(&c).unwrap();
    s.apply(&b).unwrap();
    s.set_agreed("check-govern-audit", Some(Value::Level(2)), "tester", AT).unwrap();
    src
}

/// One writing operation: run on an opened workspace (through `w`); `done` says whether its
/// change is present after a reopen.
struct Operation {
    name: &'static str,
    run: fn(&Path, Arc<dyn Writer>) -> Result<(), String>,
    done: fn(&Path) -> bool,
}

fn level(dir: &Path, r: &str, q: &str) -> Option<u8> {
    let ws = workspace::open(dir, Access::ReadOnly).unwrap();
    ws.assessment.respondent(r).and_then(|r| r.answer(q)?.level())
}

/// `aira evidence add` of a file beside the workspace, copied into evidence/ with `copy`.
fn add_evidence(d: &Path, w: Arc<dyn Writer>, copy: bool) -> Result<(), String> {
    let file = d.parent().unwrap().join("policy v1.txt");
    std::fs::write(&file, b"the AI policy, signed").unwrap();
    let source = workspace::evidence::inspect(d, file.to_str().unwrap()).map_err(|e| e.to_string())?;
    let mut ws = open_w(d, w)?;
    let r = ws.assessment.respondent("default").unwrap().clone_header();
    workspace::evidence::add(&mut ws, &r, "do-map-inventory", &source, ("signed", copy), ("tester", AT))
        .map(|_| ())
        .map_err(|e| e.to_string())
}

fn evidence_count(d: &Path) -> usize {
    let ws = workspace::open(d, Access::ReadOnly).unwrap();
    ws.assessment.respondent("default").and_then(|r| r.answer("do-map-inventory")).map_or(0, |a| a.evidence.len())
}

fn operations() -> Vec<Operation> {
    vec![
        Operation {
            name: "answer",
            run: |d, w| {
                let mut ws = open_w(d, w)?;
                let c = answer(&ws, "default", "do-map-inventory", 5);
                ws.store.as_mut().unwrap().apply(&c).map_err(|e| e.to_string())
            },
            done: |d| level(d, "default", "do-map-inventory") == Some(5),
        },
        Operation {
            name: "wizard save (journal append + compaction)",
            run: |d, w| {
                let mut ws = open_w(d, w)?;
                let c = answer(&ws, "ann", "plan-govern-policy", 4);
                let s = ws.store.as_mut().unwrap();
                s.use_journal(true);
                s.apply(&c).map_err(|e| e.to_string())?;
                // The wizard reports the save here; folding on quit may fail, the journal stays.
                let _ = s.compact();
                Ok(())
            },
            done: |d| level(d, "ann", "plan-govern-policy") == Some(4),
        },
        Operation {
            name: "agree",
            run: |d, w| {
                let mut ws = open_w(d, w)?;
                let s = ws.store.as_mut().unwrap();
                s.set_agreed("do-map-inventory", Some(Value::Level(1)), "tester", AT).map_err(|e| e.to_string())
            },
            done: |d| {
                let ws = workspace::open(d, Access::ReadOnly).unwrap();
                ws.assessment.agreed.get("do-map-inventory") == Some(&Value::Level(1))
            },
        },
        Operation {
            name: "undo",
            run: |d, w| {
                let mut ws = open_w(d, w)?;
                workspace::undo(&mut ws, "tester").map(|_| ()).map_err(|e| e.to_string())
            },
            done: |d| {
                let ws = workspace::open(d, Access::ReadOnly).unwrap();
                !ws.assessment.agreed.contains_key("plan-map-context")
            },
        },
        Operation {
            name: "merge",
            run: |d, w| {
                let src = merge_source(&d.join("..").join("template"));
                let source = workspace::open(src.path(), Access::ReadOnly).map_err(|e| e.to_string())?;
                let mut ws = open_w(d, w)?;
                workspace::merge::merge(&mut ws, &source, "tester", AT).map(|_| ()).map_err(|e| e.to_string())
            },
            done: |d| {
                let ws = workspace::open(d, Access::ReadOnly).unwrap();
                level(d, "default", "do-map-inventory") == Some(4)
                    && level(d, "bo", "plan-govern-policy") == Some(1)
                    && ws.assessment.agreed.contains_key("check-govern-audit")
            },
        },
        Operation {
            name: "upgrade",
            run: |d, w| {
                let ws = open_w(d, w)?;
                let new = MINI
                    .replace(
                        "id = \"do-map-inventory\"",
                        "id = \"do-map-ai-inventory\"\nreplaces = [\"do-map-inventory\"]",
                    )
                    .replacen("version = \"", "version = \"9", 1);
                workspace::upgrade::upgrade(ws, &new, "tester").map(|_| ()).map_err(|e| e.to_string())
            },
            done: |d| level(d, "default", "do-map-ai-inventory") == Some(2),
        },
        Operation {
            name: "respondent add",
            run: |d, w| {
                let mut ws = open_w(d, w)?;
                let r = Respondent::new("cy", "Cy Young");
                ws.store.as_mut().unwrap().save_respondent(&r).map_err(|e| e.to_string())
            },
            done: |d| workspace::open(d, Access::ReadOnly).unwrap().assessment.respondent("cy").is_some(),
        },
        Operation {
            name: "respondent rename",
            run: |d, w| {
                let mut ws = open_w(d, w)?;
                let r = Respondent { role: "risk".into(), ..Respondent::new("ann", "Ann Lee") };
                ws.store.as_mut().unwrap().save_respondent(&r).map_err(|e| e.to_string())
            },
            done: |d| {
                workspace::open(d, Access::ReadOnly).unwrap().assessment.respondent("ann").unwrap().name == "Ann Lee"
            },
        },
        Operation {
            name: "SoA decision",
            run: |d, w| {
                let mut ws = open_w(d, w)?;
                ws.store.as_mut().unwrap().set_soa("A.2.2", false, "Not in scope").map_err(|e| e.to_string())
            },
            done: |d| workspace::open(d, Access::ReadOnly).unwrap().meta.soa.contains_key("A.2.2"),
        },
        Operation {
            name: "answer, history rotated first",
            run: |d, w| {
                let mut ws = open_w(d, w)?;
                let c = answer(&ws, "default", "do-map-inventory", 5);
                let s = ws.store.as_mut().unwrap();
                s.set_history_rotation(1);
                s.apply(&c).map_err(|e| e.to_string())
            },
            done: |d| level(d, "default", "do-map-inventory") == Some(5),
        },
        Operation {
            name: "agree, history rotated first",
            run: |d, w| {
                let mut ws = open_w(d, w)?;
                let s = ws.store.as_mut().unwrap();
                s.set_history_rotation(1);
                s.set_agreed("do-map-inventory", Some(Value::Level(1)), "tester", AT).map_err(|e| e.to_string())
            },
            done: |d| {
                let ws = workspace::open(d, Access::ReadOnly).unwrap();
                ws.assessment.agreed.get("do-map-inventory") == Some(&Value::Level(1))
            },
        },
        Operation {
            name: "merge, history rotated before each entry",
            run: |d, w| {
                let src = merge_source(&d.join("..").join("template"));
                let source = workspace::open(src.path(), Access::ReadOnly).map_err(|e| e.to_string())?;
                let mut ws = open_w(d, w)?;
                ws.store.as_mut().unwrap().set_history_rotation(1);
                workspace::merge::merge(&mut ws, &source, "tester", AT).map(|_| ()).map_err(|e| e.to_string())
            },
            done: |d| {
                let ws = workspace::open(d, Access::ReadOnly).unwrap();
                level(d, "default", "do-map-inventory") == Some(4)
                    && level(d, "bo", "plan-govern-policy") == Some(1)
                    && ws.assessment.agreed.contains_key("check-govern-audit")
            },
        },
        Operation {
            name: "soa set (CLI, with its history entry)",
            run: |d, w| {
                let mut ws = open_w(d, w)?;
                let s = ws.store.as_mut().unwrap();
                s.decide_soa("A.2.2", Some((false, "Not in scope")), "tester", AT).map_err(|e| e.to_string())
            },
            done: |d| workspace::open(d, Access::ReadOnly).unwrap().meta.soa.contains_key("A.2.2"),
        },
        Operation { name: "evidence add", run: |d, w| add_evidence(d, w, false), done: |d| evidence_count(d) == 1 },
        Operation {
            name: "evidence add --copy",
            run: |d, w| add_evidence(d, w, true),
            done: |d| evidence_count(d) == 1 && d.join("evidence/policy-v1.txt").is_file(),
        },
        Operation {
            name: "engagement set",
            run: |d, w| {
                let mut ws = open_w(d, w)?;
                let edit = aira_core::engagement::FactsEdit {
                    contact: Some("Jo Bloggs".into()),
                    period: "2026-11-01..2026-11-30".parse().ok(),
                    ..Default::default()
                };
                ws.store.as_mut().unwrap().set_facts(&edit, "tester", AT).map(|_| ()).map_err(|e| e.to_string())
            },
            done: |d| workspace::open(d, Access::ReadOnly).unwrap().meta.contact == "Jo Bloggs",
        },
        Operation {
            name: "roadmap set",
            run: |d, w| {
                let mut ws = open_w(d, w)?;
                let e = aira_core::engagement::RoadmapEntry { owner: "Ann".into(), due: "2026-12-31".parse().ok() };
                ws.store
                    .as_mut()
                    .unwrap()
                    .set_roadmap("do-map-inventory", &e, "tester", AT)
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            },
            done: |d| workspace::open(d, Access::ReadOnly).unwrap().meta.roadmap_entry("do-map-inventory").is_some(),
        },
        Operation {
            name: "report -o",
            run: |d, w| {
                let ws = workspace::open(d, Access::ReadOnly).map_err(|e| e.to_string())?;
                let r = aira_core::report::Report::new(&ws.meta, &ws.questionnaire, &ws.assessment, AT);
                let kind = aira_report::format::ReportKind::Full;
                let bytes = aira_report::format::render(&r, aira_report::format::ReportFormat::Md, kind).unwrap();
                aira::cli::report::write_output(&*w, &d.join("report.md"), &bytes).map_err(|e| e.to_string())
            },
            done: |d| std::fs::read(d.join("report.md")).is_ok_and(|b| b != b"old report\n"),
        },
    ]
}

/// Open for writing, as the next aira would. Other tests in this binary spawn processes: a
/// child between fork and exec holds a copy of every descriptor, our lock's included, for a
/// moment, so a lock refusal is waited out briefly.
fn reopen(dir: &Path) -> workspace::Result<Workspace> {
    for _ in 0..100 {
        match workspace::open(dir, Access::Write) {
            Err(workspace::WorkspaceError::Locked { .. }) => std::thread::sleep(std::time::Duration::from_millis(20)),
            other => return other,
        }
    }
    workspace::open(dir, Access::Write)
}

/// Run `op` failing at every fault point with every fault; returns the number of points.
fn exercise(op: &Operation) -> usize {
    let home = tempfile::tempdir().unwrap();
    let template = home.path().join("template");
    base(&template);
    std::fs::write(template.join("report.md"), "old report\n").unwrap();
    let before = state(&template);
    let run_at = |name: &str, w: Arc<FaultWriter>| {
        let dir = home.path().join(name);
        crate::common::copy_workspace(&template, &dir);
        let result = (op.run)(&dir, w.clone());
        (dir, result)
    };
    let counting = Arc::new(FaultWriter::counting());
    let (clean, result) = run_at("clean", counting.clone());
    assert_eq!(result, Ok(()), "{}: the operation fails without faults", op.name);
    let points = counting.points();
    assert!(points > 0, "{}: no fault point reached: it does not write through the seam", op.name);
    assert!((op.done)(&clean), "{}: the clean run's change is missing", op.name);
    let after = state(&clean);
    for fault in Fault::ALL {
        for at in 1..=points {
            let w = Arc::new(FaultWriter::new(at, fault));
            let (dir, result) = run_at(&format!("{fault:?}-{at}"), w.clone());
            let step = w.log.lock().unwrap().get(at - 1).cloned().unwrap_or_default();
            let what = format!("{}: {fault:?} at point {at} ({step}), result {result:?}", op.name);
            // The next aira to open the workspace for writing recovers what was left.
            drop(reopen(&dir).unwrap_or_else(|e| panic!("{what}: reopen refused: {e}")));
            let temps: Vec<String> = files(&dir).into_keys().filter(|n| n.contains(".tmp-")).collect();
            assert!(temps.is_empty(), "{what}: temp files left: {temps:?}");
            let now = state(&dir);
            let done = (op.done)(&dir);
            assert!(now == before || now == after, "{what}: neither before nor after:\n{:?}", now.1);
            assert_eq!(done, now == after, "{what}: the change is half there");
            if result.is_ok() && !w.crashed() {
                assert!(done, "{what}: reported done, but the change is not there");
            }
            std::fs::remove_dir_all(&dir).unwrap();
        }
    }
    points
}

#[test]
fn every_writing_operation_survives_a_fault_at_every_point() {
    let mut counts = Vec::new();
    for op in operations() {
        counts.push((op.name, exercise(&op)));
    }
    // Printed for docs/security.md (`cargo test fault_harness -- --nocapture`).
    for (name, n) in &counts {
        eprintln!("fault points: {name}: {n} (x4 faults)");
    }
}

/// `report -o FIFO` (issue 14 item 9) fails at each of its fault points (the open, the write)
/// with every fault: the FIFO is never replaced by a file, nothing is left beside it, and a
/// write reported done delivered the whole report to the reader.
#[cfg(target_os = "linux")]
#[test]
fn report_into_a_fifo_survives_a_fault_at_every_point() {
    use std::io::Read;
    use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
    let home = tempfile::tempdir().unwrap();
    let fifo = home.path().join("out.md");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let bytes = b"# report\nsmall enough for a pipe's buffer\n".to_vec();
    let run = |w: &FaultWriter| {
        // Read-write: a reader the write-through open finds, without waiting for a writer.
        let mut reader = std::fs::OpenOptions::new().read(true).write(true).custom_flags(0o4000).open(&fifo).unwrap();
        let result = aira::cli::report::write_output(w, &fifo, &bytes);
        let mut got = vec![0u8; 4096];
        let n = reader.read(&mut got).unwrap_or(0);
        got.truncate(n);
        (result, got)
    };
    let counting = FaultWriter::counting();
    let (result, got) = run(&counting);
    assert!(result.is_ok() && got == bytes, "{result:?}");
    let points = counting.points();
    assert_eq!(points, 2, "open and write: {:?}", counting.log.lock().unwrap());
    for fault in Fault::ALL {
        for at in 1..=points {
            let w = FaultWriter::new(at, fault);
            let (result, got) = run(&w);
            let what = format!("{fault:?} at point {at}: {result:?}");
            assert!(std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo(), "{what}: the FIFO was replaced");
            let names: Vec<_> = std::fs::read_dir(home.path()).unwrap().flatten().map(|e| e.file_name()).collect();
            assert_eq!(names.len(), 1, "{what}: {names:?}");
            assert!(result.is_err(), "{what}: a fault reported as success");
            assert!(got.len() < bytes.len(), "{what}");
        }
    }
}
