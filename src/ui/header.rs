//! The top line (product, account or simulation, CloudShell, language, read-only, cloud clock) and, in
//! projector mode, the selected step's title in large type.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use tui_big_text::{BigText, PixelSize};

use super::{View, wrap};
use crate::cloud::Mode;
use crate::lab::{StepId, Text};

/// `15`, `1.5`: a speed factor without needless decimals.
#[must_use]
pub fn speed(factor: f64) -> String {
    let rounded = (factor * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    }
}

/// The mode as shown in the header: `SIMULATION ×15` or `AWS 1111… · us-east-1`.
#[must_use]
pub fn mode_text(view: &View<'_>) -> String {
    let app = view.app;
    match (&app.mode, &app.identity) {
        (Mode::Simulation { speed: factor }, _) => Text::new("ui-mode-sim")
            .arg("speed", speed(*factor))
            .render(view.lang),
        (Mode::Aws { .. }, Some(id)) => Text::new("ui-mode-aws")
            .arg("account", &id.account)
            .arg("region", &id.region)
            .render(view.lang),
        (Mode::Aws { account, region }, None) => Text::new("ui-mode-aws")
            .arg("account", account)
            .arg("region", region)
            .render(view.lang),
    }
}

pub fn draw(frame: &mut Frame, area: Rect, view: &View<'_>) {
    let app = view.app;
    let th = &view.th;
    let sep = Span::styled(" │ ", th.border);
    let mut left = vec![
        Span::styled(format!(" {}", view.t("ui-product")), th.title),
        sep.clone(),
        Span::styled(mode_text(view), th.accent),
        sep.clone(),
    ];
    if app.cloudshell && matches!(app.mode, Mode::Aws { .. }) {
        left.push(Span::styled(view.t("ui-cloudshell"), th.accent));
        left.push(sep.clone());
    }
    left.push(Span::styled(view.lang.code().to_uppercase(), th.heading));
    if app.read_only {
        left.push(sep.clone());
        left.push(Span::styled(
            view.t("ui-read-only"),
            th.warn.add_modifier(ratatui::style::Modifier::BOLD),
        ));
    }
    if let Some((step, _)) = &app.running {
        left.push(sep.clone());
        left.push(Span::styled(
            format!("◐ {}", view.text(&step.title())),
            th.progress,
        ));
    }
    let clock = format!("{} ", view.hms(app.now));
    let used: usize = left.iter().map(Span::width).sum();
    let room = usize::from(area.width).saturating_sub(used);
    if room > wrap::width(&clock) {
        left.push(Span::raw(" ".repeat(room - wrap::width(&clock))));
        left.push(Span::styled(clock, th.muted));
    }
    frame.render_widget(Paragraph::new(Line::from(left)), area);
}

/// The selected step's title with its number, e.g. `4 Take a manual snapshot`.
fn numbered_title(view: &View<'_>, step: StepId) -> String {
    format!("{} {}", step.index() + 1, view.text(&step.title()))
}

/// Cells a glyph takes at each pixel size: (width, height).
fn glyph_cells(size: PixelSize) -> (usize, u16) {
    match size {
        PixelSize::Full => (8, 8),
        PixelSize::HalfHeight => (8, 4),
        PixelSize::HalfWidth => (4, 8),
        PixelSize::ThirdHeight => (8, 3),
        PixelSize::Sextant => (4, 3),
        PixelSize::QuarterHeight => (8, 2),
        PixelSize::Quadrant => (4, 4),
        PixelSize::Octant => (4, 2),
    }
}

/// The largest pixel size at which `text` fits on one line of `width`; failing that, the
/// smallest size over up to `max_lines` lines (split at spaces).
#[must_use]
pub fn fit_big(text: &str, width: u16, max_lines: usize) -> (PixelSize, Vec<String>) {
    for size in [PixelSize::HalfHeight, PixelSize::Quadrant] {
        let (glyph_width, _) = glyph_cells(size);
        if wrap::width(text) * glyph_width <= usize::from(width) {
            return (size, vec![text.to_owned()]);
        }
    }
    let per_line = (usize::from(width) / glyph_cells(PixelSize::Quadrant).0).max(1);
    let mut lines = wrap::wrap(text, per_line);
    lines.truncate(max_lines.max(1));
    (PixelSize::Quadrant, lines)
}

/// Rows the big title needs at `width`.
#[must_use]
pub fn big_title_height(view: &View<'_>, area: Rect) -> u16 {
    /// Below this screen height the title gets one line of large type, else two.
    const TWO_LINES_FROM: u16 = 30;
    let max_lines = if area.height >= TWO_LINES_FROM { 2 } else { 1 };
    let (size, lines) = fit_big(
        &numbered_title(view, view.app.selected),
        area.width,
        max_lines,
    );
    glyph_cells(size).1 * super::rows(lines.len())
}

pub fn draw_big_title(frame: &mut Frame, area: Rect, view: &View<'_>) {
    let max_lines = usize::from(area.height / glyph_cells(PixelSize::Quadrant).1).max(1);
    let (size, lines) = fit_big(
        &numbered_title(view, view.app.selected),
        area.width,
        max_lines,
    );
    let big = BigText::builder()
        .pixel_size(size)
        .style(view.th.title)
        .lines(lines.into_iter().map(Line::from).collect::<Vec<_>>())
        .build();
    frame.render_widget(big, area);
}
