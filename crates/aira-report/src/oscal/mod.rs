//! NIST OSCAL 1.1.2 JSON: assessment results (`--format oscal`) and the assessment plan they
//! import (`--format oscal-ap`). Both are laid out from the report model like every format;
//! tests validate them against NIST's complete schema (tests/fixtures/oscal). The mapping rules
//! (UUIDs, ids, the satisfied threshold, dates) are in docs/interop.md.

mod ap;
mod ar;

pub use ap::plan;
pub use ar::results;

use serde_json::{Value as Json, json};
use uuid::Uuid;

use aira_core::report::Report;

pub const OSCAL_VERSION: &str = "1.1.2";
/// Where the assessment results say their plan is: beside them, under this name.
pub const PLAN_HREF: &str = "assessment-plan.json";
/// The namespace of aira's own property names (OSCAL requires one for non-OSCAL names).
pub const NS: &str = "urn:aira:oscal";

/// A stable (version 5) UUID for one object of this assessment: the same workspace and key give
/// the same UUID in every export, so tools can follow a finding across revisions.
fn uuid(r: &Report, key: &str) -> String {
    let ns = Uuid::new_v5(&Uuid::NAMESPACE_URL, b"https://aira.invalid/oscal");
    let scope = format!("{}|{}|{}|{key}", r.meta.created, r.questionnaire.id, r.meta.name);
    Uuid::new_v5(&ns, scope.as_bytes()).to_string()
}

/// An OSCAL date-time (UTC, RFC 3339, years 1900-2999 as NIST's pattern wants), if `s` is one.
fn when(s: &str) -> Option<String> {
    let t: jiff::Timestamp = s.trim().parse().ok()?;
    (1900..3000).contains(&t.to_zoned(jiff::tz::TimeZone::UTC).year()).then(|| t.to_string())
}

/// An OSCAL token (NCName) for a reference or question id: ids starting with a letter are
/// kept (other characters outside `[A-Za-z0-9._-]` become `-`); others get `prefix`
/// (ISO clause "5.2" → "clause-5.2", a question "1-policy" → "q-1-policy").
fn token(id: &str, prefix: &str) -> String {
    let clean: String =
        id.trim().chars().map(|c| if c.is_alphanumeric() || matches!(c, '.' | '-' | '_') { c } else { '-' }).collect();
    match clean.chars().next() {
        Some(c) if c.is_alphabetic() || c == '_' => clean,
        _ => format!("{prefix}-{clean}"),
    }
}

/// A non-empty, trimmed OSCAL string, or None (OSCAL's `StringDatatype` forbids both).
fn string(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

fn prop(name: &str, value: &str) -> Option<Json> {
    string(value).map(|v| json!({"name": name, "ns": NS, "value": v}))
}

/// The assessment period the engagement records (`aira engagement set --period`), from the
/// start of its first day to the end of its last (UTC). Without one: the workspace's creation
/// to the newest answer, log line or decision, else the report's time.
fn period(r: &Report) -> (String, String) {
    if let Some(p) = &r.meta.period {
        return (format!("{}T00:00:00Z", p.start), format!("{}T23:59:59Z", p.end));
    }
    let generated = when(&r.generated_at).unwrap_or_else(|| jiff::Timestamp::now().to_string());
    let mut times: Vec<jiff::Timestamp> = r
        .assessment
        .respondents
        .iter()
        .flat_map(|p| p.answers.values())
        .flat_map(|a| std::iter::once(a.answered_at.as_str()).chain(a.log.iter().map(|e| e.at.as_str())))
        .chain(r.assessment.agreed_meta.values().map(|d| d.decided_at.as_str()))
        .filter_map(|s| when(s)?.parse().ok())
        .collect();
    times.sort();
    let start = when(&r.meta.created).or_else(|| times.first().map(|t| t.to_string())).unwrap_or(generated.clone());
    let end = times.last().map(|t| t.to_string()).filter(|e| *e >= start).unwrap_or(start.clone());
    (start, end)
}

/// Metadata shared by both documents: parties for the organisation and each respondent.
fn metadata(r: &Report, title: String) -> Json {
    let mut m = json!({
        "title": title,
        "last-modified": when(&r.generated_at).unwrap_or_else(|| jiff::Timestamp::now().to_string()),
        "version": string(&r.questionnaire.version).map_or("1".to_owned(), |v| format!("questionnaire-{v}")),
        "oscal-version": OSCAL_VERSION,
    });
    let mut parties = Vec::new();
    if let Some(org) = string(&r.meta.organisation) {
        parties.push(json!({"uuid": uuid(r, "party|organisation"), "type": "organization", "name": org}));
    }
    let people: Vec<Json> = r
        .respondents()
        .iter()
        .map(|p| {
            let mut party = json!({"uuid": party_uuid(r, &p.id), "type": "person"});
            if let Some(n) = string(&p.name) {
                party["name"] = n.into();
            }
            if let Some(role) = prop("role", &p.role) {
                party["props"] = json!([role]);
            }
            party
        })
        .collect();
    if !people.is_empty() {
        m["roles"] = json!([{"id": "respondent", "title": "Respondent"}]);
        let ids: Vec<Json> = people.iter().map(|p| p["uuid"].clone()).collect();
        m["responsible-parties"] = json!([{"role-id": "respondent", "party-uuids": ids}]);
    }
    parties.extend(people);
    if !parties.is_empty() {
        m["parties"] = Json::Array(parties);
    }
    m
}

fn party_uuid(r: &Report, respondent: &str) -> String {
    uuid(r, &format!("party|{respondent}"))
}

/// The keys of the families the questionnaire's questions cite (NIST, ISO, then `eu`, `gai`,
/// … in the families' order; a key no embedded family has comes last), with the prefix
/// that makes an id that starts with a digit a token.
fn cited_families(r: &Report) -> Vec<(String, Vec<String>)> {
    let reg = aira_core::frameworks::registry();
    let mut keys: Vec<String> = vec!["nist".to_owned(), "iso".to_owned()];
    for (k, _) in r.questionnaire.questions.iter().flat_map(|q| &q.cites) {
        if !keys.contains(k) {
            keys.push(k.clone());
        }
    }
    let rank = |k: &str| reg.families().iter().position(|f| f.key == k).unwrap_or(usize::MAX);
    keys.sort_by_key(|k| rank(k));
    keys.into_iter()
        .map(|k| {
            let mut ids: Vec<String> = Vec::new();
            for id in r.questionnaire.questions.iter().flat_map(|q| q.cited(&k)).map(|i| token(i, prefix(&k))) {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            (k, ids)
        })
        .filter(|(_, ids)| !ids.is_empty())
        .collect()
}

/// What an id of family `key` is prefixed with when it starts with a digit (ISO's "5.2").
fn prefix(key: &str) -> &str {
    if key == "iso" { "clause" } else { key }
}

/// The name of a finding's property that lists the ids it cites in family `key`.
fn prop_name(key: &str) -> String {
    match key {
        "nist" => "nist-ai-rmf".to_owned(),
        "iso" => "iso-42001".to_owned(),
        other => token(other, "family"),
    }
}

/// Every id the questionnaire cites, one control selection per family (NIST AI RMF
/// subcategories, ISO/IEC 42001 clauses and controls, EU AI Act articles, …).
fn reviewed_controls(r: &Report) -> Json {
    let reg = aira_core::frameworks::registry();
    let mut selections: Vec<Json> = cited_families(r)
        .into_iter()
        .map(|(key, ids)| {
            let desc = match reg.family(&key) {
                Some(f) => format!("{} ({}) entries cited by the questionnaire", f.name, f.edition),
                None => format!("Entries of the reference family `{key}` cited by the questionnaire"),
            };
            json!({"description": desc,
                   "props": [{"name": "family", "ns": NS, "value": token(&key, "family")}],
                   "include-controls": ids.iter().map(|i| json!({"control-id": i})).collect::<Vec<_>>()})
        })
        .collect();
    if selections.is_empty() {
        // OSCAL needs a selection; a questionnaire citing nothing reviews no named control.
        selections.push(json!({"description": "The questionnaire cites no framework control"}));
    }
    json!({"description": format!("The controls cited by {} {}", r.questionnaire.title, r.questionnaire.version),
           "control-selections": selections})
}
