//! The key hints at the bottom and the help overlay (`?`), both generated from the tables in
//! `keymap`: the keys shown are the keys read.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{View, dialogs, wrap};
use crate::keymap;
use crate::lab::StepState;

/// The bottom line: the most used keys.
pub fn draw_hints(frame: &mut Frame, area: Rect, view: &View<'_>) {
    let th = &view.th;
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    for (key, id) in keymap::hints(view.lang, view.app.present) {
        let what = view.t(id);
        let w = wrap::width(&key) + 1 + wrap::width(&what) + 2;
        if used + w > usize::from(area.width) {
            break;
        }
        spans.push(Span::styled(key, th.key));
        spans.push(Span::styled(format!(" {what}  "), th.muted));
        used += w;
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The help overlay's rows: key and what it does.
fn rows(view: &View<'_>) -> Vec<(String, String)> {
    keymap::help_rows()
        .into_iter()
        .map(|(keys, id)| (keys, view.t(id)))
        .collect()
}

pub fn draw(frame: &mut Frame, area: Rect, view: &View<'_>) {
    let th = &view.th;
    let width = dialogs::dialog_width(area);
    let inner = usize::from(width.saturating_sub(4));
    let rows = rows(view);
    let key_width = rows.iter().map(|(k, _)| wrap::width(k)).max().unwrap_or(0) + 2;
    let mut lines: Vec<Line<'static>> = Vec::new();
    for (key, what) in rows {
        let text = wrap::wrap(&what, inner.saturating_sub(key_width).max(1));
        for (i, part) in text.into_iter().enumerate() {
            let lead = if i == 0 {
                wrap::pad(&key, key_width)
            } else {
                " ".repeat(key_width)
            };
            lines.push(Line::from(vec![
                Span::styled(lead, th.key),
                Span::styled(part, th.text),
            ]));
        }
    }
    let keys = std::mem::take(&mut lines);
    lines.push(Line::styled(view.t("ui-help-symbols"), th.heading));
    let symbols = [
        (StepState::Done.symbol(), "ui-state-done", th.done),
        (
            StepState::InProgress.symbol(),
            "ui-state-progress",
            th.progress,
        ),
        (StepState::Todo.symbol(), "ui-state-todo", th.todo),
        (StepState::Failed.symbol(), "ui-state-failed", th.failed),
        (super::steps::NO_CHECK, "ui-state-no-check", th.muted),
        ("▶", "ui-state-current", th.current),
    ];
    let mut line = Vec::new();
    let mut used = 0;
    for (sym, id, style) in symbols {
        let item = format!("{sym} {}", view.t(id));
        let w = wrap::width(&item) + 3;
        if used > 0 && used + w > inner {
            lines.push(Line::from(std::mem::take(&mut line)));
            used = 0;
        }
        line.push(Span::styled(sym, style));
        line.push(Span::raw(format!(" {}   ", view.t(id))));
        used += w;
    }
    if !line.is_empty() {
        lines.push(Line::from(line));
    }
    let sections = vec![
        dialogs::Section {
            drop_rank: dialogs::KEEP,
            lines: keys,
        },
        dialogs::Section {
            drop_rank: 2,
            lines,
        },
        dialogs::Section {
            drop_rank: dialogs::KEEP,
            lines: vec![Line::styled(view.t("ui-help-close"), th.muted)],
        },
    ];
    let omitted = Line::styled(view.t("ui-dialog-omitted"), view.th.muted);
    let lines = dialogs::fit(sections, dialogs::max_rows(area), &omitted);
    dialogs::frame_dialog(frame, area, view, &view.t("ui-help-title"), lines, false);
}
