//! The summary's part on what the run means for a business: the learner's own RPO and RTO
//! as orders lost and time without sales at the example rate, and what a team does about a
//! missed target (texts from [`crate::lab::business`]).

use ratatui::text::Line;

use super::{View, wrap};
use crate::lab::business;
use crate::lab::steps::pitr_figures;
use crate::msg;

/// The part's lines at `width` cells, heading first.
#[must_use]
pub fn lines(view: &View<'_>, width: usize) -> Vec<Line<'static>> {
    let th = &view.th;
    let impact = business::impact(
        &view.recovery,
        pitr_figures(&view.app.journal),
        &view.app.config,
    );
    let mut out = wrap::lines_with(
        "",
        &view.t(msg::BUSINESS_HEADING),
        width,
        th.heading,
        th.heading,
    );
    for (i, text) in impact.texts().iter().enumerate() {
        // The example's rate stands apart, muted: it is an assumption, not a measurement.
        let (marker, style) = if i == 0 {
            ("", th.muted)
        } else {
            ("• ", th.text)
        };
        out.extend(wrap::lines_with(
            marker,
            &view.text(text),
            width,
            th.accent,
            style,
        ));
    }
    out
}
