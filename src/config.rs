//! The lab's names and settings, from `--config FILE` (TOML) with the defaults of the lab.
//! Everything is validated before anything is sent; errors name the field and what to do.
//! Only regular files of at most [`CONFIG_MAX_BYTES`] are read (not `/dev/zero`, a pipe or a
//! directory).

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::msg;
use crate::state::{FileProblem, read_limited};
use crate::validate::{self, BackupWindow, Invalid};

/// The largest configuration file read: a real one is a few hundred bytes.
pub const CONFIG_MAX_BYTES: u64 = 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Names {
    pub instance: String,
    pub snapshot: String,
    pub restored_instance: String,
    pub pitr_instance: String,
    pub cluster: String,
    pub service: String,
    pub task_family: String,
    pub container: String,
    pub load_balancer: String,
}

impl Default for Names {
    fn default() -> Self {
        Self {
            instance: "workshop-db".into(),
            snapshot: "ondemandbackup".into(),
            restored_instance: "workshop-db-restore".into(),
            pitr_instance: "workshop-db-pitr".into(),
            cluster: "workshop-cluster".into(),
            service: "backend-service".into(),
            task_family: "workshop-backend".into(),
            container: "container-backend".into(),
            load_balancer: "todoApp".into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Backup {
    pub retention_days: u32,
    /// The backup window in the learner's local time (`hh:mm-hh:mm` in the file).
    pub window_local: BackupWindow,
    /// IANA time zone for the local window; the system's zone when absent.
    pub timezone: Option<String>,
}

impl Default for Backup {
    fn default() -> Self {
        Self {
            retention_days: 1,
            window_local: BackupWindow::half_hour_from(3 * 60),
            timezone: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Restore {
    pub class: String,
    pub multi_az: bool,
}

impl Default for Restore {
    fn default() -> Self {
        Self {
            class: "db.t3.micro".into(),
            multi_az: true,
        }
    }
}

/// Recovery targets the learner measures the run against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Targets {
    pub rpo_minutes: u32,
    pub rto_minutes: u32,
}

impl Default for Targets {
    fn default() -> Self {
        Self {
            rpo_minutes: 60,
            rto_minutes: 30,
        }
    }
}

/// The example business the summary translates RPO and RTO into: a shop taking orders at
/// an even rate. The figure is an example, labeled as one wherever it is shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Business {
    pub orders_per_hour: u32,
}

/// Most orders per hour the example accepts (a thousand a second).
pub const MAX_ORDERS_PER_HOUR: u32 = 3_600_000;

impl Default for Business {
    fn default() -> Self {
        Self {
            orders_per_hour: 100,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub names: Names,
    pub backup: Backup,
    pub restore: Restore,
    pub targets: Targets,
    pub business: Business,
    /// Base URL of the todo app; found through the load balancer when absent.
    pub app_url: Option<String>,
    /// The learner's name, shown at the top of the report that is handed in.
    pub learner: Option<String>,
}

/// What a configuration value should have been (`config-expect-<kind>`: `number`, `bool`,
/// `text`, `table`).
#[must_use]
pub fn expect_id(kind: &str) -> Option<crate::i18n::Id> {
    Some(match kind {
        "bool" => msg::CONFIG_EXPECT_BOOL,
        "number" => msg::CONFIG_EXPECT_NUMBER,
        "table" => msg::CONFIG_EXPECT_TABLE,
        "text" => msg::CONFIG_EXPECT_TEXT,
        _ => return None,
    })
}

/// A configuration problem, with the field it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigError {
    Read {
        path: String,
        reason: String,
    },
    /// Not a regular file, too large, or not text.
    File {
        path: String,
        problem: FileProblem,
    },
    Parse {
        path: String,
        reason: String,
    },
    /// A key the configuration does not have (`known`: the keys of its table).
    UnknownKey {
        path: String,
        key: String,
        line: usize,
        known: String,
    },
    /// A value of the wrong type (or out of its type's range) for `key`, on `line`.
    Value {
        path: String,
        key: String,
        line: usize,
        /// What the key takes, as an id (`config-expect-<id>`), when it is known.
        expected: Option<&'static str>,
        /// The parser's own words.
        reason: String,
    },
    Field {
        field: String,
        value: String,
        problem: Invalid,
    },
}

/// A TOML error as the learner can act on it: a value of the wrong type names its key (with
/// its table) and line, and what the key takes.
fn parse_error(path: &Path, text: &str, e: &toml::de::Error) -> ConfigError {
    let message = e.message();
    let path = path.display().to_string();
    if let Some(rest) = message.strip_prefix("unknown field `")
        && let Some((key, known)) = rest.split_once('`')
    {
        let line = e
            .span()
            .and_then(|span| text.get(..span.start))
            .map_or(1, |before| before.matches('\n').count() + 1);
        let known = known
            .trim_start_matches(", expected one of ")
            .trim_start_matches(", expected ")
            .replace('`', "");
        return ConfigError::UnknownKey {
            path,
            key: key.to_owned(),
            line,
            known,
        };
    }
    let kind_error = message.starts_with("invalid type:") || message.starts_with("invalid value:");
    let located = e.span().filter(|_| kind_error).and_then(|span| {
        let before = text.get(..span.start)?;
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let line_text = text.get(line_start..)?.lines().next()?;
        let (key, _) = line_text.split_once('=')?;
        let key = key.trim().trim_matches('"');
        let table = before
            .lines()
            .rev()
            .map(str::trim)
            .find(|l| l.starts_with('[') && l.ends_with(']'))
            .map(|l| l.trim_matches(['[', ']']).trim().to_owned());
        let key = match table {
            Some(table) if !table.is_empty() => format!("{table}.{key}"),
            _ => key.to_owned(),
        };
        Some((key, line))
    });
    let Some((key, line)) = located else {
        return ConfigError::Parse {
            path,
            reason: message.to_owned(),
        };
    };
    let wanted = message.rsplit_once(", expected ").map_or("", |(_, w)| w);
    let expected = if ["u32", "u64", "i64", "integer"]
        .iter()
        .any(|t| wanted.contains(t))
    {
        Some("number")
    } else if wanted.contains("bool") {
        Some("bool")
    } else if wanted.contains("string") {
        Some("text")
    } else if wanted.contains("struct") || wanted.contains("map") {
        Some("table")
    } else {
        None
    };
    ConfigError::Value {
        path,
        key,
        line,
        expected,
        reason: message.to_owned(),
    }
}

/// The backup window of a file that did not load, when it is text that is no window: the
/// field's own error (what the format is, how long a window has to be) instead of the
/// parser's.
fn window_error(text: &str) -> Option<ConfigError> {
    let table = text.parse::<toml::Table>().ok()?;
    let value = table.get("backup")?.get("window_local")?.as_str()?;
    let problem = value.parse::<BackupWindow>().err()?;
    Some(ConfigError::Field {
        field: "backup.window_local".into(),
        value: value.to_owned(),
        problem,
    })
}

impl Config {
    /// Reads and validates `path`.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let file = |problem| ConfigError::File {
            path: path.display().to_string(),
            problem,
        };
        let bytes = read_limited(path, CONFIG_MAX_BYTES)
            .map_err(file)?
            .ok_or_else(|| ConfigError::Read {
                path: path.display().to_string(),
                reason: std::fs::metadata(path)
                    .err()
                    .map_or_else(String::new, |e| e.to_string()),
            })?;
        let text = String::from_utf8(bytes)
            .map_err(|e| file(FileProblem::Damaged(e.utf8_error().to_string())))?;
        let config: Self = toml::from_str(&text)
            .map_err(|e| window_error(&text).unwrap_or_else(|| parse_error(path, &text, &e)))?;
        // An empty array where a table belongs (`names = []`) would read as the defaults.
        if let Ok(table) = text.parse::<toml::Table>()
            && let Some(key) = ["names", "backup", "restore", "targets", "business"]
                .into_iter()
                .find(|k| table.get(*k).is_some_and(|v| !v.is_table()))
        {
            let line = text
                .lines()
                .position(|l| {
                    l.trim_start()
                        .strip_prefix(key)
                        .is_some_and(|rest| rest.trim_start().starts_with('='))
                })
                .map_or(1, |i| i + 1);
            return Err(ConfigError::Value {
                path: path.display().to_string(),
                key: key.to_owned(),
                line,
                expected: Some("table"),
                reason: String::new(),
            });
        }
        config.validate()?;
        Ok(config)
    }

    /// Checks every name and setting against the AWS rules.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let field = |field: &str, value: &str, problem: Invalid| ConfigError::Field {
            field: field.into(),
            value: value.into(),
            problem,
        };
        let n = &self.names;
        for (key, value) in [
            ("names.instance", &n.instance),
            ("names.snapshot", &n.snapshot),
            ("names.restored_instance", &n.restored_instance),
            ("names.pitr_instance", &n.pitr_instance),
        ] {
            validate::rds_identifier(value).map_err(|p| field(key, value, p))?;
        }
        for (key, value) in [
            ("names.cluster", &n.cluster),
            ("names.service", &n.service),
            ("names.task_family", &n.task_family),
            ("names.container", &n.container),
        ] {
            validate::ecs_name(value).map_err(|p| field(key, value, p))?;
        }
        validate::load_balancer_name(&n.load_balancer)
            .map_err(|p| field("names.load_balancer", &n.load_balancer, p))?;
        // RDS identifiers are case-insensitive: `Workshop-DB` is `workshop-db`.
        let same = |a: &str, b: &str| a.eq_ignore_ascii_case(b);
        for (key, value, other_key, other) in [
            (
                "names.restored_instance",
                &n.restored_instance,
                "names.instance",
                &n.instance,
            ),
            (
                "names.pitr_instance",
                &n.pitr_instance,
                "names.instance",
                &n.instance,
            ),
            (
                "names.pitr_instance",
                &n.pitr_instance,
                "names.restored_instance",
                &n.restored_instance,
            ),
        ] {
            if same(value, other) {
                return Err(field(
                    key,
                    value,
                    Invalid::SameName {
                        other: other_key.to_owned(),
                    },
                ));
            }
        }
        validate::retention(self.backup.retention_days).map_err(|p| {
            field(
                "backup.retention_days",
                &self.backup.retention_days.to_string(),
                p,
            )
        })?;
        for (key, minutes) in [
            ("targets.rpo_minutes", self.targets.rpo_minutes),
            ("targets.rto_minutes", self.targets.rto_minutes),
        ] {
            if minutes == 0 {
                return Err(field(key, "0", Invalid::Target));
            }
        }
        let rate = self.business.orders_per_hour;
        if rate == 0 || rate > MAX_ORDERS_PER_HOUR {
            return Err(field(
                "business.orders_per_hour",
                &rate.to_string(),
                Invalid::OrderRate,
            ));
        }
        if let Some(tz) = &self.backup.timezone {
            jiff::tz::TimeZone::get(tz)
                .map_err(|_| field("backup.timezone", tz, Invalid::Timezone))?;
        }
        if let Some(url) = &self.app_url {
            validate::url(url).map_err(|p| field("app_url", &validate::redacted_url(url), p))?;
        }
        if let Some(name) = &self.learner {
            validate::learner_name(name).map_err(|p| field("learner", name, p))?;
        }
        Ok(())
    }

    /// The zone the backup window is entered in.
    #[must_use]
    pub fn timezone(&self) -> jiff::tz::TimeZone {
        self.backup
            .timezone
            .as_deref()
            .and_then(|tz| jiff::tz::TimeZone::get(tz).ok())
            .unwrap_or_else(jiff::tz::TimeZone::system)
    }
}
