//! Text layout the panels share: reflowing the step texts (which come from Fluent with
//! hard line breaks) into paragraphs, bullets and numbered items, and word-wrapping them to
//! a width. Wrapping is done here, not by `Paragraph::wrap`, so a panel knows how many lines
//! it has and can clamp scrolling and mix text with drawings.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// Display width of `s` in terminal cells.
#[must_use]
pub fn width(s: &str) -> usize {
    Span::raw(s).width()
}

/// `s` cut to `max` cells, with `…` when something was cut.
#[must_use]
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_owned();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = width(c.encode_utf8(&mut [0; 4]));
        if used + w + 1 > max {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// `s` padded with spaces to `cells` (or cut).
#[must_use]
pub fn pad(s: &str, cells: usize) -> String {
    let s = truncate(s, cells);
    let fill = cells.saturating_sub(width(&s));
    format!("{s}{}", " ".repeat(fill))
}

/// Units a number is written with: a number and its unit stay on one line.
const UNITS: &[&str] = &[
    "s", "ms", "min", "h", "d", "Tag", "Tage", "Tagen", "Tg.", "day", "days", "%", "GB", "GiB",
    "MB", "vCPU", "vCPUs", "Std.", "Min.", "Sek.", "ToDos", "todos", "Sekunde", "Sekunden",
    "Minute", "Minuten", "Stunde", "Stunden", "Wochen", "second", "seconds", "minute", "minutes",
    "hour", "hours", "weeks", "Tasks", "tasks",
];

/// A non-breaking join: what it joins is one word to [`wrap`], a space on screen.
const NBSP: char = '\u{a0}';

fn is_number(word: &str) -> bool {
    let digits = word.trim_start_matches(['×', '≤', '≥', '~', '(', '+', '-']);
    digits.starts_with(|c: char| c.is_ascii_digit())
        && digits
            .trim_end_matches([',', ';', ')', ':'])
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '\'' | ':' | ','))
}

fn is_unit(word: &str) -> bool {
    UNITS.contains(&word.trim_end_matches([',', ';', ')', ':', '.']))
        || UNITS.contains(&word.trim_end_matches([',', ';', ')', ':']))
}

/// The words of `text` for wrapping: split at spaces, but a number stays with its unit and a
/// duration with its parts (`8 min 14 s` is one word), and a non-breaking space never splits.
fn words(text: &str) -> Vec<String> {
    let raw: Vec<&str> = text
        .split(|c: char| c.is_whitespace() && c != NBSP)
        .filter(|w| !w.is_empty())
        .collect();
    let mut out: Vec<String> = Vec::new();
    // Whether the last word so far ends in a unit that follows a number.
    let mut after_unit = false;
    let mut i = 0;
    while i < raw.len() {
        let word = raw[i];
        let joins_number = is_number(word) && raw.get(i + 1).is_some_and(|u| is_unit(u));
        if joins_number {
            let unit = raw[i + 1];
            let joined = format!("{word}{NBSP}{unit}");
            match out.last_mut() {
                // `8 min` + `14 s`: one duration.
                Some(last) if after_unit => {
                    last.push(NBSP);
                    last.push_str(&joined);
                }
                _ => out.push(joined),
            }
            after_unit = !unit.ends_with([',', ';', ')', ':']);
            i += 2;
        } else {
            out.push(word.to_owned());
            after_unit = false;
            i += 1;
        }
    }
    out
}

/// Greedy word wrap of `text` to `max` cells; words longer than a line are split. A number
/// never wraps inside itself: it stays with its unit (`8 min 14 s`, `1 Tag`, `×30`).
#[must_use]
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in words(text) {
        let mut word = word;
        loop {
            let w = width(&word);
            let gap = usize::from(used > 0);
            if used + gap + w <= max {
                if gap == 1 {
                    line.push(' ');
                }
                line.push_str(&word);
                used += gap + w;
                break;
            }
            if used > 0 {
                lines.push(std::mem::take(&mut line));
                used = 0;
                continue;
            }
            // A word wider than the line: split it, between the parts of a number with its
            // unit if that is what it is, else after a dot, hyphen or slash where there is
            // one, so a hostname breaks between its labels, not inside one.
            let (head, tail) = split_at_width(&word, max);
            if let Some(i) = head.rfind(NBSP).filter(|i| *i > 0) {
                lines.push(head[..i].to_owned());
                word = format!("{}{tail}", &head[i + NBSP.len_utf8()..]);
                continue;
            }
            let (head, tail) = match head.rfind(['.', '-', '/', ':']) {
                Some(i) if i > 0 && i + 1 < head.len() => {
                    (head[..=i].to_owned(), format!("{}{tail}", &head[i + 1..]))
                }
                _ => match (camel_break(&word, max), syllable_break(&word, max)) {
                    // A name in CamelCase (an AWS API) breaks between its words, unchanged,
                    // so it can still be read and typed as one.
                    (Some(i), _) => (word[..i].to_owned(), word[i..].to_owned()),
                    // A long word (a German compound) is hyphenated between syllables.
                    (None, Some(i)) => (format!("{}-", &word[..i]), word[i..].to_owned()),
                    (None, None) => (head, tail),
                },
            };
            lines.push(head);
            word = tail;
            if word.is_empty() {
                break;
            }
        }
    }
    if used > 0 || lines.is_empty() {
        lines.push(line);
    }
    lines.into_iter().map(|l| l.replace(NBSP, " ")).collect()
}

/// Where a CamelCase name wider than `max` breaks: before the last capital that leaves its
/// first part within `max` and at least three letters on each side. A byte index, or `None`.
fn camel_break(word: &str, max: usize) -> Option<usize> {
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    if !chars.iter().all(|(_, c)| c.is_ascii_alphanumeric()) {
        return None;
    }
    (3..chars.len().saturating_sub(2))
        .rev()
        .find(|i| {
            *i <= max && chars[*i].1.is_ascii_uppercase() && chars[i - 1].1.is_ascii_lowercase()
        })
        .map(|i| chars[i].0)
}

/// Where a word of letters wider than `max` can be hyphenated so its first part and the
/// hyphen fit in `max`: the last place between two consonants (the usual syllable boundary,
/// `Wiederherstellungs-punkte`), never inside `ch`, `ck`, `sch`, `ph`, `th` or `qu`, and
/// leaving at least three letters on each side. A byte index into `word`, or `None`.
fn syllable_break(word: &str, max: usize) -> Option<usize> {
    let letters = word.trim_end_matches(|c: char| !c.is_alphabetic());
    if letters.is_empty() || !letters.chars().all(char::is_alphabetic) {
        return None;
    }
    let chars: Vec<(usize, char)> = letters.char_indices().collect();
    let is_consonant = |c: char| !"aeiouyäöüAEIOUYÄÖÜéèàâ".contains(c);
    let lower = |i: usize| chars[i].1.to_lowercase().next().unwrap_or(chars[i].1);
    let mut best = None;
    // `i` is the index of the first letter after the break; its part plus `-` fits.
    for i in 3..chars.len().saturating_sub(2) {
        if i + 1 > max {
            break;
        }
        let (a, b) = (lower(i - 1), lower(i));
        if !(is_consonant(a) && is_consonant(b)) {
            continue;
        }
        let pair: String = [a, b].iter().collect();
        if matches!(pair.as_str(), "ch" | "ck" | "ph" | "th" | "qu")
            || (a == 's' && b == 'c' && i + 1 < chars.len() && lower(i + 1) == 'h')
        {
            continue;
        }
        best = Some(chars[i].0);
    }
    best
}

fn split_at_width(s: &str, max: usize) -> (String, String) {
    let mut head = String::new();
    let mut used = 0;
    let mut rest = s.chars();
    for c in s.chars() {
        let w = width(c.encode_utf8(&mut [0; 4]));
        if used + w > max && !head.is_empty() {
            break;
        }
        head.push(c);
        used += w;
        rest.next();
    }
    (head, rest.collect())
}

/// A reflowed paragraph of a step text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Para {
    /// `• `, `3. ` or empty.
    pub marker: String,
    pub text: String,
}

/// Splits a Fluent text with hard line breaks into paragraphs: a line that starts with a
/// bullet or a number starts a new one, and so does a line after one that ends a sentence.
/// (A colon does not end one: lists that follow a colon start with their own markers.)
#[must_use]
pub fn paragraphs(text: &str) -> Vec<Para> {
    let mut out: Vec<Para> = Vec::new();
    let mut open = false;
    for raw in text.lines() {
        let line = raw.trim();
        if line.is_empty() {
            open = false;
            continue;
        }
        let (marker, rest) = split_marker(line);
        if open && marker.is_empty() {
            if let Some(last) = out.last_mut() {
                last.text.push(' ');
                last.text.push_str(rest);
            }
        } else {
            out.push(Para {
                marker: marker.to_owned(),
                text: rest.to_owned(),
            });
        }
        open = !line.ends_with(['.', '!', '?']);
    }
    out
}

fn split_marker(line: &str) -> (&str, &str) {
    if let Some(rest) = line.strip_prefix("• ") {
        return ("• ", rest);
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && digits < 3 && line[digits..].starts_with(". ") {
        return (&line[..digits + 2], &line[digits + 2..]);
    }
    ("", line)
}

/// A paragraph wrapped to `max` cells with a hanging indent under its marker.
#[must_use]
pub fn para_lines(
    para: &Para,
    max: usize,
    marker_style: Style,
    style: Style,
) -> Vec<Line<'static>> {
    let indent = width(&para.marker);
    let body = wrap(&para.text, max.saturating_sub(indent).max(1));
    body.into_iter()
        .enumerate()
        .map(|(i, text)| {
            let lead = if i == 0 {
                Span::styled(para.marker.clone(), marker_style)
            } else {
                Span::raw(" ".repeat(indent))
            };
            Line::from(vec![lead, Span::styled(text, style)])
        })
        .collect()
}

/// Wraps `text` into styled lines, each starting with `prefix` (first) or spaces (rest).
#[must_use]
pub fn lines_with(
    prefix: &str,
    text: &str,
    max: usize,
    prefix_style: Style,
    style: Style,
) -> Vec<Line<'static>> {
    para_lines(
        &Para {
            marker: prefix.to_owned(),
            text: text.to_owned(),
        },
        max,
        prefix_style,
        style,
    )
}

/// Places labels on rows so they do not overlap: each label is `(centre column, text)`;
/// returns one string per row used, `cells` wide.
#[must_use]
pub fn place_labels(labels: &[(usize, String)], cells: usize) -> Vec<String> {
    let mut rows: Vec<Vec<Option<char>>> = Vec::new();
    for (centre, text) in labels {
        let text = truncate(text, cells);
        let w = width(&text);
        let start = centre.saturating_sub(w / 2).min(cells.saturating_sub(w));
        let row = rows.iter().position(|r| {
            // A blank cell on either side, so two labels never run together.
            (start.saturating_sub(1)..=(start + w)).all(|x| r.get(x).is_none_or(Option::is_none))
        });
        let row = if let Some(r) = row {
            r
        } else {
            rows.push(vec![None; cells + 1]);
            rows.len() - 1
        };
        let mut x = start;
        for c in text.chars() {
            if let Some(slot) = rows[row].get_mut(x) {
                *slot = Some(c);
            }
            x += width(c.encode_utf8(&mut [0; 4])).max(1);
        }
    }
    rows.into_iter()
        .map(|r| {
            r.into_iter()
                .take(cells)
                .map(|c| c.unwrap_or(' '))
                .collect::<String>()
                .trim_end()
                .to_owned()
        })
        .collect()
}

/// A shell command broken into rows of at most `max` cells that a shell reads as the one
/// command when they are pasted: `(prefix, text)` per row. The first row's prefix is `$ `;
/// a row that ends between words ends in ` \` and the next is indented; a word too long for a
/// row is cut with a line continuation (`\`, or `'\` and a reopening `'` inside single quotes,
/// which joins the pieces exactly) and goes on at the start of the next row.
#[must_use]
pub fn command_rows(command: &str, max: usize) -> Vec<(&'static str, String)> {
    // A command that fits is shown as it is, to the character.
    if width(command) + 2 <= max && !command.contains('\n') {
        return vec![("$ ", command.to_owned())];
    }
    // Room for a prefix of two cells and an ending of two.
    let room = max.saturating_sub(4).max(8);
    let mut rows: Vec<(&'static str, String)> = Vec::new();
    let mut row = String::new();
    let mut prefix = "$ ";
    // The row's last whole word after another one (never a piece of a cut word).
    let mut last: Option<String> = None;
    for word in shell_words_of(command) {
        if !row.is_empty() {
            if width(&row) + 1 + width(&word) <= room {
                row.push(' ');
                row.push_str(&word);
                last = Some(word);
                continue;
            }
            // An option goes to the next row with its value (`--tags` with `Key=…`).
            let mut carried = None;
            if let Some(option) = last.take()
                && option.starts_with('-')
                && !word.starts_with('-')
                && width(&option) + 1 + width(&word) <= room
            {
                row.truncate(row.len() - option.len() - 1);
                carried = Some(option);
            }
            row.push_str(" \\");
            rows.push((prefix, std::mem::take(&mut row)));
            prefix = "  ";
            if let Some(option) = carried {
                row = option;
                row.push(' ');
                row.push_str(&word);
                last = Some(word);
                continue;
            }
        }
        last = None;
        if width(&word) <= room {
            row = word;
            continue;
        }
        let pieces = cut_word(&word, room);
        let final_piece = pieces.len() - 1;
        for (i, piece) in pieces.into_iter().enumerate() {
            if i == final_piece {
                row = piece;
            } else {
                rows.push((prefix, piece));
                // What follows a line continuation must start at once: no indent.
                prefix = "";
            }
        }
    }
    rows.push((prefix, row));
    rows
}

/// The words of `command` as the shell splits them at blanks outside quotes, each with its
/// quotes and escapes kept.
fn shell_words_of(command: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let (mut single, mut double, mut escaped) = (false, false, false);
    for c in command.chars() {
        if escaped {
            word.push(c);
            escaped = false;
            continue;
        }
        match c {
            '\\' if !single => escaped = true,
            '\'' if !double => single = !single,
            '"' if !single => double = !double,
            ' ' | '\t' | '\n' if !single && !double => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
                continue;
            }
            _ => {}
        }
        word.push(c);
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// `word` in pieces of at most `room` cells, each but the last ending in a line continuation
/// the shell removes: `\` outside single quotes, `'\` (with `'` reopening the next piece)
/// inside them. An escape (`\x`) is never cut in two.
fn cut_word(word: &str, room: usize) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut piece = String::new();
    let (mut single, mut double) = (false, false);
    let chars: Vec<char> = word.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        // An escape pair stays together, and quotes nothing.
        let escape = !single && c == '\\' && i + 1 < chars.len();
        let unit: String = if escape {
            chars[i..=i + 1].iter().collect()
        } else {
            c.to_string()
        };
        if width(&piece) + width(&unit) + 2 > room && !piece.is_empty() {
            if single {
                piece.push_str("'\\");
                pieces.push(std::mem::take(&mut piece));
                piece.push('\'');
            } else {
                piece.push('\\');
                pieces.push(std::mem::take(&mut piece));
            }
        }
        if !escape {
            match c {
                '\'' if !double => single = !single,
                '"' if !single => double = !double,
                _ => {}
            }
        }
        i += unit.chars().count();
        piece.push_str(&unit);
    }
    pieces.push(piece);
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_never_wraps_inside_itself() {
        // "8 min 14 s" is one unit, wherever the line ends.
        for max in 10..30 {
            let lines = wrap("RPO jetzt: vor 8 min 14 s gesichert, Ziel 60 min", max);
            assert!(
                lines.iter().any(|l| l.contains("8 min 14 s")),
                "{max}: {lines:?}"
            );
            assert!(
                lines.iter().any(|l| l.contains("60 min")),
                "{max}: {lines:?}"
            );
        }
        assert_eq!(
            wrap("Backups 1 Tag, dann 7 Tage", 9),
            ["Backups", "1 Tag,", "dann", "7 Tage"]
        );
        // Narrower than the whole duration: it breaks between its parts, never in a part.
        assert_eq!(wrap("vor 8 min 14 s", 7), ["vor", "8 min", "14 s"]);
        // A sentence that ends in a unit does not glue the next number to it.
        assert_eq!(
            wrap("nach 5 min. 3 Fragen", 7),
            ["nach", "5 min.", "3", "Fragen"]
        );
    }

    #[test]
    fn wraps_words_and_splits_long_ones() {
        assert_eq!(wrap("a bb ccc dddd", 6), vec!["a bb", "ccc", "dddd"]);
        assert_eq!(wrap("a1b2c3d4e5", 4), vec!["a1b2", "c3d4", "e5"]);
        assert_eq!(wrap("", 4), vec![""]);
        assert_eq!(wrap("x", 0), vec!["x"]);
    }

    #[test]
    fn a_number_stays_with_a_unit_written_out() {
        // «mindestens 30 Minuten» once broke between «30» and «Minuten».
        let lines = wrap("und Dauer in UTC, mindestens 30 Minuten lang", 33);
        assert_eq!(
            lines,
            vec!["und Dauer in UTC, mindestens", "30 Minuten lang"]
        );
        let lines = wrap("the restore takes about 10 to 40 minutes", 36);
        assert_eq!(lines, vec!["the restore takes about 10 to", "40 minutes"]);
    }

    #[test]
    fn a_long_word_is_hyphenated_between_syllables_not_cut() {
        // The timeline's empty state at 80×24: 21 cells for a 24-letter compound.
        assert_eq!(
            wrap(
                "Noch ist nichts passiert. Wiederherstellungspunkte, die",
                21
            ),
            vec![
                "Noch ist nichts",
                "passiert.",
                "Wiederherstellungs-",
                "punkte, die"
            ]
        );
        // Never inside `ch`, `ck` or `sch`, and three letters stay on each side.
        assert_eq!(
            wrap("Sicherheitsgruppen", 10),
            vec!["Sicher-", "heitsgrup-", "pen"]
        );
        assert_eq!(wrap("Datenbankschicht", 12), vec!["Datenbank-", "schicht"]);
        // An API name breaks between its words, without a hyphen.
        assert_eq!(
            wrap("RestoreDBInstanceFromDBSnapshot", 20),
            vec!["RestoreDBInstance", "FromDBSnapshot"]
        );
        for line in wrap("Wiederherstellungspunkte", 8) {
            assert!(width(&line) <= 8, "{line:?}");
        }
    }

    #[test]
    fn reflows_bullets_and_numbers() {
        let text =
            "First line goes\non here.\nNew one.\n• bullet that\ncontinues\n10. step ten\nand more";
        let paras = paragraphs(text);
        assert_eq!(paras.len(), 4);
        assert_eq!(paras[0].text, "First line goes on here.");
        assert_eq!(paras[2].marker, "• ");
        assert_eq!(paras[2].text, "bullet that continues");
        assert_eq!(paras[3].marker, "10. ");
        assert_eq!(paras[3].text, "step ten and more");
    }

    #[test]
    fn truncates_with_ellipsis() {
        assert_eq!(truncate("workshop-db", 8), "worksho…");
        assert_eq!(truncate("db", 8), "db");
        assert_eq!(truncate("db", 0), "");
    }

    #[test]
    fn labels_do_not_overlap() {
        let rows = place_labels(
            &[(2, "aaaa".into()), (4, "bbbb".into()), (12, "c".into())],
            14,
        );
        assert_eq!(rows, vec!["aaaa        c", "  bbbb"]);
    }

    #[test]
    fn labels_keep_a_blank_between_them() {
        // 23:00 at 0..5 and 23:30 right after it would read "23:0023:30".
        let rows = place_labels(
            &[
                (2, "23:00".into()),
                (7, "23:30".into()),
                (14, "00:00".into()),
            ],
            20,
        );
        assert_eq!(rows, vec!["23:00       00:00", "     23:30"]);
    }

    #[test]
    fn a_hostname_breaks_between_its_labels() {
        let host = "workshop-db-restore.c9xk2mplq7ab.us-east-1.rds.amazonaws.com";
        let lines = wrap(&format!("Endpoint {host}"), 30);
        assert_eq!(lines.concat().replace("Endpoint", ""), host);
        for line in &lines[1..] {
            assert!(width(line) <= 30, "{lines:?}");
        }
        for line in &lines[..lines.len() - 1] {
            assert!(
                line.ends_with(['.', '-', ' ']) || line == "Endpoint",
                "breaks after a dot or hyphen: {lines:?}"
            );
        }
    }
}
