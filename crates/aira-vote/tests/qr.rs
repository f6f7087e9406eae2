//! The terminal QR code decodes back to the URL it was drawn from.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use aira_vote::qr_lines;

/// Paint the lines as a terminal would (a glyph's ink is light, a blank cell dark), each
/// module `scale` pixels wide, and decode what a camera would see.
fn decode(lines: &[String], scale: usize) -> Vec<String> {
    let rows: Vec<Vec<char>> = lines.iter().map(|l| l.chars().collect()).collect();
    let (cols, mods_h) = (rows[0].len(), rows.len() * 2);
    let light = |x: usize, y: usize| -> bool {
        match rows[y / 2][x] {
            '\u{2588}' => true,
            '\u{2580}' => y.is_multiple_of(2),
            '\u{2584}' => !y.is_multiple_of(2),
            ' ' => false,
            other => panic!("unexpected glyph {other:?}"),
        }
    };
    let img = rqrr::PreparedImage::prepare_from_greyscale(cols * scale, mods_h * scale, |x, y| {
        if light(x / scale, y / scale) { 255 } else { 0 }
    });
    let mut img = img;
    img.detect_grids().iter().map(|g| g.decode().unwrap().1).collect()
}

#[test]
fn the_code_decodes_to_the_url() {
    let url = "http://192.168.1.20:8642/v/q3Jx-_9aZb0Yt7LmNc2Wk4Ps";
    let lines = qr_lines(url).unwrap();
    assert_eq!(decode(&lines, 4), [url]);
}

#[test]
fn the_code_is_square_with_a_light_quiet_zone_and_half_block_glyphs_only() {
    let lines = qr_lines("http://127.0.0.1:40000/v/AAAAAAAAAAAAAAAAAAAAAAAA").unwrap();
    let width = lines[0].chars().count();
    assert!(lines.iter().all(|l| l.chars().count() == width));
    // Modules: width across, about twice the lines down (the last line may hold one row).
    assert!(lines.len() * 2 == width || lines.len() * 2 == width + 1, "{} lines of {width}", lines.len());
    assert!(lines[0].chars().all(|c| c == '\u{2588}'), "top quiet zone is light: {}", lines[0]);
    assert!(lines.iter().all(|l| l.starts_with("\u{2588}") || l.starts_with("\u{2580}")), "left quiet zone");
    assert!(lines.iter().flat_map(|l| l.chars()).all(|c| "\u{2588}\u{2580}\u{2584} ".contains(c)));
    // At most a version-4 code (33 modules) for a vote URL, plus two of quiet zone each side:
    // 37 columns fit the workshop view beside the URL.
    assert!(width <= 33 + 4, "{width}");
}

#[test]
fn text_too_long_for_any_qr_code_is_an_error_not_a_panic() {
    let err = qr_lines(&"x".repeat(8000)).unwrap_err();
    assert!(err.to_string().starts_with("cannot draw a QR code"), "{err}");
}
