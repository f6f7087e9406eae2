//! A workspace file that still holds git's conflict markers after a `git merge` of two copies
//! (answers files are resolved three ways by `git_merged`; consensus.toml, workspace.toml and
//! history.toml are not): it is refused where it is read, at the first marker's line, saying
//! it is an unresolved merge and how to resolve it, and nothing is written to it.

use std::path::Path;

use super::error::WorkspaceError;

/// Whether `line` is one of git's conflict marker lines.
fn is_marker(line: &str) -> bool {
    let line = line.trim_end_matches(['\r', '\n']);
    let opens = |m: &str| line.strip_prefix(m).is_some_and(|rest| rest.is_empty() || rest.starts_with(' '));
    opens("<<<<<<<") || opens(">>>>>>>") || opens("|||||||") || line == "======="
}

/// The error for `text` (the contents of `path`) when it is an unresolved merge: a marker line
/// in a file that does not parse. A marker-like line inside a multi-line string of a file that
/// parses is text, not a merge. Cheap when there is no marker line (no second parse).
pub fn unresolved(path: &Path, text: &str) -> Option<WorkspaceError> {
    let (n, _) = text.lines().enumerate().find(|(_, l)| is_marker(l))?;
    if text.parse::<toml::Table>().is_ok() {
        return None;
    }
    let file = path.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
    Some(WorkspaceError::Parse {
        path: path.to_owned(),
        line: n + 1,
        col: 1,
        message: format!(
            "unresolved git merge: {file} still holds git's conflict markers (`<<<<<<<`, `=======`, `>>>>>>>`), \
             so it was neither read nor written. Resolve it: edit {file} to keep the lines you want and delete the \
             markers, or keep one side (`git checkout --ours {file}`) and bring the other copy's changes in with \
             `aira merge OTHER_COPY`; then `git add {file}`"
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marker_lines_in_a_file_that_does_not_parse_are_an_unresolved_merge() {
        let p = Path::new("consensus.toml");
        let text = "format = 1\n<<<<<<< HEAD\nlevel = 2\n=======\nlevel = 3\n>>>>>>> b\n";
        let e = unresolved(p, text).unwrap().to_string();
        assert!(e.starts_with("consensus.toml:2:1: unresolved git merge"), "{e}");
        assert!(unresolved(p, "format = 1\nnote = \"\"\"\n=======\n\"\"\"\n").is_none(), "text in a string");
        assert!(unresolved(p, "format = \n").is_none(), "not a merge: the parser's own error");
        assert!(unresolved(p, "a = 1\n<<<<<<<< not a marker\n").is_none());
    }
}
