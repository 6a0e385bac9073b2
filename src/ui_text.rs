//! Localizable texts for errors, shared by the TUI and the headless commands: every cloud
//! error keeps its code and message and gains advice on what to do.

use crate::cloud::CloudError;
use crate::cloud::faults::{OPERATIONS, SpecError};
use crate::lab::Text;
use crate::lab::act::ActionError;
use crate::validate::Invalid;

/// `error-<kind>` with the code, message, operation, missing permission and where the
/// credentials came from (`source`, `profile`, `file`: what to do about expired ones depends
/// on it).
#[must_use]
pub fn error_text(e: &CloudError) -> Text {
    let source = e.credentials.as_deref();
    Text::new(own_advice(e).unwrap_or(&format!("error-{}", e.kind.id())))
        .arg("source", source.map_or("nothing", |s| s.id()))
        .arg(
            "profile",
            source
                .and_then(|s| s.profile())
                .unwrap_or("default")
                .to_owned(),
        )
        .arg(
            "file",
            source
                .and_then(|s| s.file())
                .unwrap_or("~/.aws/credentials")
                .to_owned(),
        )
        .arg("code", e.code.clone())
        .arg("message", e.message.clone())
        .arg(
            "operation",
            if e.operation.is_empty() {
                "-".to_owned()
            } else {
                e.operation.clone()
            },
        )
        .arg(
            "permission",
            e.permission().unwrap_or_else(|| "none".into()),
        )
        .arg("service", answering_service(&e.operation))
}

/// Errors whose code asks for advice of its own, beyond their kind's: refusals that waiting
/// does not cure and that say what to change.
fn own_advice(e: &CloudError) -> Option<&'static str> {
    let code = e.code.strip_suffix("Fault").unwrap_or(&e.code);
    Some(match code {
        "PointInTimeRestoreNotEnabled" => "error-pitr-not-enabled",
        "InvalidRestore" => "error-restore-time-invalid",
        "InvalidParameterCombination"
            if e.operation == "DeleteDBInstance"
                && e.message
                    .to_ascii_lowercase()
                    .contains("deletion protection") =>
        {
            "error-deletion-protected"
        }
        _ => return None,
    })
}

/// Which service answered a call, from its operation: `rds`, `ecs`, `sts` or `todo` (the todo
/// app), for texts such as `error-client` that name it.
fn answering_service(operation: &str) -> &'static str {
    if operation.starts_with("Todo") {
        "todo"
    } else if operation.contains("DB") {
        "rds"
    } else if operation == "GetCallerIdentity" {
        "sts"
    } else {
        "ecs"
    }
}

#[must_use]
pub fn invalid_text(e: &Invalid) -> Text {
    let text = Text::new(&format!("invalid-{}", e.id()));
    match e {
        Invalid::WindowOverlapsMaintenance { maintenance } => {
            text.arg("maintenance", maintenance.clone())
        }
        Invalid::SameName { other } => text.arg("other", other.clone()),
        _ => text,
    }
}

#[must_use]
pub fn action_error_text(e: &ActionError) -> Text {
    match e {
        ActionError::Cloud(c) => error_text(c),
        ActionError::Blocked(t) => t.clone(),
        ActionError::Invalid(i) => invalid_text(i),
        ActionError::GaveUp { attempts, error } => Text::new("error-gave-up")
            .arg("attempts", *attempts)
            .arg("code", error.code.clone())
            .arg("message", error.message.clone()),
        ActionError::PlanChanged(_) => Text::new("plan-changed"),
    }
}

/// Why a `--faults` spec was refused (`faults-<id>`), with the rule as written.
#[must_use]
pub fn fault_spec_text(e: &SpecError) -> Text {
    let text = Text::new(&format!("faults-{}", e.id()));
    match e {
        SpecError::Empty => text,
        SpecError::Calls { part }
        | SpecError::Rate { part }
        | SpecError::Kind { part }
        | SpecError::UnhealthyOperation { part }
        | SpecError::UnhealthyRate { part }
        | SpecError::DumpRule { part }
        | SpecError::RestoreRule { part }
        | SpecError::StaleRule { part }
        | SpecError::SessionRule { part } => text.arg("part", part.clone()),
        SpecError::Operation { part, operation } => text
            .arg("part", part.clone())
            .arg("operation", operation.clone())
            .arg("operations", OPERATIONS.join(", ")),
    }
}

/// `id` about the file `path` with `problem`: `$path`, `$problem` (localized) and `$detail`.
#[must_use]
pub fn file_problem_text(
    id: &str,
    path: impl std::fmt::Display,
    problem: &crate::state::FileProblem,
) -> Text {
    Text::new(id)
        .arg("path", path.to_string())
        .arg(
            "problem",
            Text::new(&format!("file-problem-{}", problem.id())),
        )
        .arg("detail", {
            let detail = problem.detail();
            if detail.is_empty() || matches!(problem, crate::state::FileProblem::TooLarge { .. }) {
                String::new()
            } else {
                format!(" ({detail})")
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cloud::ErrorKind;
    use crate::i18n::Lang;

    fn refused(operation: &str) -> CloudError {
        CloudError::new(ErrorKind::Client, "Refused", "no").in_op(operation)
    }

    #[test]
    fn a_refused_request_names_the_service_that_answered() {
        for (operation, de, en) in [
            ("RestoreDBInstanceFromDBSnapshot", "RDS hat", "RDS refused"),
            ("UpdateService", "ECS hat", "ECS refused"),
            ("TodoCreate", "Die ToDo-App hat", "The todo app refused"),
            ("GetCallerIdentity", "AWS STS hat", "AWS STS refused"),
        ] {
            let text = error_text(&refused(operation));
            assert!(text.render(Lang::De).starts_with(de), "{operation}");
            assert!(text.render(Lang::En).starts_with(en), "{operation}");
        }
    }
}
