//! Shared test fixtures: the site's markup, small PDFs, and a local server.
pub mod fixture;
pub mod growing;
pub mod pdf;
pub mod server;
pub mod site;
