//! What RDS Extended Support costs the learner once standard support has ended (when that is,
//! the release calendar [`crate::cloud::calendar`] says). The restore step warns with it
//! before a restore enrols a new instance in a paid support.

/// RDS Extended Support, years 1 and 2, in US cents per vCPU-hour (Amazon RDS pricing,
/// us-east-1; billed for every node, so Multi-AZ counts twice).
pub const EXTENDED_SUPPORT_CENTS_PER_VCPU_HOUR: u32 = 10;

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
