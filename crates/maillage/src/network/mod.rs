//! The network of partnerships: the undirected simple projection of the relations
//! valid on a date, and its figures (spec/ANALYSES.md §1).

mod projection;

pub use projection::{Components, Network};
