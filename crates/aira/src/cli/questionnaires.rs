//! Where questionnaires come from: built into the binary, the `questionnaires/` folder of the
//! user data directory, or any path. `aira questionnaires` lists them; `init` and `upgrade`
//! resolve an `ID|PATH` through `find`.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use aira_core::questionnaire::{self, Questionnaire};
use aira_core::text::sanitize;
use aira_store::workspace::{self, paths};

/// One questionnaire found, with where it came from.
pub struct Found {
    pub text: String,
    /// `built-in`, or the file's path.
    pub source: String,
    pub parsed: Result<Questionnaire, questionnaire::LoadError>,
}

/// `<data dir>/questionnaires`, where a user drops questionnaires to use them by id.
pub fn user_dir() -> Option<PathBuf> {
    paths::data_dir().map(|d| d.join("questionnaires"))
}

fn read(path: &Path) -> Result<String> {
    workspace::atomic::read_limited(path, workspace::MAX_FILE_BYTES)
        .with_context(|| sanitize(&path.display().to_string(), false).into_owned())
}

fn from_file(path: &Path) -> Result<Found> {
    let text = read(path)?;
    let source = path.display().to_string();
    let parsed = questionnaire::parse(&source, &text);
    Ok(Found { text, source, parsed })
}

/// Every `*.toml` in the user folder, sorted by name (a missing folder is simply empty).
fn user_files() -> Vec<PathBuf> {
    let Some(dir) = user_dir() else { return Vec::new() };
    let Ok(entries) = std::fs::read_dir(&dir) else { return Vec::new() };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
        .collect();
    files.sort();
    files
}

/// Built-in questionnaires first, then the user folder's.
pub fn all() -> Vec<Found> {
    let mut out: Vec<Found> = questionnaire::BUILTINS
        .iter()
        .map(|b| Found {
            text: b.text.to_owned(),
            source: "built-in".into(),
            parsed: questionnaire::parse(b.file, b.text),
        })
        .collect();
    out.extend(user_files().iter().filter_map(|p| from_file(p).ok()));
    out
}

/// A questionnaire by built-in id, by id in the user folder, or by path.
pub fn find(spec: &str) -> Result<Found> {
    if let Some(b) = questionnaire::builtin(spec) {
        let parsed = questionnaire::parse(b.file, b.text);
        return Ok(Found { text: b.text.to_owned(), source: "built-in".into(), parsed });
    }
    // Several versions of one id may sit in the folder: the last by file name wins.
    let user =
        user_files().iter().filter_map(|p| from_file(p).ok()).rfind(|f| f.parsed.as_ref().is_ok_and(|q| q.id == spec));
    if let Some(found) = user {
        return Ok(found);
    }
    let path = Path::new(spec);
    if path.exists() {
        return from_file(path);
    }
    let ids: Vec<String> = all().iter().filter_map(|f| f.parsed.as_ref().ok().map(|q| q.id.clone())).collect();
    let folder = user_dir().map_or_else(String::new, |d| format!(" or in {}", d.display()));
    bail!("no questionnaire `{}` built in{folder}, and no such file (known: {})", sanitize(spec, false), ids.join(", "))
}

/// `aira questionnaires`: id, version, question count and source of each one found.
pub fn run(extra: &[PathBuf]) -> Result<i32> {
    let mut found = all();
    for p in extra {
        found.push(from_file(p)?);
    }
    let mut rows = vec![["ID".to_owned(), "VERSION".into(), "QUESTIONS".into(), "SOURCE".into()]];
    for f in &found {
        let source = sanitize(&f.source, false).into_owned();
        rows.push(match &f.parsed {
            Ok(q) => [q.id.clone(), q.version.clone(), q.questions.len().to_string(), source],
            Err(_) => ["-".into(), "-".into(), "-".into(), format!("{source} (invalid: run `aira check` on it)")],
        });
    }
    let w = |i: usize| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0);
    let (w0, w1, w2) = (w(0), w(1), w(2));
    for r in &rows {
        super::outln!("{:<w0$}  {:<w1$}  {:>w2$}  {}", r[0], r[1], r[2], r[3])?;
    }
    if let Some(d) = user_dir() {
        super::outln!("\nAdd your own by saving them in {}", sanitize(&d.display().to_string(), false))?;
    }
    Ok(0)
}
