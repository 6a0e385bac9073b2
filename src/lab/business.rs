//! The learner's own RPO and RTO in business terms: an example shop that takes orders at an
//! even rate (`business.orders_per_hour`, 100 unless configured) loses the orders of the
//! achieved RPO and takes none for the time without service. The summary and the report show
//! the figures and what a team does when a target is missed.

use serde::Serialize;

use super::recovery::Recovery;
use super::steps::PitrFigures;
use super::{Duration, Text};
use crate::config::Config;
use crate::msg;

const HOUR_S: u64 = 3600;

/// A span of the run and the orders it stands for at the example rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    pub seconds: i64,
    pub orders: u64,
}

/// What the run means for the example shop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Impact {
    /// The example rate.
    pub orders_per_hour: u32,
    /// Orders lost with the snapshot: written after it, gone with the disaster.
    pub rpo: Option<Span>,
    /// Orders lost with point-in-time restore, after the bonus.
    pub pitr_rpo: Option<Span>,
    /// Time without sales and the orders not taken meanwhile (so far, while it runs).
    pub rto: Option<Span>,
    pub rto_complete: bool,
    pub rpo_met: Option<bool>,
    pub rto_met: Option<bool>,
    pub rpo_target_seconds: i64,
    pub rto_target_seconds: i64,
}

/// Orders taken in `seconds` at `per_hour`, rounded to the nearest whole order.
#[must_use]
pub fn orders(seconds: i64, per_hour: u32) -> u64 {
    let seconds = u64::try_from(seconds.max(0)).unwrap_or(0);
    (seconds * u64::from(per_hour) + HOUR_S / 2) / HOUR_S
}

fn span(seconds: i64, per_hour: u32) -> Span {
    Span {
        seconds,
        orders: orders(seconds, per_hour),
    }
}

/// The figures of this run for the example shop.
#[must_use]
pub fn impact(recovery: &Recovery, pitr: Option<PitrFigures>, config: &Config) -> Impact {
    let rate = config.business.orders_per_hour;
    Impact {
        orders_per_hour: rate,
        rpo: recovery
            .achieved_rpo
            .as_ref()
            .map(|a| span(a.seconds, rate)),
        pitr_rpo: pitr
            .filter(|p| p.disaster.is_some())
            .map(|p| span(p.rpo_seconds, rate)),
        rto: recovery.rto.as_ref().map(|r| span(r.seconds, rate)),
        rto_complete: recovery.rto.as_ref().is_some_and(|r| r.complete),
        rpo_met: recovery.rpo_met(),
        rto_met: recovery.rto_met(),
        rpo_target_seconds: recovery.rpo_target_seconds,
        rto_target_seconds: recovery.rto_target_seconds,
    }
}

impl Impact {
    /// The texts the summary and the report show, in order: the example, each figure in
    /// orders (the achieved RPO, the bonus's after it), then
    /// what the team does about a missed target (or how it keeps a met one).
    #[must_use]
    pub fn texts(&self) -> Vec<Text> {
        let mut out = vec![Text::new(msg::BUSINESS_RATE).arg("rate", self.orders_per_hour)];
        if self.rpo.is_none() && self.rto.is_none() {
            out.push(Text::new(msg::BUSINESS_NONE));
            return out;
        }
        if let Some(rpo) = self.rpo {
            out.push(
                Text::new(msg::BUSINESS_RPO)
                    .arg("rpo", Duration::seconds(rpo.seconds))
                    .arg("orders", rpo.orders),
            );
        }
        if let Some(pitr) = self.pitr_rpo {
            out.push(
                Text::new(msg::BUSINESS_RPO_PITR)
                    .arg("rpo", Duration::seconds(pitr.seconds))
                    .arg("orders", pitr.orders),
            );
        }
        if let Some(rto) = self.rto {
            let id = if self.rto_complete {
                msg::BUSINESS_RTO
            } else {
                msg::BUSINESS_RTO_RUNNING
            };
            out.push(
                Text::new(id)
                    .arg("rto", Duration::seconds(rto.seconds))
                    .arg("orders", rto.orders),
            );
        }
        let target = |seconds: i64| crate::format::target(seconds);
        if self.rpo_met == Some(false) {
            out.push(
                Text::new(msg::BUSINESS_RPO_MISSED).arg("target", target(self.rpo_target_seconds)),
            );
        }
        if self.rto_met == Some(false) {
            out.push(
                Text::new(msg::BUSINESS_RTO_MISSED).arg("target", target(self.rto_target_seconds)),
            );
        }
        if self.rpo_met == Some(true) && self.rto_met == Some(true) {
            out.push(Text::new(msg::BUSINESS_MET));
        }
        out
    }
}

impl From<u64> for super::Arg {
    #[allow(
        clippy::cast_precision_loss,
        reason = "counts shown to people, far below 2^52"
    )]
    fn from(v: u64) -> Self {
        Self::Num(v as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders_round_to_the_nearest_whole_order() {
        assert_eq!(orders(3600, 100), 100);
        assert_eq!(orders(240, 100), 7, "6.67 orders");
        assert_eq!(orders(60, 100), 2, "1.67 orders");
        assert_eq!(orders(17, 100), 0, "0.47 orders");
        assert_eq!(orders(-5, 100), 0);
    }
}
