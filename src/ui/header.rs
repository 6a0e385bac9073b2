//! The top line (product, account or simulation, CloudShell, language, read-only, the step on
//! a narrow screen, cloud clock) and, in projector mode, the selected step in large type.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use tui_big_text::{BigText, PixelSize};

use super::{View, wrap};
use crate::cloud::Mode;
use crate::lab::{StepId, Text};
use crate::msg;

use crate::format::speed;

/// The mode as shown in the header: `SIMULATION ×15` while AWS works, `SIMULATION real time
/// · AWS ×15` while nothing is in flight, `SIMULATION ⏸ clock paused`, or
/// `AWS 1111… · us-east-1`.
#[must_use]
pub fn mode_text(view: &View<'_>) -> String {
    let app = view.app;
    match (&app.mode, &app.identity) {
        (Mode::Simulation { speed: factor }, _) => {
            let id = match app.pace {
                crate::cloud::Pace::Sim { paused: true, .. } => msg::UI_MODE_SIM_PAUSED,
                crate::cloud::Pace::Sim { busy: false, .. } => msg::UI_MODE_SIM_IDLE,
                _ => msg::UI_MODE_SIM,
            };
            Text::new(id).arg("speed", speed(*factor)).render(view.lang)
        }
        (Mode::Aws { .. }, Some(id)) => Text::new(msg::UI_MODE_AWS)
            .arg("account", &id.account)
            .arg("region", &id.region)
            .render(view.lang),
        (Mode::Aws { account, region }, None) => Text::new(msg::UI_MODE_AWS)
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
        Span::styled(format!(" {}", view.t(msg::UI_PRODUCT)), th.title),
        sep.clone(),
        Span::styled(mode_text(view), th.accent),
        sep.clone(),
    ];
    if app.cloudshell && matches!(app.mode, Mode::Aws { .. }) {
        left.push(Span::styled(view.t(msg::UI_CLOUDSHELL), th.accent));
        left.push(sep.clone());
    }
    left.push(Span::styled(view.lang.code().to_uppercase(), th.heading));
    if app.read_only {
        left.push(sep.clone());
        left.push(Span::styled(
            view.t(msg::UI_READ_ONLY),
            th.warn.add_modifier(ratatui::style::Modifier::BOLD),
        ));
    }
    // A narrow screen has no step list: the header says where the learner is.
    if area.width < super::STRIP_FROM {
        let step = app.selected;
        left.push(sep.clone());
        left.push(Span::styled(
            format!(
                "{}/{} {}",
                step.index() + 1,
                StepId::ALL.len(),
                view.text(&step.short_title())
            ),
            th.heading,
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

/// Rows of the projector's banner: one line of large type, the same on every step.
pub const BANNER_ROWS: u16 = 4;

/// The step as the banner writes it: `7/12 Restore`, or `7 Restore` when that is too wide.
fn banner_texts(view: &View<'_>, step: StepId) -> [String; 2] {
    let short = view.text(&step.short_title());
    [
        format!("{}/{} {short}", step.index() + 1, StepId::ALL.len()),
        format!("{} {short}", step.index() + 1),
    ]
}

/// Cells a glyph of `size` is wide.
fn glyph_width(size: PixelSize) -> usize {
    match size {
        PixelSize::Full
        | PixelSize::HalfHeight
        | PixelSize::ThirdHeight
        | PixelSize::QuarterHeight => 8,
        PixelSize::HalfWidth | PixelSize::Sextant | PixelSize::Quadrant | PixelSize::Octant => 4,
    }
}

/// The banner's text and pixel size at `width`: the largest four-row size at which one of
/// the texts fits; failing that, the short form cut to the width.
#[must_use]
pub fn fit_banner(texts: &[String], width: u16) -> (PixelSize, String) {
    for size in [PixelSize::HalfHeight, PixelSize::Quadrant] {
        for text in texts {
            if wrap::width(text) * glyph_width(size) <= usize::from(width) {
                return (size, text.clone());
            }
        }
    }
    let last = texts.last().cloned().unwrap_or_default();
    let fit = usize::from(width) / glyph_width(PixelSize::Quadrant);
    (PixelSize::Quadrant, wrap::truncate(&last, fit.max(1)))
}

pub fn draw_big_title(frame: &mut Frame, area: Rect, view: &View<'_>) {
    let (size, text) = fit_banner(&banner_texts(view, view.app.selected), area.width);
    let big = BigText::builder()
        .pixel_size(size)
        .style(view.th.title)
        .lines(vec![Line::from(text)])
        .build();
    frame.render_widget(big, area);
}
