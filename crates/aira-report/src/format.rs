//! Which deliverable in which format, and the one place that picks the writer for it. The CLI
//! parses the names; everything else asks `render` for the bytes.

use std::path::Path;

use aira_core::report::Report;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum ReportFormat {
    Md,
    Html,
    Csv,
    Json,
    Xlsx,
    /// OSCAL 1.1.2 assessment results (JSON)
    Oscal,
    /// OSCAL 1.1.2 assessment plan (JSON), which the results import
    OscalAp,
    /// A typeset PDF (Typst, embedded; no browser)
    Pdf,
    /// The filled Typst source the PDF is typeset from
    Typ,
    /// A Word document with real heading styles
    Docx,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum ReportKind {
    /// Everything: summary, heatmap, coverage, gaps, roadmap, answers, follow-ups
    Full,
    /// The ISO/IEC 42001 Statement of Applicability
    Soa,
}

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error(transparent)]
    Json(#[from] serde_json::Error),
    #[error("{0} has no Statement of Applicability; use md, html, csv, json or xlsx with --kind soa")]
    NoSoa(&'static str),
    #[error("building the workbook")]
    Xlsx(#[source] rust_xlsxwriter::XlsxError),
    /// The template (built-in or the workspace's report.typ) did not typeset; says where.
    #[error("typesetting the PDF:\n{0}")]
    Typst(String),
    #[error("building the Word document: {0}")]
    Docx(String),
}

/// The format a file name asks for (`report.xlsx`), if its extension names one.
pub fn from_extension(path: &Path) -> Option<ReportFormat> {
    match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "md" | "markdown" => Some(ReportFormat::Md),
        "html" | "htm" => Some(ReportFormat::Html),
        "csv" => Some(ReportFormat::Csv),
        "json" => Some(ReportFormat::Json),
        "xlsx" => Some(ReportFormat::Xlsx),
        "pdf" => Some(ReportFormat::Pdf),
        "typ" => Some(ReportFormat::Typ),
        "docx" => Some(ReportFormat::Docx),
        _ => None,
    }
}

/// Whether a file named as `named` (by its extension) may hold `format`: the same format,
/// or a JSON dialect (OSCAL) in a `.json` file, which is how OSCAL tools name them.
pub fn extension_fits(format: ReportFormat, named: ReportFormat) -> bool {
    format == named || (named == ReportFormat::Json && matches!(format, ReportFormat::Oscal | ReportFormat::OscalAp))
}

/// The bytes of one deliverable, with the built-in PDF template.
pub fn render(r: &Report, format: ReportFormat, kind: ReportKind) -> Result<Vec<u8>, RenderError> {
    render_with(r, format, kind, None)
}

/// The bytes of one deliverable; `template` is a workspace's own `report.typ` text, used by the
/// pdf and typ formats instead of the built-in one.
pub fn render_with(
    r: &Report,
    format: ReportFormat,
    kind: ReportKind,
    template: Option<&str>,
) -> Result<Vec<u8>, RenderError> {
    let kind_name = match kind {
        ReportKind::Full => "full",
        ReportKind::Soa => "soa",
    };
    let filled =
        || crate::typst::fill(&crate::deliverable::document(r, kind_name), template.unwrap_or(crate::typst::TEMPLATE));
    Ok(match (kind, format) {
        (_, ReportFormat::Typ) => filled().into_bytes(),
        (_, ReportFormat::Pdf) => crate::typst::pdf(filled(), &r.generated_at).map_err(RenderError::Typst)?,
        (_, ReportFormat::Docx) => {
            crate::docx::render(&crate::deliverable::document(r, kind_name)).map_err(RenderError::Docx)?
        }
        (ReportKind::Full, ReportFormat::Md) => crate::markdown::full(r).into_bytes(),
        (ReportKind::Soa, ReportFormat::Md) => crate::markdown::soa(r).into_bytes(),
        (ReportKind::Full, ReportFormat::Html) => crate::html::full(r).into_bytes(),
        (ReportKind::Soa, ReportFormat::Html) => crate::html::soa(r).into_bytes(),
        (ReportKind::Full, ReportFormat::Csv) => crate::csv::answers(r).into_bytes(),
        (ReportKind::Soa, ReportFormat::Csv) => crate::csv::soa(r).into_bytes(),
        (ReportKind::Full, ReportFormat::Json) => json_bytes(&crate::json::full(r))?,
        (ReportKind::Soa, ReportFormat::Json) => json_bytes(&crate::json::soa(r))?,
        (ReportKind::Full, ReportFormat::Xlsx) => crate::xlsx::full(r).map_err(RenderError::Xlsx)?,
        (ReportKind::Soa, ReportFormat::Xlsx) => crate::xlsx::soa(r).map_err(RenderError::Xlsx)?,
        (ReportKind::Full, ReportFormat::Oscal) => json_bytes(&crate::oscal::results(r))?,
        (ReportKind::Full, ReportFormat::OscalAp) => json_bytes(&crate::oscal::plan(r))?,
        (ReportKind::Soa, ReportFormat::Oscal) => return Err(RenderError::NoSoa("oscal")),
        (ReportKind::Soa, ReportFormat::OscalAp) => return Err(RenderError::NoSoa("oscal-ap")),
    })
}

fn json_bytes(v: &impl serde::Serialize) -> Result<Vec<u8>, serde_json::Error> {
    let mut b = serde_json::to_vec_pretty(v)?;
    b.push(b'\n');
    Ok(b)
}
