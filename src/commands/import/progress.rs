//! Progress of `import` on stderr.

/// A progress bar on stderr (rows, rows/s, ETA) when it is a terminal and
/// not `--quiet`. The ETA comes from the share of the file's bytes read.
pub(super) struct Progress {
    pub(super) bar: Option<indicatif::ProgressBar>,
    pub(super) size: Option<u64>,
}

impl Progress {
    pub(super) fn new(quiet: bool, size: Option<u64>) -> Progress {
        use std::io::IsTerminal;
        if quiet || !std::io::stderr().is_terminal() {
            return Progress { bar: None, size };
        }
        let bar =
            indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::stderr());
        // indicatif's places in braces; the words from the catalogue.
        use crate::messages::D;
        let (rows, eta) = (D::ProgressRows, D::ProgressEta);
        let template = if size.is_some() {
            format!("{{spinner}} {{elapsed_precise}} {{wide_bar}} {{human_pos}}/~{{human_len}} {rows} ({{per_sec}}, {eta} {{eta}})")
        } else {
            format!("{{spinner}} {{elapsed_precise}} {{human_pos}} {rows} ({{per_sec}})")
        };
        if let Ok(style) = indicatif::ProgressStyle::with_template(&template) {
            bar.set_style(style);
        }
        Progress {
            bar: Some(bar),
            size,
        }
    }

    pub(super) fn update(&self, rows: u64, bytes: u64) {
        let Some(bar) = &self.bar else { return };
        if let (Some(size), true) = (self.size, bytes > 0) {
            let estimate = (rows as u128 * size as u128 / bytes as u128) as u64;
            bar.set_length(estimate.max(rows));
        }
        bar.set_position(rows);
    }

    pub(super) fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
