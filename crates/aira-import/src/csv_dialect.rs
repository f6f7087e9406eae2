//! What a spreadsheet's CSV looks like before its rows are read: the field delimiter (`,`, or
//! `;` from European Excel, or a tab; Excel's `sep=` line says it outright) and which column
//! holds which field (headers in any order and case; unknown ones refused by name).

use super::{Column, Problem};

/// The question's columns; a column per reference family beyond NIST and ISO (`eu`, `gai`, …,
/// `family_keys`) may follow. Only `id` and `text` are required.
pub const HEADER: [&str; 16] = [
    "id",
    "text",
    "phase",
    "function",
    "nist",
    "iso",
    "guidance",
    "weight",
    "section",
    "kind",
    "applies_if",
    "profiles",
    "roles",
    "evidence",
    "action",
    "replaces",
];

/// The two columns a question cannot do without.
pub const REQUIRED: [&str; 2] = ["id", "text"];

/// The delimiter, and whether the first line is Excel's `sep=X` (to be skipped as a record).
pub fn delimiter(text: &str) -> (u8, bool) {
    let first = text.lines().next().unwrap_or_default().trim_end_matches('\r');
    if let Some(sep) = first.strip_prefix("sep=").filter(|s| s.len() == 1) {
        return (sep.as_bytes()[0], true);
    }
    // The header line decides: the candidate outside quotes that appears most.
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for b in first.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted {
            counts.iter_mut().filter(|(c, _)| *c == b).for_each(|(_, n)| *n += 1);
        }
    }
    let best = counts.iter().max_by_key(|(_, n)| *n).filter(|(_, n)| *n > 0).map_or(b',', |(c, _)| *c);
    (best, false)
}

/// The keys of the reference families beyond NIST and ISO (`eu`, `gai`, …): each may be a
/// column listing the ids a question cites in that family.
pub fn family_keys() -> Vec<String> {
    aira_core::frameworks::registry()
        .families()
        .iter()
        .map(|f| f.key.clone())
        .filter(|k| !aira_core::report::families::DEDICATED.contains(&k.as_str()))
        .collect()
}

/// Where each known field sits: `columns[i]` is the file column of `HEADER[i]`.
pub struct Layout {
    pub columns: [Option<usize>; HEADER.len()],
    /// (family key, file column) of each family column, in file order.
    pub families: Vec<(String, usize)>,
    /// The header cells as written, for messages.
    pub names: Vec<String>,
    /// File columns with an empty header (Excel's trailing delimiters): their cells must be empty.
    pub blank: Vec<usize>,
}

impl Layout {
    /// The `Column` of a known field for messages: its number in the file and its header.
    pub fn column(&self, field: usize) -> Option<Column> {
        let at = self.columns[field]?;
        Some(Column::Field(at + 1, self.names.get(at).cloned().unwrap_or_default()))
    }
}

/// Map the header record; every unknown, duplicated or missing column is a problem.
pub fn layout(header: &[&str], line: u64, problems: &mut Vec<Problem>) -> Option<Layout> {
    let names = header.iter().map(|s| s.to_string()).collect();
    let mut l = Layout { columns: [None; HEADER.len()], families: vec![], names, blank: vec![] };
    let keys = family_keys();
    let before = problems.len();
    for (at, raw) in header.iter().enumerate() {
        let name = raw.trim().trim_start_matches('\u{feff}').to_lowercase();
        let col = Some(Column::Field(at + 1, raw.trim().to_owned()));
        if name.is_empty() {
            l.blank.push(at);
            continue;
        }
        if keys.contains(&name) {
            match l.families.iter().find(|(k, _)| *k == name) {
                Some((_, first)) => problems.push(Problem::error(
                    Some(line),
                    col,
                    format!("the column `{name}` appears twice (first as column {})", first + 1),
                )),
                None => l.families.push((name, at)),
            }
            continue;
        }
        match HEADER.iter().position(|h| *h == name) {
            None => problems.push(Problem::error(
                Some(line),
                col,
                format!(
                    "unknown column `{}`; the columns are {}, {} (any order and case)",
                    raw.trim(),
                    HEADER.join(", "),
                    keys.join(", ")
                ),
            )),
            Some(f) => match l.columns[f] {
                Some(first) => problems.push(Problem::error(
                    Some(line),
                    col,
                    format!("the column `{name}` appears twice (first as column {})", first + 1),
                )),
                None => l.columns[f] = Some(at),
            },
        }
    }
    for req in REQUIRED {
        if HEADER.iter().position(|h| *h == req).is_some_and(|f| l.columns[f].is_none()) {
            problems.push(Problem::error(Some(line), None, format!("the required column `{req}` is missing")));
        }
    }
    (problems.len() == before).then_some(l)
}
