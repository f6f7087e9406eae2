//! Writes a synthetic questionnaire and an answered workspace of any size, for benchmarks:
//! `cargo run --release --features bench-tools --example gen -- --questions 10000 --respondents 20 OUT_DIR`.
//! OUT_DIR becomes the workspace (its questionnaire.toml is the generated questionnaire).
//! `--baselines N` also writes N earlier assessments of the same questionnaire beside it
//! (OUT_DIR-baseline-1 … N, other seeds), each the `baseline` of the one before: an engagement
//! re-assessed every quarter (`--builtin --respondents 30 --baselines 3` is issue 16's scale).

use std::path::PathBuf;

use aira_testgen::{Spec, questionnaire_text, write_workspace};
use anyhow::{Context, Result, bail};

fn main() -> Result<()> {
    let mut spec = Spec::new(10_000, 20, usize::MAX);
    let mut out: Option<PathBuf> = None;
    let mut builtin = false;
    let mut baselines = 0;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut number = |name: &str| -> Result<usize> {
            let v = args.next().with_context(|| format!("{name} needs a number"))?;
            v.parse().with_context(|| format!("{name}: `{v}` is not a number"))
        };
        match a.as_str() {
            "--questions" => spec.questions = number("--questions")?,
            "--respondents" => spec.respondents = number("--respondents")?,
            "--answered-respondents" => spec.answered = number("--answered-respondents")?,
            "--builtin" => builtin = true,
            "--baselines" => baselines = number("--baselines")?,
            "--seed" => spec.seed = number("--seed")? as u64,
            "-h" | "--help" => {
                println!(
                    "usage: gen [--questions N] [--respondents N] [--answered-respondents N] [--seed N] [--builtin] \
                     [--baselines N] OUT_DIR\n\
                     --builtin answers the built-in questionnaire instead of generating one\n\
                     --baselines N writes N earlier assessments beside OUT_DIR (OUT_DIR-baseline-1 …), each the \
                     baseline of the one before"
                );
                return Ok(());
            }
            _ if a.starts_with('-') => bail!("unknown option {a}"),
            _ => out = Some(PathBuf::from(a)),
        }
    }
    let Some(out) = out else { bail!("missing OUT_DIR") };
    spec.answered = spec.answered.min(spec.respondents);
    if spec.questions == 0 || spec.respondents == 0 {
        bail!("--questions and --respondents must be at least 1");
    }
    let started = std::time::Instant::now();
    let text =
        if builtin { aira_core::questionnaire::default_builtin().text.to_owned() } else { questionnaire_text(&spec) };
    write_workspace(&out, &text, &spec).with_context(|| format!("generating into {}", out.display()))?;
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).context("OUT_DIR needs a name")?;
    let mut previous = out.clone();
    for n in 1..=baselines {
        let dir = out.with_file_name(format!("{name}-baseline-{n}"));
        let earlier = Spec { seed: spec.seed.wrapping_add(n as u64), ..spec.clone() };
        write_workspace(&dir, &text, &earlier).with_context(|| format!("generating into {}", dir.display()))?;
        set_baseline(&previous, &format!("../{name}-baseline-{n}"))?;
        previous = dir;
    }
    println!(
        "{}: {} questions, {} respondents ({} answered every question) in {:.2?}",
        out.display(),
        text.matches("\n[[question]]").count(),
        spec.respondents,
        spec.answered,
        started.elapsed()
    );
    if baselines > 0 {
        println!("{baselines} baseline(s) beside it: {name}-baseline-1 … {name}-baseline-{baselines}");
    }
    Ok(())
}

/// Name `baseline` (relative to `dir`) in `dir`'s workspace.toml.
fn set_baseline(dir: &std::path::Path, baseline: &str) -> Result<()> {
    let path = dir.join(aira_store::workspace::meta::FILE);
    let mut doc: toml_edit::DocumentMut = std::fs::read_to_string(&path)?.parse()?;
    doc["baseline"] = toml_edit::value(baseline);
    std::fs::write(&path, doc.to_string()).with_context(|| path.display().to_string())?;
    Ok(())
}
