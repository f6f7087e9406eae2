//! Writes a synthetic questionnaire and an answered workspace of any size, for benchmarks:
//! `cargo run --release --example gen -- --questions 10000 --respondents 20 OUT_DIR`.
//! OUT_DIR becomes the workspace (its questionnaire.toml is the generated questionnaire).

use std::path::PathBuf;

use aira_testgen::{Spec, questionnaire_text, write_workspace};
use anyhow::{Context, Result, bail};

fn main() -> Result<()> {
    let mut spec = Spec::new(10_000, 20, usize::MAX);
    let mut out: Option<PathBuf> = None;
    let mut builtin = false;
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
            "--seed" => spec.seed = number("--seed")? as u64,
            "-h" | "--help" => {
                println!(
                    "usage: gen [--questions N] [--respondents N] [--answered-respondents N] [--seed N] [--builtin] OUT_DIR\n\
                     --builtin answers the built-in questionnaire instead of generating one"
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
    println!(
        "{}: {} questions, {} respondents ({} answered every question) in {:.2?}",
        out.display(),
        text.matches("\n[[question]]").count(),
        spec.respondents,
        spec.answered,
        started.elapsed()
    );
    Ok(())
}
