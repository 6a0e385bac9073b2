//! The run on a time axis, drawn with text and scaled to the span from the first event to
//! now: recovery points on the top lane (automated backups as a dotted line, since they ship
//! logs continuously), the disaster and the recovery steps below, the RPO and RTO as spans,
//! then the axis with clock times and a legend of the symbols that appear.

use jiff::Timestamp;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{View, panel, wrap};
use crate::i18n::Id;
use crate::lab::journal::EventKind;
use crate::msg;

/// Rows the timeline needs to say anything (border, two lanes, axis).
pub const MIN_HEIGHT: u16 = 5;

/// Tick spacings to choose from, in seconds.
const TICKS_S: [i64; 14] = [
    60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400, 172_800, 604_800,
];
/// Cells per tick label (`HH:MM` and some air).
const TICK_CELLS: usize = 8;
/// The shortest span drawn, so a fresh run does not stretch one minute over the panel.
const MIN_SPAN_S: i64 = 120;

/// A drawn event: when, which symbol, which lane, which legend text.
struct Mark {
    at: Timestamp,
    symbol: char,
    lane: usize,
    legend: Id,
}

/// Every symbol the timeline draws, with its legend text, in the order of a run: the help
/// lists them from here.
pub const LEGEND: [(char, Id); 9] = [
    ('◆', msg::UI_TL_BACKUPS),
    ('●', msg::UI_TL_SNAPSHOT),
    ('✖', msg::UI_TL_DISASTER),
    ('▶', msg::UI_TL_RESTORE_REQUESTED),
    ('■', msg::UI_TL_RESTORE_AVAILABLE),
    ('⇄', msg::UI_TL_SWITCHED),
    ('✔', msg::UI_TL_ROLLOUT),
    ('★', msg::UI_TL_VERIFIED),
    ('⇐', msg::UI_TL_COPIED),
];

fn mark(kind: &EventKind) -> Option<(char, usize, Id)> {
    Some(match kind {
        EventKind::BackupsEnabled { .. } => ('◆', 0, msg::UI_TL_BACKUPS),
        EventKind::Snapshot { .. } => ('●', 0, msg::UI_TL_SNAPSHOT),
        EventKind::Disaster { .. } => ('✖', 1, msg::UI_TL_DISASTER),
        EventKind::RestoreRequested { .. } => ('▶', 1, msg::UI_TL_RESTORE_REQUESTED),
        EventKind::RestoreAvailable { .. } => ('■', 1, msg::UI_TL_RESTORE_AVAILABLE),
        EventKind::BackendSwitched { .. } => ('⇄', 1, msg::UI_TL_SWITCHED),
        EventKind::RolloutComplete { .. } => ('✔', 1, msg::UI_TL_ROLLOUT),
        EventKind::TodosVerified { .. } => ('★', 1, msg::UI_TL_VERIFIED),
        EventKind::CopyDone { .. } => ('⇐', 1, msg::UI_TL_COPIED),
        _ => return None,
    })
}

/// Maps times to columns `0..cells`.
struct Scale {
    from: i64,
    span: i64,
    cells: usize,
}

impl Scale {
    fn x(&self, at: Timestamp) -> usize {
        let offset = (at.as_second() - self.from).clamp(0, self.span);
        let last = i64::try_from(self.cells.saturating_sub(1)).unwrap_or(0);
        usize::try_from(offset * last / self.span.max(1)).unwrap_or(0)
    }
}

fn row_line(row: Vec<(char, Style)>) -> Line<'static> {
    Line::from(
        row.into_iter()
            .map(|(c, s)| Span::styled(c.to_string(), s))
            .collect::<Vec<_>>(),
    )
}

/// The timeline's lines at `cells` wide and at most `height` high.
#[must_use]
pub fn lines(view: &View<'_>, cells: usize, height: usize) -> Vec<Line<'static>> {
    let app = view.app;
    let th = &view.th;
    let marks: Vec<Mark> = app
        .journal
        .events()
        .iter()
        .filter_map(|e| {
            mark(&e.kind).map(|(symbol, lane, legend)| Mark {
                at: e.at.min(app.now),
                symbol,
                lane,
                legend,
            })
        })
        .collect();
    if marks.is_empty() || cells < 8 {
        return whole_sentences(&view.t(msg::UI_TL_EMPTY), cells.max(1), height)
            .into_iter()
            .map(|l| Line::styled(l, th.muted))
            .collect();
    }
    let first = marks.iter().map(|m| m.at.as_second()).min().unwrap_or(0);
    let now = app.now.as_second();
    let span = (now - first).max(MIN_SPAN_S);
    let scale = Scale {
        from: first,
        span,
        cells,
    };
    let blank = || vec![(' ', th.text); cells];

    // Lane 0: recovery points; automated backups continue as a dotted line until now.
    let mut points = blank();
    let mut events = blank();
    if let Some(on) = marks.iter().find(|m| m.symbol == '◆') {
        for cell in points.iter_mut().take(cells).skip(scale.x(on.at)) {
            *cell = ('┄', th.muted);
        }
    }
    for m in &marks {
        let lane = if m.lane == 0 {
            &mut points
        } else {
            &mut events
        };
        let style = match m.symbol {
            '✖' => th.error,
            '●' | '◆' => th.accent,
            _ => th.done,
        };
        // Marks that fall into one cell stand side by side in their order, so every
        // symbol stays visible and none takes another's place from one frame to the next.
        let x = scale.x(m.at);
        let taken = |c: &(char, Style)| c.0 != ' ' && c.0 != '┄';
        let free = (x..cells)
            .find(|i| !taken(&lane[*i]))
            .or_else(|| (0..x).rev().find(|i| !taken(&lane[*i])));
        if let Some(cell) = free.and_then(|i| lane.get_mut(i)) {
            *cell = (m.symbol, style);
        }
    }

    // Spans: RPO from the recovery point to the disaster, RTO from the disaster on.
    let recovery = &view.recovery;
    let mut spans = blank();
    let mut has_spans = false;
    if let Some(a) = &recovery.achieved_rpo {
        draw_span(
            &mut spans,
            scale.x(a.point),
            scale.x(a.disaster),
            '─',
            &view.t(msg::UI_DIAGRAM_RPO),
            th.accent,
        );
        has_spans = true;
    }
    if let (Some(rto), Some(a)) = (&recovery.rto, &recovery.achieved_rpo) {
        let end = a.disaster.as_second() + rto.seconds;
        let end = Timestamp::from_second(end).unwrap_or(app.now);
        let style = if rto.complete { th.done } else { th.progress };
        draw_span(
            &mut spans,
            scale.x(a.disaster),
            scale.x(end),
            '═',
            &view.t(msg::UI_DIAGRAM_RTO),
            style,
        );
        if !rto.complete
            && let Some(cell) = spans.get_mut(scale.x(end))
        {
            *cell = ('▸', style);
        }
        has_spans = true;
    }

    // Axis with ticks and their clock times.
    let max_ticks = i64::try_from((cells / TICK_CELLS).max(1)).unwrap_or(1);
    let step = TICKS_S
        .iter()
        .copied()
        .find(|t| span / t <= max_ticks)
        .unwrap_or(604_800);
    let mut axis = vec![('─', th.border); cells];
    let mut labels = Vec::new();
    let mut tick = (first + step - 1).div_euclid(step) * step;
    while tick <= first + span {
        if let Ok(at) = Timestamp::from_second(tick) {
            let x = scale.x(at);
            if let Some(cell) = axis.get_mut(x) {
                *cell = ('┼', th.border);
            }
            labels.push((x, view.hm(at)));
        }
        tick += step;
    }
    if let Some(cell) = axis.first_mut() {
        cell.0 = if cell.0 == '┼' { '┼' } else { '├' };
    }
    if let Some(cell) = axis.last_mut() {
        *cell = ('▶', th.border);
    }
    let tick_row = wrap::place_labels(&labels, cells)
        .into_iter()
        .next()
        .unwrap_or_default();

    // Legend: the symbols that appear, in order of first appearance.
    let mut seen: Vec<(char, Id)> = Vec::new();
    for m in &marks {
        if !seen.iter().any(|(s, _)| *s == m.symbol) {
            seen.push((m.symbol, m.legend));
        }
    }
    let legend = legend_lines(view, &seen, cells);

    // Rows by importance: the lanes, then clock times, the axis, the spans, the legend.
    let mut out = vec![row_line(points), row_line(events)];
    let mut room = height.saturating_sub(2);
    let show_ticks = room >= 1;
    let show_axis = room >= 2;
    room = room.saturating_sub(usize::from(show_axis) + usize::from(show_ticks));
    let show_spans = has_spans && room >= 1;
    room = room.saturating_sub(usize::from(show_spans));
    if show_spans {
        out.push(row_line(spans));
    }
    if show_axis {
        out.push(row_line(axis));
    }
    if show_ticks {
        out.push(Line::styled(tick_row, th.muted));
    }
    out.extend(legend.into_iter().take(room));
    out
}

/// Rows (border included) the timeline needs at `cells` wide when nothing has happened yet
/// and its text is all it shows; `None` once it draws events.
#[must_use]
pub fn empty_height(view: &View<'_>, cells: usize) -> Option<u16> {
    let has_marks = view
        .app
        .journal
        .events()
        .iter()
        .any(|e| mark(&e.kind).is_some());
    if has_marks || cells < 8 {
        return None;
    }
    let text = wrap::wrap(&view.t(msg::UI_TL_EMPTY), cells);
    Some(super::rows(text.len() + 2))
}

/// `text` wrapped to `cells`, as many of its sentences as fit in `height` rows (at least the
/// first): a short box shows whole sentences rather than one cut off at its bottom edge.
fn whole_sentences(text: &str, cells: usize, height: usize) -> Vec<String> {
    let mut sentences: Vec<&str> = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        if matches!(c, '.' | '!' | '?') && text[end..].starts_with(' ') {
            sentences.push(text[start..end].trim());
            start = end;
        }
    }
    sentences.push(text[start..].trim());
    let mut kept = String::new();
    let mut out = Vec::new();
    for sentence in sentences.into_iter().filter(|s| !s.is_empty()) {
        let candidate = if kept.is_empty() {
            sentence.to_owned()
        } else {
            format!("{kept} {sentence}")
        };
        let lines = wrap::wrap(&candidate, cells);
        if !out.is_empty() && lines.len() > height {
            break;
        }
        kept = candidate;
        out = lines;
    }
    out
}

/// The legend of `seen` symbols at `cells`: as many items to a line as fit; an item wider
/// than a line wraps (under its text, not its symbol) instead of being cut.
fn legend_lines(view: &View<'_>, seen: &[(char, Id)], cells: usize) -> Vec<Line<'static>> {
    let th = &view.th;
    let mut legend: Vec<Line<'static>> = Vec::new();
    let mut line: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for &(symbol, id) in seen {
        let item = format!("{symbol} {}", view.t(id));
        let w = wrap::width(&item);
        if used > 0 && used + 2 + w > cells {
            legend.push(Line::from(std::mem::take(&mut line)));
            used = 0;
        }
        if w > cells {
            for part in wrap::lines_with(
                &format!("{symbol} "),
                &view.t(id),
                cells,
                th.muted,
                th.muted,
            ) {
                legend.push(part);
            }
            continue;
        }
        if used > 0 {
            line.push(Span::raw("  "));
            used += 2;
        }
        line.push(Span::styled(item, th.muted));
        used += w;
    }
    if !line.is_empty() {
        legend.push(Line::from(line));
    }
    legend
}

/// The projector's one-line legend under the timeline: the symbols of this run in their
/// order, the most recent ones when not all fit in `cells`.
#[must_use]
pub fn present_legend(view: &View<'_>, cells: usize) -> Line<'static> {
    let th = &view.th;
    let mut seen: Vec<(char, Id)> = Vec::new();
    for e in view.app.journal.events() {
        if let Some((symbol, _, id)) = mark(&e.kind)
            && !seen.iter().any(|(s, _)| *s == symbol)
        {
            seen.push((symbol, id));
        }
    }
    if seen.is_empty() {
        seen.extend(LEGEND.iter().take(3).copied());
    }
    let head = Span::styled(format!(" {}: ", view.t(msg::UI_PRESENT_LEGEND)), th.heading);
    let mut used = wrap::width(&head.content);
    let mut items = Vec::new();
    for (symbol, id) in seen.into_iter().rev() {
        let w = wrap::width(&view.t(id)) + 4;
        if used + w > cells {
            break;
        }
        items.push((symbol, id));
        used += w;
    }
    let mut spans = vec![head];
    for (symbol, id) in items.into_iter().rev() {
        spans.push(Span::styled(symbol.to_string(), th.accent));
        spans.push(Span::styled(format!(" {}  ", view.t(id)), th.text));
    }
    Line::from(spans)
}

/// Draws a span `├───┤` from `a` to `b` with `label` in the middle when it fits.
fn draw_span(row: &mut [(char, Style)], a: usize, b: usize, fill: char, label: &str, style: Style) {
    let (a, b) = (a.min(b), a.max(b));
    for x in a + 1..b {
        if let Some(cell) = row.get_mut(x) {
            *cell = (fill, style);
        }
    }
    if b > a {
        if let Some(cell) = row.get_mut(a) {
            // Where the previous span ends, this one begins: one junction.
            let joint = if cell.0 == '┤' { '┼' } else { '├' };
            *cell = (joint, style);
        }
        if let Some(cell) = row.get_mut(b) {
            *cell = ('┤', style);
        }
    } else if let Some(cell) = row.get_mut(a) {
        *cell = ('│', style);
    }
    let len = label.chars().count();
    if b > a + len + 2 {
        let start = a + (b - a + 1 - len) / 2;
        for (i, c) in label.chars().enumerate() {
            if let Some(cell) = row.get_mut(start + i) {
                *cell = (c, style);
            }
        }
    }
}

pub fn draw(frame: &mut Frame, area: Rect, view: &View<'_>) {
    let block = panel(view, format!(" {} ", view.t(msg::UI_TIMELINE_TITLE)));
    let inner = block.inner(area);
    let lines = lines(view, usize::from(inner.width), usize::from(inner.height));
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
