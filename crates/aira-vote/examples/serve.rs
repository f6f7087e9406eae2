//! Try the vote page by hand: `cargo run --example serve -- [ADDR]` prints the URL and its QR
//! code, then reads commands on stdin: `n`/`p` next/previous question, `r` toggle reveal,
//! `q` quit. Votes are printed as the sink receives them.

use std::io::BufRead as _;
use std::net::SocketAddr;

use aira_vote::{Level, LevelView, QuestionView, RoomView, SinkError, VoteServer, VoteSink};

struct Print;

impl VoteSink for Print {
    fn record(&self, name: &str, question: &str, level: Level) -> Result<(), SinkError> {
        println!("recorded: {name} on {question}: {level}");
        Ok(())
    }
}

fn questions() -> Vec<QuestionView> {
    let scale = ["Absent", "Initial", "Defined", "Managed", "Optimised"];
    let levels: Vec<LevelView> = scale
        .iter()
        .zip(0u8..)
        .map(|(name, value)| LevelView { value, name: (*name).into(), description: format!("{name}: an example") })
        .collect();
    ["Is there an AI policy?", "Are AI risks assessed?", "Are incidents reviewed?"]
        .iter()
        .enumerate()
        .map(|(i, text)| QuestionView {
            id: format!("Q{}", i + 1),
            text: (*text).into(),
            levels: levels.clone(),
            allow_na: i == 2,
        })
        .collect()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let listen: SocketAddr = std::env::args().nth(1).as_deref().unwrap_or("127.0.0.1:0").parse()?;
    let qs = questions();
    let room = RoomView { title: "Example workshop".into(), question: qs.first().cloned() };
    let server = VoteServer::start(listen, room, Print)?;
    println!("{}", server.url());
    for line in aira_vote::qr_lines(server.url())? {
        println!("{line}");
    }
    let (mut at, mut revealed) = (0usize, false);
    for line in std::io::stdin().lock().lines() {
        while let Ok(event) = server.events().try_recv() {
            println!("event: {event:?}");
        }
        match line?.trim() {
            "n" => at = (at + 1).min(qs.len() - 1),
            "p" => at = at.saturating_sub(1),
            "r" => {
                revealed = !revealed;
                server.reveal(revealed);
                continue;
            }
            "q" => break,
            _ => continue,
        }
        if let Some(q) = qs.get(at) {
            server.set_question(q.clone());
            revealed = false;
            println!("now on {}", q.id);
        }
    }
    server.stop();
    Ok(())
}
