//! Synthetic questionnaires and answered workspaces of any size, for the benchmarks and the
//! `gen` example. Deterministic: the same spec gives the same bytes, so runs compare.
//! Text lengths follow real banks (question ~150 chars, guidance ~400, notes ~200).
#![forbid(unsafe_code)]

use std::collections::HashMap;
use std::path::Path;

use aira_core::assessment::{Answer, Respondent, Value};
use aira_core::questionnaire::{self, Function, Phase, Questionnaire};
use aira_store::workspace::{self, WorkspaceError, atomic::write_atomic};

/// What to generate.
#[derive(Clone, Debug)]
pub struct Spec {
    pub questions: usize,
    /// Respondents in the workspace; the first is the workspace's default respondent.
    pub respondents: usize,
    /// How many of them (from the first) answered every question; the rest answered nothing.
    pub answered: usize,
    pub seed: u64,
}

impl Spec {
    pub fn new(questions: usize, respondents: usize, answered: usize) -> Spec {
        Spec { questions, respondents, answered, seed: 42 }
    }
}

/// splitmix64: tiny, fast and good enough to make text look varied.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// Governance vocabulary; the benchmark queries ("incident", "bias testing", "supplier") hit
/// a realistic share of questions rather than all or none.
const WORDS: &[&str] = &[
    "ai",
    "system",
    "systems",
    "model",
    "models",
    "risk",
    "risks",
    "policy",
    "owner",
    "owners",
    "review",
    "reviews",
    "documented",
    "approved",
    "management",
    "organisation",
    "process",
    "processes",
    "data",
    "dataset",
    "quality",
    "incident",
    "incidents",
    "response",
    "supplier",
    "suppliers",
    "third-party",
    "contract",
    "bias",
    "fairness",
    "testing",
    "tested",
    "validation",
    "monitoring",
    "drift",
    "performance",
    "metrics",
    "threshold",
    "impact",
    "assessment",
    "assessments",
    "stakeholders",
    "affected",
    "users",
    "transparency",
    "explanation",
    "human",
    "oversight",
    "escalation",
    "accountability",
    "leadership",
    "budget",
    "training",
    "competence",
    "awareness",
    "records",
    "evidence",
    "audit",
    "internal",
    "external",
    "legal",
    "obligations",
    "privacy",
    "security",
    "resilience",
    "robustness",
    "lifecycle",
    "deployment",
    "retirement",
    "change",
    "control",
    "controls",
    "objectives",
    "scope",
    "context",
    "inventory",
    "register",
    "decision",
    "decisions",
    "residual",
    "acceptance",
    "treatment",
    "plan",
    "plans",
    "corrective",
    "action",
    "actions",
    "improvement",
    "lessons",
    "learned",
    "regularly",
    "consistently",
    "formally",
    "clearly",
    "across",
    "every",
    "each",
    "before",
    "after",
    "during",
    "within",
    "including",
    "against",
    "with",
    "for",
    "and",
    "the",
    "of",
    "to",
    "in",
    "on",
    "by",
    "are",
    "is",
    "how",
    "who",
    "whether",
    "team",
    "teams",
    "committee",
    "executive",
    "criteria",
    "requirements",
    "procurement",
];

const LEADS: &[&str] = &["To what extent", "How well", "How consistently", "How clearly", "How far", "How often"];

/// Words joined until about `len` characters.
fn words(rng: &mut Rng, len: usize) -> String {
    let mut s = String::with_capacity(len + 16);
    while s.len() < len {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(rng.pick::<&str>(WORDS));
    }
    s
}

fn sentence(rng: &mut Rng, len: usize) -> String {
    let mut s = words(rng, len);
    if let Some(first) = s.get(..1) {
        let upper = first.to_ascii_uppercase();
        s.replace_range(..1, &upper);
    }
    s.push('.');
    s
}

fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("\"{s}\"")).collect();
    format!("[{}]", quoted.join(", "))
}

/// A questionnaire with `spec.questions` questions spread over all 16 cells, with references
/// drawn from the real NIST AI RMF and ISO/IEC 42001 ids.
pub fn questionnaire_text(spec: &Spec) -> String {
    let f = aira_core::frameworks::get();
    let nist: Vec<&str> = f.nist.subcategory.iter().map(|e| e.id.as_str()).collect();
    let iso: Vec<&str> = f.iso.clause.iter().chain(&f.iso.control).map(|e| e.id.as_str()).collect();
    // The built-in's header gives a real scale with named levels.
    let builtin = questionnaire::default_builtin().text;
    let header = builtin.split("\n[[question]]").next().unwrap_or_default();
    let header = header.replace("id = \"ai-governance-readiness\"", &format!("id = \"synthetic-{}\"", spec.questions));
    let mut rng = Rng::new(spec.seed);
    let mut out = String::with_capacity(header.len() + spec.questions * 1100);
    out.push_str(&header);
    for i in 0..spec.questions {
        let cell = i * 16 / spec.questions.max(1);
        let (phase, function) = (Phase::ALL[cell / 4], Function::ALL[cell % 4]);
        let id = format!("{}-{}-{}-{i:05}", phase.as_str(), function.as_str(), rng.pick(WORDS));
        let text = format!("{} {}?", rng.pick(LEADS), words(&mut rng, 130));
        let guidance = format!("{} {}", sentence(&mut rng, 190), sentence(&mut rng, 190));
        let evidence: Vec<String> = (0..2 + rng.below(3)).map(|_| sentence(&mut rng, 45)).collect();
        let nist_refs: Vec<String> = (0..1 + rng.below(2)).map(|_| rng.pick(&nist).to_string()).collect();
        let iso_refs: Vec<String> = (0..1 + rng.below(2)).map(|_| rng.pick(&iso).to_string()).collect();
        out.push_str(&format!(
            "\n[[question]]\nid = \"{id}\"\nphase = \"{}\"\nfunction = \"{}\"\ntext = \"{text}\"\n\
             guidance = \"{guidance}\"\nevidence = {}\nroles = [\"risk\"]\n",
            phase.as_str(),
            function.as_str(),
            list(&evidence),
        ));
        if rng.chance(20) {
            out.push_str("profiles = [\"quick\"]\n");
        }
        out.push_str(&format!("nist = {}\niso = {}\n", list(&dedup(nist_refs)), list(&dedup(iso_refs))));
    }
    out
}

fn dedup(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v.dedup();
    v
}

/// Respondent `index` with an answer to every question of `q`.
pub fn answered_respondent(q: &Questionnaire, id: &str, index: usize, seed: u64) -> Respondent {
    let mut rng = Rng::new(seed ^ (index as u64 + 1).wrapping_mul(0x2545_F491_4F6C_DD1D));
    let mut r = Respondent::new(id, &format!("Respondent {index}"));
    r.role = "risk".into();
    for question in &q.questions {
        let value = if rng.chance(5) { Value::NotApplicable } else { Value::Level(rng.below(6) as u8) };
        let mut a = Answer {
            value: Some(value),
            answered_at: format!("2026-03-{:02}T10:{:02}:00.000+00:00", 1 + rng.below(28), rng.below(60)),
            answered_by: format!("respondent-{index}"),
            ..Default::default()
        };
        if rng.chance(60) {
            a.note = sentence(&mut rng, 200);
        }
        if rng.chance(30) {
            a.target = Some(3 + rng.below(3) as u8);
        }
        if rng.chance(20) {
            a.evidence = vec![format!("https://intranet.example/evidence/{}", rng.below(100_000)).into()];
        }
        a.flag = rng.chance(3);
        r.answers.insert(question.id.clone(), a);
    }
    r
}

/// Create a workspace in `dir` holding `questionnaire_text` and the spec's respondents. Each
/// answers file is rendered once and written atomically (saving answer by answer through the
/// store would rewrite a 10,000-answer file 10,000 times).
pub fn write_workspace(dir: &Path, questionnaire_text: &str, spec: &Spec) -> Result<(), WorkspaceError> {
    workspace::create(
        dir,
        questionnaire_text,
        ("Synthetic assessment", "Example Ltd"),
        &aira_core::assessment::Respondent::new("default", "default"),
    )?;
    let q = questionnaire::parse(workspace::QUESTIONNAIRE_FILE, questionnaire_text)?;
    let order: HashMap<String, usize> = q.questions.iter().enumerate().map(|(i, x)| (x.id.clone(), i)).collect();
    for index in 0..spec.respondents {
        let id = if index == 0 { "default".to_owned() } else { format!("respondent-{index:02}") };
        let r = if index < spec.answered {
            answered_respondent(&q, &id, index, spec.seed)
        } else {
            Respondent::new(&id, &format!("Respondent {index}"))
        };
        let path = dir.join("answers").join(format!("{id}.toml"));
        let text = workspace::render_answers(&r, &order);
        write_atomic(&path, text.as_bytes()).map_err(WorkspaceError::io(&path))?;
    }
    Ok(())
}

/// Generate both the questionnaire and the workspace for `spec` into `dir`.
pub fn generate(dir: &Path, spec: &Spec) -> Result<(), WorkspaceError> {
    write_workspace(dir, &questionnaire_text(spec), spec)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_questionnaire_loads_and_fills_every_cell() {
        let spec = Spec::new(64, 2, 1);
        let text = questionnaire_text(&spec);
        assert_eq!(text, questionnaire_text(&spec), "not deterministic");
        let q = questionnaire::parse("gen", &text).unwrap();
        assert_eq!(q.questions.len(), 64);
        let cells: std::collections::HashSet<_> = q.questions.iter().map(|x| (x.phase, x.function)).collect();
        assert_eq!(cells.len(), 16);
        let mean = q.questions.iter().map(|x| x.text.len()).sum::<usize>() / 64;
        assert!((120..200).contains(&mean), "question length {mean}");
        assert!(q.questions.iter().all(|x| x.references().all(aira_core::frameworks::exists)));
    }

    #[test]
    fn generated_workspace_opens_with_every_answer() {
        let dir = tempfile::tempdir().unwrap();
        let spec = Spec::new(40, 3, 2);
        generate(dir.path(), &spec).unwrap();
        let ws = workspace::open(dir.path(), workspace::Access::ReadOnly).unwrap();
        assert!(ws.notices.is_empty(), "{:?}", ws.notices);
        let counts: Vec<usize> = ws.assessment.respondents.iter().map(|r| r.answers.len()).collect();
        assert_eq!(counts, vec![40, 40, 0]);
        assert_eq!(ws.assessment.respondents[0].id, ws.meta.default_respondent);
    }
}
