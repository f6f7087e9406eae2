//! The vote URL as a QR code for the terminal: two modules per character cell with Unicode
//! half blocks, quiet zone included.

use qrcode::{EcLevel, QrCode};

/// The text could not be put in a QR code (far too long).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot draw a QR code: {0}")]
pub struct QrError(String);

/// Lines to print as they are. A glyph's ink is a LIGHT module, as `qrencode -t UTF8` does:
/// draw them light on a dark background (e.g. white on black) and phones read them.
pub fn qr_lines(text: &str) -> Result<Vec<String>, QrError> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).map_err(|e| QrError(e.to_string()))?;
    let width = code.width();
    let quiet = 2;
    let side = width + 2 * quiet;
    let dark = |x: usize, y: usize| -> bool {
        x >= quiet
            && y >= quiet
            && x < quiet + width
            && y < quiet + width
            && code[(x - quiet, y - quiet)] == qrcode::Color::Dark
    };
    let lines = (0..side.div_ceil(2))
        .map(|row| {
            (0..side)
                .map(|x| {
                    let (top, bottom) = (!dark(x, 2 * row), 2 * row + 1 < side && !dark(x, 2 * row + 1));
                    match (top, bottom) {
                        (true, true) => '\u{2588}',
                        (true, false) => '\u{2580}',
                        (false, true) => '\u{2584}',
                        (false, false) => ' ',
                    }
                })
                .collect()
        })
        .collect();
    Ok(lines)
}
