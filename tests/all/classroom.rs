//! What a teacher would correct and what a learner hands in: the backup change that is still
//! applying, the copy-and-paste CLI lines, the security groups of a restore plan, the calls
//! counted apart, the moment the todos are back, and the report with name and local times.
//! On the simulated account with its clock driven by the test.

use backup_lab::action::Action;
use backup_lab::app::{App, Dialog};
use backup_lab::cloud::BackupSettings;
use backup_lab::i18n::Lang;
use backup_lab::lab::StepId;
use backup_lab::lab::journal::Kind;
use backup_lab::lab::plan::{Confirm, Options, Ready};
use backup_lab::protocol::{Command, Msg, Snapshot};

use crate::support::lab::SimLab;

/// The app as the TUI holds it after a fresh look, showing `step`.
async fn app_at(lab: &SimLab, lang: Lang, step: StepId) -> App {
    let observed = lab.observed().await;
    let mut app = App::new(
        lang,
        lab.rt.config.clone(),
        lab.cloud.mode(),
        lab.cloud.now(),
    );
    app.update(Msg::State(Box::new(Snapshot {
        observed,
        journal: lab.rt.journal.lock().expect("journal").events().to_vec(),
        calls: lab.rt.log.recent(60),
        call_count: lab.rt.log.count(),
        app_call_count: lab.rt.log.app_count(),
        now: lab.cloud.now(),
        actions_ended: 0,
        looks_asked: 0,
    })));
    app.selected = step;
    app
}

fn notice(app: &App, lang: Lang) -> (String, String) {
    match &app.dialog {
        Some(Dialog::Notice { title, lines, .. }) => (
            title.render(lang),
            lines
                .iter()
                .map(|l| l.render(lang))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        other => panic!("a notice, not {other:?}"),
    }
}

/// Enter on "enable backups" while RDS still applies the change asks for no window and sends
/// nothing: it says the change is running, from 0 to 1 day, and the instance's status.
#[tokio::test(start_paused = true)]
async fn enter_while_the_backup_change_applies_says_it_runs_and_asks_nothing() {
    let lab = SimLab::new();
    lab.cloud
        .modify_backup(&BackupSettings {
            instance_id: "workshop-db".into(),
            retention_days: 1,
            window_utc: "02:00-02:30".parse().expect("window"),
            apply_immediately: true,
        })
        .await
        .expect("modify");
    let calls = lab.rt.log.count();
    for (lang, words) in [
        (Lang::En, ["running", "0 → 1 day", "modifying"]),
        (Lang::De, ["läuft", "0 → 1 Tag", "modifying"]),
    ] {
        let mut app = app_at(&lab, lang, StepId::EnableBackups).await;
        let commands = app.update(Msg::Action(Action::Perform));
        assert!(commands.is_empty(), "{commands:?}");
        let (title, text) = notice(&app, lang);
        for w in words {
            assert!(text.contains(w), "{lang:?}: {text}");
        }
        assert!(!title.to_lowercase().contains("done") && !title.contains("erledigt"));
        assert!(
            !text.contains("already") && !text.contains("bereits"),
            "{text}"
        );
    }
    // The headless run reads the same plan: nothing to send.
    let ready = lab
        .ready_with(StepId::EnableBackups, &Options::from_config(&lab.rt.config))
        .await;
    let Ready::AlreadyDone(text) = ready else {
        panic!("{ready:?}")
    };
    assert_eq!(text.id, "check-backups-change-running");
    let sent: Vec<String> = lab
        .rt
        .log
        .recent(10_000)
        .into_iter()
        .filter(|c| c.seq > calls && c.writes)
        .map(|c| c.operation)
        .collect();
    assert!(sent.is_empty(), "nothing sent: {sent:?}");
}

/// Enter while RDS takes the first backup after the change (retention already 1 day, the
/// instance `backing-up`) asks for no window either: it says the first backup is running and
/// that there is nothing to do.
#[tokio::test(start_paused = true)]
async fn enter_while_the_first_backup_runs_asks_for_no_window() {
    let lab = SimLab::new();
    lab.cloud
        .modify_backup(&BackupSettings {
            instance_id: "workshop-db".into(),
            retention_days: 1,
            window_utc: "02:00-02:30".parse().expect("window"),
            apply_immediately: true,
        })
        .await
        .expect("modify");
    let mut backing_up = false;
    for _ in 0..600 {
        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
        let instances = lab.cloud.describe_instances().await.expect("instances");
        let db = instances
            .iter()
            .find(|i| i.id == "workshop-db")
            .expect("workshop-db");
        if db.retention_days == 1 && db.pending_retention.is_none() && !db.is_available() {
            backing_up = true;
            break;
        }
    }
    assert!(backing_up, "the instance takes its first backup");
    for (lang, words) in [
        (Lang::En, ["first backup", "Nothing to do"]),
        (Lang::De, ["erste Backup", "nichts tun"]),
    ] {
        let mut app = app_at(&lab, lang, StepId::EnableBackups).await;
        let commands = app.update(Msg::Action(Action::Perform));
        assert!(commands.is_empty(), "{commands:?}");
        let (_, text) = notice(&app, lang);
        for w in words {
            assert!(text.contains(w), "{lang:?}: {text}");
        }
    }
}

/// The key line is one row, and a message there must be read whole at 80×24: every message
/// the instructor's and learner's keys flash there fits in 79 columns (one is the margin), in
/// both languages, instead of ending in "…".
#[test]
fn the_key_line_messages_fit_80_columns() {
    use backup_lab::lab::Text;
    // Integration tests name texts by their ids as the .ftl files write them.
    let text = |id: &str| Text {
        id: id.to_owned(),
        args: Vec::new(),
    };
    let messages = [
        text("ui-clock-speed").arg("speed", "300"),
        text("ui-clock-speed-limit").arg("speed", "300"),
        text("ui-clock-paused"),
        text("ui-clock-resumed"),
        text("ui-clock-sim-only"),
        text("ui-clock-read-only"),
        text("ui-fresh-sim-only"),
        text("ui-fresh-read-only"),
        text("ui-goto-no-step")
            .arg("number", 99_usize)
            .arg("last", StepId::ALL.len()),
        // The steps that have questions, as the app names them.
        text("ui-quiz-none").arg(
            "steps",
            StepId::ALL
                .into_iter()
                .filter(|s| !backup_lab::lab::quiz::of_step(*s).is_empty())
                .map(|s| (s.index() + 1).to_string())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        text("ui-no-action"),
    ];
    for lang in Lang::ALL {
        for text in &messages {
            let line = text.render(lang);
            assert!(
                line.chars().count() <= 79,
                "{lang:?} {}: {} columns: {line}",
                text.id,
                line.chars().count()
            );
        }
    }
}

/// Characters a shell treats specially that no line the lab shows may hold unquoted: a
/// placeholder such as `<id>` would be read as a redirection, a `#` starts a comment.
fn unquoted_trouble(line: &str) -> Option<char> {
    let (mut single, mut double, mut word_start) = (false, false, true);
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' if !double => single = !single,
            '"' if !single => double = !double,
            '\\' if !single => {
                chars.next();
            }
            '<' | ';' | '`' | '(' | ')' | '*' | '?' | '[' | ']' | '{' | '}' | '!'
                if !single && !double =>
            {
                return Some(c);
            }
            '#' if !single && !double && word_start => return Some(c),
            _ => {}
        }
        word_start = c == ' ';
    }
    (single || double).then_some('\'')
}

/// Checks that `line` is a command line a shell runs as it is: `aws <service> <operation>
/// --flag value …`, `jq` with its arguments and a valid program, `curl`, joined by `|`, `>` FILE
/// and `&&`, every `file://` written before it is read. Returns what is wrong.
fn check_line(line: &str) -> Result<(), String> {
    // `TASK=$(aws … --query … --output text)`: an aws line whose answer a later line uses.
    if let Some(inner) = line
        .strip_prefix("TASK=$(")
        .and_then(|v| v.strip_suffix(')'))
    {
        return check_line(inner);
    }
    // `export APP_URL=…`: a URL, or the load balancer's DNS name read by an aws line.
    if let Some(value) = line.strip_prefix("export APP_URL=") {
        if let Some(inner) = value
            .strip_prefix("http://$(")
            .and_then(|v| v.strip_suffix(')'))
        {
            return check_line(inner);
        }
        let words = shell_words::split(value).map_err(|e| e.to_string())?;
        return match words.as_slice() {
            [url] if url.starts_with("http://") || url.starts_with("https://") => Ok(()),
            _ => Err(format!("APP_URL={value}")),
        };
    }
    if let Some(c) = unquoted_trouble(line) {
        return Err(format!("unquoted {c:?}"));
    }
    let words = shell_words::split(line).map_err(|e| e.to_string())?;
    let mut written: Vec<String> = Vec::new();
    let mut commands: Vec<Vec<String>> = vec![Vec::new()];
    let mut words = words.into_iter();
    while let Some(w) = words.next() {
        match w.as_str() {
            "|" | "&&" => commands.push(Vec::new()),
            ">" => {
                let file = words.next().ok_or("> without a file")?;
                if !file.ends_with(".json") || file.contains('/') {
                    return Err(format!("writes {file}"));
                }
                written.push(file);
                match words.next().as_deref() {
                    None => {}
                    Some("&&") => commands.push(Vec::new()),
                    Some(other) => return Err(format!("{other} after a redirection")),
                }
            }
            _ => commands.last_mut().expect("a command").push(w),
        }
    }
    for command in &commands {
        let Some((program, args)) = command.split_first() else {
            return Err("an empty command".into());
        };
        match program.as_str() {
            "aws" => check_aws(args, &written)?,
            "jq" => check_jq(args)?,
            // `xargs -r -n N aws …`: the command, once per N words read.
            "xargs" => match args {
                [r, n, count, aws, rest @ ..]
                    if r == "-r"
                        && n == "-n"
                        && count.parse::<u32>().is_ok_and(|c| c >= 1)
                        && aws == "aws" =>
                {
                    check_aws(rest, &written)?;
                }
                _ => return Err(format!("xargs {args:?}")),
            },
            "curl" => {
                if !args.iter().any(|a| a.starts_with("$APP_URL/api/v1/todos")) {
                    return Err(format!("curl without the app's URL: {args:?}"));
                }
            }
            other => return Err(format!("runs {other}")),
        }
    }
    Ok(())
}

fn check_aws(args: &[String], written: &[String]) -> Result<(), String> {
    let [service, operation, rest @ ..] = args else {
        return Err(format!("aws {args:?}"));
    };
    if !["rds", "ecs", "sts", "logs", "elbv2"].contains(&service.as_str()) {
        return Err(format!("service {service}"));
    }
    let word = |s: &str| {
        !s.is_empty()
            && s.split('-').all(|part| {
                !part.is_empty()
                    && part
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            })
    };
    if !word(operation) {
        return Err(format!("operation {operation}"));
    }
    // `aws logs tail GROUP` takes its group as a positional argument, `aws ecs wait` its
    // waiter.
    let rest = if operation == "tail" || operation == "wait" {
        rest.get(1..).ok_or("tail without a group")?
    } else {
        rest
    };
    if rest.first().is_some_and(|a| !a.starts_with("--")) {
        return Err(format!("a value before any flag: {rest:?}"));
    }
    for a in rest {
        if let Some(flag) = a.strip_prefix("--") {
            if !word(flag) {
                return Err(format!("flag {a}"));
            }
        } else if let Some(file) = a.strip_prefix("file://")
            && !written.iter().any(|w| w == file)
        {
            return Err(format!("reads {file}, which the line does not write"));
        } else if a.contains('<') || a.contains('…') || (a.starts_with('$') && a != "$TASK") {
            return Err(format!("placeholder {a}"));
        }
    }
    Ok(())
}

fn check_jq(args: &[String]) -> Result<(), String> {
    let mut args = args.iter();
    let mut program = None;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--arg" => {
                args.next().ok_or("--arg without a name")?;
                args.next().ok_or("--arg without a value")?;
            }
            "--argjson" => {
                args.next().ok_or("--argjson without a name")?;
                let json = args.next().ok_or("--argjson without JSON")?;
                serde_json::from_str::<serde_json::Value>(json).map_err(|e| e.to_string())?;
            }
            other if other.starts_with('-') => return Err(format!("jq {other}")),
            other if program.is_none() => program = Some(other),
            other => return Err(format!("jq reads the file {other}")),
        }
    }
    let program = program.ok_or("jq without a program")?;
    // Brackets balance outside the program's strings.
    let mut open = Vec::new();
    let mut in_string = false;
    let mut chars = program.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => in_string = !in_string,
            '\\' if in_string => {
                chars.next();
            }
            '(' | '[' | '{' if !in_string => open.push(c),
            ')' | ']' | '}' if !in_string => {
                let want = match c {
                    ')' => '(',
                    ']' => '[',
                    _ => '{',
                };
                if open.pop() != Some(want) {
                    return Err(format!("unbalanced {c} in {program}"));
                }
            }
            _ => {}
        }
    }
    if in_string || !open.is_empty() {
        return Err(format!("unbalanced jq program {program}"));
    }
    Ok(())
}

/// Every CLI line the lab shows, in a confirmation, the call log or the report, runs as it is
/// when pasted: the whole lab and the dump & restore cleanup on the simulated account, every
/// plan's lines and every recorded call.
#[tokio::test(start_paused = true)]
async fn every_cli_line_shown_is_a_command_a_shell_runs() {
    let lab = SimLab::new();
    let mut options = Options::from_config(&lab.rt.config);
    options.cleanup = backup_lab::lab::plan::CleanupPath::CopyBack;
    let mut lines = Vec::new();
    for step in StepId::CORE.into_iter().chain([StepId::Cleanup]) {
        if let Ready::Plan(plan) = lab.ready_with(step, &options).await {
            lines.extend(plan.commands.clone());
        }
        assert_eq!(lab.rt.run(&[step], &options, true).await, 0, "{step:?}");
    }
    lines.extend(lab.rt.log.recent(10_000).into_iter().map(|c| c.cli));
    for op in [
        "RegisterTaskDefinition",
        "UpdateService",
        "RunTask",
        "CreateDBSnapshot",
        "RestoreDBInstanceFromDBSnapshot",
    ] {
        assert!(
            lab.rt.log.recent(10_000).iter().any(|c| c.operation == op),
            "{op} was called"
        );
    }
    let bad: Vec<String> = lines
        .iter()
        .filter_map(|l| check_line(l).err().map(|e| format!("{e}: {l}")))
        .collect();
    assert!(bad.is_empty(), "{}", bad.join("\n"));
    // As a dialog shows them, at any width: rows that fit, and that a shell reads, pasted
    // together, as the same words (line continuations where a row ends).
    let mut cut = 0;
    for line in &lines {
        let words = shell_words::split(line).expect("words");
        for width in [24, 40, 56, 74] {
            let rows = backup_lab::ui::wrap::command_rows(line, width);
            for (prefix, text) in &rows {
                assert!(
                    backup_lab::ui::wrap::width(&format!("{prefix}{text}")) <= width,
                    "{width}: {prefix}{text}"
                );
            }
            let pasted: Vec<String> = rows
                .iter()
                .enumerate()
                .map(|(i, (prefix, text))| {
                    if i == 0 {
                        text.clone()
                    } else {
                        format!("{prefix}{text}")
                    }
                })
                .collect();
            assert_eq!(rows[0].0, "$ ");
            let pasted = pasted.join("\n");
            assert_eq!(
                shell_words::split(&pasted).expect("pasted words"),
                words,
                "{width}:\n{pasted}"
            );
            cut += rows.iter().filter(|(p, _)| p.is_empty()).count();
        }
    }
    assert!(cut > 0, "some word was long enough to be cut");
    // The checks themselves catch what the lines used to be.
    for wrong in [
        "aws ecs register-task-definition --cli-input-json file://td.json   # td.json = base",
        "curl -s -X DELETE $APP_URL/api/v1/todos/<id>",
        "aws ecs update-service --cluster c --service s --task-definition workshop-backend:<new>",
        "aws ecs describe-task-definition --task-definition x | jq '.a | (.b' > td.json",
    ] {
        assert!(check_line(wrong).is_err(), "{wrong}");
    }
}

/// Runs the `jq` of `line` on `input` when jq is installed (CloudShell has it); `None` without.
fn run_jq(line: &str, input: &serde_json::Value) -> Option<serde_json::Value> {
    use std::io::Write;
    let words = shell_words::split(line).expect("words");
    let start = words.iter().position(|w| w == "jq").expect("jq");
    let end = words.iter().position(|w| w == ">").expect(">");
    let mut child = std::process::Command::new("jq")
        .args(&words[start + 1..end])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .ok()?;
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.to_string().as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("jq runs");
    assert!(out.status.success(), "jq failed on {line}");
    Some(serde_json::from_slice(&out.stdout).expect("JSON"))
}

/// The switch's pipeline, run through jq on what `describe-task-definition` prints: the
/// read-only fields gone, DB_HOST changed in place, the password kept (in the file only), the
/// tags carried over without AWS's own.
#[test]
fn the_switch_pipeline_makes_register_input_from_the_described_revision() {
    let line = backup_lab::cloud::cli::register_revision(
        "arn:aws:ecs:us-east-1:111122223333:task-definition/workshop-backend:1",
        "backend",
        "DB_HOST",
        "workshop-db-restore.abc.us-east-1.rds.amazonaws.com",
    );
    check_line(&line).expect("well formed");
    assert!(!line.contains("secret-pw"));
    let described = serde_json::json!({
        "taskDefinition": {
            "taskDefinitionArn": "arn:aws:ecs:us-east-1:111122223333:task-definition/workshop-backend:1",
            "family": "workshop-backend",
            "revision": 1,
            "status": "ACTIVE",
            "compatibilities": ["EC2", "FARGATE"],
            "requiresAttributes": [{"name": "ecs.capability.execution-role-awslogs"}],
            "registeredAt": "2026-11-25T09:00:00Z",
            "registeredBy": "arn:aws:iam::111122223333:role/voclabs",
            "cpu": "256",
            "memory": "512",
            "containerDefinitions": [
                {"name": "backend", "image": "backend:1", "environment": [
                    {"name": "DB_HOST", "value": "workshop-db.abc.us-east-1.rds.amazonaws.com"},
                    {"name": "DB_PASSWORD", "value": "secret-pw"}
                ]},
                {"name": "sidecar", "image": "sidecar:1"}
            ]
        },
        "tags": [
            {"key": "course", "value": "m346"},
            {"key": "aws:cloudformation:stack-name", "value": "lab"}
        ]
    });
    let Some(input) = run_jq(&line, &described) else {
        return;
    };
    for field in [
        "taskDefinitionArn",
        "revision",
        "status",
        "compatibilities",
        "registeredAt",
    ] {
        assert!(input.get(field).is_none(), "{field} dropped");
    }
    assert_eq!(input["family"], "workshop-backend");
    assert_eq!(
        input["containerDefinitions"][0]["environment"],
        serde_json::json!([
            {"name": "DB_HOST", "value": "workshop-db-restore.abc.us-east-1.rds.amazonaws.com"},
            {"name": "DB_PASSWORD", "value": "secret-pw"}
        ])
    );
    assert!(
        input["containerDefinitions"][1]
            .get("environment")
            .is_none()
    );
    assert_eq!(
        input["tags"],
        serde_json::json!([{"key": "course", "value": "m346"}])
    );
}

/// The value of the plan's parameter `id`, as the learner reads it in `lang`.
fn param(plan: &backup_lab::lab::plan::Plan, id: &str, lang: Lang) -> String {
    let (_, value) = plan
        .params
        .iter()
        .find(|(label, _)| label.id == id)
        .unwrap_or_else(|| panic!("{id} in {:?}", plan.params));
    value.render(lang)
}

/// The restore plan says how each security group relates to workshop-db's: the same ones, or
/// (in a mend after a restore with the API's defaults) the VPC's default group.
#[tokio::test(start_paused = true)]
async fn the_restore_plan_relates_each_security_group_to_workshop_db() {
    let lab = SimLab::new();
    let options = Options::from_config(&lab.rt.config);
    let before = [
        StepId::EnableBackups,
        StepId::CreateTodos,
        StepId::Snapshot,
        StepId::DeleteTodos,
    ];
    assert_eq!(lab.rt.run(&before, &options, true).await, 0);
    let Ready::Plan(plan) = lab.ready_with(StepId::Restore, &options).await else {
        panic!("a restore plan")
    };
    assert_eq!(
        param(&plan, "param-security-groups", Lang::En),
        "sg-0a7e3c51d2b94f860 (as on workshop-db)"
    );
    assert_eq!(
        param(&plan, "param-security-groups", Lang::De),
        "sg-0a7e3c51d2b94f860 (wie bei workshop-db)"
    );
    // Restored in the console with its defaults: the mend names the default group as such.
    lab.cloud
        .restore_from_snapshot(&backup_lab::cloud::RestoreRequest {
            instance_id: "workshop-db-restore".into(),
            snapshot_id: "ondemandbackup".into(),
            settings: backup_lab::cloud::RestoreSettings {
                class: "db.t3.micro".into(),
                multi_az: true,
                subnet_group: Some("workshop-db-subnet-group".into()),
                ..backup_lab::cloud::RestoreSettings::default()
            },
        })
        .await
        .expect("restore");
    lab.wait_minutes(40);
    let Ready::Plan(mend) = lab.ready_with(StepId::Restore, &options).await else {
        panic!("a mend")
    };
    let groups = param(&mend, "param-security-groups", Lang::En);
    assert!(
        groups.starts_with("sg-05d4b1a9e6c7f0123 (not on workshop-db; a restore without groups given gets the VPC's default group) → sg-0a7e3c51d2b94f860 (as on workshop-db)"),
        "{groups}"
    );
}

/// The screen as text, one line per row.
fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height))
        .expect("terminal");
    terminal
        .draw(|frame| backup_lab::ui::draw(frame, app))
        .expect("draw");
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| {
            (0..width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The event log counts the calls to AWS and the calls to the todo app apart.
#[tokio::test(start_paused = true)]
async fn the_event_log_counts_aws_and_app_calls_apart() {
    let lab = SimLab::new();
    let options = Options::from_config(&lab.rt.config);
    assert_eq!(
        lab.rt
            .run(
                &[StepId::EnableBackups, StepId::CreateTodos],
                &options,
                true
            )
            .await,
        0
    );
    let app = app_at(&lab, Lang::En, StepId::CreateTodos).await;
    let calls = lab.rt.log.recent(10_000);
    let app_calls = calls.iter().filter(|c| c.cli.starts_with("curl")).count();
    let aws_calls = calls.iter().filter(|c| c.cli.starts_with("aws")).count();
    assert!(
        app_calls >= 5,
        "the five todos were created through the app"
    );
    assert_eq!(app_calls + aws_calls, calls.len());
    let text = screen(&app, 160, 48);
    let want = format!("{aws_calls} AWS calls · {app_calls} app calls");
    assert!(text.contains(&want), "{want} in\n{text}");
    let app_de = {
        let mut a = app;
        a.lang = Lang::De;
        a
    };
    let text = screen(&app_de, 160, 48);
    let want = format!("{aws_calls} AWS-Aufrufe · {app_calls} App-Aufrufe");
    assert!(text.contains(&want), "{want} in\n{text}");
}

/// The browser to look in: with the app's address given (`--app-url`), verify's note names
/// that address, the same the `export APP_URL=…` line uses; without it, the load balancer's
/// DNS name as a placeholder.
#[tokio::test(start_paused = true)]
async fn verify_names_the_app_url_the_learner_gave() {
    let mut lab = SimLab::new();
    let options = Options::from_config(&lab.rt.config);
    assert_eq!(lab.rt.run(&StepId::CORE[..6], &options, true).await, 0);
    for (app_url, want) in [
        (
            Some("http://127.0.0.1:8080/"),
            ["http://127.0.0.1:8080", "http://127.0.0.1:8080"],
        ),
        (
            None,
            [
                "http://<DNS name of todoApp>",
                "http://<DNS-Name von todoApp>",
            ],
        ),
    ] {
        lab.rt.config.app_url = app_url.map(str::to_owned);
        let ready = lab.ready_with(StepId::Verify, &options).await;
        let Ready::Plan(plan) = ready else {
            panic!("{ready:?}")
        };
        for (lang, want) in [Lang::En, Lang::De].into_iter().zip(want) {
            let notes: Vec<String> = plan.notes.iter().map(|n| n.render(lang)).collect();
            assert!(
                notes.iter().any(|n| n.contains(&format!("({want})"))),
                "{lang:?}: {notes:?}"
            );
        }
    }
}

/// The moment the todos are back: Enter on verify shows the list the app serves and asks
/// whether the learner sees the same in the browser; "yes" reads the app again and records
/// it, and the step then says so. A list that changed meanwhile is not confirmed.
#[tokio::test(start_paused = true)]
async fn verify_shows_the_list_and_asks_the_learner_to_look_in_the_browser() {
    let lab = SimLab::new();
    let options = Options::from_config(&lab.rt.config);
    assert_eq!(lab.rt.run(&StepId::CORE[..6], &options, true).await, 0);
    for lang in Lang::ALL {
        let mut app = app_at(&lab, lang, StepId::Verify).await;
        // Served again is not done: the step is the learner's look, until confirmed.
        assert_eq!(
            app.check(StepId::Verify).map(|c| c.state),
            Some(backup_lab::lab::StepState::Todo)
        );
        let before = screen(&app, 80, 24);
        let look = if lang == Lang::De {
            "Prüfe, ob du sie auch in deinem Browser siehst"
        } else {
            "Check that you see them in your browser too"
        };
        assert!(
            before.contains("⏎ Enter"),
            "Enter is what to press now:\n{before}"
        );
        // The sentence may wrap: read the step's pane (the first box on each line) as words.
        let words = before
            .lines()
            .filter_map(|line| line.split('│').nth(1))
            .flat_map(|pane| pane.trim_end_matches('█').split_whitespace())
            .collect::<Vec<_>>()
            .join(" ");
        assert!(words.contains(look), "the step asks to look:\n{before}");
        app.update(Msg::Action(Action::Perform));
        let Some(Dialog::Confirm { plan, .. }) = &app.dialog else {
            panic!("{:?}", app.dialog)
        };
        assert_eq!(plan.confirm, Confirm::Seen);
        let titles: Vec<String> = plan.params[1..]
            .iter()
            .map(|(_, v)| v.render(lang))
            .collect();
        assert_eq!(titles.len(), 5, "{titles:?}");
        insta::assert_snapshot!(
            format!("verify_moment_{}_80x24", lang.code()),
            render_backend(&app, 80, 24)
        );
        // "Not yet" records nothing, and says what to check in the browser.
        assert!(app.update(Msg::Action(Action::No)).is_empty());
        let Some(Dialog::Notice { title, lines, .. }) = &app.dialog else {
            panic!("{:?}", app.dialog)
        };
        assert_eq!(title.id, "ui-not-seen-title");
        assert!(lines[0].render(lang).contains("Ctrl+Shift+R"));
    }
    // The learner confirms, but a todo went away meanwhile: the fresh read sees the change.
    let mut app = app_at(&lab, Lang::En, StepId::Verify).await;
    app.update(Msg::Action(Action::Perform));
    let commands = app.update(Msg::Action(Action::Yes));
    let Some(Command::RunAction(plan)) = commands.into_iter().next() else {
        panic!("yes runs the check")
    };
    let first = lab.cloud.list_todos().await.expect("todos")[0].id.clone();
    lab.cloud.delete_todo(&first).await.expect("delete");
    let all = lab.cloud.list_todos().await.expect("todos");
    for t in &all {
        lab.cloud.delete_todo(&t.id).await.expect("delete");
    }
    let outcome = backup_lab::lab::runner::execute(
        &plan,
        lab.cloud.as_ref(),
        &lab.rt.config,
        &lab.rt.journal,
        &|_| {},
    )
    .await;
    assert!(
        outcome.is_err(),
        "an empty app is not confirmed: {outcome:?}"
    );
    assert!(
        lab.rt
            .journal
            .lock()
            .expect("journal")
            .last(Kind::TodosSeen)
            .is_none()
    );
}

/// Confirmed while the app serves the todos: recorded, and the step says the learner saw them.
#[tokio::test(start_paused = true)]
async fn verify_confirmed_is_recorded_and_shown() {
    let lab = SimLab::new();
    let options = Options::from_config(&lab.rt.config);
    assert_eq!(lab.rt.run(&StepId::CORE[..6], &options, true).await, 0);
    let mut app = app_at(&lab, Lang::De, StepId::Verify).await;
    app.update(Msg::Action(Action::Perform));
    let Some(Command::RunAction(plan)) = app.update(Msg::Action(Action::Yes)).into_iter().next()
    else {
        panic!("yes runs the check")
    };
    let outcome = backup_lab::lab::runner::execute(
        &plan,
        lab.cloud.as_ref(),
        &lab.rt.config,
        &lab.rt.journal,
        &|_| {},
    )
    .await
    .expect("confirmed");
    assert_eq!(outcome[0].id, "done-verify-seen");
    // The RTO ended when the app first served them: looking later adds no second end.
    let verified = lab
        .rt
        .journal
        .lock()
        .expect("journal")
        .events()
        .iter()
        .filter(|e| e.kind.kind() == Kind::TodosVerified)
        .count();
    assert_eq!(verified, 1);
    assert!(outcome[0].render(Lang::De).contains("5 ToDos sind zurück"));
    let check = lab.check(StepId::Verify).await;
    assert!(
        check.render(Lang::De).starts_with(
            "du hast deine 5 ToDos im Browser gesehen – sie sind zurück; jetzt in der App: "
        ),
        "{}",
        check.render(Lang::De)
    );
    // Asked again, nothing is asked: it is done.
    let mut app = app_at(&lab, Lang::De, StepId::Verify).await;
    app.update(Msg::Action(Action::Perform));
    assert!(
        matches!(app.dialog, Some(Dialog::Notice { .. })),
        "{:?}",
        app.dialog
    );
}

fn render_backend(app: &App, width: u16, height: u16) -> ratatui::backend::TestBackend {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height))
        .expect("terminal");
    terminal
        .draw(|frame| backup_lab::ui::draw(frame, app))
        .expect("draw");
    terminal.backend().clone()
}

/// The report to hand in: the learner's name at the top, the self-check answers in the order
/// of the steps (each with the chosen answer and when it was given), times on the learner's
/// wall clock with the zone named.
#[test]
fn the_report_names_the_learner_and_lists_answers_in_step_order_in_local_time() {
    use backup_lab::lab::journal::Journal;
    use backup_lab::lab::quiz;
    let mut config = backup_lab::config::Config::default();
    config.backup.timezone = Some("Europe/Zurich".into());
    config.learner = Some("Anna Muster".into());
    let mut journal = Journal::in_memory();
    let at = |s: &str| -> jiff::Timestamp { s.parse().expect("time") };
    // Answered out of order: the summary first, then the concepts.
    for (id, when, choice) in [
        ("summary-practice", "2026-11-25T09:40:00Z", 0),
        ("delete-todos-multi-az", "2026-11-25T09:20:00Z", 0),
        ("concepts-rto", "2026-11-25T09:05:00Z", 1),
    ] {
        let q = quiz::find(id).expect("question");
        journal.record(at(when), at(when), q.answer(choice));
    }
    let observed = backup_lab::lab::observe::Observed::default();
    for lang in Lang::ALL {
        let report = backup_lab::report::build(
            lang,
            "sim".into(),
            &journal,
            &observed,
            &config,
            at("2026-11-25T10:00:00Z"),
        );
        let md = backup_lab::report::markdown(&report, lang);
        let ids: Vec<&str> = report
            .quiz
            .answers
            .iter()
            .map(|a| a.answer.question.as_str())
            .collect();
        assert_eq!(
            ids,
            ["concepts-rto", "delete-todos-multi-az", "summary-practice"]
        );
        assert!(md.contains("Name: Anna Muster"), "{md}");
        assert!(
            md.contains("11:00:00 (Europe/Zurich)"),
            "generated in local time: {md}"
        );
        let pos = |s: &str| md.find(s).unwrap_or_else(|| panic!("{s} in {md}"));
        let (concepts, delete, summary) = if lang == Lang::De {
            (
                "Zählen diese 10 Minuten",
                "Hätte Multi-AZ",
                "Warum üben Teams",
            )
        } else {
            (
                "Do those 10 minutes count",
                "Would Multi-AZ",
                "Why do teams practice",
            )
        };
        assert!(
            pos(concepts) < pos(delete) && pos(delete) < pos(summary),
            "{md}"
        );
        // Each answer with its text and the local time it was given (10:20 in Zurich).
        assert!(md.contains("a) ") && md.contains("10:20:00"), "{md}");
        let wrong = quiz::find("delete-todos-multi-az")
            .expect("question")
            .choice(0, &config)
            .render(lang);
        assert!(md.contains(&wrong), "the chosen answer is shown: {md}");
    }
    // Without a name the report says how to give one.
    config.learner = None;
    let report = backup_lab::report::build(
        Lang::En,
        "sim".into(),
        &journal,
        &observed,
        &config,
        at("2026-11-25T10:00:00Z"),
    );
    assert!(
        backup_lab::report::markdown(&report, Lang::En).contains("Name: not given (use --name")
    );
}

/// `--help` and each command's help in the learner's language: from `--lang` (either form),
/// else from LANG; `--lang` wins over LANG.
#[test]
fn the_command_line_help_speaks_the_learners_language() {
    let help = |args: &[&str], lang_env: Option<&str>| -> String {
        let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_backup-lab"));
        c.env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANG");
        if let Some(l) = lang_env {
            c.env("LANG", l);
        }
        let out = c.args(args).output().expect("binary runs");
        assert!(out.status.success(), "{args:?}: {out:?}");
        String::from_utf8(out.stdout).expect("utf-8")
    };
    let german = [
        help(&["--lang", "de", "--help"], None),
        help(&["--help", "--lang=de-CH"], None),
        help(&["--help"], Some("de_CH.UTF-8")),
    ];
    for text in &german {
        for word in [
            "Aufruf:",
            "Befehle:",
            "Optionen:",
            "Dein Name",
            "Hilfe zeigen",
        ] {
            assert!(text.contains(word), "{word} in\n{text}");
        }
        assert!(!text.contains("Print help"), "{text}");
    }
    let run = help(&["run", "--help"], Some("de_DE.UTF-8"));
    assert!(
        run.contains("Argumente:") && run.contains("IDs der Schritte"),
        "{run}"
    );
    let report = help(&["help", "report"], Some("de_CH.UTF-8"));
    assert!(
        report.contains("md (Markdown, Standard; mit --json json) oder json"),
        "{report}"
    );
    assert!(!report.contains("possible values"), "{report}");
    let english = help(&["--lang", "en", "--help"], Some("de_CH.UTF-8"));
    assert!(
        english.contains("Usage:") && english.contains("Your name"),
        "{english}"
    );
}

/// Every option, argument and command of the command line has its help in both languages.
#[test]
fn every_option_has_its_help_in_both_languages() {
    fn walk(cmd: &clap::Command, path: &str, out: &mut Vec<(String, String)>) {
        out.push((
            path.to_owned(),
            cmd.get_about().map(ToString::to_string).unwrap_or_default(),
        ));
        for a in cmd.get_arguments() {
            out.push((
                format!("{path} {}", a.get_id()),
                a.get_help().map(ToString::to_string).unwrap_or_default(),
            ));
        }
        for s in cmd.get_subcommands() {
            walk(s, &format!("{path} {}", s.get_name()), out);
        }
    }
    let mut de = Vec::new();
    let mut en = Vec::new();
    walk(&backup_lab::cli::command(Lang::De), "backup-lab", &mut de);
    walk(&backup_lab::cli::command(Lang::En), "backup-lab", &mut en);
    assert_eq!(de.len(), en.len());
    for ((place, d), (_, e)) in de.iter().zip(&en) {
        assert!(!d.is_empty() && !e.is_empty(), "{place}: help missing");
        assert_ne!(d, e, "{place}: the same in both languages");
    }
}

/// The dump task's pipeline, run through jq on the backend's revision: the dump container with
/// the backend's execution role and log configuration, the user as
/// environment and the password as the same secret reference, the lab's environment and tags.
#[test]
fn the_dump_pipeline_makes_register_input_from_the_backend_revision() {
    use backup_lab::lab::dump::{DbEndpoint, DumpTaskRequest};
    let request = DumpTaskRequest {
        family: "backup-lab-dump".into(),
        base: "arn:aws:ecs:us-east-1:111122223333:task-definition/workshop-backend:2".into(),
        base_container: "backend".into(),
        user_var: "DB_USER".into(),
        password_var: "DB_PASSWORD".into(),
        image: "public.ecr.aws/docker/library/mysql:8.0".into(),
        source: DbEndpoint {
            host: "workshop-db-restore.abc.us-east-1.rds.amazonaws.com".into(),
            port: 3306,
        },
        target: DbEndpoint {
            host: "workshop-db.abc.us-east-1.rds.amazonaws.com".into(),
            port: 3306,
        },
        database: "todos".into(),
        tags: backup_lab::cloud::tool_tags(),
    };
    let line = backup_lab::lab::dump::register_line(&request);
    check_line(&line).expect("well formed");
    let described = serde_json::json!({
        "taskDefinition": {
            "family": "workshop-backend",
            "revision": 2,
            "executionRoleArn": "arn:aws:iam::111122223333:role/LabRole",
            "containerDefinitions": [{
                "name": "backend",
                "image": "backend:1",
                "environment": [{"name": "DB_USER", "value": "admin"}],
                "secrets": [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:ssm:us-east-1:111122223333:parameter/db"}],
                "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/backend"}}
            }]
        }
    });
    let Some(input) = run_jq(&line, &described) else {
        return;
    };
    assert_eq!(input["family"], "backup-lab-dump");
    assert_eq!(
        input["executionRoleArn"],
        "arn:aws:iam::111122223333:role/LabRole"
    );
    assert_eq!(input["networkMode"], "awsvpc");
    assert_eq!(
        input["requiresCompatibilities"],
        serde_json::json!(["FARGATE"])
    );
    let c = &input["containerDefinitions"][0];
    assert_eq!(c["name"], "mysql-dump");
    assert_eq!(c["image"], "public.ecr.aws/docker/library/mysql:8.0");
    assert_eq!(c["command"][0], "bash");
    assert_eq!(c["logConfiguration"]["logDriver"], "awslogs");
    let env = c["environment"].as_array().expect("environment");
    assert!(env.contains(&serde_json::json!({"name": "SOURCE_HOST", "value": "workshop-db-restore.abc.us-east-1.rds.amazonaws.com"})));
    assert!(env.contains(&serde_json::json!({"name": "DB_USER", "value": "admin"})));
    assert_eq!(
        c["secrets"],
        serde_json::json!([{"name": "MYSQL_PWD", "valueFrom": "arn:aws:ssm:us-east-1:111122223333:parameter/db"}])
    );
    assert!(
        input["tags"]
            .as_array()
            .expect("tags")
            .iter()
            .any(|t| t["key"] == "backup-lab-fingerprint" && t["value"] == request.fingerprint())
    );
    assert!(input.get("revision").is_none());
}
