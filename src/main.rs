//! aira's entry point: parse arguments, run, and turn errors into a message and an exit code.
#![forbid(unsafe_code)]

use clap::Parser;

fn main() {
    let cli = aira::cli::Cli::parse();
    let code = match aira::cli::run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("aira: error: {e:#}");
            1
        }
    };
    std::process::exit(code);
}
