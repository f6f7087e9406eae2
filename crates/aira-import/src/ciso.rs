//! `aira import ciso-assistant`: a CISO Assistant framework library (YAML) → questionnaire.
//! Each assessable requirement node becomes a question; its ancestors give the section, the
//! NIST AI RMF function (GOVERN/MAP/MEASURE/MANAGE) and the PDCA phase (ISO clauses 4–10).

use std::collections::{HashMap, HashSet};

use serde::Deserialize;

use super::refs::{function_word, iso_id, nist_id, slug};
use super::scalar::Scalar;
use super::{Column, Imported, MAX_INPUT_BYTES, Problem, render, verify};
use aira_core::questionnaire::{Function, Phase, Question, Questionnaire, Scale, ScaleLevel};
use aira_core::text::sanitize;

#[derive(Deserialize, Default)]
struct Library {
    urn: Option<Scalar>,
    ref_id: Option<Scalar>,
    name: Option<Scalar>,
    version: Option<Scalar>,
    copyright: Option<Scalar>,
    objects: Option<Objects>,
}

#[derive(Deserialize, Default)]
struct Objects {
    framework: Option<Framework>,
}

#[derive(Deserialize, Default)]
struct Framework {
    ref_id: Option<Scalar>,
    name: Option<Scalar>,
    description: Option<Scalar>,
    min_score: Option<i64>,
    max_score: Option<i64>,
    scores_definition: Option<ScoresDefinition>,
    #[serde(default)]
    requirement_nodes: Vec<Node>,
}

/// Older libraries list the scores; newer ones wrap the list as `scale` beside other keys.
#[derive(Deserialize)]
#[serde(untagged)]
enum ScoresDefinition {
    List(Vec<ScoreDef>),
    Wrapped { scale: Vec<ScoreDef> },
    Other(#[allow(dead_code)] serde::de::IgnoredAny),
}

#[derive(Deserialize)]
struct ScoreDef {
    score: Option<i64>,
    name: Option<Scalar>,
    description: Option<Scalar>,
}

#[derive(Deserialize, Default)]
struct Node {
    urn: Option<Scalar>,
    parent_urn: Option<Scalar>,
    ref_id: Option<Scalar>,
    name: Option<Scalar>,
    description: Option<Scalar>,
    annotation: Option<Scalar>,
    typical_evidence: Option<Scalar>,
    #[serde(default)]
    assessable: bool,
}

fn get(s: &Option<Scalar>) -> &str {
    s.as_ref().map_or("", |s| s.0.trim())
}

/// Text that may span lines: Windows line ends folded, other controls made visible.
fn multiline(s: &str) -> String {
    sanitize(&s.replace("\r\n", "\n").replace('\r', "\n"), true).trim().to_owned()
}

/// Text on one line: runs of whitespace (newlines included) become one space.
fn one_line(s: &str) -> String {
    sanitize(&s.split_whitespace().collect::<Vec<_>>().join(" "), false).into_owned()
}

/// A library text → questionnaire TOML, or every problem found.
pub fn from_ciso_assistant(text: &str) -> Result<Imported, Vec<Problem>> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(vec![Problem::error(None, None, format!("{} bytes; the limit is {MAX_INPUT_BYTES}", text.len()))]);
    }
    // serde_norway bounds nesting depth and alias expansion, so a hostile file is an error.
    let lib: Library = serde_norway::from_str(text).map_err(|e| {
        let loc = e.location();
        let msg = format!("not a CISO Assistant library: {e}");
        vec![Problem::error(loc.as_ref().map(|l| l.line() as u64), loc.map(|l| Column::Char(l.column() as u64)), msg)]
    })?;
    let Some(fw) = lib.objects.as_ref().and_then(|o| o.framework.as_ref()) else {
        return Err(vec![Problem::error(
            None,
            None,
            "no `objects.framework` in this library (only framework libraries can be imported)",
        )]);
    };
    let mut warnings = Vec::new();
    let scale = scale(fw, &mut warnings);
    let questions = questions(&fw.requirement_nodes);
    if questions.is_empty() {
        return Err(vec![Problem::error(None, None, "the framework has no assessable requirement nodes")]);
    }
    let id_source = [get(&fw.ref_id), get(&lib.ref_id), get(&fw.name)].into_iter().find(|s| !slug(s).is_empty());
    let id = id_source.map_or_else(|| "imported".to_owned(), slug);
    let title =
        [get(&fw.name), get(&lib.name)].into_iter().find(|s| !s.is_empty()).map_or_else(|| id.clone(), one_line);
    let version = match get(&lib.version) {
        "" => "1".to_owned(),
        v => one_line(v),
    };
    let q = Questionnaire {
        id,
        title,
        version,
        description: multiline(get(&fw.description)),
        scale,
        roles: Vec::new(),
        profiles: Vec::new(),
        questions,
        ids: Default::default(),
    };
    let mut header = format!("Imported by `aira import ciso-assistant` from {}.", one_line(get(&lib.urn)));
    if !get(&lib.copyright).is_empty() {
        header.push_str(&format!("\nSource copyright: {}", one_line(get(&lib.copyright))));
    }
    let mut imported = verify(render(&q, &header))?;
    imported.warnings.splice(0..0, warnings);
    Ok(imported)
}

fn scale(fw: &Framework, warnings: &mut Vec<Problem>) -> Scale {
    let defs: &[ScoreDef] = match &fw.scores_definition {
        Some(ScoresDefinition::List(l)) | Some(ScoresDefinition::Wrapped { scale: l }) => l,
        Some(ScoresDefinition::Other(_)) => {
            warnings.push(Problem::warning(None, None, "`scores_definition` has a shape aira does not know; ignored"));
            &[]
        }
        None => &[],
    };
    let scores: Vec<i64> = defs.iter().filter_map(|d| d.score).collect();
    let (min, max) =
        match (fw.min_score.or(scores.iter().min().copied()), fw.max_score.or(scores.iter().max().copied())) {
            (Some(min), Some(max)) => (min, max),
            _ => (0, 5),
        };
    let (min, max) = match (u8::try_from(min), u8::try_from(max)) {
        (Ok(a), Ok(b)) if a < b && b <= 100 => (a, b),
        _ => {
            warnings.push(Problem::warning(
                None,
                None,
                format!("scores {min}..{max} do not fit an aira scale (0 to 100, min below max); using 0..5"),
            ));
            return Scale::default();
        }
    };
    let mut levels: Vec<ScaleLevel> = Vec::new();
    for d in defs {
        let Some(v) = d.score.and_then(|s| u8::try_from(s).ok()).filter(|v| (min..=max).contains(v)) else {
            warnings.push(Problem::warning(
                None,
                None,
                format!("score {:?} is outside {min}..{max}; dropped", d.score),
            ));
            continue;
        };
        if levels.iter().any(|l| l.value == v) {
            continue;
        }
        let name = match one_line(get(&d.name)) {
            n if n.is_empty() => v.to_string(),
            n => n,
        };
        levels.push(ScaleLevel { value: v, name, description: multiline(get(&d.description)) });
    }
    levels.sort_by_key(|l| l.value);
    Scale { min, max, levels, description: String::new() }
}

/// Ancestors of each node, nearest first; a parent loop or a missing parent just ends the
/// chain (hostile files must not hang or crash the import).
fn ancestors<'a>(nodes: &'a [Node], by_urn: &HashMap<&str, usize>, node: &Node) -> Vec<&'a Node> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let mut parent = get(&node.parent_urn);
    while let Some(&i) = by_urn.get(parent) {
        if !seen.insert(i) || out.len() >= 64 {
            break;
        }
        out.push(&nodes[i]);
        parent = get(&nodes[i].parent_urn);
    }
    out
}

fn function_of(chain: &[&Node]) -> Option<Function> {
    chain.iter().find_map(|n| {
        let r = get(&n.ref_id);
        let first = r.split([' ', '-']).next().unwrap_or("");
        nist_id(r).and_then(|id| id.get(..2).and_then(function_word)).or_else(|| function_word(first)).or_else(|| {
            let name = get(&n.name);
            Function::ALL.into_iter().find(|f| name.eq_ignore_ascii_case(f.as_str()))
        })
    })
}

fn phase_of(chain: &[&Node]) -> Option<Phase> {
    chain.iter().find_map(|n| {
        let clause = iso_id(get(&n.ref_id)).filter(|id| !id.starts_with("A."))?;
        match clause.split('.').next()?.parse::<u8>().ok()? {
            4..=6 => Some(Phase::Plan),
            7 | 8 => Some(Phase::Do),
            9 => Some(Phase::Check),
            10 => Some(Phase::Act),
            _ => None,
        }
    })
}

fn questions(nodes: &[Node]) -> Vec<Question> {
    let by_urn: HashMap<&str, usize> =
        nodes.iter().enumerate().filter(|(_, n)| !get(&n.urn).is_empty()).map(|(i, n)| (get(&n.urn), i)).collect();
    let mut ids: HashSet<String> = HashSet::new();
    let mut out = Vec::new();
    for node in nodes.iter().filter(|n| n.assessable) {
        let parents = ancestors(nodes, &by_urn, node);
        let mut chain = vec![node];
        chain.extend(parents.iter().copied());
        let ref_id = one_line(get(&node.ref_id));
        let urn_tail = get(&node.urn).rsplit(':').next().unwrap_or("");
        let base = [slug(&ref_id), slug(urn_tail)].into_iter().find(|s| !s.is_empty()).unwrap_or_else(|| "q".into());
        let base: String = base.chars().take(120).collect();
        let mut id = base.clone();
        let mut n = 2;
        while ids.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        ids.insert(id.clone());
        let (name, description) = (multiline(get(&node.name)), multiline(get(&node.description)));
        let text = match (name.is_empty(), description.is_empty()) {
            (false, false) => format!("{name}\n\n{description}"),
            (false, true) => name,
            (true, false) => description,
            (true, true) if !ref_id.is_empty() => ref_id.clone(),
            (true, true) => id.clone(),
        };
        let mut q = Question::new(&id, phase_of(&chain), function_of(&chain), &text);
        if let Some(r) = nist_id(&ref_id) {
            q.nist.push(r);
        } else if let Some(r) = iso_id(&ref_id) {
            q.iso.push(r);
        }
        q.guidance = multiline(get(&node.annotation));
        q.evidence = evidence(get(&node.typical_evidence));
        let labels = parents.iter().rev().map(|p| match one_line(get(&p.name)) {
            n if n.is_empty() => one_line(get(&p.ref_id)),
            n => n,
        });
        q.section = labels.filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" > ");
        out.push(q);
    }
    out
}

/// `typical_evidence` is free text, usually one item per line with a bullet.
fn evidence(s: &str) -> Vec<String> {
    s.lines()
        .map(|l| l.trim().trim_start_matches(['-', '*', '•', '\u{2022}']).trim())
        .filter(|l| !l.is_empty())
        .map(one_line)
        .collect()
}
