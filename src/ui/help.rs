//! The key hints at the bottom and the help overlay (`?`), both generated from the tables in
//! `keymap`: the keys shown are the keys read.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use ratatui::style::Style;

use super::dialogs::Section;
use super::{Look, View, dialogs, wrap};
use crate::app::Help;
use crate::cloud::Mode;
use crate::keymap;
use crate::lab::{StepId, StepState, Text};
use crate::msg;

/// The bottom line: the most used keys.
pub fn draw_hints(frame: &mut Frame, area: Rect, view: &View<'_>) {
    let th = &view.th;
    // A step's number being typed, or the answer to the last key, takes the line until the
    // next key.
    let said = match (&view.app.key_line.goto, &view.app.key_line.flash) {
        (Some(number), _) => Some((
            Text::new(msg::UI_GOTO_PROMPT)
                .arg("number", number.clone())
                .render(view.lang),
            th.key,
        )),
        (None, Some(text)) => Some((view.text(text), th.heading)),
        (None, None) => None,
    };
    if let Some((text, style)) = said {
        let line = wrap::truncate(&format!(" {text}"), usize::from(area.width));
        frame.render_widget(Paragraph::new(Line::styled(line, style)), area);
        return;
    }
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
fn rows(view: &Look) -> Vec<(String, String)> {
    keymap::help_rows(view.lang)
        .into_iter()
        .map(|(keys, id)| (keys, view.t(id)))
        .collect()
}

/// Symbols with their meaning, as many to a line as fit.
fn legend(items: Vec<(String, Style, String)>, inner: usize) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let mut line = Vec::new();
    let mut used = 0;
    for (sym, style, what) in items {
        let w = wrap::width(&sym) + 1 + wrap::width(&what) + 3;
        if used > 0 && used + w > inner {
            lines.push(Line::from(std::mem::take(&mut line)));
            used = 0;
        }
        line.push(Span::styled(sym, style));
        line.push(Span::raw(format!(" {what}   ")));
        used += w;
    }
    if !line.is_empty() {
        lines.push(Line::from(line));
    }
    lines
}

/// The help's content at `inner` cells: the keys (from the keymap), the step symbols, the
/// timeline's symbols (from the timeline) and what the RPO/RTO figures mean.
fn content(view: &Look, lab: Lab<'_>, inner: usize) -> (Vec<Section>, Vec<Line<'static>>) {
    let th = &view.th;
    let rows = rows(view);
    let key_width = rows.iter().map(|(k, _)| wrap::width(k)).max().unwrap_or(0) + 2;
    let mut keys: Vec<Line<'static>> = Vec::new();
    for (key, what) in rows {
        let text = wrap::wrap(&what, inner.saturating_sub(key_width).max(1));
        for (i, part) in text.into_iter().enumerate() {
            let lead = if i == 0 {
                wrap::pad(&key, key_width)
            } else {
                " ".repeat(key_width)
            };
            keys.push(Line::from(vec![
                Span::styled(lead, th.key),
                Span::styled(part, th.text),
            ]));
        }
    }
    let mut symbols = vec![Line::styled(view.t(msg::UI_HELP_SYMBOLS), th.heading)];
    let states = [
        (StepState::Done.symbol(), msg::UI_STATE_DONE, th.done),
        (
            StepState::InProgress.symbol(),
            msg::UI_STATE_PROGRESS,
            th.progress,
        ),
        (StepState::Todo.symbol(), msg::UI_STATE_TODO, th.todo),
        (StepState::Failed.symbol(), msg::UI_STATE_FAILED, th.failed),
        (super::steps::NO_CHECK, msg::UI_STATE_NO_CHECK, th.muted),
    ];
    symbols.extend(legend(
        states
            .into_iter()
            .map(|(sym, id, style)| (sym.to_owned(), style, view.t(id)))
            .collect(),
        inner,
    ));
    symbols.extend(wrap::lines_with(
        "▶ ",
        &view.t(msg::UI_STATE_CURRENT),
        inner,
        th.current,
        th.text,
    ));
    let required = Text::new(msg::UI_HELP_REQUIRED)
        .arg("done", lab.core_done)
        .arg("total", StepId::CORE.len())
        .arg("first", StepId::CORE[0].index() + 1)
        .arg("last", StepId::CORE[StepId::CORE.len() - 1].index() + 1)
        .render(view.lang);
    symbols.extend(wrap::lines_with("", &required, inner, th.text, th.text));
    let mut timeline = vec![Line::styled(view.t(msg::UI_HELP_TIMELINE), th.heading)];
    timeline.extend(legend(
        super::timeline::LEGEND
            .iter()
            .map(|(sym, id)| (sym.to_string(), th.accent, view.t(*id)))
            .collect(),
        inner,
    ));
    let mut figures = vec![Line::styled(view.t(msg::UI_HELP_FIGURES), th.heading)];
    for id in [
        msg::UI_HELP_RPO_LIVE,
        msg::UI_HELP_RPO_ACHIEVED,
        msg::UI_HELP_RTO,
    ] {
        figures.extend(wrap::lines_with(
            "• ",
            &view.t(id),
            inner,
            th.accent,
            th.text,
        ));
    }
    if let Mode::Simulation { speed } = *lab.mode {
        let note = Text::new(msg::UI_SIM_CLOCK)
            .arg("speed", crate::format::speed(speed))
            .render(view.lang);
        figures.extend(wrap::lines_with("  ", &note, inner, th.muted, th.muted));
    }
    let sections = [keys, symbols, timeline, figures]
        .into_iter()
        .map(|lines| Section {
            drop_rank: dialogs::KEEP,
            lines,
        })
        .collect();
    let close = vec![Line::styled(view.t(msg::UI_HELP_CLOSE), th.muted)];
    (sections, close)
}

/// What the help says of the lab: the required steps done, and the clock's pace.
#[derive(Clone, Copy)]
pub struct Lab<'a> {
    pub core_done: usize,
    pub mode: &'a Mode,
}

/// The help's sections on `area`, the line that says how to close it last (kept in view).
fn sections(area: Rect, view: &Look, lab: Lab<'_>) -> Vec<Section> {
    let width = dialogs::dialog_width(area);
    let inner = usize::from(width.saturating_sub(4));
    let (mut sections, close) = content(view, lab, inner);
    sections.push(Section {
        drop_rank: dialogs::KEEP,
        lines: close,
    });
    sections
}

/// How the help on `area` scrolls: `(page, scroll_max)`, as [`dialogs::extent`].
#[must_use]
pub fn extent(area: Rect, view: &Look, lab: Lab<'_>) -> (u16, u16) {
    dialogs::scroll_extent(sections(area, view, lab), dialogs::max_rows(area))
}

/// The help overlay: everything in it can be read at 80×24 by scrolling (↑↓ PgUp PgDn), with
/// the line that says how to close it always in view.
pub fn draw(frame: &mut Frame, area: Rect, view: &Look, help: Help, lab: Lab<'_>) {
    let lines = dialogs::scrolled(
        sections(area, view, lab),
        dialogs::max_rows(area),
        usize::from(help.scroll),
        |first, last, total| dialogs::scroll_position(view, first, last, total),
    );
    dialogs::frame_dialog(frame, area, view, &view.t(msg::UI_HELP_TITLE), lines, false);
}
