//! Charts as PNG for the Word document: the same SVG the HTML inlines, rasterised by resvg at
//! twice its size with the fonts built into aira (so text looks as it does in the PDF).

use std::sync::{Arc, LazyLock};

use resvg::{tiny_skia, usvg};

static FONTDB: LazyLock<Arc<usvg::fontdb::Database>> = LazyLock::new(|| {
    let mut db = usvg::fontdb::Database::new();
    for f in crate::typst::font_files() {
        db.load_font_data(f.to_vec());
    }
    db.set_sans_serif_family("Carlito");
    Arc::new(db)
});

/// (PNG bytes, width px, height px).
pub fn png(svg: &str) -> Result<(Vec<u8>, u32, u32), String> {
    let opt = usvg::Options { fontdb: FONTDB.clone(), ..Default::default() };
    let tree = usvg::Tree::from_str(svg, &opt).map_err(|e| format!("chart: {e}"))?;
    let size = tree.size().to_int_size();
    let (w, h) = (size.width() * 2, size.height() * 2);
    let mut pixmap = tiny_skia::Pixmap::new(w, h).ok_or("chart: empty image")?;
    resvg::render(&tree, tiny_skia::Transform::from_scale(2.0, 2.0), &mut pixmap.as_mut());
    let png = pixmap.encode_png().map_err(|e| format!("chart: {e}"))?;
    Ok((png, w, h))
}
