//! How numbers are written for people: durations, targets and times. Every screen, check and
//! report writes them through here, so they read the same everywhere.

use jiff::Timestamp;
use jiff::tz::TimeZone;

/// `1 h 02 min`, `4 min 05 s`, `12 s`: durations as people read them.
#[must_use]
pub fn duration(seconds: i64) -> String {
    let s = seconds.max(0);
    let (h, m, sec) = (s / 3600, (s % 3600) / 60, s % 60);
    if h > 0 {
        format!("{h} h {m:02} min")
    } else if m > 0 {
        format!("{m} min {sec:02} s")
    } else {
        format!("{sec} s")
    }
}

/// A target as people set it: `30 min`, `2 h`.
#[must_use]
pub fn target(seconds: i64) -> String {
    const HOUR_S: i64 = 3600;
    const MINUTE_S: i64 = 60;
    if seconds >= 2 * HOUR_S && seconds % HOUR_S == 0 {
        format!("{} h", seconds / HOUR_S)
    } else if seconds % MINUTE_S == 0 {
        format!("{} min", seconds / MINUTE_S)
    } else {
        duration(seconds)
    }
}

/// Seconds from `then` to `now`, never negative.
#[must_use]
pub fn since(now: Timestamp, then: Timestamp) -> i64 {
    (now.as_second() - then.as_second()).max(0)
}

/// A moment as the clock in `tz` shows it: `14:03:05`.
#[must_use]
pub fn clock(at: Timestamp, tz: &TimeZone) -> String {
    at.to_zoned(tz.clone()).strftime("%H:%M:%S").to_string()
}

/// `14:03` in `tz`.
#[must_use]
pub fn clock_minutes(at: Timestamp, tz: &TimeZone) -> String {
    at.to_zoned(tz.clone()).strftime("%H:%M").to_string()
}

/// A moment with its date: `2026-11-25 14:03:05`.
#[must_use]
pub fn stamp(at: Timestamp, tz: &TimeZone) -> String {
    at.to_zoned(tz.clone())
        .strftime("%Y-%m-%d %H:%M:%S")
        .to_string()
}

/// A day: `2026-11-25` (in UTC, as AWS states dates).
#[must_use]
pub fn day(at: Timestamp) -> String {
    at.strftime("%Y-%m-%d").to_string()
}

/// A storage size: `100 GiB`.
#[must_use]
pub fn gib(size: impl std::fmt::Display) -> String {
    format!("{size} GiB")
}

/// A moment with its date and zone: `2026-11-25 14:03:05 CET`.
#[must_use]
pub fn moment(at: Timestamp, tz: &TimeZone) -> String {
    at.to_zoned(tz.clone())
        .strftime("%Y-%m-%d %H:%M:%S %Z")
        .to_string()
}

/// `15`, `1.5`: a speed factor without needless decimals.
#[must_use]
pub fn speed(factor: f64) -> String {
    let rounded = (factor * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_people_say_them() {
        assert_eq!(duration(12), "12 s");
        assert_eq!(duration(245), "4 min 05 s");
        assert_eq!(duration(3720), "1 h 02 min");
        assert_eq!(duration(-5), "0 s");
        assert_eq!(target(1800), "30 min");
        assert_eq!(target(7200), "2 h");
        assert_eq!(target(3600), "60 min");
        assert_eq!(target(90), "1 min 30 s");
    }
}
