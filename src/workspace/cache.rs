//! A parse cache in the user's cache folder (`$XDG_CACHE_HOME/aira/parsed`): TOML parsing of a
//! 10,000-question bank and its answers takes ~300 ms, a binary copy keyed by the SHA-256 of the
//! text decodes in a few. Only this aira writes there (a workspace never carries a cache, so a
//! cache entry was made from text that passed validation); anything unexpected in an entry
//! (other version, cut short, bad UTF-8) means a miss, and the TOML is parsed as before.

use std::path::PathBuf;

use crate::assessment::{Answer, Respondent, Value};
use crate::questionnaire::{Function, Phase, Question, Questionnaire, Scale, ScaleLevel};

/// Texts below this parse in a few ms: not worth a cache entry (and tests, whose fixtures are
/// small, never write to the user's cache folder).
pub const MIN_BYTES: usize = 1 << 20;

/// Bump the number when the encoding changes; the version covers changes in validation.
const MAGIC: &[u8] = concat!("aira-parse-cache 2 ", env!("CARGO_PKG_VERSION"), "\n").as_bytes();

fn path(kind: &str, key: &str) -> Option<PathBuf> {
    Some(super::paths::cache_dir()?.join("parsed").join(format!("{kind}-{key}.bin")))
}

fn load(kind: &str, key: &str) -> Option<Vec<u8>> {
    let bytes = std::fs::read(path(kind, key)?).ok()?;
    bytes.strip_prefix(MAGIC).map(<[u8]>::to_vec)
}

/// Best effort and not durable: a lost or torn entry is only a miss.
fn save(kind: &str, key: &str, body: &[u8]) {
    let Some(path) = path(kind, key) else { return };
    let Some(dir) = path.parent() else { return };
    if super::atomic::create_private_dir(dir).is_err() {
        return;
    }
    let tmp = path.with_extension(format!("tmp-{}", std::process::id()));
    let mut bytes = MAGIC.to_vec();
    bytes.extend_from_slice(body);
    let written = super::atomic::private_options()
        .write(true)
        .create(true)
        .truncate(true)
        .open(&tmp)
        .and_then(|mut f| std::io::Write::write_all(&mut f, &bytes));
    if written.and_then(|()| std::fs::rename(&tmp, &path)).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

pub fn questionnaire(key: &str) -> Option<Questionnaire> {
    let bytes = load("questionnaire", key)?;
    let mut r = Reader(&bytes);
    let q = r.questionnaire()?;
    r.0.is_empty().then_some(q)
}

pub fn save_questionnaire(key: &str, q: &Questionnaire) {
    let mut w = Writer::default();
    w.questionnaire(q);
    save("questionnaire", key, &w.0);
}

/// A respondent's answers; `key` must cover the file's text and the scale it was checked against.
pub fn respondent(key: &str, id: &str) -> Option<Respondent> {
    let bytes = load("answers", key)?;
    let mut r = Reader(&bytes);
    let mut resp = r.respondent()?;
    resp.id = id.to_owned();
    r.0.is_empty().then_some(resp)
}

pub fn save_respondent(key: &str, r: &Respondent) {
    let mut w = Writer::default();
    w.respondent(r);
    save("answers", key, &w.0);
}

pub fn answers_key(text_sha256: &str, scale: &Scale) -> String {
    format!("{text_sha256}-{}-{}", scale.min, scale.max)
}

#[derive(Default)]
struct Writer(Vec<u8>);

impl Writer {
    fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    fn len(&mut self, n: usize) {
        self.0.extend_from_slice(&u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes());
    }
    fn str(&mut self, s: &str) {
        self.len(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }
    fn strs(&mut self, v: &[String]) {
        self.len(v.len());
        v.iter().for_each(|s| self.str(s));
    }
    fn opt(&mut self, v: Option<u8>) {
        self.u8(u8::from(v.is_some()));
        self.u8(v.unwrap_or(0));
    }
    fn questionnaire(&mut self, q: &Questionnaire) {
        for s in [&q.id, &q.title, &q.version, &q.description] {
            self.str(s);
        }
        self.u8(q.scale.min);
        self.u8(q.scale.max);
        self.len(q.scale.levels.len());
        for l in &q.scale.levels {
            self.u8(l.value);
            self.str(&l.name);
            self.str(&l.description);
        }
        self.len(q.questions.len());
        for x in &q.questions {
            self.str(&x.id);
            self.opt(x.phase.map(|p| p.index() as u8));
            self.opt(x.function.map(|f| f.index() as u8));
            for s in [&x.text, &x.guidance, &x.section] {
                self.str(s);
            }
            for v in [&x.evidence, &x.roles, &x.profiles, &x.nist, &x.iso, &x.replaces] {
                self.strs(v);
            }
            self.0.extend_from_slice(&x.weight.to_le_bytes());
        }
    }
    fn respondent(&mut self, r: &Respondent) {
        self.str(&r.name);
        self.str(&r.role);
        self.len(r.answers.len());
        for (qid, a) in &r.answers {
            self.str(qid);
            self.u8(match a.value {
                None => 0,
                Some(Value::Level(_)) => 1,
                Some(Value::NotApplicable) => 2,
            });
            self.u8(a.level().unwrap_or(0));
            self.opt(a.target);
            self.str(&a.note);
            self.strs(&a.evidence);
            self.u8(u8::from(a.flag));
            self.str(&a.answered_at);
            self.str(&a.answered_by);
            self.len(a.log.len());
            for e in &a.log {
                self.str(&e.at);
                self.str(&e.by);
                self.str(&e.text);
            }
        }
    }
}

struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        let (head, rest) = (self.0.get(..n)?, self.0.get(n..)?);
        self.0 = rest;
        Some(head)
    }
    fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }
    fn len(&mut self) -> Option<usize> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?) as usize)
    }
    fn str(&mut self) -> Option<String> {
        let n = self.len()?;
        String::from_utf8(self.take(n)?.to_vec()).ok()
    }
    fn strs(&mut self) -> Option<Vec<String>> {
        let n = self.len()?;
        // A count larger than the bytes left is corruption, not a reason to allocate.
        (n <= self.0.len()).then_some(())?;
        (0..n).map(|_| self.str()).collect()
    }
    fn opt(&mut self) -> Option<Option<u8>> {
        let (some, v) = (self.u8()?, self.u8()?);
        Some((some == 1).then_some(v))
    }
    fn questionnaire(&mut self) -> Option<Questionnaire> {
        let (id, title, version, description) = (self.str()?, self.str()?, self.str()?, self.str()?);
        let (min, max) = (self.u8()?, self.u8()?);
        let n = self.len()?;
        (n <= self.0.len()).then_some(())?;
        let levels = (0..n)
            .map(|_| Some(ScaleLevel { value: self.u8()?, name: self.str()?, description: self.str()? }))
            .collect::<Option<Vec<_>>>()?;
        let n = self.len()?;
        (n <= self.0.len()).then_some(())?;
        let mut questions = Vec::with_capacity(n);
        for _ in 0..n {
            let id = self.str()?;
            let phase = match self.opt()? {
                Some(i) => Some(*Phase::ALL.get(usize::from(i))?),
                None => None,
            };
            let function = match self.opt()? {
                Some(i) => Some(*Function::ALL.get(usize::from(i))?),
                None => None,
            };
            let (text, guidance, section) = (self.str()?, self.str()?, self.str()?);
            let (evidence, roles, profiles) = (self.strs()?, self.strs()?, self.strs()?);
            let (nist, iso, replaces) = (self.strs()?, self.strs()?, self.strs()?);
            let weight = f64::from_le_bytes(self.take(8)?.try_into().ok()?);
            questions.push(Question {
                id,
                phase,
                function,
                text,
                guidance,
                evidence,
                roles,
                profiles,
                nist,
                iso,
                weight,
                replaces,
                section,
            });
        }
        Some(Questionnaire { id, title, version, description, scale: Scale { min, max, levels }, questions })
    }
    fn respondent(&mut self) -> Option<Respondent> {
        let mut r = Respondent { name: self.str()?, role: self.str()?, ..Default::default() };
        let n = self.len()?;
        (n <= self.0.len()).then_some(())?;
        for _ in 0..n {
            let qid = self.str()?;
            let (tag, level) = (self.u8()?, self.u8()?);
            let value = match tag {
                0 => None,
                1 => Some(Value::Level(level)),
                2 => Some(Value::NotApplicable),
                _ => return None,
            };
            let a = Answer {
                value,
                target: self.opt()?,
                note: self.str()?,
                evidence: self.strs()?,
                flag: self.u8()? == 1,
                answered_at: self.str()?,
                answered_by: self.str()?,
                log: Vec::new(),
            };
            let entries = self.len()?;
            let mut a = a;
            for _ in 0..entries.min(self.0.len()) {
                a.log.push(crate::assessment::LogEntry { at: self.str()?, by: self.str()?, text: self.str()? });
            }
            r.answers.insert(qid, a);
        }
        Some(r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_refuses_damage() {
        let q = crate::questionnaire::parse("mini", include_str!("../../tests/fixtures/mini.toml")).unwrap();
        let mut w = Writer::default();
        w.questionnaire(&q);
        assert_eq!(Reader(&w.0).questionnaire(), Some(q));
        let mut r = Respondent::new("x", "Ann");
        r.role = "risk".into();
        let a = Answer { value: Some(Value::Level(3)), target: Some(4), note: "n\nö".into(), ..Default::default() };
        r.answers.insert("q1".into(), a);
        r.answers.insert("q2".into(), Answer { value: Some(Value::NotApplicable), flag: true, ..Default::default() });
        let mut w = Writer::default();
        w.respondent(&r);
        let mut back = Reader(&w.0).respondent().unwrap();
        back.id = "x".into();
        assert_eq!(back, r);
        assert_eq!(Reader(&w.0[..w.0.len() - 1]).respondent(), None);
    }
}
