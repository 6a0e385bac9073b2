//! The event log: what the program changed in the account (every writing call, with ✔ or the
//! error code), every failed call, and the notes of actions (started, progress, outcome,
//! errors), newest at the bottom. Successful reads are polled every few seconds; they would
//! drown the rest, so they are only counted in the title.

use jiff::Timestamp;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{View, wrap};
use crate::lab::Text;

/// One line of the log before layout.
struct Entry {
    at: Timestamp,
    order: u64,
    line: Line<'static>,
}

/// The log's lines, oldest first.
#[must_use]
pub fn entries(view: &View<'_>, width: usize) -> Vec<Line<'static>> {
    let app = view.app;
    let th = &view.th;
    let mut out: Vec<Entry> = Vec::new();
    for call in app.calls.iter().filter(|c| c.writes || c.error.is_some()) {
        let mut spans = vec![Span::styled(format!("{} ", view.hms(call.at)), th.muted)];
        match &call.error {
            None => spans.push(Span::styled("✔ ", th.done)),
            Some(_) => spans.push(Span::styled("✘ ", th.error)),
        }
        spans.push(Span::styled(
            call.operation.clone(),
            if call.writes { th.heading } else { th.text },
        ));
        if let Some(code) = &call.error {
            spans.push(Span::styled(format!(" {code}"), th.error));
        }
        out.push(Entry {
            at: call.at,
            order: call.seq,
            line: truncate_line(spans, width),
        });
    }
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
        out.push(Entry {
            at: note.at,
            order: u64::MAX / 2 + u64::try_from(n).unwrap_or(0),
            line: truncate_line(spans, width),
        });
    }
    out.sort_by_key(|e| (e.at, e.order));
    out.into_iter().map(|e| e.line).collect()
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
    let title = Text::new("ui-log-title")
        .arg(
            "calls",
            i64::try_from(view.app.call_count).unwrap_or(i64::MAX),
        )
        .render(view.lang);
    let block = Block::new()
        .borders(Borders::TOP)
        .border_style(th.border)
        .title(Line::styled(format!(" {title} "), th.title));
    let inner = block.inner(area);
    let mut lines = entries(view, usize::from(inner.width));
    if lines.is_empty() {
        lines = wrap::wrap(&view.t("ui-log-empty"), usize::from(inner.width))
            .into_iter()
            .map(|l| Line::styled(l, th.muted))
            .collect();
    }
    let skip = lines.len().saturating_sub(usize::from(inner.height));
    let lines: Vec<Line<'static>> = lines.into_iter().skip(skip).collect();
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
