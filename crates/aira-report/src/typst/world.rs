//! typst's `World` over memory: one source (the filled template), the fonts shipped in the
//! binary, today's date from the report's own time. Every other file, package or path is
//! refused, so a template can read nothing from disk or the network.

use std::sync::LazyLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

/// The fonts every PDF is typeset with (SIL Open Font License; see docs/licences.md).
const FONT_FILES: [&[u8]; 4] = [
    include_bytes!("../../../../assets/fonts/Carlito-Regular.ttf"),
    include_bytes!("../../../../assets/fonts/Carlito-Bold.ttf"),
    include_bytes!("../../../../assets/fonts/Carlito-Italic.ttf"),
    include_bytes!("../../../../assets/fonts/Carlito-BoldItalic.ttf"),
];

/// Parsed once per process: the fonts and their book are the same for every report.
static FONTS: LazyLock<(LazyHash<FontBook>, Vec<Font>)> = LazyLock::new(|| {
    let fonts: Vec<Font> = FONT_FILES.iter().flat_map(|b| Font::iter(Bytes::new(*b))).collect();
    (LazyHash::new(FontBook::from_fonts(&fonts)), fonts)
});

static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

/// The raw font files, for other renderers that draw the same charts (the DOCX's PNGs).
pub fn font_files() -> &'static [&'static [u8]] {
    &FONT_FILES
}

pub struct ReportWorld {
    main: Source,
    today: Option<Datetime>,
}

/// The one file the world has (`None` only if typst rejected its own kind of path).
fn main_id() -> Option<FileId> {
    let v = VirtualPath::new("/report.typ").ok()?;
    Some(RootedPath::new(VirtualRoot::Project, v).intern())
}

impl ReportWorld {
    /// `date` is "YYYY-MM-DD..." (the report's generated time); anything else leaves `today` unset.
    pub fn new(text: String, date: &str) -> Option<Self> {
        let part = |r: std::ops::Range<usize>| date.get(r).and_then(|s| s.parse::<u32>().ok());
        let today = match (part(0..4), part(5..7), part(8..10)) {
            (Some(y), Some(m), Some(d)) => {
                Datetime::from_ymd(y as i32, u8::try_from(m).unwrap_or(0), u8::try_from(d).unwrap_or(0))
            }
            _ => None,
        };
        Some(ReportWorld { main: Source::new(main_id()?, text), today })
    }
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.0
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() { Ok(self.main.clone()) } else { Err(FileError::AccessDenied) }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() { Ok(Bytes::from_string(self.main.clone())) } else { Err(FileError::AccessDenied) }
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.1.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        self.today
    }
}
