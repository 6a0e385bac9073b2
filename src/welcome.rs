//! The screen shown instead of the lab when no AWS account can be reached: what went wrong,
//! how to get credentials (in AWS Academy most easily by running in CloudShell), and the
//! offer to continue in the simulation.

use crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Margin};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Text as RText};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::cloud::CloudError;
use crate::i18n::{Lang, t};
use crate::ui::wrap;
use crate::ui_text;

/// What the learner chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    Simulation,
    Quit,
}

/// Draws the screen: the problem, how to get credentials (CloudShell first), the keys.
pub fn draw(frame: &mut ratatui::Frame, lang: Lang, error: &CloudError) {
    /// Most rows the problem takes; the setup steps keep the rest.
    const MAX_PROBLEM_ROWS: usize = 6;
    let area = frame.area().inner(Margin::new(1, 0));
    let block = Block::bordered().title(format!(" backup-lab · {} ", t(lang, "welcome-title")));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let body = inner.inner(Margin::new(1, 1));
    let problem_text = format!("✘ {}", ui_text::error_text(error).render(lang));
    let problem_rows = wrap::wrap(&problem_text, usize::from(body.width))
        .len()
        .clamp(1, MAX_PROBLEM_ROWS);
    let [problem, _, steps, keys] = Layout::vertical([
        Constraint::Length(u16::try_from(problem_rows).unwrap_or(1)),
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(body);
    let bold = Style::default().add_modifier(Modifier::BOLD);
    frame.render_widget(
        Paragraph::new(RText::from(vec![Line::styled(problem_text, bold)]))
            .wrap(Wrap { trim: true }),
        problem,
    );
    let lines: Vec<Line> = t(lang, "welcome-setup")
        .lines()
        .map(|l| Line::from(l.to_owned()))
        .collect();
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), steps);
    frame.render_widget(
        Paragraph::new(Line::styled(t(lang, "welcome-keys"), bold)),
        keys,
    );
}

/// Shows the screen until the learner picks the simulation (s) or quits (q, Esc, Ctrl-C).
pub fn offer_simulation(lang: Lang, error: &CloudError) -> std::io::Result<Choice> {
    let mut terminal = ratatui::try_init()?;
    let choice = loop {
        if let Err(e) = terminal.draw(|frame| draw(frame, lang, error)) {
            ratatui::restore();
            return Err(e);
        }
        match event::read() {
            Ok(Event::Key(key)) if key.kind != KeyEventKind::Release => match key.code {
                KeyCode::Char('s' | 'S') | KeyCode::Enter => break Choice::Simulation,
                KeyCode::Char('q') | KeyCode::Esc => break Choice::Quit,
                KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                    break Choice::Quit;
                }
                _ => {}
            },
            Ok(_) => {}
            Err(e) => {
                ratatui::restore();
                return Err(e);
            }
        }
    };
    ratatui::restore();
    Ok(choice)
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::*;
    use crate::cloud::ErrorKind;

    fn screen(lang: Lang, error: &CloudError) -> String {
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
        terminal
            .draw(|frame| draw(frame, lang, error))
            .expect("draw");
        let buffer = terminal.backend().buffer();
        (0..buffer.area.height)
            .map(|y| {
                (0..buffer.area.width)
                    .map(|x| buffer[(x, y)].symbol())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn without_credentials_cloudshell_is_offered_first_and_everything_fits_at_80x24() {
        let error = CloudError::new(
            ErrorKind::NoCredentials,
            "NoCredentials",
            "no credentials in the chain",
        );
        for (lang, cloudshell, keys) in [
            (
                Lang::En,
                "open CloudShell",
                "[s] continue in the simulation",
            ),
            (
                Lang::De,
                "Öffne CloudShell",
                "[s] in der Simulation weitermachen",
            ),
        ] {
            let text = screen(lang, &error);
            let setup = text
                .lines()
                .position(|l| l.contains(">_"))
                .expect("the way to CloudShell is shown");
            let first_step = text
                .lines()
                .position(|l| l.contains("1. "))
                .expect("numbered steps shown");
            assert!(
                setup < first_step,
                "CloudShell comes before the keys:\n{text}"
            );
            assert!(text.contains(cloudshell), "{text}");
            assert!(text.contains(keys), "the keys line is not cut off:\n{text}");
            assert!(text.contains("4. "), "every step is shown:\n{text}");
        }
    }
}
