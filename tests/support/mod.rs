//! Helpers shared by integration tests (`mod support;`): moto servers shared by the tests, the Python
//! harness scripts in `tests/harness/`, and small loopback servers for fault tests.
//! Not every test file uses every helper.

pub mod fake;
pub mod lab;
pub mod moto;
