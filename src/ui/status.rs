//! Live status of the account (instances, snapshots, ECS deployments, todos), each part with
//! its age and last error, and the RPO/RTO figures of this run, small or, in projector mode,
//! large. Every state has a symbol as well as a colour. When space is short, the part that
//! matters for the selected step comes first, and the figures keep the RTO and the achieved
//! RPO before anything else.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use tui_big_text::{BigText, PixelSize};

use super::{View, panel, wrap};
use crate::cloud::{
    CloudError, DbInstance, DbSnapshot, Deployment, DeploymentStatus, RolloutState, SnapshotKind,
    wire,
};
use crate::format;
use crate::lab::observe::Part;
use crate::lab::recovery::PointKind;
use crate::lab::{StepId, StepState, Text};

/// Below this the recovery box does not go under the steps list.
pub const RECOVERY_MIN_HEIGHT: u16 = 4;
/// Below this width the figures use short labels.
const NARROW: usize = 30;
/// Snapshots listed at most (automated ones pile up).
const MAX_SNAPSHOTS: usize = 4;

/// `left` with the first of `rights` that fits beside it, right-aligned; if none fits, the
/// left text wrapped, then the last of `rights` wrapped on the lines below.
fn pair(left: Vec<Span<'static>>, rights: &[Span<'static>], width: usize) -> Vec<Line<'static>> {
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
        Span::styled(i.status.clone(), style),
        width,
    );
    let az = view.t(if i.multi_az {
        "ui-multi-az"
    } else {
        "ui-single-az"
    });
    let backups = match i.pending_retention {
        Some(p) if p != i.retention_days => Text::new("ui-retention-pending")
            .arg("from", i.retention_days)
            .arg("to", p)
            .render(view.lang),
        _ if i.retention_days == 0 => view.t("ui-retention-off"),
        _ => Text::new("ui-retention-days")
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
                wrap::truncate(&view.t("ui-no-endpoint"), width.saturating_sub(2))
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
    } else if s.status == "creating" || s.status == "deleting" {
        (StepState::InProgress.symbol(), th.progress)
    } else {
        (StepState::Failed.symbol(), th.failed)
    };
    let state = if s.status == "creating" {
        format!("{} {}%", s.status, s.percent)
    } else {
        s.status.clone()
    };
    let mut out = named(
        sym,
        style,
        &s.id,
        th.text,
        Span::styled(state, style),
        width,
    );
    let kind = view.t(if s.kind == SnapshotKind::Manual {
        "ui-snapshot-manual"
    } else {
        "ui-snapshot-automated"
    });
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
        .task_definition
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_owned();
    let revision = label.rsplit(':').next().unwrap_or_default().to_owned();
    let primary = d.status == DeploymentStatus::Primary;
    let settled = d.rollout != Some(RolloutState::InProgress) && d.running == d.desired;
    let failing =
        d.rollout == Some(RolloutState::Failed) || d.failed_tasks >= crate::cloud::FAILING_TASKS;
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
        Text::new("ui-revision")
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
    if let Some(rollout) = &d.rollout {
        items.push(wire(rollout));
    }
    if d.failed_tasks > 0 {
        items.push(
            Text::new("ui-failed-tasks")
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

/// The parts of the status panel.
#[derive(Clone, Copy, PartialEq, Eq)]
enum PartKind {
    Instances,
    Snapshots,
    Service,
    Todos,
}

/// The part that matters for `step` first, the rest in their usual order.
fn order(step: StepId) -> [PartKind; 4] {
    use PartKind::{Instances, Service, Snapshots, Todos};
    match step {
        StepId::Snapshot | StepId::Protection => [Snapshots, Instances, Service, Todos],
        StepId::CreateTodos | StepId::DeleteTodos | StepId::Verify => {
            [Todos, Snapshots, Instances, Service]
        }
        StepId::SwitchBackend => [Service, Instances, Todos, Snapshots],
        _ => [Instances, Snapshots, Service, Todos],
    }
}

fn part_lines(view: &View<'_>, part: PartKind, width: usize) -> Vec<Line<'static>> {
    let app = view.app;
    let th = &view.th;
    let observed = &app.observed;
    let none = || Line::styled(format!("  {}", view.t("ui-none")), th.muted);
    let mut out = Vec::new();
    match part {
        PartKind::Instances => {
            out.extend(part_heading(
                view,
                view.t("ui-instances"),
                &observed.instances,
                width,
            ));
            match &observed.instances.value {
                Some(list) if list.is_empty() => out.push(none()),
                Some(list) => list
                    .iter()
                    .for_each(|i| out.extend(instance_lines(view, i, width))),
                None => {}
            }
        }
        PartKind::Snapshots => {
            out.extend(part_heading(
                view,
                view.t("ui-snapshots"),
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
                            Text::new("ui-more")
                                .arg("count", list.len() - MAX_SNAPSHOTS)
                                .render(view.lang),
                            th.muted,
                        ));
                    }
                }
                None => {}
            }
        }
        PartKind::Service => {
            out.extend(part_heading(
                view,
                view.t("ui-service"),
                &observed.service,
                width,
            ));
            if let Some(service) = &observed.service.value {
                for d in &service.deployments {
                    out.extend(deployment_lines(view, d, width));
                }
                let tasks = Text::new("ui-tasks")
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
        PartKind::Todos => {
            let todos = match observed.todo_count() {
                Some(n) => Text::new("ui-todos").arg("count", n).render(view.lang),
                None => view.t("ui-todos-unknown"),
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
    order(view.app.selected)
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
    let block = panel(view, format!(" {} ", view.t("ui-status-title")));
    let inner = block.inner(area);
    let lines = status_lines(view, usize::from(inner.width));
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

fn point_kind(view: &View<'_>, kind: PointKind) -> String {
    view.t(match kind {
        PointKind::Snapshot => "ui-point-snapshot",
        PointKind::PointInTime => "ui-point-pitr",
        PointKind::AutomatedSnapshot => "ui-point-automated",
    })
}

fn verdict(view: &View<'_>, met: Option<bool>) -> (&'static str, Style) {
    match met {
        Some(true) => (StepState::Done.symbol(), view.th.done),
        Some(false) => (StepState::Failed.symbol(), view.th.failed),
        None => (StepState::InProgress.symbol(), view.th.progress),
    }
}

/// A group of lines of the figures, with how much it matters when rows are short (0 first).
struct Item {
    rank: u8,
    lines: Vec<Line<'static>>,
}

/// The RPO/RTO figures as lines, at most `max_rows`; `detailed` adds times, lost todos and
/// the point-in-time note (the summary step).
#[must_use]
pub fn recovery_lines(
    view: &View<'_>,
    width: usize,
    detailed: bool,
    max_rows: usize,
) -> Vec<Line<'static>> {
    let th = &view.th;
    let r = view.app.recovery();
    let target = |secs: i64| {
        Text::new("ui-target")
            .arg("target", format::target(secs))
            .render(view.lang)
    };
    let mut items: Vec<Item> = Vec::new();

    let live = match &r.live_rpo {
        Some(l) => {
            let value = format::duration(l.seconds);
            let full = format!("{value} ({})", point_kind(view, l.kind));
            pair(
                vec![Span::styled(view.t("ui-rpo-live"), th.heading)],
                &[
                    Span::styled(full, th.text),
                    Span::styled(value, th.text),
                    Span::styled(coarse(l.seconds), th.text),
                ],
                width,
            )
        }
        None => pair(
            vec![Span::styled(view.t("ui-rpo-live"), th.heading)],
            &[
                Span::styled(view.t("ui-rpo-no-point"), th.muted),
                Span::styled(view.t("ui-rpo-no-point-short"), th.muted),
                Span::styled("–", th.muted),
            ],
            width,
        ),
    };
    items.push(Item {
        rank: 2,
        lines: live,
    });

    if let Some(a) = &r.achieved_rpo {
        let (sym, style) = verdict(view, r.rpo_met());
        let value = format::duration(a.seconds);
        let rights = [
            Span::styled(
                format!("{value} {sym} {}", target(r.rpo_target_seconds)),
                style,
            ),
            Span::styled(format!("{value} {sym}"), style),
        ];
        // Narrow boxes name it shortly so the figure stays on the same line.
        let label = if width < NARROW {
            view.t("ui-rpo-achieved-short")
        } else {
            view.t("ui-rpo-achieved")
        };
        items.push(Item {
            rank: 1,
            lines: pair(vec![Span::styled(label, th.heading)], &rights, width),
        });
        if detailed {
            let when = Text::new("ui-rpo-between")
                .arg("point", view.hms(a.point))
                .arg("disaster", view.hms(a.disaster))
                .render(view.lang);
            let lost = if a.lost.is_empty() {
                view.t("ui-lost-none")
            } else {
                Text::new("ui-lost")
                    .arg("todos", a.lost.join(", "))
                    .render(view.lang)
            };
            let mut lines = wrap::lines_with("  ", &when, width, th.muted, th.muted);
            lines.extend(wrap::lines_with("  ", &lost, width, th.muted, th.text));
            items.push(Item { rank: 3, lines });
        }
    }

    match &r.rto {
        Some(rto) => {
            let (sym, style) = verdict(view, r.rto_met());
            let value = format::duration(rto.seconds);
            let rights = [
                Span::styled(
                    format!("{value} {sym} {}", target(r.rto_target_seconds)),
                    style,
                ),
                Span::styled(format!("{value} {sym}"), style),
            ];
            items.push(Item {
                rank: 0,
                lines: pair(
                    vec![Span::styled(view.t("ui-rto"), th.heading)],
                    &rights,
                    width,
                ),
            });
            for phase in &rto.phases {
                // Phases have no target of their own: a finished one shows its duration,
                // the running one that it runs.
                let value = if phase.complete {
                    format::duration(phase.seconds)
                } else {
                    format!(
                        "{} {}",
                        format::duration(phase.seconds),
                        StepState::InProgress.symbol()
                    )
                };
                let style = if phase.complete { th.text } else { th.progress };
                let lines = pair(
                    vec![
                        Span::styled("  ", th.muted),
                        Span::styled(view.t(&phase.id), th.muted),
                    ],
                    &[Span::styled(value, style)],
                    width,
                );
                items.push(Item {
                    rank: if phase.complete { 4 } else { 3 },
                    lines,
                });
            }
        }
        None => {
            let lines = pair(
                vec![Span::styled(view.t("ui-rto"), th.heading)],
                &[Span::styled(target(r.rto_target_seconds), th.muted)],
                width,
            );
            items.push(Item { rank: 3, lines });
            items.push(Item {
                rank: 5,
                lines: wrap::lines_with(
                    "  ",
                    &view.t("ui-rto-not-started"),
                    width,
                    th.muted,
                    th.muted,
                ),
            });
        }
    }
    if detailed {
        let pitr = Text::new("ui-rpo-pitr")
            .arg("rpo", format::target(r.pitr_rpo_seconds))
            .render(view.lang);
        items.push(Item {
            rank: 5,
            lines: wrap::lines_with("• ", &pitr, width, th.accent, th.text),
        });
    }

    // Keep the most important items that fit, in their order on screen.
    let mut keep = vec![false; items.len()];
    let mut used = 0;
    let mut ranked: Vec<usize> = (0..items.len()).collect();
    ranked.sort_by_key(|i| items[*i].rank);
    for i in ranked {
        if used + items[i].lines.len() <= max_rows {
            used += items[i].lines.len();
            keep[i] = true;
        }
    }
    items
        .into_iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .flat_map(|(item, _)| item.lines)
        .collect()
}

/// Rows the recovery box would like at `width` (including its border).
#[must_use]
pub fn recovery_height(view: &View<'_>, width: u16) -> u16 {
    super::rows(
        recovery_lines(
            view,
            usize::from(width.saturating_sub(2)),
            false,
            usize::MAX,
        )
        .len()
            + 2,
    )
}

pub fn draw_recovery(frame: &mut Frame, area: Rect, view: &View<'_>) {
    let block = panel(view, format!(" {} ", view.t("ui-recovery-title")));
    let inner = block.inner(area);
    let lines = recovery_lines(
        view,
        usize::from(inner.width),
        false,
        usize::from(inner.height),
    );
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// `45 s`, `3 min`, `1 h 05 min`: a duration rounded down for narrow boxes.
#[must_use]
pub fn coarse(seconds: i64) -> String {
    let s = seconds.max(0);
    if s < 60 {
        format!("{s} s")
    } else if s < 3600 {
        format!("{} min", s / 60)
    } else {
        format!("{} h {:02} min", s / 3600, (s % 3600) / 60)
    }
}

/// `2:05`, `1:02:03`: a duration for large type.
#[must_use]
pub fn clock(seconds: i64) -> String {
    let s = seconds.max(0);
    let (h, m, sec) = (s / 3600, (s % 3600) / 60, s % 60);
    if h > 0 {
        format!("{h}:{m:02}:{sec:02}")
    } else {
        format!("{m}:{sec:02}")
    }
}

/// Rows of one big figure: its label and four rows of glyphs.
const BIG_FIGURE_ROWS: u16 = 5;
/// The widest figure drawn big.
const WIDEST_FIGURE: &str = "0:00:00";

/// The pixel size at which `WIDEST_FIGURE` fits in `width`, if any.
fn figure_size(width: usize) -> Option<PixelSize> {
    let glyphs = WIDEST_FIGURE.len();
    if width >= glyphs * 8 {
        Some(PixelSize::HalfHeight)
    } else if width >= glyphs * 4 {
        Some(PixelSize::Quadrant)
    } else {
        None
    }
}

/// Rows the projector figures want at `width` (including the border).
#[must_use]
pub fn big_figures_height(width: u16) -> u16 {
    if figure_size(usize::from(width.saturating_sub(2))).is_some() {
        BIG_FIGURE_ROWS * 2 + 2
    } else {
        6
    }
}

/// Projector mode: the RPO and RTO of this run in large type.
pub fn draw_big_figures(frame: &mut Frame, area: Rect, view: &View<'_>) {
    let th = &view.th;
    let block = panel(view, format!(" {} ", view.t("ui-recovery-title")));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let r = view.app.recovery();
    let target = |secs: i64| {
        Text::new("ui-target")
            .arg("target", format::target(secs))
            .render(view.lang)
    };
    // The big digits would read like a clock time without their unit.
    let unit = |secs: i64| {
        view.t(if secs >= 3600 {
            "ui-figure-unit-hms"
        } else {
            "ui-figure-unit-ms"
        })
    };
    let (rpo_label, rpo_value, rpo_style) = match (&r.achieved_rpo, &r.live_rpo) {
        (Some(a), _) => {
            let (sym, style) = verdict(view, r.rpo_met());
            (
                format!(
                    "{} ({}) {sym} {}",
                    view.t("ui-rpo-achieved"),
                    unit(a.seconds),
                    target(r.rpo_target_seconds)
                ),
                Some(a.seconds),
                style,
            )
        }
        (None, Some(l)) => (
            format!(
                "{} ({}, {})",
                view.t("ui-rpo-live"),
                unit(l.seconds),
                point_kind(view, l.kind)
            ),
            Some(l.seconds),
            th.accent,
        ),
        (None, None) => (
            format!("{}: {}", view.t("ui-rpo-live"), view.t("ui-rpo-no-point")),
            None,
            th.muted,
        ),
    };
    let (rto_label, rto_value, rto_style) = match &r.rto {
        Some(rto) => {
            let (sym, style) = verdict(view, r.rto_met());
            (
                format!(
                    "{} ({}) {sym} {}",
                    view.t("ui-rto"),
                    unit(rto.seconds),
                    target(r.rto_target_seconds)
                ),
                Some(rto.seconds),
                style,
            )
        }
        None => (
            format!(
                "{} {} · {}",
                view.t("ui-rto"),
                target(r.rto_target_seconds),
                view.t("ui-rto-not-started")
            ),
            None,
            th.muted,
        ),
    };
    let figures = [
        (rpo_label, rpo_value, rpo_style),
        (rto_label, rto_value, rto_style),
    ];
    match figure_size(usize::from(inner.width)).filter(|_| inner.height >= BIG_FIGURE_ROWS * 2) {
        Some(size) => {
            let areas: [Rect; 2] =
                Layout::vertical([Constraint::Length(BIG_FIGURE_ROWS); 2]).areas(inner);
            for ((label, value, style), area) in figures.into_iter().zip(areas) {
                let [label_area, figure_area] =
                    Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
                frame.render_widget(
                    Paragraph::new(Line::styled(
                        wrap::truncate(&label, usize::from(label_area.width)),
                        th.heading,
                    )),
                    label_area,
                );
                // The big font has no dash wider than ASCII.
                let text = value.map_or_else(|| "--:--".to_owned(), clock);
                frame.render_widget(
                    BigText::builder()
                        .pixel_size(size)
                        .style(style)
                        .lines(vec![Line::from(text)])
                        .build(),
                    figure_area,
                );
            }
        }
        None => {
            // Too small for large type: the figures as in the normal view, in bold.
            let lines = recovery_lines(
                view,
                usize::from(inner.width),
                false,
                usize::from(inner.height),
            );
            frame.render_widget(
                Paragraph::new(lines).style(Style::new().add_modifier(Modifier::BOLD)),
                inner,
            );
        }
    }
}
