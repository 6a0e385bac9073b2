//! The list of the lab's steps with their live state, the selected one highlighted and the
//! step where the learner stands marked with ▶; in projector mode a one-line strip instead.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{View, panel, wrap};
use crate::lab::{StepId, StepState};
use crate::msg;

/// Symbol of a step without a check.
pub const NO_CHECK: &str = "·";

/// The symbol and state of a step (state `None` for steps without a check).
#[must_use]
pub fn symbol(view: &View<'_>, step: StepId) -> (&'static str, Option<StepState>) {
    match view.app.check(step) {
        Some(check) => (check.state.symbol(), Some(check.state)),
        None => (NO_CHECK, None),
    }
}

fn state_style(view: &View<'_>, state: Option<StepState>) -> Style {
    state.map_or(view.th.muted, |s| view.th.state(s))
}

/// How many core steps are done.
#[must_use]
pub fn core_done(view: &View<'_>) -> usize {
    StepId::CORE
        .iter()
        .filter(|s| {
            view.app
                .check(**s)
                .is_some_and(|c| c.state == StepState::Done)
        })
        .count()
}

/// The step list's title (`Steps`) and its counter of the lab's required steps
/// (`✔ 3/7 required`), which sits on the bottom border so it is not read as "of 12".
#[must_use]
pub fn required_counter(view: &View<'_>) -> String {
    crate::lab::Text::new(msg::UI_STEPS_REQUIRED)
        .arg("done", core_done(view))
        .arg("total", StepId::CORE.len())
        .render(view.lang)
}

/// The marker before a step: ▶ on the next step to do.
fn marker(next: Option<StepId>, step: StepId) -> &'static str {
    if next == Some(step) { "▶" } else { " " }
}

pub fn draw(frame: &mut Frame, area: Rect, view: &View<'_>) {
    let app = view.app;
    let th = &view.th;
    let block = panel(view, format!(" {} ", view.t(msg::UI_STEPS_TITLE))).title_bottom(
        Line::styled(format!(" {} ", required_counter(view)), th.muted).right_aligned(),
    );
    let inner = block.inner(area);
    let next = app.next_step();
    let cells = usize::from(inner.width);
    // A failed step names its first diagnosis: on a line of its own where the panel has a
    // spare row, else in place of its title (the step panel names the step).
    let mut spare = usize::from(inner.height).saturating_sub(StepId::ALL.len());
    let mut lines: Vec<Line<'static>> = Vec::new();
    for step in &StepId::ALL {
        let diagnosis = app
            .check(*step)
            .filter(|c| c.state == StepState::Failed && !c.problems.is_empty())
            .map(|c| c.short(view.lang));
        let own_line = diagnosis.is_some() && spare > 0;
        let line = {
            let (sym, state) = symbol(view, *step);
            // `4 · 5 ToDos erfassen`, never `4 5 ToDos erfassen` (read as 45).
            let number = format!(" {:>2} · ", step.index() + 1);
            let room = cells.saturating_sub(2 + wrap::width(&number));
            // The short title fits at 80×24 in both languages; the full one where it fits.
            let full = view.text(&step.title());
            let mut title = if wrap::width(&full) <= room {
                full
            } else {
                view.text(&step.short_title())
            };
            if let Some(short) = diagnosis.as_ref().filter(|_| !own_line) {
                title.clone_from(short);
            }
            let title = wrap::pad(&title, room);
            let selected = *step == app.selected;
            let base = if selected {
                th.selected
            } else if next == Some(*step) {
                th.current
            } else {
                th.text
            };
            Line::from(vec![
                Span::styled(
                    marker(next, *step),
                    if selected { th.selected } else { th.current },
                ),
                Span::styled(
                    sym,
                    if selected {
                        th.selected
                    } else {
                        state_style(view, state)
                    },
                ),
                Span::styled(number, if selected { th.selected } else { th.muted }),
                Span::styled(title, base),
            ])
        };
        lines.push(line);
        if let Some(short) = diagnosis.filter(|_| own_line) {
            spare -= 1;
            let text = wrap::pad(&format!("     {short}"), cells);
            lines.push(Line::styled(text, th.failed));
        }
    }
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// The step list folded to one row under the header (a screen narrower than the list
/// column needs, 80×24 among them): every step's mark and number, ▶ before the next step
/// to do, the selected one highlighted, and the count of required steps done at the end.
pub fn draw_folded(frame: &mut Frame, area: Rect, view: &View<'_>) {
    let th = &view.th;
    let mut spans = strip_spans(view);
    let counter = format!("{} ", required_counter(view));
    let used: usize = spans.iter().map(Span::width).sum();
    let room = usize::from(area.width).saturating_sub(used);
    if room > wrap::width(&counter) {
        spans.push(Span::raw(" ".repeat(room - wrap::width(&counter))));
        spans.push(Span::styled(counter, th.muted));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// `✔1 ✔2 ◐3 ○4 …`: mark and number of every step.
fn strip_spans(view: &View<'_>) -> Vec<Span<'static>> {
    let app = view.app;
    let th = &view.th;
    let next = app.next_step();
    let mut spans = vec![Span::raw(" ")];
    for step in StepId::ALL {
        let (sym, state) = symbol(view, step);
        let label = format!("{sym}{}", step.index() + 1);
        spans.push(Span::styled(marker(next, step), th.current));
        spans.push(Span::styled(
            label,
            if step == app.selected {
                th.selected
            } else {
                state_style(view, state)
            },
        ));
        spans.push(Span::raw(" "));
    }
    spans
}

/// Projector mode: `✔1 ✔2 ◐3 ○4 …` on one line.
pub fn draw_strip(frame: &mut Frame, area: Rect, view: &View<'_>) {
    frame.render_widget(Paragraph::new(Line::from(strip_spans(view))), area);
}
