//! `aira report --anonymise`: a copy of the engagement and the assessment with people's names
//! taken out, made before the report model is built, so every writer (md, html, csv, json,
//! xlsx, oscal) sees the same anonymised data and none has to remember to scrub.
//!
//! The rule (docs/interop.md): respondents become "Respondent 1..N" (those who answered
//! something first, in workspace order), ids `respondent-1..N`; `answered_by`, log authors and
//! `decided_by` become ""; in every free text (notes, log lines, evidence, agreed notes, scope)
//! each known name (respondents and the people who wrote answers, log lines and decisions) is
//! replaced whole-word and case-insensitively: the full name, and each part of it (split on
//! spaces and hyphens, 2+ letters) when that part belongs to one person only; a part shared
//! by several people becomes "[name]". Without `keep_organisation` the organisation is emptied,
//! its name scrubbed from texts as "[organisation]" and the assessment renamed.

use crate::assessment::Assessment;
use crate::engagement::Engagement;

/// The name an anonymised workspace carries instead of its own (which often names the client).
pub const ANONYMOUS_NAME: &str = "Anonymised assessment";

/// Words of an organisation's name that do not name it on their own (legal forms, fillers).
const NOT_NAMES: &[&str] = &[
    "ltd",
    "limited",
    "inc",
    "incorporated",
    "llc",
    "llp",
    "plc",
    "gmbh",
    "corp",
    "corporation",
    "company",
    "group",
    "holding",
    "holdings",
    "the",
    "and",
    "sas",
    "sarl",
    "srl",
    "spa",
    "kft",
    "oyj",
    "pty",
];

/// One name to find in text and what replaces it.
struct Pattern {
    find: Vec<char>,
    with: String,
}

/// True when `c` continues a word (a name match must not be part of a longer word).
fn wordy(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn eq_ci(a: char, b: char) -> bool {
    a == b || a.to_lowercase().eq(b.to_lowercase())
}

/// Replace every whole-word, case-insensitive occurrence of the patterns (longest first).
fn scrub(text: &str, patterns: &[Pattern]) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let at_start = i == 0 || !wordy(chars[i - 1]);
        let hit = at_start.then(|| {
            patterns.iter().find(|p| {
                let end = i + p.find.len();
                end <= chars.len()
                    && chars[i..end].iter().zip(&p.find).all(|(a, b)| eq_ci(*a, *b))
                    && chars.get(end).is_none_or(|c| !wordy(*c))
            })
        });
        match hit.flatten() {
            Some(p) => {
                out.push_str(&p.with);
                i += p.find.len();
            }
            None => {
                out.push(chars[i]);
                i += 1;
            }
        }
    }
    out
}

/// Full names, then name parts that are unambiguous, then ambiguous parts; longest first.
fn patterns(people: &[(String, String)], organisation: Option<&str>) -> Vec<Pattern> {
    let mut out: Vec<Pattern> = Vec::new();
    let mut push = |find: &str, with: &str| {
        let find: Vec<char> = find.chars().collect();
        if find.len() >= 2
            && !out.iter().any(|p| p.find.iter().zip(&find).all(|(a, b)| eq_ci(*a, *b)) && p.find.len() == find.len())
        {
            out.push(Pattern { find, with: with.to_owned() });
        }
    };
    if let Some(org) = organisation.map(str::trim).filter(|o| !o.is_empty()) {
        push(org, "[organisation]");
        // "Acme" alone names Acme Ltd too; legal forms and filler words are not names.
        for part in org.split(|c: char| !wordy(c) && c != '-' && c != '&').filter(|p| p.chars().count() >= 3) {
            if !NOT_NAMES.contains(&part.to_lowercase().as_str()) {
                push(part, "[organisation]");
            }
        }
    }
    for (name, label) in people {
        push(name.trim(), label);
    }
    let parts = |name: &str| -> Vec<String> {
        name.split(|c: char| c.is_whitespace() || c == '-')
            .filter(|p| p.chars().count() >= 2)
            .map(str::to_lowercase)
            .collect()
    };
    for (name, label) in people {
        for part in parts(name) {
            let owners = people.iter().filter(|(n, l)| l != label && parts(n).contains(&part)).count();
            push(&part, if owners == 0 { label } else { "[name]" });
        }
    }
    out.sort_by_key(|p| std::cmp::Reverse(p.find.len()));
    out
}

/// The anonymised copies: (engagement, assessment).
pub fn anonymise(meta: &Engagement, a: &Assessment, keep_organisation: bool) -> (Engagement, Assessment) {
    let mut order: Vec<usize> = (0..a.respondents.len()).filter(|&i| !a.respondents[i].answers.is_empty()).collect();
    order.extend((0..a.respondents.len()).filter(|&i| a.respondents[i].answers.is_empty()));
    let mut label = vec![String::new(); a.respondents.len()];
    for (n, &i) in order.iter().enumerate() {
        label[i] = format!("Respondent {}", n + 1);
    }
    // People: respondents by their label; authors of answers, logs and decisions who are not
    // respondents become "[name]" (they are named, but not as respondents).
    let mut people: Vec<(String, String)> =
        a.respondents.iter().zip(&label).map(|(r, l)| (r.name.clone(), l.clone())).collect();
    let authors = a
        .respondents
        .iter()
        .flat_map(|r| r.answers.values())
        .flat_map(|x| {
            std::iter::once(&x.answered_by)
                .chain(x.log.iter().map(|e| &e.by))
                .chain(x.evidence.iter().map(|e| &e.added_by))
        })
        .chain(a.agreed_meta.values().map(|d| &d.decided_by))
        // The engagement's people too: assessors, the client contact, action and control owners.
        .chain(meta.assessors.iter())
        .chain(std::iter::once(&meta.contact))
        .chain(meta.roadmap.values().map(|r| &r.owner))
        .chain(meta.soa.values().map(|e| &e.owner));
    for who in authors {
        let known = people.iter().any(|(n, _)| n.trim().eq_ignore_ascii_case(who.trim()));
        if !who.trim().is_empty() && !known {
            people.push((who.clone(), "[name]".to_owned()));
        }
    }
    let pats = patterns(&people, (!keep_organisation).then_some(meta.organisation.as_str()));
    let s = |t: &str| scrub(t, &pats);
    let mut out = a.clone();
    for (r, l) in out.respondents.iter_mut().zip(&label) {
        r.id = l.to_lowercase().replace(' ', "-");
        r.name = l.clone();
        r.role = s(&r.role);
        for x in r.answers.values_mut() {
            x.note = s(&x.note);
            for e in &mut x.evidence {
                e.reference = s(&e.reference);
                e.note = s(&e.note);
                e.added_by.clear();
            }
            x.answered_by.clear();
            for e in &mut x.log {
                e.by.clear();
                e.text = s(&e.text);
            }
        }
    }
    for d in out.agreed_meta.values_mut() {
        d.decided_by.clear();
        d.note = s(&d.note);
    }
    let mut m = meta.clone();
    m.scope = s(&m.scope);
    m.default_respondent.clear();
    m.assessors.clear();
    m.contact.clear();
    for r in m.roadmap.values_mut() {
        r.owner = s(&r.owner);
    }
    for e in m.soa.values_mut() {
        e.justification = s(&e.justification);
        e.owner = s(&e.owner);
    }
    if keep_organisation {
        m.name = s(&m.name);
    } else {
        m.organisation.clear();
        m.name = ANONYMOUS_NAME.to_owned();
    }
    (m, out)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn people(names: &[&str]) -> Vec<(String, String)> {
        names.iter().enumerate().map(|(i, n)| ((*n).to_owned(), format!("Respondent {}", i + 1))).collect()
    }

    #[test]
    fn whole_words_case_insensitive_full_names_and_unambiguous_parts() {
        let p = patterns(&people(&["Ann Lee", "Bob Stone", "Ann-Marie Kay"]), Some("Acme Ltd"));
        assert_eq!(
            scrub("ANN LEE said Bob's plan; bob agreed.", &p),
            "Respondent 1 said Respondent 2's plan; Respondent 2 agreed."
        );
        assert_eq!(
            scrub("Lee and Stone, Annex, Bobby, Kay", &p),
            "Respondent 1 and Respondent 2, Annex, Bobby, Respondent 3"
        );
        assert_eq!(scrub("Ann said", &p), "[name] said", "Ann is shared by Ann Lee and Ann-Marie Kay");
        assert_eq!(scrub("Ann-Marie Kay at acme ltd", &p), "Respondent 3 at [organisation]");
        assert_eq!(
            scrub("Acme's chatbot; acme group; the Group and Ltd", &p),
            "[organisation]'s chatbot; [organisation] group; the Group and Ltd",
            "the distinctive words of the organisation's name, not its legal form"
        );
        assert_eq!(scrub("Élodie élodie", &patterns(&people(&["Élodie"]), None)), "Respondent 1 Respondent 1");
    }
}
