//! The RPO/RTO figures of this run, small or, in projector mode, large. Every state has a
//! symbol as well as a colour. When space is short, the figures keep the RTO and the achieved
//! RPO before anything else.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use tui_big_text::{BigText, PixelSize};

use super::status::pair;
use super::{View, panel, wrap};
use crate::format;
use crate::lab::recovery::PointKind;
use crate::lab::{StepState, Text};

/// Below this the recovery box does not go under the steps list.
pub const RECOVERY_MIN_HEIGHT: u16 = 4;
/// Below this width the figures use short labels.
const NARROW: usize = 30;

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
    let r = &view.recovery;
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

    if let Some(rto) = &r.rto {
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
    } else {
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
    // Dump & restore's own RTO: until the app serves the todos from the original database.
    if let Some(copy) = &r.copy_back {
        let (sym, style) = verdict(view, r.copy_back_met());
        let value = format::duration(copy.seconds);
        let mut lines = pair(
            vec![Span::styled(view.t("ui-rto-copy-back"), th.heading)],
            &[
                Span::styled(
                    format!("{value} {sym} {}", target(r.rto_target_seconds)),
                    style,
                ),
                Span::styled(format!("{value} {sym}"), style),
            ],
            width,
        );
        if detailed {
            for phase in &copy.phases {
                lines.extend(pair(
                    vec![
                        Span::styled("  ", th.muted),
                        Span::styled(view.t(&phase.id), th.muted),
                    ],
                    &[Span::styled(format::duration(phase.seconds), th.text)],
                    width,
                ));
            }
        }
        items.push(Item { rank: 2, lines });
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
    let r = &view.recovery;
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
    if let Some(size) =
        figure_size(usize::from(inner.width)).filter(|_| inner.height >= BIG_FIGURE_ROWS * 2)
    {
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
    } else {
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
