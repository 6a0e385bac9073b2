//! The terminal front end: sets the terminal up (raw mode, alternate screen, hidden cursor),
//! runs the event loop and puts the terminal back however the program ends: normally, on an
//! error, on a panic (a hook restores first, then reports) and on SIGINT/SIGTERM/SIGHUP/SIGQUIT
//! (the program then exits with 128 + the signal's number, as a shell would report it).
//!
//! The loop itself, [`run_loop`], is generic over the ratatui backend and takes its inputs as
//! a stream of terminal events, the worker's [`Feed`] and a command sink, so tests drive it
//! with `TestBackend` and scripted keys. It waits for whichever comes first (a key, a worker
//! message, the one-second tick, a signal), applies it with `App::update`, forwards the
//! resulting commands, and redraws only when the app's generation changed. The terminal's
//! size is read once at the start and then taken from resize events (the viewport lives in
//! the app), so an idle frame does no terminal I/O besides writing what changed.
//!
//! The welcome screen (no AWS account reachable) is a screen of the same app in the same
//! loop, without a worker: [`offer_simulation`].

use std::future::Future;
use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crossterm::cursor::{Hide, Show};
use crossterm::event::{Event, EventStream};
use crossterm::execute;
use crossterm::terminal;
use crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use futures::{Stream, StreamExt};
use jiff::Timestamp;
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use tokio::time::MissedTickBehavior;

use crate::app::App;
use crate::protocol::{Command, Msg};
use crate::worker::Feed;

/// The cloud's clock (simulated or real), read for every tick.
pub type Clock = Arc<dyn Fn() -> (Timestamp, crate::cloud::Pace) + Send + Sync>;

/// How often the clock ticks, so "updated N s ago" stays true.
pub const TICK: Duration = Duration::from_secs(1);

/// Whether the terminal is in TUI mode; the panic hook restores only then.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// A signal that ends the program; the terminal is restored first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    Hangup,
    Interrupt,
    Quit,
    Terminate,
}

/// Runs the TUI until the learner quits or a signal arrives; returns the signal, if one
/// ended it.
pub async fn run(
    app: App,
    worker: crate::worker::Handle,
    feed: Feed,
    clock: Clock,
) -> anyhow::Result<Ending> {
    let mut fresh = None;
    let mut sink = |command: Command| {
        if let Command::FreshWorld { lang, present } = &command {
            fresh = Some((*lang, *present));
        }
        worker.send(command);
    };
    let signal = in_terminal(app, feed, &mut sink, clock).await?;
    Ok(match (signal, fresh) {
        (Some(signal), _) => Ending::Signal(signal),
        (None, Some((lang, present))) => Ending::FreshWorld { lang, present },
        (None, None) => Ending::Quit,
    })
}

/// How the lab screen ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    Quit,
    /// A signal ended the screen.
    Signal(Signal),
    /// The learner asked for a fresh simulated world: start again with it, in this language
    /// and layout.
    FreshWorld {
        lang: crate::i18n::Lang,
        present: bool,
    },
}

/// What the learner chose on the welcome screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    Simulation,
    Quit,
    /// A signal ended the screen.
    Signal(Signal),
}

/// Shows the welcome screen (`app` is on [`crate::app::Screen::Welcome`]) until the learner
/// picks the simulation or quits.
pub async fn offer_simulation(app: App) -> anyhow::Result<Choice> {
    // No worker: nothing arrives while the outlet is held.
    let (_outlet, feed) = crate::worker::channel();
    let mut chosen = Choice::Quit;
    let mut sink = |command| {
        if command == Command::UseSimulation {
            chosen = Choice::Simulation;
        }
    };
    let signal = in_terminal(
        app,
        feed,
        &mut sink,
        Arc::new(|| (Timestamp::now(), crate::cloud::Pace::Real)),
    )
    .await?;
    Ok(signal.map_or(chosen, Choice::Signal))
}

/// Sets the terminal up, runs the loop, puts the terminal back.
async fn in_terminal(
    app: App,
    feed: Feed,
    sink: &mut dyn FnMut(Command),
    clock: Clock,
) -> anyhow::Result<Option<Signal>> {
    install_panic_hook();
    // Watched from before the terminal changes, so no signal finds it half set up.
    let signalled = signals();
    let _guard = Guard::enter()?;
    // The size is asked once; resize events tell the rest (asking opens /dev/tty each time).
    let (width, height) = terminal::size()?;
    let mut terminal = Terminal::with_options(
        CrosstermBackend::new(io::stdout()),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, width, height)),
        },
    )?;
    let caught = std::sync::Mutex::new(None);
    let shutdown = async {
        let signal = signalled.await;
        *caught
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(signal);
    };
    let result = run_loop(
        &mut terminal,
        app,
        EventStream::new(),
        feed,
        sink,
        clock,
        shutdown,
    )
    .await;
    drop(terminal);
    let signal = *caught
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    // A signal can also interrupt the terminal's event stream: ending by the signal wins.
    match (signal, result) {
        (Some(signal), _) => Ok(Some(signal)),
        (None, result) => result.map(|_| None),
    }
}

/// Puts the terminal into TUI mode and back when dropped.
struct Guard;

impl Guard {
    fn enter() -> io::Result<Self> {
        enable_raw_mode()?;
        ACTIVE.store(true, Ordering::SeqCst);
        if let Err(e) = execute!(
            io::stdout(),
            EnterAlternateScreen,
            Hide,
            Clear(ClearType::All)
        ) {
            restore();
            return Err(e);
        }
        Ok(Self)
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// Ctrl+Z (raw mode turns the terminal's own suspend key into a key press) or SIGTSTP: the
/// terminal is put back as it was, then the process stops as a job does. What continues it
/// (`fg`, SIGCONT) finds the terminal in TUI mode again, see [`reenter`].
fn suspend() {
    if !ACTIVE.load(Ordering::SeqCst) {
        return;
    }
    restore();
    #[cfg(unix)]
    if let Err(e) = signal_hook::low_level::raise(signal_hook::consts::SIGSTOP) {
        tracing::warn!("could not stop: {e}");
    }
}

/// After a stop (`fg`, SIGCONT): raw mode, the alternate screen and the hidden cursor again,
/// whatever the shell did to the terminal meanwhile. The caller redraws everything.
fn reenter() -> io::Result<()> {
    // Raw mode is set anew even when it was on: the shell may have reset the terminal while
    // the job was stopped, and crossterm only remembers that it set it.
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let _ = disable_raw_mode();
    }
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        Hide,
        Clear(ClearType::All)
    )
}

/// Job control in a real terminal: resolves on SIGTSTP (`true`: stop now) or SIGCONT
/// (`false`: continued, redraw). In tests on a `TestBackend` nothing is watched.
struct JobControl {
    #[cfg(unix)]
    streams: Option<(tokio::signal::unix::Signal, tokio::signal::unix::Signal)>,
}

impl JobControl {
    fn new() -> Self {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            let streams = if ACTIVE.load(Ordering::SeqCst) {
                signal(SignalKind::from_raw(signal_hook::consts::SIGTSTP))
                    .and_then(|tstp| {
                        signal(SignalKind::from_raw(signal_hook::consts::SIGCONT))
                            .map(|cont| (tstp, cont))
                    })
                    .ok()
            } else {
                None
            };
            Self { streams }
        }
        #[cfg(not(unix))]
        Self {}
    }

    /// The next job-control signal: `true` for a stop request, `false` for a continue.
    async fn next(&mut self) -> bool {
        #[cfg(unix)]
        if let Some((tstp, cont)) = &mut self.streams {
            return tokio::select! {
                _ = tstp.recv() => true,
                _ = cont.recv() => false,
            };
        }
        std::future::pending().await
    }
}

/// After a stop: TUI mode again, the screen cleared, and the size the terminal has now (it
/// may have changed meanwhile) as the message that makes the loop draw everything.
fn redraw_all<B>(terminal: &mut Terminal<B>) -> anyhow::Result<Msg>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
{
    reenter()?;
    // Resizing clears the viewport and forgets what was drawn, so the next frame is drawn
    // whole (`Terminal::clear` would ask the terminal for the cursor position first).
    let size = terminal.size()?;
    terminal.resize(Rect::new(0, 0, size.width, size.height))?;
    Ok(Msg::Resize(size.width, size.height))
}

/// Whether `key` is Ctrl+Z, the terminal's suspend key.
fn is_suspend_key(key: &crossterm::event::KeyEvent) -> bool {
    key.kind == crossterm::event::KeyEventKind::Press
        && key
            .modifiers
            .contains(crossterm::event::KeyModifiers::CONTROL)
        && matches!(key.code, crossterm::event::KeyCode::Char('z' | 'Z'))
}

/// Leaves TUI mode (once): raw mode off, main screen back, cursor visible.
pub fn restore() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let _ = disable_raw_mode();
        let mut out = io::stdout();
        let _ = execute!(out, LeaveAlternateScreen, Show);
        let _ = out.flush();
    }
}

/// A panic restores the terminal before the previous hook prints the message.
fn install_panic_hook() {
    static INSTALLED: AtomicBool = AtomicBool::new(false);
    if INSTALLED.swap(true, Ordering::SeqCst) {
        return;
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// Resolves with the first of SIGINT, SIGTERM, SIGHUP or SIGQUIT (never, where signals cannot
/// be watched). Once called, these signals no longer end the process by themselves: the
/// caller ends it, after restoring the terminal and releasing the state directory.
pub fn signals() -> impl Future<Output = Signal> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let kinds = [
            (SignalKind::interrupt(), Signal::Interrupt),
            (SignalKind::terminate(), Signal::Terminate),
            (SignalKind::hangup(), Signal::Hangup),
            (SignalKind::quit(), Signal::Quit),
        ];
        let mut streams: Vec<_> = kinds
            .into_iter()
            .filter_map(|(k, which)| signal(k).ok().map(|s| (s, which)))
            .collect();
        async move {
            if streams.is_empty() {
                return std::future::pending::<Signal>().await;
            }
            let waits = streams.iter_mut().map(|(s, which)| {
                let which = *which;
                Box::pin(async move {
                    s.recv().await;
                    which
                })
            });
            let (which, _, _) = futures::future::select_all(waits).await;
            tracing::info!("signal received ({which:?}), leaving");
            which
        }
    }
    #[cfg(not(unix))]
    {
        std::future::pending::<Signal>()
    }
}

/// The event loop. Returns the app as it was when the loop ended (for tests).
///
/// Ends when the app asks to quit or to leave the welcome screen (the command is forwarded
/// first), when `shutdown` resolves or when the terminal's event stream ends; in the last two
/// cases `Command::Quit` is sent.
pub async fn run_loop<B, E, F>(
    terminal: &mut Terminal<B>,
    mut app: App,
    mut events: E,
    mut feed: Feed,
    mut send: F,
    clock: Clock,
    shutdown: impl Future<Output = ()>,
) -> anyhow::Result<App>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
    E: Stream<Item = io::Result<Event>> + Unpin,
    F: FnMut(Command),
{
    let mut tick = tokio::time::interval(TICK);
    tick.set_missed_tick_behavior(MissedTickBehavior::Skip);
    tokio::pin!(shutdown);
    let size = terminal.size()?;
    app.update(Msg::Resize(size.width, size.height));
    let mut drawn: Option<u64> = None;
    let mut worker_gone = false;
    let mut jobs = JobControl::new();
    loop {
        if drawn != Some(app.generation) {
            terminal.draw(|frame| crate::ui::draw(frame, &app))?;
            drawn = Some(app.generation);
            app.display.layout.shows_time = crate::ui::shows_time(&app);
        }
        let msg = tokio::select! {
            () = &mut shutdown => {
                send(Command::Quit);
                break;
            }
            stop = jobs.next() => {
                if stop {
                    suspend();
                }
                // Continued (or the stop failed): TUI mode again, everything drawn anew at the
                // size the terminal has now.
                drawn = None;
                Some(redraw_all(terminal)?)
            }
            event = events.next() => match event {
                Some(Ok(Event::Key(key))) if is_suspend_key(&key) && ACTIVE.load(Ordering::SeqCst) => {
                    suspend();
                    drawn = None;
                    Some(redraw_all(terminal)?)
                }
                Some(Ok(Event::Key(key))) => app.action(&key).map(Msg::Action),
                Some(Ok(Event::Resize(width, height))) => {
                    terminal.resize(Rect::new(0, 0, width, height))?;
                    drawn = None;
                    Some(Msg::Resize(width, height))
                }
                Some(Ok(_)) => None,
                // A signal interrupted the read; the signal itself arrives on its own.
                Some(Err(e)) if e.kind() == io::ErrorKind::Interrupted => None,
                Some(Err(e)) => {
                    send(Command::Quit);
                    return Err(e.into());
                }
                None => {
                    send(Command::Quit);
                    break;
                }
            },
            msg = feed.recv(), if !worker_gone => {
                if msg.is_none() {
                    worker_gone = true;
                }
                msg
            }
            _ = tick.tick() => {
                let (now, pace) = clock();
                if pace != app.pace {
                    app.update(Msg::Pace(pace));
                }
                Some(Msg::Tick(now))
            }
        };
        let Some(msg) = msg else { continue };
        if matches!(msg, Msg::Action(_)) {
            // ↓, PgDn and End stop where the text ends: only the view knows where that is.
            app.display.layout = crate::ui::layout(&app);
        }
        let mut quit = false;
        for command in app.update(msg) {
            quit |= matches!(command, Command::Quit | Command::UseSimulation);
            send(command);
        }
        if quit || app.quit {
            break;
        }
    }
    Ok(app)
}

#[cfg(test)]
mod tests {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use ratatui::backend::TestBackend;

    use super::*;
    use crate::cloud::Mode;
    use crate::config::Config;
    use crate::i18n::Lang;
    use crate::lab::StepId;

    fn start() -> Timestamp {
        "2026-11-25T09:00:00Z".parse().unwrap()
    }

    #[allow(
        clippy::unnecessary_wraps,
        reason = "the event source under test yields io::Result"
    )]
    fn key(code: KeyCode) -> io::Result<Event> {
        Ok(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)))
    }

    fn app() -> App {
        let mut config = Config::default();
        config.backup.timezone = Some("Europe/Zurich".into());
        App::new(Lang::En, config, Mode::Simulation { speed: 15.0 }, start())
    }

    #[tokio::test]
    async fn keys_become_actions_and_q_quits() {
        let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
        let keys = futures::stream::iter(vec![
            key(KeyCode::Right),
            key(KeyCode::Right),
            key(KeyCode::Char('L')),
            key(KeyCode::Char('q')),
        ])
        .chain(futures::stream::pending());
        let (_tx, rx) = crate::worker::channel();
        let mut sent = Vec::new();
        let app = run_loop(
            &mut terminal,
            app(),
            keys,
            rx,
            |c| sent.push(c),
            Arc::new(|| (start(), crate::cloud::Pace::Real)),
            std::future::pending(),
        )
        .await
        .unwrap();
        assert_eq!(app.selected, StepId::EnableBackups);
        assert_eq!(app.lang, Lang::De);
        assert_eq!(
            sent,
            vec![
                Command::Focus(StepId::Protection),
                Command::Focus(StepId::EnableBackups),
                Command::Quit
            ],
            "the worker hears where the learner is"
        );
        let screen = format!("{:?}", terminal.backend().buffer());
        assert!(screen.contains("Backups automatisieren"), "{screen}");
    }

    #[tokio::test]
    async fn worker_messages_redraw_and_shutdown_ends_the_loop() {
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        let (tx, rx) = crate::worker::channel();
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        tx.send(Msg::Tick("2026-11-25T09:00:42Z".parse().unwrap()));
        let mut sent = Vec::new();
        let task = async {
            tokio::task::yield_now().await;
            let _ = stop_tx.send(());
        };
        let shutdown = async {
            let _ = stop_rx.await;
        };
        let (app, ()) = tokio::join!(
            run_loop(
                &mut terminal,
                app(),
                futures::stream::pending(),
                rx,
                |c| sent.push(c),
                Arc::new(|| (start(), crate::cloud::Pace::Real)),
                shutdown
            ),
            task
        );
        let app = app.unwrap();
        assert!(app.now >= "2026-11-25T09:00:42Z".parse::<Timestamp>().unwrap());
        assert_eq!(sent, vec![Command::Quit]);
    }

    #[tokio::test]
    async fn scrolling_stops_at_the_end_of_the_text() {
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        let downs: Vec<_> = (0..500)
            .map(|_| key(KeyCode::Down))
            .chain([key(KeyCode::Char('q'))])
            .collect();
        let (_tx, rx) = crate::worker::channel();
        let app = run_loop(
            &mut terminal,
            app(),
            futures::stream::iter(downs).chain(futures::stream::pending()),
            rx,
            |_| {},
            Arc::new(|| (start(), crate::cloud::Pace::Real)),
            std::future::pending(),
        )
        .await
        .unwrap();
        let limit = crate::ui::max_scroll(&app, Rect::new(0, 0, 80, 24));
        assert!(limit > 0 && limit < 500);
        assert_eq!(app.scroll, limit);
    }

    #[tokio::test]
    async fn page_keys_home_and_end_move_through_the_step_text() {
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        let (_tx, rx) = crate::worker::channel();
        let keys = [KeyCode::PageDown, KeyCode::Char(' '), KeyCode::End];
        // The longest step text with its console path shown (`c`), so that more than two
        // pages are there to move through.
        let mut long = app();
        long.selected = crate::lab::StepId::Cleanup;
        long.console = true;
        let app = run_loop(
            &mut terminal,
            long,
            futures::stream::iter(keys.map(key).into_iter().chain([key(KeyCode::Char('q'))]))
                .chain(futures::stream::pending()),
            rx,
            |_| {},
            Arc::new(|| (start(), crate::cloud::Pace::Real)),
            std::future::pending(),
        )
        .await
        .unwrap();
        let limit = crate::ui::max_scroll(&app, Rect::new(0, 0, 80, 24));
        assert_eq!(app.scroll, limit, "End goes to the end and no further");
        let page = crate::ui::layout(&app).page;
        assert!(
            page > 1 && 2 * page <= limit,
            "two pages fit: {page} of {limit}"
        );

        let (_tx, rx) = crate::worker::channel();
        let mut start_app = app;
        start_app.quit = false;
        let keys = [KeyCode::Home, KeyCode::PageDown, KeyCode::Char('q')];
        let app = run_loop(
            &mut terminal,
            start_app,
            futures::stream::iter(keys.map(key)).chain(futures::stream::pending()),
            rx,
            |_| {},
            Arc::new(|| (start(), crate::cloud::Pace::Real)),
            std::future::pending(),
        )
        .await
        .unwrap();
        assert_eq!(app.scroll, page, "Home, then one page down");
    }

    #[tokio::test]
    async fn the_welcome_screen_runs_in_the_same_loop_and_s_chooses_the_simulation() {
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        let (_tx, rx) = crate::worker::channel();
        let error = crate::cloud::CloudError::new(
            crate::cloud::ErrorKind::NoCredentials,
            "NoCredentials",
            "no credentials in the chain",
        );
        let welcome = App::welcome(Lang::En, Config::default(), error, start());
        let mut sent = Vec::new();
        let app = run_loop(
            &mut terminal,
            welcome,
            futures::stream::iter([key(KeyCode::Right), key(KeyCode::Char('s'))])
                .chain(futures::stream::pending()),
            rx,
            |c| sent.push(c),
            Arc::new(|| (start(), crate::cloud::Pace::Real)),
            std::future::pending(),
        )
        .await
        .unwrap();
        assert_eq!(sent, vec![Command::UseSimulation]);
        assert_eq!(app.screen, crate::app::Screen::Lab);
        let screen = format!("{:?}", terminal.backend().buffer());
        assert!(
            screen.contains("[s] continue in the simulation"),
            "{screen}"
        );
    }

    #[tokio::test]
    async fn a_closed_event_stream_quits() {
        let mut terminal = Terminal::new(TestBackend::new(60, 16)).unwrap();
        let (_tx, rx) = crate::worker::channel();
        let mut sent = Vec::new();
        let result = run_loop(
            &mut terminal,
            app(),
            futures::stream::empty(),
            rx,
            |c| sent.push(c),
            Arc::new(|| (start(), crate::cloud::Pace::Real)),
            std::future::pending(),
        )
        .await;
        assert!(result.is_ok());
        assert_eq!(sent, vec![Command::Quit]);
    }
}
