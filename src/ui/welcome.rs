//! The screen shown instead of the lab when no AWS account can be reached (`Screen::Welcome`):
//! what went wrong, how to get credentials (in AWS Academy most easily by running in
//! CloudShell), and the offer to continue in the simulation. Its keys are in `keymap::WELCOME`.

use ratatui::layout::{Constraint, Layout, Margin};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Text as RText};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::wrap;
use crate::action::Action;
use crate::app::Welcome;
use crate::i18n::{Lang, t};
use crate::keymap::{self, KeyMode};
use crate::msg;
use crate::ui_text;

/// Draws the screen: the problem, how to get credentials (CloudShell first), the keys.
pub fn draw(frame: &mut ratatui::Frame, lang: Lang, screen: &Welcome) {
    /// Most rows the problem takes; the setup steps keep the rest.
    const MAX_PROBLEM_ROWS: usize = 6;
    let error = &screen.error;
    let area = frame.area().inner(Margin::new(1, 0));
    let block = Block::bordered().title(format!(" backup-lab · {} ", t(lang, msg::WELCOME_TITLE)));
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
    let lines: Vec<Line> = t(lang, msg::WELCOME_SETUP)
        .lines()
        .map(|l| Line::from(l.to_owned()))
        .collect();
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), steps);
    let keys_line = format!(
        "[{}] {}    [{}] {}",
        keymap::key_label(KeyMode::Welcome, Action::UseSimulation, lang),
        t(lang, msg::WELCOME_KEY_SIM),
        keymap::key_label(KeyMode::Welcome, Action::Quit, lang),
        t(lang, msg::UI_HINT_QUIT),
    );
    frame.render_widget(Paragraph::new(Line::styled(keys_line, bold)), keys);
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::*;
    use crate::cloud::{CloudError, ErrorKind};

    fn screen(lang: Lang, error: &CloudError) -> String {
        let welcome = Welcome {
            error: error.clone(),
        };
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
        terminal
            .draw(|frame| draw(frame, lang, &welcome))
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
