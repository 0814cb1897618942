//! (module under construction: see spec/ANALYSES.md §1)
