//! The printed page's footer (Chromium's print to PDF honours `@page` margin boxes): the client
//! and "Page N of M" on every page after the cover, as the PDF has them. The client's name is
//! typed by people, so it goes into the CSS string escaped, every character but letters, digits
//! and spaces as a hex escape: nothing in it can close the string or the `<style>` element.

/// A CSS string literal holding `s` as text.
fn css_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' | ' ' => out.push(c),
            // CSS has no escape for NUL: it would read as U+FFFD anyway.
            '\0' => out.push_str("\\fffd "),
            c => out.push_str(&format!("\\{:x} ", c as u32)),
        }
    }
    out.push('"');
    out
}

/// The `@page` rules of the footer for `client` (the organisation, else the report's name).
pub fn footer_css(client: &str) -> String {
    format!(
        "@page {{ margin-bottom: 18mm;\n  \
         @bottom-left {{ content: {}; font: 9px Arial, \"DejaVu Sans\", sans-serif; color: #616e7c; }}\n  \
         @bottom-right {{ content: \"Page \" counter(page) \" of \" counter(pages); font: 9px Arial, \"DejaVu Sans\", sans-serif; color: #616e7c; }}\n}}\n\
         @page :first {{ @bottom-left {{ content: none; }} @bottom-right {{ content: none; }} }}\n",
        css_string(client)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hostile_client_name_stays_inside_its_css_string() {
        let css = footer_css("Acme \"}</style><script>x</script> \\ Ltd");
        assert!(!css.contains("</style") && !css.contains("<script"), "{css}");
        assert!(css.contains("content: \"Acme \\22 \\7d \\3c \\2f style"), "{css}");
        assert_eq!(css_string("Ana Kovač"), "\"Ana Kova\\10d \"");
    }
}
