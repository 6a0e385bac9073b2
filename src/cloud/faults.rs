//! Fault injection in front of any [`super::Cloud`] (filled in by the fault issue).
