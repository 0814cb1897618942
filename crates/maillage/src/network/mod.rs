//! The network of partnerships: the undirected simple projection of the relations
//! valid on a date, and its figures (docs/analyses.md §1 and §4).
//!
//! The algorithms take a `petgraph` [`UnGraph`](petgraph::graph::UnGraph) whose edge
//! weights are the summed relation weights, and return one value per node index, so
//! that they can be tested on any graph (networkx's reference graphs among them).

mod adjacency;
pub mod analysis;
pub mod centrality;
pub mod cohesion;
pub mod communities;
pub mod dispositifs;
pub mod groups;
mod multi_source;
mod projection;
mod rng;
pub mod structural_holes;
mod ties;
pub mod time;

pub(crate) use adjacency::Adjacency;
pub use projection::{Components, Network};
pub use rng::SeededRng;
pub use ties::{Tie, Ties};
