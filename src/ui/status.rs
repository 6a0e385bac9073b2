//! Live status of the account (instances, snapshots, ECS deployments, todos), each part with
//! its age and last error, and the RPO/RTO figures of this run, small or, in projector mode,
//! large. Every state has a symbol as well as a colour.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use serde::Serialize;
use tui_big_text::{BigText, PixelSize};

use super::{View, panel, wrap};
use crate::cloud::{CloudError, DbInstance, SnapshotKind};
use crate::lab::observe::Part;
use crate::lab::recovery::{PointKind, Recovery, human};
use crate::lab::{StepState, Text};

/// Below this the recovery box does not go under the steps list.
pub const RECOVERY_MIN_HEIGHT: u16 = 4;
/// From this height on the right column holds status, figures and timeline together.
pub const RIGHT_COMFORT_HEIGHT: u16 = 30;
/// Snapshots listed at most (automated ones pile up).
const MAX_SNAPSHOTS: usize = 4;

/// An AWS value as it goes over the wire (`PRIMARY`, `IN_PROGRESS`).
fn wire<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// `left` and `right` on one line (right-aligned) or, if they do not fit, on two.
fn pair(left: Vec<Span<'static>>, right: Span<'static>, width: usize) -> Vec<Line<'static>> {
    let used: usize = left.iter().map(Span::width).sum();
    if used + 1 + right.width() <= width {
        let mut spans = left;
        spans.push(Span::raw(" ".repeat(width - used - right.width())));
        spans.push(right);
        vec![Line::from(spans)]
    } else {
        let indent = "  ";
        let right = Span::styled(
            wrap::truncate(&right.content, width.saturating_sub(indent.len())),
            right.style,
        );
        vec![Line::from(left), Line::from(vec![Span::raw(indent), right])]
    }
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
        Span::styled(view.updated(part.updated), th.muted),
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

fn instance_lines(view: &View<'_>, i: &DbInstance, width: usize) -> Vec<Line<'static>> {
    let th = &view.th;
    let (sym, style) = instance_symbol(view, i);
    let name = wrap::truncate(&i.id, width.saturating_sub(2));
    let mut out = pair(
        vec![
            Span::styled(sym, style),
            Span::raw(" "),
            Span::styled(name, th.text),
        ],
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
    let details = format!("{} · {az} · {backups}", i.class);
    out.extend(wrap::lines_with("  ", &details, width, th.muted, th.muted));
    let endpoint = i
        .endpoint
        .clone()
        .unwrap_or_else(|| view.t("ui-no-endpoint"));
    out.push(Line::styled(
        format!("  {}", wrap::truncate(&endpoint, width.saturating_sub(2))),
        if i.endpoint.is_some() {
            th.muted
        } else {
            th.progress
        },
    ));
    out
}

/// The status panel's lines at `width`.
#[must_use]
pub fn status_lines(view: &View<'_>, width: usize) -> Vec<Line<'static>> {
    let app = view.app;
    let th = &view.th;
    let observed = &app.observed;
    let mut out = part_heading(view, view.t("ui-instances"), &observed.instances, width);
    match &observed.instances.value {
        Some(list) if list.is_empty() => {
            out.push(Line::styled(format!("  {}", view.t("ui-none")), th.muted))
        }
        Some(list) => {
            for i in list {
                out.extend(instance_lines(view, i, width));
            }
        }
        None => {}
    }

    out.extend(part_heading(
        view,
        view.t("ui-snapshots"),
        &observed.snapshots,
        width,
    ));
    match &observed.snapshots.value {
        Some(list) if list.is_empty() => {
            out.push(Line::styled(format!("  {}", view.t("ui-none")), th.muted))
        }
        Some(list) => {
            let mut list: Vec<_> = list.iter().collect();
            list.sort_by(|a, b| b.created.cmp(&a.created).then_with(|| a.id.cmp(&b.id)));
            for s in list.iter().take(MAX_SNAPSHOTS) {
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
                let name = wrap::truncate(&s.id, width.saturating_sub(2));
                out.extend(pair(
                    vec![
                        Span::styled(sym, style),
                        Span::raw(" "),
                        Span::styled(name, th.text),
                    ],
                    Span::styled(state, style),
                    width,
                ));
                let kind = view.t(if s.kind == SnapshotKind::Manual {
                    "ui-snapshot-manual"
                } else {
                    "ui-snapshot-automated"
                });
                let when = s.created.map(|t| view.hms(t)).unwrap_or_default();
                out.push(Line::styled(
                    wrap::truncate(&format!("  {kind} · {when}"), width),
                    th.muted,
                ));
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

    let service_name = observed
        .service
        .value
        .as_ref()
        .map_or_else(|| app.config.names.service.clone(), |s| s.name.clone());
    out.extend(part_heading(
        view,
        Text::new("ui-service")
            .arg("service", service_name)
            .render(view.lang),
        &observed.service,
        width,
    ));
    if let Some(service) = &observed.service.value {
        for d in &service.deployments {
            let revision = d
                .task_definition
                .rsplit('/')
                .next()
                .unwrap_or_default()
                .to_owned();
            let primary = d.status == crate::cloud::DeploymentStatus::Primary;
            let stable =
                d.rollout != Some(crate::cloud::RolloutState::InProgress) && d.running == d.desired;
            let (sym, style) = if stable {
                (StepState::Done.symbol(), th.done)
            } else {
                (StepState::InProgress.symbol(), th.progress)
            };
            let counts = format!("{}/{}", d.running, d.desired);
            out.extend(pair(
                vec![
                    Span::styled(sym, style),
                    Span::raw(" "),
                    Span::styled(
                        wrap::truncate(&revision, width.saturating_sub(8)),
                        if primary { th.heading } else { th.text },
                    ),
                ],
                Span::styled(counts, style),
                width,
            ));
            let mut detail = wire(&d.status);
            if let Some(rollout) = &d.rollout {
                detail = format!("{detail} · {}", wire(rollout));
            }
            out.push(Line::styled(
                wrap::truncate(&format!("  {detail}"), width),
                th.muted,
            ));
        }
        let tasks = Text::new("ui-tasks")
            .arg("running", service.running)
            .arg("desired", service.desired)
            .render(view.lang);
        out.push(Line::styled(
            wrap::truncate(&format!("  {tasks}"), width),
            th.muted,
        ));
    }

    let todos = match observed.todo_count() {
        Some(n) => Text::new("ui-todos").arg("count", n).render(view.lang),
        None => Text::new("ui-todos-unknown").render(view.lang),
    };
    out.extend(pair(
        vec![Span::styled(todos, th.heading)],
        Span::styled(view.updated(observed.todos.updated), th.muted),
        width,
    ));
    if let Some(e) = &observed.todos.error {
        out.push(error_line(view, e, width));
    }
    out
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

/// The RPO/RTO figures as lines; `detailed` adds times, lost todos and the phases.
#[must_use]
pub fn recovery_lines(view: &View<'_>, width: usize, detailed: bool) -> Vec<Line<'static>> {
    let th = &view.th;
    let r: Recovery = view.app.recovery();
    let target = |secs: i64| {
        Text::new("ui-target")
            .arg("target", human(secs))
            .render(view.lang)
    };
    let mut out = Vec::new();

    let live = match &r.live_rpo {
        Some(l) => format!("{} ({})", human(l.seconds), point_kind(view, l.kind)),
        None => view.t("ui-rpo-no-point"),
    };
    out.extend(pair(
        vec![Span::styled(view.t("ui-rpo-live"), th.heading)],
        Span::styled(live, th.text),
        width,
    ));

    if let Some(a) = &r.achieved_rpo {
        let (sym, style) = verdict(view, r.rpo_met());
        out.extend(pair(
            vec![Span::styled(view.t("ui-rpo-achieved"), th.heading)],
            Span::styled(
                format!(
                    "{} {sym} {}",
                    human(a.seconds),
                    target(r.rpo_target_seconds)
                ),
                style,
            ),
            width,
        ));
        if detailed {
            let when = Text::new("ui-rpo-between")
                .arg("point", view.hms(a.point))
                .arg("disaster", view.hms(a.disaster))
                .render(view.lang);
            out.extend(wrap::lines_with("  ", &when, width, th.muted, th.muted));
            let lost = if a.lost.is_empty() {
                view.t("ui-lost-none")
            } else {
                Text::new("ui-lost")
                    .arg("todos", a.lost.join(", "))
                    .render(view.lang)
            };
            out.extend(wrap::lines_with("  ", &lost, width, th.muted, th.text));
        }
    }

    match &r.rto {
        Some(rto) => {
            let (sym, style) = verdict(view, r.rto_met());
            out.extend(pair(
                vec![Span::styled(view.t("ui-rto"), th.heading)],
                Span::styled(
                    format!(
                        "{} {sym} {}",
                        human(rto.seconds),
                        target(r.rto_target_seconds)
                    ),
                    style,
                ),
                width,
            ));
            for phase in &rto.phases {
                let (sym, style) = if phase.complete {
                    (StepState::Done.symbol(), th.done)
                } else {
                    (StepState::InProgress.symbol(), th.progress)
                };
                out.extend(pair(
                    vec![
                        Span::styled("  ", th.muted),
                        Span::styled(view.t(&phase.id), th.muted),
                    ],
                    Span::styled(format!("{} {sym}", human(phase.seconds)), style),
                    width,
                ));
            }
        }
        None => {
            out.extend(pair(
                vec![Span::styled(view.t("ui-rto"), th.heading)],
                Span::styled(target(r.rto_target_seconds), th.muted),
                width,
            ));
            if detailed || out.len() < 4 {
                out.extend(wrap::lines_with(
                    "  ",
                    &view.t("ui-rto-not-started"),
                    width,
                    th.muted,
                    th.muted,
                ));
            }
        }
    }
    if detailed {
        let pitr = Text::new("ui-rpo-pitr")
            .arg("rpo", human(r.pitr_rpo_seconds))
            .render(view.lang);
        out.extend(wrap::lines_with("• ", &pitr, width, th.accent, th.text));
    }
    out
}

/// Rows the recovery box would like at `width` (including its border).
#[must_use]
pub fn recovery_height(view: &View<'_>, width: u16) -> u16 {
    super::rows(recovery_lines(view, usize::from(width.saturating_sub(2)), false).len() + 2)
}

pub fn draw_recovery(frame: &mut Frame, area: Rect, view: &View<'_>) {
    let block = panel(view, format!(" {} ", view.t("ui-recovery-title")));
    let inner = block.inner(area);
    let lines = recovery_lines(view, usize::from(inner.width), false);
    frame.render_widget(Paragraph::new(lines).block(block), area);
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

/// Rows of one big figure (Quadrant glyphs are four rows high) plus its label.
const BIG_FIGURE_ROWS: u16 = 5;
/// Glyph width at the Quadrant size.
const BIG_GLYPH_WIDTH: usize = 4;

/// Rows the projector figures want at `width`.
#[must_use]
pub fn big_figures_height(view: &View<'_>, width: u16) -> u16 {
    let _ = view;
    if usize::from(width.saturating_sub(2)) >= "0:00:00".len() * BIG_GLYPH_WIDTH {
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
            .arg("target", human(secs))
            .render(view.lang)
    };
    let (rpo_label, rpo_value, rpo_style) = match (&r.achieved_rpo, &r.live_rpo) {
        (Some(a), _) => {
            let (sym, style) = verdict(view, r.rpo_met());
            (
                format!(
                    "{} {sym} {}",
                    view.t("ui-rpo-achieved"),
                    target(r.rpo_target_seconds)
                ),
                Some(a.seconds),
                style,
            )
        }
        (None, Some(l)) => (
            format!("{} ({})", view.t("ui-rpo-live"), point_kind(view, l.kind)),
            Some(l.seconds),
            th.accent,
        ),
        (None, None) => (
            format!("{} {}", view.t("ui-rpo-live"), view.t("ui-rpo-no-point")),
            None,
            th.muted,
        ),
    };
    let (rto_label, rto_value, rto_style) = match &r.rto {
        Some(rto) => {
            let (sym, style) = verdict(view, r.rto_met());
            (
                format!(
                    "{} {sym} {}",
                    view.t("ui-rto"),
                    target(r.rto_target_seconds)
                ),
                Some(rto.seconds),
                style,
            )
        }
        None => (
            format!("{} {}", view.t("ui-rto"), target(r.rto_target_seconds)),
            None,
            th.muted,
        ),
    };
    let figures = [
        (rpo_label, rpo_value, rpo_style),
        (rto_label, rto_value, rto_style),
    ];
    let big = inner.height >= BIG_FIGURE_ROWS * 2
        && usize::from(inner.width) >= "0:00:00".len() * BIG_GLYPH_WIDTH;
    if big {
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
            let text = value.map_or_else(|| "–".to_owned(), clock);
            frame.render_widget(
                BigText::builder()
                    .pixel_size(PixelSize::Quadrant)
                    .style(style)
                    .lines(vec![Line::from(text)])
                    .build(),
                figure_area,
            );
        }
    } else {
        let lines: Vec<Line<'static>> = figures
            .into_iter()
            .flat_map(|(label, value, style)| {
                let value = value.map_or_else(|| "–".to_owned(), human);
                pair(
                    vec![Span::styled(label, th.heading)],
                    Span::styled(value, style.add_modifier(ratatui::style::Modifier::BOLD)),
                    usize::from(inner.width),
                )
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
    }
}
