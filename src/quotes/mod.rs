//! Quotes: sentences people can cite, with their attribution.
pub mod sentences;
