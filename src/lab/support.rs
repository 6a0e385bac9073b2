//! What RDS standard support and Extended Support mean for the learner: the release calendar
//! of the engine versions a course account may run, and what Extended Support costs. The
//! restore step warns with it before a restore enrols a new instance in a paid support.

use jiff::Timestamp;

/// RDS Extended Support, years 1 and 2, in US cents per vCPU-hour (Amazon RDS pricing,
/// us-east-1; billed for every node, so Multi-AZ counts twice).
pub const EXTENDED_SUPPORT_CENTS_PER_VCPU_HOUR: u32 = 10;

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

/// vCPUs of a DB instance class, for Extended Support costs (the burstable classes the course
/// uses have 2; otherwise from the size: large 2, xlarge 4, Nxlarge 4·N).
#[must_use]
pub fn vcpus(class: &str) -> u32 {
    let size = class.rsplit('.').next().unwrap_or("");
    match size {
        "micro" | "small" | "medium" | "large" => 2,
        "xlarge" => 4,
        s => s
            .strip_suffix("xlarge")
            .and_then(|n| n.parse::<u32>().ok())
            .map_or(2, |n| 4 * n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lab_judges_by_the_calendar_the_simulated_world_follows() {
        for (engine, version) in [
            ("mysql", "5.7.44"),
            ("mysql", "8.0.39"),
            ("mysql", "8.4.3"),
            ("postgres", "11.22"),
            ("postgres", "12.20"),
            ("postgres", "13.16"),
            ("postgres", "16.4"),
        ] {
            assert_eq!(
                standard_support_end(engine, version),
                crate::cloud::sim::standard_support_end(engine, version),
                "{engine} {version}"
            );
        }
        assert_eq!(vcpus("db.t3.micro"), 2);
        assert_eq!(vcpus("db.m5.4xlarge"), 16);
    }
}
