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
use crate::lab::recovery::{Actor, PointKind};
use crate::lab::{StepState, Text};
use crate::msg;

/// Below this the recovery box does not go under the steps list.
pub const RECOVERY_MIN_HEIGHT: u16 = 4;
/// Below this width the figures use short labels where rows are short too.
const NARROW: usize = 30;
/// Below this width the achieved RPO is called just "RPO".
const SHORT_LABELS: usize = 20;

fn point_kind(view: &View<'_>, kind: PointKind) -> String {
    view.t(match kind {
        PointKind::Snapshot => msg::UI_POINT_SNAPSHOT,
        PointKind::PointInTime => msg::UI_POINT_PITR,
        PointKind::AutomatedSnapshot => msg::UI_POINT_AUTOMATED,
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

/// `≤ 30 min` as the target reads.
fn target(view: &View<'_>, secs: i64) -> String {
    Text::new(msg::UI_TARGET)
        .arg("target", format::target(secs))
        .render(view.lang)
}

/// A figure with its verdict: `7 min 00 s ✔`.
fn verdict_value(view: &View<'_>, seconds: i64, met: Option<bool>) -> (String, Style) {
    let (sym, style) = verdict(view, met);
    (format!("{} {sym}", format::duration(seconds)), style)
}

/// `label … value` on one line, or the value on its own line under the label when it does
/// not fit beside it (never cut).
fn figure(label: Span<'static>, value: Span<'static>, width: usize) -> Vec<Line<'static>> {
    pair(vec![label], &[value], width)
}

/// The RTO split into AWS time and your time (they add up to the RTO), and in `detailed`
/// the phases under each.
fn rto_breakdown(
    view: &View<'_>,
    rto: &crate::lab::recovery::Rto,
    width: usize,
    detailed: bool,
) -> Vec<Line<'static>> {
    let th = &view.th;
    let mut out = Vec::new();
    for (actor, id) in [(Actor::Aws, msg::UI_RTO_AWS), (Actor::You, msg::UI_RTO_YOU)] {
        let seconds = rto.seconds_of(actor);
        let running = rto.running(actor);
        let value = format::duration(seconds);
        let style = if running { th.progress } else { th.text };
        // The running side says so where there is room; its colour says it too.
        let mut rights = vec![Span::styled(value.clone(), style)];
        if running {
            let symbol = StepState::InProgress.symbol();
            rights.insert(0, Span::styled(format!("{value} {symbol}"), style));
        }
        out.extend(pair(
            vec![Span::styled(format!("  {}", view.t(id)), th.muted)],
            &rights,
            width,
        ));
        if detailed {
            for phase in rto.phases.iter().filter(|p| p.actor == actor) {
                out.extend(pair(
                    vec![Span::styled(
                        format!("    {}", crate::i18n::tr(view.lang, &phase.id, None)),
                        th.muted,
                    )],
                    &[Span::styled(
                        format::duration(phase.seconds),
                        if phase.complete {
                            th.muted
                        } else {
                            th.progress
                        },
                    )],
                    width,
                ));
            }
        }
    }
    out
}

/// The RPO/RTO figures as lines, at most `max_rows`; `detailed` adds times, lost todos, the
/// phases of the RTO and the point-in-time note (the summary step). Every duration is written
/// one way (`4 min 05 s`); a value that does not fit beside its label goes below it.
#[must_use]
pub fn recovery_lines(
    view: &View<'_>,
    width: usize,
    detailed: bool,
    max_rows: usize,
) -> Vec<Line<'static>> {
    let th = &view.th;
    let r = &view.recovery;
    let mut items: Vec<Item> = Vec::new();
    let narrow = width < NARROW;

    let live_label = Span::styled(view.t(msg::UI_RPO_LIVE), th.heading);
    let live = match &r.live_rpo {
        Some(l) => {
            let value = format::duration(l.seconds);
            let full = format!("{value} ({})", point_kind(view, l.kind));
            pair(
                vec![live_label],
                &[Span::styled(full, th.text), Span::styled(value, th.text)],
                width,
            )
        }
        None => pair(
            vec![live_label],
            &[
                Span::styled(view.t(msg::UI_RPO_NO_POINT), th.muted),
                Span::styled(view.t(msg::UI_RPO_NO_POINT_SHORT), th.muted),
            ],
            width,
        ),
    };
    items.push(Item {
        rank: if r.achieved_rpo.is_some() { 4 } else { 2 },
        lines: live,
    });

    if let Some(a) = &r.achieved_rpo {
        let (value, style) = verdict_value(view, a.seconds, r.rpo_met());
        // The narrowest boxes name it shortly so the figure stays on the same line;
        // elsewhere it is "achieved RPO", told apart from "RPO now" above it.
        let label = if narrow && (width < SHORT_LABELS || max_rows < 4) {
            view.t(msg::UI_RPO_ACHIEVED_SHORT)
        } else {
            view.t(msg::UI_RPO_ACHIEVED)
        };
        let with_target = format!("{value} {}", target(view, r.rpo_target_seconds));
        items.push(Item {
            rank: 1,
            lines: pair(
                vec![Span::styled(label, th.heading)],
                &[Span::styled(with_target, style), Span::styled(value, style)],
                width,
            ),
        });
        if detailed {
            let when = Text::new(msg::UI_RPO_BETWEEN)
                .arg("point", view.hms(a.point))
                .arg("disaster", view.hms(a.disaster))
                .render(view.lang);
            let lost = if a.lost.is_empty() {
                view.t(msg::UI_LOST_NONE)
            } else {
                Text::new(msg::UI_LOST)
                    .arg("todos", a.lost.join(", "))
                    .render(view.lang)
            };
            let mut lines = wrap::lines_with("  ", &when, width, th.muted, th.muted);
            lines.extend(wrap::lines_with("  ", &lost, width, th.muted, th.text));
            items.push(Item { rank: 3, lines });
        }
    }

    let rto_label = Span::styled(view.t(msg::UI_RTO), th.heading);
    let target_text = target(view, r.rto_target_seconds);
    if let Some(rto) = &r.rto {
        let (value, style) = verdict_value(view, rto.seconds, r.rto_met());
        let with_target = format!("{value} {target_text}");
        let label_width = rto_label.width();
        if label_width + 1 + wrap::width(&with_target) <= width {
            items.push(Item {
                rank: 0,
                lines: figure(rto_label, Span::styled(with_target, style), width),
            });
        } else {
            // The target stays in view while the clock runs: on a line of its own.
            items.push(Item {
                rank: 0,
                lines: figure(rto_label, Span::styled(value, style), width),
            });
            items.push(Item {
                rank: 1,
                lines: pair(
                    vec![Span::raw("  ")],
                    &[Span::styled(target_text, th.muted)],
                    width,
                ),
            });
        }
        items.push(Item {
            rank: if detailed { 1 } else { 3 },
            lines: rto_breakdown(view, rto, width, detailed),
        });
        if let (true, crate::cloud::Mode::Simulation { speed }) = (detailed, &view.app.mode) {
            let note = Text::new(msg::UI_SIM_CLOCK)
                .arg("speed", crate::format::speed(*speed))
                .render(view.lang);
            items.push(Item {
                rank: 5,
                lines: wrap::lines_with("  ", &note, width, th.muted, th.muted),
            });
        }
    } else {
        items.push(Item {
            rank: 1,
            lines: figure(rto_label, Span::styled(target_text, th.muted), width),
        });
        items.push(Item {
            rank: 5,
            lines: wrap::lines_with(
                "  ",
                &view.t(msg::UI_RTO_NOT_STARTED),
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
            vec![Span::styled(view.t(msg::UI_RTO_COPY_BACK), th.heading)],
            &[
                Span::styled(
                    format!("{value} {sym} {}", target(view, r.rto_target_seconds)),
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
                        Span::styled(crate::i18n::tr(view.lang, &phase.id, None), th.muted),
                    ],
                    &[Span::styled(format::duration(phase.seconds), th.text)],
                    width,
                ));
            }
        }
        items.push(Item { rank: 2, lines });
    }
    if detailed {
        let pitr = Text::new(msg::UI_RPO_PITR)
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

/// Rows the recovery box takes at `width` when it may have at most `max` (including its
/// border): as many as the figures kept at that height need, so no row stays empty where an
/// item that did not fit was left out.
#[must_use]
pub fn fitted_height(view: &View<'_>, width: u16, max: u16) -> u16 {
    let wanted = recovery_height(view, width);
    if wanted <= max {
        return wanted;
    }
    let kept = recovery_lines(
        view,
        usize::from(width.saturating_sub(2)),
        false,
        usize::from(max.saturating_sub(2)),
    );
    super::rows(kept.len() + 2).min(max)
}

pub fn draw_recovery(frame: &mut Frame, area: Rect, view: &View<'_>) {
    let block = panel(view, format!(" {} ", view.t(msg::UI_RECOVERY_TITLE)));
    let inner = block.inner(area);
    let lines = recovery_lines(
        view,
        usize::from(inner.width),
        false,
        usize::from(inner.height),
    );
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

/// One big figure: its label line, the digits and small lines beside them.
struct BigFigure {
    label: String,
    value: Option<i64>,
    style: Style,
    side: Vec<String>,
}

/// Projector mode: the RPO and RTO of this run in large type. Each figure has its label on
/// one line (what it is, its verdict and target), the digits, and beside them the unit and,
/// for the RTO, AWS time and your time, which add up to it.
pub fn draw_big_figures(frame: &mut Frame, area: Rect, view: &View<'_>) {
    let th = &view.th;
    let block = panel(view, format!(" {} ", view.t(msg::UI_RECOVERY_TITLE)));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let r = &view.recovery;
    // The big digits would read like a clock time without their unit.
    let unit = |secs: i64| {
        view.t(if secs >= 3600 {
            msg::UI_FIGURE_UNIT_HMS
        } else {
            msg::UI_FIGURE_UNIT_MS
        })
    };
    let rpo = match (&r.achieved_rpo, &r.live_rpo) {
        (Some(a), _) => {
            let (sym, style) = verdict(view, r.rpo_met());
            BigFigure {
                label: format!(
                    "{} {sym} {}",
                    view.t(msg::UI_RPO_ACHIEVED),
                    target(view, r.rpo_target_seconds)
                ),
                value: Some(a.seconds),
                style,
                side: vec![unit(a.seconds)],
            }
        }
        (None, Some(l)) => BigFigure {
            label: view.t(msg::UI_RPO_LIVE),
            value: Some(l.seconds),
            style: th.accent,
            side: vec![unit(l.seconds), point_kind(view, l.kind)],
        },
        (None, None) => BigFigure {
            label: format!(
                "{}: {}",
                view.t(msg::UI_RPO_LIVE),
                view.t(msg::UI_RPO_NO_POINT)
            ),
            value: None,
            style: th.muted,
            side: Vec::new(),
        },
    };
    let rto = match &r.rto {
        Some(rto) => {
            let (sym, style) = verdict(view, r.rto_met());
            let mut side = vec![unit(rto.seconds)];
            for (actor, id) in [(Actor::Aws, msg::UI_RTO_AWS), (Actor::You, msg::UI_RTO_YOU)] {
                side.push(format!("{} {}", view.t(id), clock(rto.seconds_of(actor))));
            }
            BigFigure {
                label: format!(
                    "{} {sym} {}",
                    view.t(msg::UI_RTO),
                    target(view, r.rto_target_seconds)
                ),
                value: Some(rto.seconds),
                style,
                side,
            }
        }
        None => BigFigure {
            label: format!(
                "{} {}",
                view.t(msg::UI_RTO),
                target(view, r.rto_target_seconds)
            ),
            value: None,
            style: th.muted,
            side: vec![view.t(msg::UI_RTO_NOT_STARTED)],
        },
    };
    if let Some(size) =
        figure_size(usize::from(inner.width)).filter(|_| inner.height >= BIG_FIGURE_ROWS * 2)
    {
        let areas: [Rect; 2] =
            Layout::vertical([Constraint::Length(BIG_FIGURE_ROWS); 2]).areas(inner);
        let glyph = match size {
            PixelSize::HalfHeight => 8,
            _ => 4,
        };
        for (fig, area) in [rpo, rto].into_iter().zip(areas) {
            // The label wraps instead of being cut; without a figure yet, the label and the
            // lines beside it take the room the digits would.
            let label_lines = wrap::wrap(&fig.label, usize::from(area.width));
            if fig.value.is_none() {
                let lines: Vec<Line<'static>> = label_lines
                    .into_iter()
                    .map(|l| Line::styled(l, th.heading.add_modifier(Modifier::BOLD)))
                    .chain(fig.side.iter().flat_map(|l| {
                        wrap::wrap(l, usize::from(area.width))
                            .into_iter()
                            .map(|l| Line::styled(l, th.text.add_modifier(Modifier::BOLD)))
                    }))
                    .collect();
                frame.render_widget(Paragraph::new(lines), area);
                continue;
            }
            let label_rows = super::rows(label_lines.len())
                .clamp(1, area.height.saturating_sub(BIG_FIGURE_ROWS - 1).max(1));
            let [label_area, figure_area] =
                Layout::vertical([Constraint::Length(label_rows), Constraint::Fill(1)]).areas(area);
            frame.render_widget(
                Paragraph::new(
                    label_lines
                        .into_iter()
                        .map(|l| Line::styled(l, th.heading.add_modifier(Modifier::BOLD)))
                        .collect::<Vec<_>>(),
                ),
                label_area,
            );
            // The big font has no dash wider than ASCII.
            let text = fig.value.map_or_else(|| "--:--".to_owned(), clock);
            let digits = super::rows(wrap::width(&text) * glyph + 1).min(figure_area.width);
            let [digits_area, side_area] =
                Layout::horizontal([Constraint::Length(digits), Constraint::Fill(1)])
                    .areas(figure_area);
            frame.render_widget(
                BigText::builder()
                    .pixel_size(size)
                    .style(fig.style)
                    .lines(vec![Line::from(text)])
                    .build(),
                digits_area,
            );
            let side: Vec<Line<'static>> = fig
                .side
                .iter()
                .map(|l| {
                    Line::styled(
                        wrap::truncate(l, usize::from(side_area.width)),
                        th.text.add_modifier(Modifier::BOLD),
                    )
                })
                .collect();
            frame.render_widget(Paragraph::new(side), side_area);
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
