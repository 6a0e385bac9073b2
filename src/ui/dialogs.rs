//! Dialogs in front of the screen: the plan of an action waiting for y/n or a typed word, the
//! backup window in local time, the cleanup choice, and notices. Each shows what will happen
//! and which keys do what; nothing here changes state.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::{View, wrap};
use crate::app::Dialog;
use crate::lab::Text;
use crate::lab::actions::{self, Confirm, Plan};

/// Dialogs are at most this wide.
const MAX_WIDTH: u16 = 84;
/// The text cursor in input fields.
const CURSOR: &str = "█";

/// The width of a dialog on `area`.
#[must_use]
pub fn dialog_width(area: Rect) -> u16 {
    area.width.saturating_sub(4).min(MAX_WIDTH)
}

/// Draws `lines` in a centred, bordered box; lines that do not fit are cut at the bottom,
/// except the last (the key hint), which always stays.
pub fn frame_dialog(
    frame: &mut Frame,
    area: Rect,
    view: &View<'_>,
    title: &str,
    mut lines: Vec<Line<'static>>,
    is_error: bool,
) {
    let th = &view.th;
    let width = dialog_width(area);
    let max_inner = usize::from(area.height.saturating_sub(4));
    if lines.len() > max_inner && max_inner > 0 {
        let last = lines.pop();
        lines.truncate(max_inner.saturating_sub(2));
        lines.push(Line::styled("…", th.muted));
        lines.extend(last);
    }
    let height = super::rows(lines.len() + 2).min(area.height);
    let [_, row, _] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(height),
        Constraint::Fill(1),
    ])
    .areas(area);
    let [_, rect, _] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(width),
        Constraint::Fill(1),
    ])
    .areas(row);
    let border = if is_error { th.error } else { th.title };
    let block = Block::bordered()
        .border_style(border)
        .title(Line::styled(
            format!(
                " {} ",
                wrap::truncate(title, usize::from(width.saturating_sub(4)))
            ),
            border,
        ))
        .style(th.base)
        .padding(ratatui::widgets::Padding::horizontal(1));
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}

/// Inner text width of a dialog on `area` (border and padding off).
fn inner_width(area: Rect) -> usize {
    usize::from(dialog_width(area).saturating_sub(4)).max(1)
}

pub fn draw(frame: &mut Frame, area: Rect, view: &View<'_>, dialog: &Dialog) {
    let width = inner_width(area);
    match dialog {
        Dialog::Confirm {
            plan,
            typed,
            mismatch,
        } => {
            let title = view.t(&format!("step-{}-title", plan.step.id()));
            frame_dialog(
                frame,
                area,
                view,
                &title,
                confirm_lines(view, plan, typed, *mismatch, width),
                false,
            );
        }
        Dialog::Window { input, error } => {
            frame_dialog(
                frame,
                area,
                view,
                &view.t("ui-window-title"),
                window_lines(view, input, error.as_ref(), width),
                false,
            );
        }
        Dialog::CleanupChoice { keep_restored } => {
            frame_dialog(
                frame,
                area,
                view,
                &view.t("ui-cleanup-title"),
                cleanup_lines(view, *keep_restored, width),
                false,
            );
        }
        Dialog::Notice {
            title,
            lines,
            is_error,
        } => {
            let th = &view.th;
            let mut out = Vec::new();
            let style = if *is_error { th.error } else { th.text };
            for line in lines {
                out.extend(wrap::lines_with("", &view.text(line), width, style, style));
            }
            out.push(Line::default());
            out.push(Line::styled(view.t("ui-notice-close"), th.muted));
            frame_dialog(frame, area, view, &view.text(title), out, *is_error);
        }
    }
}

/// A parameter value: `@id` values are message ids.
fn value(view: &View<'_>, raw: &str) -> String {
    match raw.strip_prefix('@') {
        Some(id) => view.t(id),
        None => raw.to_owned(),
    }
}

/// Key hint spans: `[y] yes  [n] no`.
fn keys(view: &View<'_>, pairs: &[(&str, &str)]) -> Line<'static> {
    let mut spans = Vec::new();
    for (i, (key, id)) in pairs.iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw("   "));
        }
        spans.push(Span::styled(format!("[{key}]"), view.th.key));
        spans.push(Span::styled(format!(" {}", view.t(id)), view.th.text));
    }
    Line::from(spans)
}

fn confirm_lines(
    view: &View<'_>,
    plan: &Plan,
    typed: &str,
    mismatch: bool,
    width: usize,
) -> Vec<Line<'static>> {
    let th = &view.th;
    let mut out = Vec::new();
    if !plan.params.is_empty() {
        let labels: Vec<String> = plan
            .params
            .iter()
            .map(|(label, _)| format!("{}:", view.text(label)))
            .collect();
        let label_width = labels
            .iter()
            .map(|l| wrap::width(l))
            .max()
            .unwrap_or(0)
            .min(width / 2)
            + 1;
        for (label, (_, raw)) in labels.iter().zip(&plan.params) {
            let text = wrap::wrap(&value(view, raw), width.saturating_sub(label_width).max(1));
            for (i, part) in text.into_iter().enumerate() {
                let lead = if i == 0 {
                    wrap::pad(label, label_width)
                } else {
                    " ".repeat(label_width)
                };
                out.push(Line::from(vec![
                    Span::styled(lead, th.muted),
                    Span::styled(part, th.heading),
                ]));
            }
        }
        out.push(Line::default());
    }
    if !plan.commands.is_empty() {
        out.push(Line::styled(view.t("ui-confirm-cli"), th.muted));
        for command in &plan.commands {
            out.extend(wrap::lines_with("$ ", command, width, th.muted, th.code));
        }
        out.push(Line::default());
    }
    for note in &plan.notes {
        out.extend(wrap::lines_with(
            "! ",
            &view.text(note),
            width,
            th.warn,
            th.text,
        ));
    }
    if !plan.notes.is_empty() {
        out.push(Line::default());
    }
    match &plan.confirm {
        Confirm::YesNo => {
            out.push(Line::styled(view.t("ui-confirm-question"), th.heading));
            out.push(keys(view, &[("y", "ui-key-yes"), ("n", "ui-key-no")]));
        }
        Confirm::Typed(word) => {
            let ask = Text::new("ui-confirm-type")
                .arg("word", word.clone())
                .render(view.lang);
            out.extend(wrap::lines_with("", &ask, width, th.heading, th.heading));
            out.push(Line::from(vec![
                Span::styled("> ", th.key),
                Span::styled(typed.to_owned(), th.heading),
                Span::styled(CURSOR, th.key),
            ]));
            if mismatch {
                let text = Text::new("ui-confirm-mismatch")
                    .arg("word", word.clone())
                    .render(view.lang);
                out.extend(wrap::lines_with("✘ ", &text, width, th.error, th.error));
            }
            out.push(keys(
                view,
                &[("Enter", "ui-key-confirm"), ("Esc", "ui-key-cancel")],
            ));
        }
    }
    out
}

fn window_lines(
    view: &View<'_>,
    input: &str,
    error: Option<&Text>,
    width: usize,
) -> Vec<Line<'static>> {
    let th = &view.th;
    let app = view.app;
    let zone = view.tz.iana_name().unwrap_or("local").to_owned();
    let mut out = Vec::new();
    let intro = Text::new("ui-window-intro")
        .arg("zone", zone)
        .arg("retention", app.config.backup.retention_days)
        .render(view.lang);
    out.extend(wrap::lines_with("", &intro, width, th.text, th.text));
    out.push(Line::default());
    out.push(Line::from(vec![
        Span::styled("> ", th.key),
        Span::styled(input.to_owned(), th.heading),
        Span::styled(CURSOR, th.key),
    ]));
    match error {
        Some(e) => out.extend(wrap::lines_with(
            "✘ ",
            &view.text(e),
            width,
            th.error,
            th.error,
        )),
        None => {
            // The conversion is pure arithmetic on the zone database; shown while typing.
            if let Ok(utc) = actions::window_utc(&app.config, input, app.now) {
                let text = Text::new("ui-window-utc").arg("utc", utc).render(view.lang);
                out.extend(wrap::lines_with("= ", &text, width, th.accent, th.accent));
            }
        }
    }
    out.push(Line::default());
    out.push(keys(
        view,
        &[
            ("Enter", "ui-key-continue"),
            ("Esc", "ui-key-cancel"),
            ("⌫", "ui-key-delete"),
        ],
    ));
    out
}

fn cleanup_lines(view: &View<'_>, keep_restored: bool, width: usize) -> Vec<Line<'static>> {
    let th = &view.th;
    let names = &view.app.config.names;
    let mut out = Vec::new();
    out.extend(wrap::lines_with(
        "",
        &view.t("ui-cleanup-intro"),
        width,
        th.text,
        th.text,
    ));
    out.push(Line::default());
    let options = [
        (true, "k", "ui-cleanup-keep", "ui-cleanup-keep-detail"),
        (false, "b", "ui-cleanup-back", "ui-cleanup-back-detail"),
    ];
    for (keep, key, label, detail) in options {
        let chosen = keep == keep_restored;
        let radio = if chosen { "(•) " } else { "( ) " };
        let style: Style = if chosen { th.selected } else { th.text };
        let label = Text::new(label)
            .arg("restored", &names.restored_instance)
            .arg("instance", &names.instance)
            .render(view.lang);
        out.push(Line::from(vec![
            Span::styled(radio, if chosen { th.key } else { th.muted }),
            Span::styled(format!("[{key}] "), th.key),
            Span::styled(wrap::truncate(&label, width.saturating_sub(8)), style),
        ]));
        let detail = Text::new(detail)
            .arg("restored", &names.restored_instance)
            .arg("instance", &names.instance)
            .arg("snapshot", &names.snapshot)
            .arg("service", &names.service)
            .render(view.lang);
        out.extend(wrap::lines_with(
            "        ", &detail, width, th.muted, th.muted,
        ));
    }
    out.push(Line::default());
    out.push(keys(
        view,
        &[
            ("Tab ↑↓", "ui-key-switch"),
            ("Enter", "ui-key-choose"),
            ("Esc", "ui-key-cancel"),
        ],
    ));
    out
}
