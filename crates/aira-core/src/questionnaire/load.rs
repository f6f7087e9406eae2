//! Reading questionnaire format 1 from TOML text, collecting every problem with its span.

use std::collections::HashMap;
use std::fmt;

use super::fields::{Fields, Span, check_id, is_valid_id};
use super::model::{Function, Phase, Question, Questionnaire, Scale, ScaleLevel};
use super::{cites, roles, scope_keys};
use crate::diag::{Diagnostic, Located};
use crate::frameworks::Registry;
use crate::tomltree::{self, Table};

/// Refuse files past this size before parsing: a questionnaire is kilobytes, not gigabytes.
pub const MAX_FILE_BYTES: usize = 50 * 1024 * 1024;
pub const MAX_QUESTIONS: usize = 100_000;
pub const FORMAT: i64 = 1;

/// A questionnaire that could not be loaded: every diagnostic, with the text they point into.
#[derive(Debug, Clone)]
pub struct LoadError {
    pub file: String,
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl LoadError {
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }

    pub fn located(&self) -> impl Iterator<Item = Located<'_>> {
        self.diagnostics.iter().map(|d| Located { file: &self.file, text: &self.text, diagnostic: d })
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut errors = self.errors().map(|d| Located { file: &self.file, text: &self.text, diagnostic: d });
        match errors.next() {
            Some(first) => {
                write!(f, "{}", first.short())?;
                let more = errors.count();
                if more > 0 {
                    write!(f, " (and {more} more; run `aira check {}` for all)", self.file)?;
                }
                Ok(())
            }
            None => write!(f, "{}: cannot be loaded", self.file),
        }
    }
}

impl std::error::Error for LoadError {}

/// Load a questionnaire, failing on any error (warnings are dropped; `check` shows them).
pub fn parse(file: &str, text: &str) -> Result<Questionnaire, LoadError> {
    parse_with(file, text, crate::frameworks::registry())
}

/// [`parse`] against a given set of reference families (the embedded ones and more).
pub fn parse_with(file: &str, text: &str, families: &Registry) -> Result<Questionnaire, LoadError> {
    let (q, diagnostics) = check_with(text, families);
    match q {
        Some(q) if !diagnostics.iter().any(Diagnostic::is_error) => Ok(q),
        _ => Err(LoadError { file: file.to_owned(), text: text.to_owned(), diagnostics }),
    }
}

/// Validate a questionnaire text: the model when it could be built, and every diagnostic.
pub fn check(text: &str) -> (Option<Questionnaire>, Vec<Diagnostic>) {
    check_with(text, crate::frameworks::registry())
}

/// [`check`] with questions citing the families of `families` by key.
pub fn check_with(text: &str, families: &Registry) -> (Option<Questionnaire>, Vec<Diagnostic>) {
    if text.len() > MAX_FILE_BYTES {
        let too_big = format!("file is {} bytes; the limit is {MAX_FILE_BYTES}", text.len());
        return (None, vec![Diagnostic::error(None, too_big)]);
    }
    // Clean files (the common case, and the big ones) come through the fast reader, question by
    // question; a file with any diagnostic, even a warning, is read again by toml so that spans
    // are exact.
    let built = tomltree::read_streaming(
        text,
        || Questions::new(families),
        |qs, doc, span| match build(text, doc, span, qs) {
            (q, diags) if diags.is_empty() => Ok(q),
            (q, diags) => Err((Some(Box::new(q)), diags)),
        },
        |errors| {
            let diags = errors
                .iter()
                .map(|e| Diagnostic::error(e.span(), format!("invalid TOML: {}", e.message().trim())))
                .collect();
            (None, diags)
        },
    );
    match built {
        Ok(q) => (Some(q), Vec::new()),
        Err((q, diags)) => (q.map(|q| *q), diags),
    }
}

/// Ids a question replaces, each with its span.
type Replaced = Vec<(String, Span)>;

/// Questions as they are built: one table at a time from the fast reader (perhaps from two
/// threads on pieces of the file), or all at once from toml's tree.
struct Questions<'r> {
    families: &'r Registry,
    /// QUESTION_KEYS and every family key.
    keys: Vec<&'r str>,
    list: Vec<Question>,
    /// The span of each question's id (`None`: it has none).
    id_spans: Vec<Option<Span>>,
    /// (question, id it replaces, span) for `check_replaces`.
    replaced: Vec<(String, String, Span)>,
    /// The span of every role item, in question order, for `roles::check`.
    role_spans: Vec<Span>,
    /// The span of every profile item, in question order.
    profile_spans: Vec<Span>,
    /// The span of every `applies_if` item, in question order.
    applies_spans: Vec<Span>,
    diags: Vec<Diagnostic>,
}

impl<'r> Questions<'r> {
    fn new(families: &'r Registry) -> Self {
        let mut keys: Vec<&str> = QUESTION_KEYS.to_vec();
        keys.extend(families.families().iter().map(|f| f.key.as_str()).filter(|k| !QUESTION_KEYS.contains(k)));
        Questions {
            families,
            keys,
            list: Vec::new(),
            id_spans: Vec::new(),
            replaced: Vec::new(),
            role_spans: Vec::new(),
            profile_spans: Vec::new(),
            applies_spans: Vec::new(),
            diags: Vec::new(),
        }
    }

    fn add(&mut self, t: &Table<'_>, span: Span) {
        let (q, id_span, r) = build_question(t, span, self);
        self.replaced.extend(r.into_iter().map(|(old, span)| (q.id.clone(), old, span)));
        self.list.push(q);
        self.id_spans.push(id_span);
    }
}

impl tomltree::Stream for Questions<'_> {
    const KEY: &'static str = "question";

    fn table(&mut self, table: &Table<'_>, span: Span) -> bool {
        self.add(table, span);
        self.diags.is_empty()
    }

    fn append(&mut self, mut later: Self) -> bool {
        self.list.append(&mut later.list);
        self.id_spans.append(&mut later.id_spans);
        self.replaced.append(&mut later.replaced);
        self.role_spans.append(&mut later.role_spans);
        self.profile_spans.append(&mut later.profile_spans);
        self.applies_spans.append(&mut later.applies_spans);
        self.diags.append(&mut later.diags);
        self.diags.is_empty()
    }
}

/// The questionnaire from the top-level tables and the questions (`qs`: those already built,
/// to which the `[[question]]` tables still in `doc` are added). Diagnostics in file order.
fn build(text: &str, doc: &Table<'_>, span: Span, mut qs: Questions<'_>) -> (Questionnaire, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut root = Fields { table: doc, span: span.clone(), diags: &mut diags };
    root.deny_unknown(&["format", "questionnaire", "scale", "role", "profile", "question"], "the top level");
    match root.integer("format", true, "the top level") {
        Some((FORMAT, _)) | None => {}
        Some((n, s)) => root.diags.push(Diagnostic::error(
            s,
            format!("format {n} is not supported by this aira (it reads format {FORMAT}); upgrade aira"),
        )),
    }
    let (mut id, mut title, mut version, mut description) = Default::default();
    match root.table("questionnaire") {
        Some((t, s)) => {
            let mut f = Fields { table: t, span: s, diags: root.diags };
            f.deny_unknown(&["id", "title", "version", "description"], "[questionnaire]");
            if let Some((v, s)) = f.string("id", true, false, "[questionnaire]") {
                check_id(&v, s, f.diags);
                id = v;
            }
            title = f.string("title", true, false, "[questionnaire]").map(|x| x.0).unwrap_or_default();
            version = f.string("version", true, false, "[questionnaire]").map(|x| x.0).unwrap_or_default();
            description = f.string("description", false, true, "[questionnaire]").map(|x| x.0).unwrap_or_default();
        }
        None => root.diags.push(Diagnostic::error(0..0, "missing required table [questionnaire]")),
    }
    let scale = match root.table("scale") {
        Some((t, s)) => build_scale(t, s, root.diags),
        None => Scale::default(),
    };
    let role_list = roles::build(&mut root, text, "role");
    let profile_list = roles::build(&mut root, text, "profile");
    for (t, s) in root.tables("question") {
        qs.add(t, s);
    }
    if qs.list.is_empty() {
        diags.push(Diagnostic::error(span.start..span.start, "the questionnaire has no [[question]]"));
    }
    if qs.list.len() > MAX_QUESTIONS {
        diags.push(Diagnostic::error(None, format!("{} questions; the limit is {MAX_QUESTIONS}", qs.list.len())));
        return (
            Questionnaire {
                id,
                title,
                version,
                description,
                scale,
                roles: role_list,
                profiles: profile_list,
                questions: Vec::new(),
                ids: Default::default(),
            },
            diags,
        );
    }
    diags.append(&mut qs.diags);
    let ids = first_of_each_id(text, &qs, &mut diags);
    check_replaces(&ids, &qs.replaced, &mut diags);
    let named_roles = qs.list.iter().flat_map(|q| q.roles.iter());
    roles::check(&role_list, named_roles, &qs.role_spans, "role", &mut diags);
    let named_profiles = qs.list.iter().flat_map(|q| q.profiles.iter());
    roles::check(&profile_list, named_profiles, &qs.profile_spans, "profile", &mut diags);
    scope_keys::check_applies_if(&qs.list, &qs.applies_spans, &mut diags);
    let questions = qs.list;
    let (roles, profiles, ids) = (role_list, profile_list, Default::default());
    let q = Questionnaire { id, title, version, description, scale, roles, profiles, questions, ids };
    (q, diags)
}

fn build_scale(t: &Table<'_>, span: Span, diags: &mut Vec<Diagnostic>) -> Scale {
    let mut f = Fields { table: t, span: span.clone(), diags };
    f.deny_unknown(&["min", "max", "description", "level"], "[scale]");
    let description = f.string("description", false, true, "[scale]").map(|x| x.0).unwrap_or_default();
    let min = f.integer("min", false, "[scale]");
    let max = f.integer("max", false, "[scale]");
    let as_level = |n: Option<(i64, Span)>, default: u8, f: &mut Fields<'_, '_>| match n {
        None => default,
        Some((n, s)) => u8::try_from(n).ok().filter(|&v| v <= 100).unwrap_or_else(|| {
            f.diags.push(Diagnostic::error(s, format!("scale bounds must be between 0 and 100, found {n}")));
            default
        }),
    };
    let min_v = as_level(min.clone(), 0, &mut f);
    let max_v = as_level(max.clone(), 5, &mut f);
    if min_v >= max_v {
        let s = max.or(min).map_or(span.clone(), |x| x.1);
        f.diags.push(Diagnostic::error(s, format!("scale min ({min_v}) must be below max ({max_v})")));
    }
    let mut levels: Vec<ScaleLevel> = Vec::new();
    for (lt, ls) in f.tables("level") {
        let mut lf = Fields { table: lt, span: ls.clone(), diags: f.diags };
        lf.deny_unknown(&["value", "name", "description"], "[[scale.level]]");
        let value = lf.integer("value", true, "[[scale.level]]");
        let name = lf.string("name", true, false, "[[scale.level]]").map(|x| x.0).unwrap_or_default();
        let description = lf.string("description", false, true, "[[scale.level]]").map(|x| x.0).unwrap_or_default();
        let Some((v, vs)) = value else { continue };
        let in_scale = u8::try_from(v).ok().filter(|&v| v >= min_v && v <= max_v);
        let Some(v) = in_scale else {
            lf.diags.push(Diagnostic::error(vs, format!("level {v} is outside the scale {min_v}..{max_v}")));
            continue;
        };
        if levels.iter().any(|l| l.value == v) {
            lf.diags.push(Diagnostic::error(vs, format!("level {v} is defined twice")));
            continue;
        }
        if name.trim().is_empty() {
            lf.diags.push(Diagnostic::error(ls, format!("level {v} has an empty name")));
        }
        levels.push(ScaleLevel { value: v, name, description });
    }
    levels.sort_by_key(|l| l.value);
    Scale { min: min_v, max: max_v, levels, description }
}

pub const QUESTION_KEYS: &[&str] = &[
    "id",
    "phase",
    "function",
    "text",
    "guidance",
    "evidence",
    "roles",
    "profiles",
    "nist",
    "iso",
    "weight",
    "replaces",
    "section",
    "action",
    "kind",
    "applies_if",
];

/// One question, the span of its id (for the duplicate check, which needs every question) and
/// the ids it replaces.
fn build_question(t: &Table<'_>, span: Span, qs: &mut Questions<'_>) -> (Question, Option<Span>, Replaced) {
    let ctx = "[[question]]";
    let mut f = Fields { table: t, span: span.clone(), diags: &mut qs.diags };
    f.deny_unknown(&qs.keys, ctx);
    let (id, id_span) = match f.string("id", true, false, ctx) {
        Some((id, s)) => {
            check_id(&id, s.clone(), f.diags);
            (id, Some(s))
        }
        None => (String::new(), None),
    };
    let phase = f.string("phase", false, false, ctx).and_then(|(v, s)| {
        Phase::parse(&v).or_else(|| {
            f.diags.push(Diagnostic::error(s, format!("unknown phase `{v}`; expected plan, do, check or act")));
            None
        })
    });
    let function = f.string("function", false, false, ctx).and_then(|(v, s)| {
        Function::parse(&v).or_else(|| {
            f.diags
                .push(Diagnostic::error(s, format!("unknown function `{v}`; expected govern, map, measure or manage")));
            None
        })
    });
    let question_text = match f.string("text", true, true, ctx) {
        Some((t, s)) => {
            if t.trim().is_empty() {
                f.diags.push(Diagnostic::error(s, format!("question `{id}` has empty text")));
            }
            t
        }
        None => String::new(),
    };
    let guidance = f.string("guidance", false, true, ctx).map(|x| x.0).unwrap_or_default();
    let section = f.string("section", false, false, ctx).map(|x| x.0).unwrap_or_default();
    let action = f.string("action", false, true, ctx).map(|x| x.0).unwrap_or_default();
    let weight = match f.number("weight", ctx) {
        Some((w, s)) if !(w > 0.0 && w.is_finite()) => {
            f.diags.push(Diagnostic::error(s, format!("weight must be a number greater than 0, found {w}")));
            1.0
        }
        Some((w, _)) => w,
        None => 1.0,
    };
    let plain = |v: Vec<(String, Span)>| v.into_iter().map(|x| x.0).collect::<Vec<_>>();
    let evidence = plain(f.string_list("evidence", ctx));
    let (roles, spans): (Vec<String>, Vec<Span>) = f.string_list("roles", ctx).into_iter().unzip();
    qs.role_spans.extend(spans);
    let (profiles, spans): (Vec<String>, Vec<Span>) = f.string_list("profiles", ctx).into_iter().unzip();
    qs.profile_spans.extend(spans);
    let replaced = f.string_list("replaces", ctx);
    let replaces = replaced.iter().map(|x| x.0.clone()).collect();
    let (kind, applies_if, spans) = scope_keys::read(&mut f, phase.is_some(), function.is_some());
    qs.applies_spans.extend(spans);
    let mut cited = cites::read(&mut f, qs.families);
    let mut take = |key: &str| cited.iter().position(|(k, _)| k == key).map(|i| cited.remove(i).1).unwrap_or_default();
    let (nist, iso) = (take("nist"), take("iso"));
    let q = Question {
        id,
        phase,
        function,
        text: question_text,
        guidance,
        evidence,
        roles,
        profiles,
        nist,
        iso,
        weight,
        replaces,
        section,
        action,
        kind,
        applies_if,
        cites: cited,
    };
    (q, id_span, replaced)
}

/// Every question id with the span of its first definition; a later one is a duplicate.
fn first_of_each_id<'q>(text: &str, qs: &'q Questions, diags: &mut Vec<Diagnostic>) -> HashMap<&'q str, Span> {
    let mut first: HashMap<&str, Span> = HashMap::with_capacity(qs.list.len());
    for (q, span) in qs.list.iter().zip(&qs.id_spans) {
        let Some(span) = span else { continue };
        match first.get(q.id.as_str()) {
            Some(at) => {
                let (line, _) = crate::diag::line_col(text, at.start);
                let msg = format!("duplicate question id `{}` (first defined on line {line})", q.id);
                diags.push(Diagnostic::error(span.clone(), msg));
            }
            None => {
                first.insert(&q.id, span.clone());
            }
        }
    }
    first
}

/// `replaces` drives `aira upgrade`: an old id must be well formed, no longer a question of
/// this file, and claimed by one question only, or answers would move to the wrong place.
fn check_replaces(ids: &HashMap<&str, Span>, replaced: &[(String, String, Span)], diags: &mut Vec<Diagnostic>) {
    let mut claimed: HashMap<&str, &str> = HashMap::new();
    for (by, old, span) in replaced {
        if !is_valid_id(old) {
            check_id(old, span.clone(), diags);
        } else if ids.contains_key(old.as_str()) {
            diags.push(Diagnostic::error(
                span.clone(),
                format!("question `{by}` replaces `{old}`, which is still a question in this file"),
            ));
        } else if let Some(first) = claimed.insert(old, by) {
            diags.push(Diagnostic::error(
                span.clone(),
                format!("`{old}` is replaced by both `{first}` and `{by}`; an old id can move to one question only"),
            ));
        }
    }
}
