//! Drawings made of box characters: incremental snapshots (a volume of blocks, snapshot 1
//! storing every block, snapshot 2 storing only the changed ones and referring ↗ to the rest)
//! and the RPO/RTO line of the concepts step. Both scale to the panel and read without
//! colour: changed blocks carry a prime, references an arrow.

use ratatui::text::{Line, Span};

use super::{View, wrap};
use crate::lab::Text;
use crate::msg;

/// The volume's blocks; the ones marked `true` changed after snapshot 1.
const BLOCKS: [(char, bool); 6] = [
    ('A', false),
    ('B', false),
    ('C', true),
    ('D', false),
    ('E', true),
    ('F', false),
];
/// The arrow that marks a block kept by reference.
pub const REFERENCE: &str = "↗";

/// What one cell of a row shows.
#[derive(Clone, Copy)]
enum Cell {
    Stored(char),
    Changed(char),
    Reference,
}

fn cell_text(cell: Cell, inner: usize) -> String {
    let core = match cell {
        Cell::Stored(c) => c.to_string(),
        Cell::Changed(c) => format!("{c}'"),
        Cell::Reference => REFERENCE.to_owned(),
    };
    if inner >= 3 {
        wrap::pad(&format!(" {core}"), inner)
    } else {
        wrap::pad(&core, inner)
    }
}

/// The three lines of one row of blocks, after `label` (already padded).
fn block_row(view: &View<'_>, label: &str, cells: &[Cell], inner: usize) -> [Line<'static>; 3] {
    let th = &view.th;
    let bar = "─".repeat(inner);
    let edge = |left: &str, mid: &str, right: &str| {
        let mut s = String::from(left);
        for i in 0..cells.len() {
            s.push_str(&bar);
            s.push_str(if i + 1 == cells.len() { right } else { mid });
        }
        s
    };
    let pad = " ".repeat(wrap::width(label));
    let top = Line::from(vec![
        Span::raw(pad.clone()),
        Span::styled(edge("┌", "┬", "┐"), th.border),
    ]);
    let bottom = Line::from(vec![
        Span::raw(pad),
        Span::styled(edge("└", "┴", "┘"), th.border),
    ]);
    let mut middle = vec![
        Span::styled(label.to_owned(), th.heading),
        Span::styled("│", th.border),
    ];
    for cell in cells {
        let style = match cell {
            Cell::Stored(_) => th.block_stored,
            Cell::Changed(_) => th.block_new,
            Cell::Reference => th.muted,
        };
        middle.push(Span::styled(cell_text(*cell, inner), style));
        middle.push(Span::styled("│", th.border));
    }
    [top, Line::from(middle), bottom]
}

/// The incremental-snapshot picture at `width` cells.
#[must_use]
pub fn lines(view: &View<'_>, width: usize) -> Vec<Line<'static>> {
    let th = &view.th;
    let labels = [
        view.t(msg::PICTURE_VOLUME),
        Text::new(msg::PICTURE_SNAP)
            .arg("n", 1_u32)
            .render(view.lang),
        Text::new(msg::PICTURE_SNAP)
            .arg("n", 2_u32)
            .render(view.lang),
    ];
    let rows: [Vec<Cell>; 3] = [
        BLOCKS
            .iter()
            .map(|(c, changed)| {
                if *changed {
                    Cell::Changed(*c)
                } else {
                    Cell::Stored(*c)
                }
            })
            .collect(),
        BLOCKS.iter().map(|(c, _)| Cell::Stored(*c)).collect(),
        BLOCKS
            .iter()
            .map(|(c, changed)| {
                if *changed {
                    Cell::Changed(*c)
                } else {
                    Cell::Reference
                }
            })
            .collect(),
    ];
    let count = BLOCKS.len();
    let inner = if width > count * 4 { 3 } else { 2 };
    let grid = count * (inner + 1) + 1;
    let label_width = labels.iter().map(|l| wrap::width(l)).max().unwrap_or(0) + 1;
    let inline = width >= label_width + grid;

    let mut out = vec![Line::styled(view.t(msg::PICTURE_TITLE), th.heading)];
    for (label, cells) in labels.iter().zip(rows.iter()) {
        if inline {
            out.extend(block_row(
                view,
                &wrap::pad(label, label_width),
                cells,
                inner,
            ));
        } else {
            out.push(Line::styled(wrap::truncate(label, width), th.heading));
            out.extend(block_row(view, "", cells, inner));
        }
    }
    let legend = vec![
        Span::styled(
            cell_text(Cell::Changed('C'), inner).trim().to_owned(),
            th.block_new,
        ),
        Span::raw(format!(" {}   ", view.t(msg::PICTURE_NEW_BLOCK))),
        Span::styled(REFERENCE, th.accent),
        Span::raw(format!(" {}", view.t(msg::PICTURE_REF_BLOCK))),
    ];
    let legend_width: usize = legend.iter().map(Span::width).sum();
    if legend_width <= width {
        out.push(Line::from(legend));
    } else {
        out.push(Line::from(vec![
            Span::styled(
                cell_text(Cell::Changed('C'), inner).trim().to_owned(),
                th.block_new,
            ),
            Span::raw(format!(" {}", view.t(msg::PICTURE_NEW_BLOCK))),
        ]));
        out.push(Line::from(vec![
            Span::styled(REFERENCE, th.accent),
            Span::raw(format!(" {}", view.t(msg::PICTURE_REF_BLOCK))),
        ]));
    }
    for line in wrap::wrap(&view.t(msg::PICTURE_CAPTION), width) {
        out.push(Line::styled(line, th.muted));
    }
    out
}

/// Puts `c` at column `x` of `row` (a char vector).
fn put(row: &mut [char], x: usize, c: char) {
    if let Some(slot) = row.get_mut(x) {
        *slot = c;
    }
}

/// Writes `text` centred between columns `from` and `to` (exclusive) if it fits.
fn put_centred(row: &mut [char], from: usize, to: usize, text: &str) {
    let len = text.chars().count();
    if to <= from + len + 1 {
        return;
    }
    let start = from + (to - from - len) / 2;
    for (i, c) in text.chars().enumerate() {
        put(row, start + i, c);
    }
}

/// The concepts diagram: last backup ─ RPO ─ disaster ─ RTO ─ back online.
#[must_use]
pub fn rpo_rto_diagram(view: &View<'_>, width: usize) -> Vec<Line<'static>> {
    const MIN_DIAGRAM: usize = 24;
    let th = &view.th;
    let mut out = vec![Line::styled(view.t(msg::UI_DIAGRAM_TITLE), th.heading)];
    let rpo = view.t(msg::UI_DIAGRAM_RPO);
    let rto = view.t(msg::UI_DIAGRAM_RTO);
    if width < MIN_DIAGRAM {
        for id in [msg::UI_DIAGRAM_RPO_MEANS, msg::UI_DIAGRAM_RTO_MEANS] {
            out.extend(wrap::lines_with(
                "• ",
                &view.t(id),
                width,
                th.accent,
                th.text,
            ));
        }
        return out;
    }
    let end = width - 1;
    let (p1, p2, p3) = (width * 15 / 100, width * 52 / 100, width * 86 / 100);
    let labels = vec![
        (p1, view.t(msg::UI_DIAGRAM_LAST_BACKUP)),
        (p2, view.t(msg::UI_DIAGRAM_DISASTER)),
        (p3, view.t(msg::UI_DIAGRAM_BACK_ONLINE)),
    ];
    for row in wrap::place_labels(&labels, width) {
        out.push(Line::styled(row, th.text));
    }
    let mut axis = vec!['─'; width];
    put(&mut axis, p1, '●');
    put(&mut axis, p2, '✖');
    put(&mut axis, p3, '●');
    put(&mut axis, end, '▶');
    let axis: String = axis.into_iter().collect();
    let (a, rest) = axis.split_at(axis.char_indices().nth(p1).map_or(0, |(i, _)| i));
    out.push(Line::from(vec![
        Span::styled(a.to_owned(), th.border),
        Span::styled(rest.to_owned(), th.text),
    ]));

    let mut spans = vec![' '; width];
    for x in p1..=p3 {
        put(&mut spans, x, '─');
    }
    put(&mut spans, p1, '├');
    put(&mut spans, p2, '┼');
    put(&mut spans, p3, '┤');
    put_centred(&mut spans, p1, p2, &format!(" {rpo} "));
    put_centred(&mut spans, p2, p3, &format!(" {rto} "));
    out.push(Line::styled(
        spans.into_iter().collect::<String>().trim_end().to_owned(),
        th.accent,
    ));
    let means = vec![
        (usize::midpoint(p1, p2), view.t(msg::UI_DIAGRAM_RPO_SHORT)),
        (usize::midpoint(p2, p3), view.t(msg::UI_DIAGRAM_RTO_SHORT)),
    ];
    for row in wrap::place_labels(&means, width) {
        out.push(Line::styled(row, th.muted));
    }
    out.push(Line::default());
    for id in [msg::UI_DIAGRAM_RPO_MEANS, msg::UI_DIAGRAM_RTO_MEANS] {
        out.extend(wrap::lines_with(
            "• ",
            &view.t(id),
            width,
            th.accent,
            th.text,
        ));
    }
    out
}
