//! aira's fuzzy search and `fzf --filter` side by side, in one run, on the same corpus: one
//! line per question (id, references, text, guidance). Runs alternate between the two so both
//! see the same machine load. `cargo run --release --features bench-tools --example search_vs_fzf -- [--runs 31] WORKSPACE`
//! aira is timed in-process per query on an index built once (what the TUI does); fzf is timed
//! per process (`fzf --filter QUERY < corpus`), which includes its start-up and reading the
//! corpus, so an empty-input fzf run is reported as its floor.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use aira_core::search::Index;
use aira_store::workspace::{self, Access};
use anyhow::{Context, Result, bail};

const QUERIES: [&str; 5] = ["incident", "A.6.2", "MS-2.7", "bias testing", "supplier"];

fn fzf(query: &str, input: &[u8]) -> Result<(Duration, usize)> {
    let started = Instant::now();
    let mut child = Command::new("fzf")
        .args(["--filter", query])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .context("running fzf (apt-get install fzf)")?;
    child.stdin.take().context("fzf stdin")?.write_all(input)?;
    let out = child.wait_with_output()?;
    let took = started.elapsed();
    Ok((took, out.stdout.split(|&b| b == b'\n').filter(|l| !l.is_empty()).count()))
}

fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

fn main() -> Result<()> {
    let (mut runs, mut dir) = (31usize, None);
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--runs" => runs = args.next().context("--runs needs a number")?.parse()?,
            _ if a.starts_with('-') => bail!("unknown option {a}"),
            _ => dir = Some(PathBuf::from(a)),
        }
    }
    let dir = dir.context("usage: search_vs_fzf [--runs N] WORKSPACE")?;
    let ws = workspace::open(&dir, Access::ReadOnly)?;
    let q = &ws.questionnaire;
    let corpus: String = q
        .questions
        .iter()
        .map(|x| format!("{} {} {} {}\n", x.id, x.references().collect::<Vec<_>>().join(" "), x.text, x.guidance))
        .collect();
    let built = Instant::now();
    let index = Index::new(q);
    let build = built.elapsed();
    let mut aira_t = vec![Vec::new(); QUERIES.len()];
    let mut top_t = vec![Vec::new(); QUERIES.len()];
    let mut fzf_t = vec![Vec::new(); QUERIES.len()];
    let mut floor = Vec::new();
    let mut counts = vec![(0, 0); QUERIES.len()];
    for _ in 0..runs {
        floor.push(fzf("x", b"")?.0);
        for (i, query) in QUERIES.iter().enumerate() {
            let t = Instant::now();
            // What the TUI asks per keystroke: the 200 best hits and every matching id.
            let (_, matching) = index.search_narrowing(q, query, aira_core::search::notes::none(), None, 200);
            top_t[i].push(t.elapsed());
            let t = Instant::now();
            let hits = index.search(q, query, aira_core::search::notes::none(), None, usize::MAX);
            aira_t[i].push(t.elapsed());
            assert_eq!(hits.len(), matching.len());
            let (took, n) = fzf(query, corpus.as_bytes())?;
            fzf_t[i].push(took);
            counts[i] = (hits.len(), n);
        }
    }
    println!(
        "{} questions, corpus {} KB, {runs} runs; aira index built once in {}; fzf floor (empty input) {}",
        q.questions.len(),
        corpus.len() / 1024,
        ms(build),
        ms(median(&mut floor))
    );
    println!(
        "\n| query | aira median, all hits | aira median, top 200 + all ids (the TUI's call) | aira hits | fzf --filter median | fzf hits |\n\
         |---|---|---|---|---|---|"
    );
    for (i, query) in QUERIES.iter().enumerate() {
        println!(
            "| `{query}` | {} | {} | {} | {} | {} |",
            ms(median(&mut aira_t[i])),
            ms(median(&mut top_t[i])),
            counts[i].0,
            ms(median(&mut fzf_t[i])),
            counts[i].1
        );
    }
    Ok(())
}
