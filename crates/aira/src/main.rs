//! aira's entry point: parse arguments, run, and turn errors into a message and an exit code.
#![forbid(unsafe_code)]

use clap::Parser;

fn main() {
    let cli = aira::cli::Cli::parse();
    let code = match aira::cli::run(cli) {
        Ok(code) => code,
        // The reader went away (`aira score | head`): not an error worth a message.
        Err(e) if e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe) => 0,
        Err(e) => {
            use std::io::Write as _;
            // Never panic on a closed stderr (a hung-up terminal): there is no one to tell.
            // Messages quote paths, ids and names from files: escaped like every CLI message.
            let message = format!("{e:#}");
            let _ = writeln!(std::io::stderr(), "aira: error: {}", aira_core::text::sanitize(&message, true));
            1
        }
    };
    std::process::exit(code);
}
