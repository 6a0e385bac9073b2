//! The RDS release calendar: when standard support ends for the engine versions a course
//! account may still run. An AWS fact, read by the simulated account (an instance past the
//! date is enrolled in Extended Support) and by the lab (the restore step warns before a
//! restore enrols a new instance in a paid support).

use jiff::Timestamp;

/// When RDS standard support ends for an engine's major version (Amazon RDS release
/// calendars), for the versions a course account may still run.
#[must_use]
#[allow(
    clippy::match_same_arms,
    reason = "one arm per engine version, as the release calendars list them"
)]
pub fn standard_support_end(engine: &str, version: &str) -> Option<Timestamp> {
    let mut parts = version.split('.');
    let major = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let date = match (engine, major) {
        ("mysql", ("5", "7")) => "2024-02-29T00:00:00Z",
        ("mysql", ("8", "0")) => "2026-07-31T00:00:00Z",
        ("postgres", ("11", _)) => "2024-02-29T00:00:00Z",
        ("postgres", ("12", _)) => "2025-02-28T00:00:00Z",
        ("postgres", ("13", _)) => "2026-02-28T00:00:00Z",
        _ => return None,
    };
    date.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_calendar_knows_the_course_engines_by_their_major_version() {
        let end = |engine, version| standard_support_end(engine, version).map(|t| t.to_string());
        assert_eq!(end("mysql", "8.0.39"), Some("2026-07-31T00:00:00Z".into()));
        assert_eq!(end("mysql", "5.7.44"), Some("2024-02-29T00:00:00Z".into()));
        assert_eq!(end("postgres", "13.4"), Some("2026-02-28T00:00:00Z".into()));
        assert_eq!(end("mysql", "8.4.3"), None, "still in standard support");
        assert_eq!(end("mariadb", "10.6"), None);
    }
}
