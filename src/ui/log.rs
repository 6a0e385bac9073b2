//! The event log, newest at the bottom: what the program changed in the account (every
//! writing call with ✔ or its error code, and its AWS CLI equivalent where there is room),
//! every failed call, and the notes of actions (started, progress, outcome, errors). Reads are
//! polled every few seconds and would drown the rest, so they only fill rows left over, dimmed;
//! the title counts all calls.

use jiff::Timestamp;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{View, wrap};
use crate::cloud::recorder::CallRecord;
use crate::lab::Text;
use crate::msg;

/// One line of the log before layout.
struct Entry {
    at: Timestamp,
    order: u64,
    important: bool,
    line: Line<'static>,
}

fn call_entry(view: &View<'_>, call: &CallRecord, width: usize) -> Entry {
    let th = &view.th;
    let important = call.writes || call.error.is_some();
    let mut spans = vec![Span::styled(format!("{} ", view.hms(call.at)), th.muted)];
    match &call.error {
        None => spans.push(Span::styled(
            "✔ ",
            if important { th.done } else { th.muted },
        )),
        Some(_) => spans.push(Span::styled("✘ ", th.error)),
    }
    spans.push(Span::styled(
        call.operation.clone(),
        if call.writes { th.heading } else { th.muted },
    ));
    if let Some(code) = &call.error {
        spans.push(Span::styled(format!(" {code}"), th.error));
    }
    if call.writes {
        spans.push(Span::styled(format!("  {}", call.cli), th.code));
    }
    Entry {
        at: call.at,
        order: call.seq,
        important,
        line: truncate_line(spans, width),
    }
}

/// The log's lines for `rows` rows, oldest first: every important entry that fits, the
/// newest reads in the rows left over.
#[must_use]
pub fn entries(view: &View<'_>, width: usize, rows: usize) -> Vec<Line<'static>> {
    let app = view.app;
    let th = &view.th;
    let mut all: Vec<Entry> = app
        .calls
        .records
        .iter()
        .map(|call| call_entry(view, call, width))
        .collect();
    for (n, note) in app.notes.iter().enumerate() {
        let (sym, style) = if note.is_error {
            ("✘ ", th.error)
        } else {
            ("• ", th.accent)
        };
        let spans = vec![
            Span::styled(format!("{} ", view.hms(note.at)), th.muted),
            Span::styled(sym, style),
            Span::styled(
                view.text(&note.text),
                if note.is_error { th.error } else { th.text },
            ),
        ];
        // Notes sort after the calls of the same second: they report on them.
        let order = u64::MAX / 2 + u64::try_from(n).unwrap_or(0);
        all.push(Entry {
            at: note.at,
            order,
            important: true,
            line: truncate_line(spans, width),
        });
    }
    all.sort_by_key(|e| (e.at, e.order));
    let important = all.iter().filter(|e| e.important).count();
    let mut reads_left = rows.saturating_sub(important);
    let mut keep = vec![false; all.len()];
    for (i, entry) in all.iter().enumerate().rev() {
        if entry.important {
            keep[i] = true;
        } else if reads_left > 0 {
            keep[i] = true;
            reads_left -= 1;
        }
    }
    let kept: Vec<Line<'static>> = all
        .into_iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(e, _)| e.line)
        .collect();
    let skip = kept.len().saturating_sub(rows);
    kept.into_iter().skip(skip).collect()
}

/// Cuts a line of spans to `width` cells.
fn truncate_line(spans: Vec<Span<'static>>, width: usize) -> Line<'static> {
    let mut used = 0;
    let mut out = Vec::new();
    for span in spans {
        let w = span.width();
        if used + w <= width {
            used += w;
            out.push(span);
        } else {
            let room = width.saturating_sub(used);
            if room > 0 {
                out.push(Span::styled(
                    wrap::truncate(&span.content, room),
                    span.style,
                ));
            }
            break;
        }
    }
    Line::from(out)
}

pub fn draw(frame: &mut Frame, area: Rect, view: &View<'_>) {
    let th = &view.th;
    let app = view.app.calls.app_count.min(view.app.calls.count);
    let aws = i64::try_from(view.app.calls.count - app).unwrap_or(i64::MAX);
    let title = Text::new(msg::UI_LOG_TITLE)
        .arg("calls", aws)
        .arg("app", i64::try_from(app).unwrap_or(i64::MAX))
        .render(view.lang);
    if area.height == 1 {
        // One row (a short screen): the newest entry whole where it fits, and the title with
        // the call counts on the right when there is room beside it.
        let width = usize::from(area.width);
        let mut spans = entries(view, width, 1)
            .pop()
            .unwrap_or_else(|| {
                Line::styled(wrap::truncate(&view.t(msg::UI_LOG_EMPTY), width), th.muted)
            })
            .spans;
        let used: usize = spans.iter().map(Span::width).sum();
        let head = format!(" {title} ");
        if used + 2 + wrap::width(&head) <= width {
            let fill = width - used - wrap::width(&head);
            spans.push(Span::styled(
                format!(" {}", "─".repeat(fill.saturating_sub(1))),
                th.border,
            ));
            spans.push(Span::styled(head, th.title));
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), area);
        return;
    }
    let block = Block::new()
        .borders(Borders::TOP)
        .border_style(th.border)
        .title(Line::styled(format!(" {title} "), th.title));
    let inner = block.inner(area);
    let mut lines = entries(view, usize::from(inner.width), usize::from(inner.height));
    if lines.is_empty() {
        lines = wrap::wrap(&view.t(msg::UI_LOG_EMPTY), usize::from(inner.width))
            .into_iter()
            .map(|l| Line::styled(l, th.muted))
            .collect();
    }
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
