//! The end-to-end tests, as one test binary: each module below used to be a binary of its own
//! and compiled and linked its own copy of `support`. One binary links once (as ripgrep's
//! `tests/tests.rs` does), and the compiler sees which helpers nothing uses.

mod support;

mod browser;
mod campaigns;
mod cli;
mod crawl;
mod determinism;
mod discover;
mod extract;
mod keyness;
mod org_variants;
mod organisations;
mod outputs;
mod public;
mod quotes;
mod reports;
mod schedule;
mod server;
mod update;
