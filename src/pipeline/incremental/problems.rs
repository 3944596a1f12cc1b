//! What is wrong with the site right now, as the preview knows it: content
//! diagnostics, and failures that would stop a build (configuration, templates). The
//! text is exactly what `guidebook build` prints for the same problem, so the terminal
//! and the browser overlay say the same thing.
//!
//! Input: diagnostics and errors from each stage. Output: sorted, rendered text. Pure.

use std::error::Error as _;

use crate::error::{Diagnostic, Diagnostics, Error};

/// The problems of the preview's current state.
#[derive(Debug, Default, Clone)]
pub struct Problems {
    pub diagnostics: Diagnostics,
    /// Failures that a build would stop at, already in their printed form.
    pub fatal: Vec<String>,
}

impl Problems {
    pub fn errors(&self) -> usize {
        self.diagnostics.errors() + self.fatal.len()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.warnings()
    }

    pub fn has_errors(&self) -> bool {
        self.errors() > 0
    }

    /// Every problem, as the terminal shows it (repeated warnings grouped, as
    /// `guidebook build` prints them).
    pub fn text(&self) -> String {
        let mut out = self.render(|_| false);
        out.push_str(&crate::report::text(
            &self.diagnostics,
            crate::report::Detail::Grouped,
        ));
        out
    }

    /// The errors only (what the browser overlay shows).
    pub fn error_text(&self) -> String {
        self.render(Diagnostic::is_error)
    }

    fn render(&self, keep: impl Fn(&Diagnostic) -> bool) -> String {
        let mut out = String::new();
        for f in &self.fatal {
            out.push_str(f);
            out.push('\n');
        }
        for d in self.diagnostics.iter().filter(|d| keep(d)) {
            out.push_str(&d.render());
            out.push('\n');
        }
        out
    }
}

/// A fatal error as `main` prints it: a configuration diagnostic in full, anything
/// else as `error: ...` with its causes.
pub fn fatal_text(e: &Error) -> String {
    if let Error::Config(d) = e {
        return d.render();
    }
    let mut out = format!("error: {e}\n");
    let mut source = e.source();
    while let Some(s) = source {
        out.push_str(&format!("  caused by: {s}\n"));
        source = s.source();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_matches_the_terminal() {
        let mut p = Problems::default();
        p.fatal.push(fatal_text(&Error::Template {
            path: "templates/page.html".into(),
            line: 3,
            column: 5,
            message: "unexpected end".into(),
        }));
        p.diagnostics.push(Diagnostic::warning(
            "broken-link",
            "content/a.md",
            "link to `b.md`",
        ));
        assert_eq!(
            p.text(),
            "error: template error in templates/page.html:3:5: unexpected end\n\n\
             warning[broken-link]: link to `b.md`\n --> content/a.md\n\n"
        );
        assert_eq!(
            p.error_text(),
            "error: template error in templates/page.html:3:5: unexpected end\n\n"
        );
        assert_eq!((p.errors(), p.warnings()), (1, 1));
    }
}
