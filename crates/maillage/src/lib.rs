//! # maillage
//!
//! Maps the actors of local health coordination in France (health professionals,
//! health centres, hospitals and their CMP, PMI, social services, schools,
//! associations, institutions, and the coordination schemes CPTS, ASV, CLSM, CLS) and
//! the partnerships between them, on the territory's geography; tells how well the
//! networks interconnect, where the gaps are, and what each neighbourhood is covered by.
//!
//! Data flows one way (ARCHITECTURE.md):
//! [`bundle::load_bundle`] → [`model::Territory`] → [`network`], [`spatial`] and
//! [`gaps`] → [`Diagnosis`] → [`outputs`].
//!
//! # Example
//! ```
//! let loaded = maillage::bundle::load_bundle("../../data/lyon7".as_ref()).unwrap();
//! let diagnosis = maillage::Diagnosis::of(&loaded.territory);
//! assert_eq!(diagnosis.coverage.zones.len(), 24);
//! println!("{} actors, density {:.4}", diagnosis.summary.actors, diagnosis.summary.density);
//! ```

#![warn(missing_docs)]

pub mod atomic;
pub mod bundle;
pub mod compare;
pub mod crs;
pub mod diagnosis;
mod error;
pub mod gaps;
pub mod geocode;
pub mod import;
pub mod lang;
pub mod model;
pub mod network;
pub mod outputs;
pub mod spatial;
pub mod survey;
pub mod synth;
mod xlsx;

pub use bundle::{load_bundle, BundleErrors, Loaded, Problem};
pub use diagnosis::Diagnosis;
pub use error::Error;
pub use model::Territory;
pub use model::UnknownName;
