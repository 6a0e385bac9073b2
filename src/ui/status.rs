//! Live status of the account (instances, snapshots, ECS deployments, todos), each part with
//! its age and last error. Every state has a symbol as well as a colour. When space is short,
//! the part that matters for the selected step comes first (the step says which:
//! [`steps::part_order`]). The RPO/RTO figures are in
//! [`super::recovery`].

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{View, panel, wrap};
use crate::cloud::{
    CloudError, DbInstance, DbSnapshot, Deployment, DeploymentStatus, SnapshotKind, SnapshotStatus,
    wire,
};
use crate::lab::observe::{Part, PartId};
use crate::lab::{StepState, Text, steps};
use crate::msg;

/// Snapshots listed at most (automated ones pile up).
const MAX_SNAPSHOTS: usize = 4;

/// `left` with the first of `rights` that fits beside it, right-aligned; if none fits, the
/// left text wrapped, then the last of `rights` wrapped on the lines below.
pub(super) fn pair(
    left: Vec<Span<'static>>,
    rights: &[Span<'static>],
    width: usize,
) -> Vec<Line<'static>> {
    let used: usize = left.iter().map(Span::width).sum();
    for right in rights {
        if used + 1 + right.width() <= width {
            let mut spans = left;
            spans.push(Span::raw(" ".repeat(width - used - right.width())));
            spans.push(right.clone());
            return vec![Line::from(spans)];
        }
    }
    let mut out = if used <= width {
        vec![Line::from(left)]
    } else {
        let style = left
            .iter()
            .rev()
            .find(|s| !s.content.trim().is_empty())
            .map_or(Style::new(), |s| s.style);
        let text: String = left.iter().map(|s| s.content.as_ref()).collect();
        let indent: String = text.chars().take_while(|c| *c == ' ').collect();
        wrap::lines_with(&indent, text.trim_start(), width, style, style)
    };
    if let Some(right) = rights.last() {
        out.extend(wrap::lines_with(
            "  ",
            &right.content,
            width,
            right.style,
            right.style,
        ));
    }
    out
}

/// `items` joined with ` · `, broken between items, each line indented by two.
fn items_lines(items: &[String], width: usize, style: Style) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let mut line = String::new();
    for item in items {
        let candidate = if line.is_empty() {
            format!("  {item}")
        } else {
            format!("{line} · {item}")
        };
        if wrap::width(&candidate) <= width || line.is_empty() {
            line = candidate;
        } else {
            out.push(Line::styled(wrap::truncate(&line, width), style));
            line = format!("  {item}");
        }
    }
    if !line.is_empty() {
        out.push(Line::styled(wrap::truncate(&line, width), style));
    }
    out
}

/// The heading of a part: name, age, and its error if the last read failed.
fn part_heading<T>(
    view: &View<'_>,
    name: String,
    part: &Part<T>,
    width: usize,
) -> Vec<Line<'static>> {
    let th = &view.th;
    let mut out = pair(
        vec![Span::styled(name, th.heading)],
        &[Span::styled(view.updated(part.updated), th.muted)],
        width,
    );
    if let Some(e) = &part.error {
        out.push(error_line(view, e, width));
    }
    out
}

fn error_line(view: &View<'_>, e: &CloudError, width: usize) -> Line<'static> {
    Line::styled(
        wrap::truncate(&format!("✘ {}", e.code), width),
        view.th.error,
    )
}

fn instance_symbol(view: &View<'_>, i: &DbInstance) -> (&'static str, Style) {
    if i.is_available() {
        (StepState::Done.symbol(), view.th.done)
    } else if i.is_transitional() {
        (StepState::InProgress.symbol(), view.th.progress)
    } else {
        (StepState::Failed.symbol(), view.th.failed)
    }
}

/// `✔ name … status` with the name cut so the status fits when it can.
fn named(
    sym: &'static str,
    style: Style,
    name: &str,
    name_style: Style,
    right: Span<'static>,
    width: usize,
) -> Vec<Line<'static>> {
    let room = width.saturating_sub(2);
    let fits_whole = wrap::width(name) + 3 + right.width() <= width;
    let name = if fits_whole {
        name.to_owned()
    } else {
        wrap::truncate(name, room)
    };
    pair(
        vec![
            Span::styled(sym, style),
            Span::raw(" "),
            Span::styled(name, name_style),
        ],
        &[right],
        width,
    )
}

fn instance_lines(view: &View<'_>, i: &DbInstance, width: usize) -> Vec<Line<'static>> {
    let th = &view.th;
    let (sym, style) = instance_symbol(view, i);
    let mut out = named(
        sym,
        style,
        &i.id,
        th.text,
        Span::styled(i.status.to_string(), style),
        width,
    );
    let az = view.text(&i.availability().text());
    let backups = match i.pending_retention {
        Some(p) if p != i.retention_days => Text::new(msg::UI_RETENTION_PENDING)
            .arg("from", i.retention_days)
            .arg("to", p)
            .render(view.lang),
        _ if i.retention_days == 0 => view.t(msg::UI_RETENTION_OFF),
        _ => Text::new(msg::UI_RETENTION_DAYS)
            .arg("days", i.retention_days)
            .render(view.lang),
    };
    out.extend(items_lines(
        &[i.class.clone(), az, backups],
        width,
        th.muted,
    ));
    match &i.endpoint {
        Some(endpoint) => out.push(Line::styled(
            format!("  {}", wrap::truncate(endpoint, width.saturating_sub(2))),
            th.muted,
        )),
        None => out.push(Line::styled(
            format!(
                "  {}",
                wrap::truncate(&view.t(msg::UI_NO_ENDPOINT), width.saturating_sub(2))
            ),
            th.progress,
        )),
    }
    out
}

fn snapshot_lines(view: &View<'_>, s: &DbSnapshot, width: usize) -> Vec<Line<'static>> {
    let th = &view.th;
    let (sym, style) = if s.is_available() {
        (StepState::Done.symbol(), th.done)
    } else if matches!(
        s.status,
        SnapshotStatus::Creating | SnapshotStatus::Deleting
    ) {
        (StepState::InProgress.symbol(), th.progress)
    } else {
        (StepState::Failed.symbol(), th.failed)
    };
    let state = if s.status == SnapshotStatus::Creating {
        format!("{} {}%", s.status, s.percent)
    } else {
        s.status.to_string()
    };
    let mut out = named(
        sym,
        style,
        &s.id,
        th.text,
        Span::styled(state, style),
        width,
    );
    let kind = match &s.kind {
        SnapshotKind::Manual => view.t(msg::UI_SNAPSHOT_MANUAL),
        SnapshotKind::Automated => view.t(msg::UI_SNAPSHOT_AUTOMATED),
        SnapshotKind::Other(name) => name.clone(),
    };
    let mut items = vec![kind];
    if let Some(t) = s.created {
        items.push(view.hms(t));
    }
    out.extend(items_lines(&items, width, th.muted));
    out
}

fn deployment_lines(view: &View<'_>, d: &Deployment, width: usize) -> Vec<Line<'static>> {
    let th = &view.th;
    let label = d
        .revision()
        .map_or_else(|| d.task_definition.clone(), |r| r.to_string());
    let revision = d
        .revision()
        .map(|r| r.number.to_string())
        .unwrap_or_default();
    let primary = d.status == DeploymentStatus::Primary;
    let settled = d.rollout_completed() && d.running == d.desired;
    let failing = d.is_failing();
    let (sym, style) = if failing {
        (StepState::Failed.symbol(), th.failed)
    } else if settled {
        (StepState::Done.symbol(), th.done)
    } else {
        (StepState::InProgress.symbol(), th.progress)
    };
    let counts = format!("{}/{}", d.running, d.desired);
    let label = if wrap::width(&label) + 3 + counts.len() <= width {
        label
    } else {
        Text::new(msg::UI_REVISION)
            .arg("revision", revision)
            .render(view.lang)
    };
    let mut out = named(
        sym,
        style,
        &label,
        if primary { th.heading } else { th.text },
        Span::styled(counts, style),
        width,
    );
    let mut items = vec![wire(&d.status)];
    // The rollout state belongs to the deployment being rolled out; an old one's
    // COMPLETED is its own past rollout, so it says instead that it is being stopped.
    if primary {
        if let Some(rollout) = &d.rollout {
            items.push(wire(rollout));
        }
    } else if d.running > 0 {
        items.push(view.t(msg::UI_DEPLOYMENT_DRAINING));
    }
    if d.failed_tasks > 0 {
        items.push(
            Text::new(msg::UI_FAILED_TASKS)
                .arg("count", d.failed_tasks)
                .render(view.lang),
        );
    }
    out.extend(items_lines(
        &items,
        width,
        if failing { th.failed } else { th.muted },
    ));
    out
}

/// Service events shown under a rollout that went wrong.
const TROUBLE_EVENTS: usize = 1;

fn part_lines(view: &View<'_>, part: PartId, width: usize) -> Vec<Line<'static>> {
    let app = view.app;
    let th = &view.th;
    let observed = &app.observed;
    let none = || Line::styled(format!("  {}", view.t(msg::UI_NONE)), th.muted);
    let mut out = Vec::new();
    match part {
        PartId::Instances => {
            out.extend(part_heading(
                view,
                view.t(msg::UI_INSTANCES),
                &observed.instances,
                width,
            ));
            match &observed.instances.value {
                Some(list) if list.is_empty() => out.push(none()),
                Some(list) => {
                    // One in motion (a restore being made) first: on a small screen the
                    // panel may show only the first.
                    let mut list: Vec<&DbInstance> = list.iter().collect();
                    list.sort_by_key(|i| !i.is_transitional());
                    for i in list {
                        out.extend(instance_lines(view, i, width));
                    }
                }
                None => {}
            }
        }
        PartId::Snapshots => {
            out.extend(part_heading(
                view,
                view.t(msg::UI_SNAPSHOTS),
                &observed.snapshots,
                width,
            ));
            match &observed.snapshots.value {
                Some(list) if list.is_empty() => out.push(none()),
                Some(list) => {
                    let mut list: Vec<&DbSnapshot> = list.iter().collect();
                    // Manual first (the lab's own), then newest first.
                    list.sort_by(|a, b| {
                        (b.kind == SnapshotKind::Manual)
                            .cmp(&(a.kind == SnapshotKind::Manual))
                            .then(b.created.cmp(&a.created))
                            .then(a.id.cmp(&b.id))
                    });
                    for s in list.iter().take(MAX_SNAPSHOTS) {
                        out.extend(snapshot_lines(view, s, width));
                    }
                    if list.len() > MAX_SNAPSHOTS {
                        out.push(Line::styled(
                            Text::new(msg::UI_MORE)
                                .arg("count", list.len() - MAX_SNAPSHOTS)
                                .render(view.lang),
                            th.muted,
                        ));
                    }
                }
                None => {}
            }
        }
        PartId::Service => {
            out.extend(part_heading(
                view,
                view.t(msg::UI_SERVICE),
                &observed.service,
                width,
            ));
            if let Some(service) = &observed.service.value {
                for d in &service.deployments {
                    out.extend(deployment_lines(view, d, width));
                }
                let tasks = Text::new(msg::UI_TASKS)
                    .arg("running", service.running)
                    .arg("desired", service.desired)
                    .render(view.lang);
                out.extend(items_lines(&[tasks], width, th.muted));
                // Why a rollout goes wrong: ECS's newest telling events.
                if service.troubled().is_some() {
                    for e in service.telling_events(None, TROUBLE_EVENTS) {
                        let at = e.at.map(|at| view.hms(at)).unwrap_or_default();
                        out.extend(wrap::lines_with(
                            "  ",
                            &format!("{at} {}", e.message),
                            width,
                            th.failed,
                            th.failed,
                        ));
                    }
                }
            }
        }
        PartId::Todos => {
            let todos = match observed.todo_count() {
                Some(n) => Text::new(msg::UI_TODOS).arg("count", n).render(view.lang),
                None => view.t(msg::UI_TODOS_UNKNOWN),
            };
            out.extend(pair(
                vec![Span::styled(todos, th.heading)],
                &[Span::styled(view.updated(observed.todos.updated), th.muted)],
                width,
            ));
            if let Some(e) = &observed.todos.error {
                out.push(error_line(view, e, width));
            }
        }
    }
    out
}

/// The status panel's lines at `width`.
#[must_use]
pub fn status_lines(view: &View<'_>, width: usize) -> Vec<Line<'static>> {
    steps::part_order(view.app.selected)
        .into_iter()
        .flat_map(|part| part_lines(view, part, width))
        .collect()
}

/// Rows the status panel would like at `width` (including its border).
#[must_use]
pub fn wanted_height(view: &View<'_>, width: u16) -> u16 {
    super::rows(status_lines(view, usize::from(width.saturating_sub(2))).len() + 2)
}

pub fn draw(frame: &mut Frame, area: Rect, view: &View<'_>) {
    let block = panel(view, format!(" {} ", view.t(msg::UI_STATUS_TITLE)));
    let inner = block.inner(area);
    let lines = fitted_lines(view, usize::from(inner.width), usize::from(inner.height));
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// Rows the status panel takes when it may have at most `max` (including its border): as
/// many as the parts that fit need, so a part left out leaves no empty rows behind.
#[must_use]
pub fn fitted_height(view: &View<'_>, width: u16, max: u16) -> u16 {
    let lines = fitted_lines(
        view,
        usize::from(width.saturating_sub(2)),
        usize::from(max.saturating_sub(2)),
    );
    super::rows(lines.len() + 2).min(max)
}

/// The status's parts that fit in `rows`, in their order: a part that would show no more
/// than its heading (its values cut off at the bottom edge) is left out, so the panel never
/// ends with a heading that says nothing.
#[must_use]
pub fn fitted_lines(view: &View<'_>, width: usize, rows: usize) -> Vec<Line<'static>> {
    let mut out: Vec<Line<'static>> = Vec::new();
    for part in steps::part_order(view.app.selected) {
        let lines = part_lines(view, part, width);
        let room = rows.saturating_sub(out.len());
        if room == 0 || (lines.len() > room && room < 2 && !out.is_empty()) {
            break;
        }
        out.extend(lines.into_iter().take(room));
    }
    out
}
