#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The HTML report opened in headless Chromium: the screenshot must show something (not one
//! flat colour). Skipped, with the reason printed, where Chromium is not installed.

use crate::report_support;

use std::process::Command;

use aira_report::{self as report, Report};

pub(crate) fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser"]
        .into_iter()
        .find(|c| Command::new(c).arg("--version").output().is_ok_and(|o| o.status.success()))
}

#[test]
fn html_report_renders_in_headless_chromium() {
    let Some(browser) = chromium() else {
        println!("skipped: chromium not found (install the Debian package chromium)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let ws = report_support::workspace(&dir.path().join("ws"), false);
    let r = Report::new(&ws.meta, &ws.questionnaire, &ws.assessment, report_support::GENERATED_AT);
    let html_path = dir.path().join("report.html");
    std::fs::write(&html_path, report::html::full(&r)).unwrap();
    let png_path = dir.path().join("shot.png");
    let profile = dir.path().join("profile");
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--screenshot={}", png_path.display()))
        .arg("--window-size=1200,1600")
        .arg(format!("file://{}", html_path.display()))
        .output()
        .unwrap();
    assert!(png_path.exists(), "no screenshot; chromium said: {}", String::from_utf8_lossy(&out.stderr));
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&png_path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!((info.width, info.height), (1200, 1600));
    let px = info.color_type.samples();
    let pixels: Vec<&[u8]> = buf[..info.buffer_size()].chunks(px).collect();
    let first = pixels[0];
    let differing = pixels.iter().filter(|p| *p != &first).count();
    assert!(differing > pixels.len() / 20, "the screenshot is (almost) one colour: {differing} differing pixels");
    // The cover's dark blue band must be there: the CSS was applied.
    let blue = pixels.iter().filter(|p| p[0] < 60 && p[2] > 110 && p[2] < 160).count();
    assert!(blue > 10_000, "no cover band in the screenshot ({blue} blue pixels)");
}
