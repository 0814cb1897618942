//! Editable category tables: a code of a national file (a FINESS `categetab`, an RPPS
//! profession, a data·inclusion typologie) mapped to a kind of the taxonomy. The built-in
//! tables are data files (`crates/maillage/crates/maillage/data/import/*.toml`) compiled in; a user file of the same
//! layout adds or overrides rows.

use crate::bundle::{Location, Problem, ProblemCode};
use crate::model::Taxonomy;
use indexmap::IndexMap;
use serde::Deserialize;
use std::collections::BTreeMap;

/// The built-in FINESS category table (`crates/maillage/data/import/finess_categories.toml`).
pub const FINESS_CATEGORIES: &str = include_str!("../../data/import/finess_categories.toml");
/// The built-in RPPS profession table (`crates/maillage/data/import/rpps_professions.toml`).
pub const RPPS_PROFESSIONS: &str = include_str!("../../data/import/rpps_professions.toml");
/// The built-in data·inclusion typologie table (`crates/maillage/data/import/data_inclusion_typologies.toml`).
pub const DATA_INCLUSION_TYPOLOGIES: &str =
    include_str!("../../data/import/data_inclusion_typologies.toml");

/// One row of a category table.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    /// The kind rows of this code become; `None` with `skip`.
    #[serde(default)]
    pub kind: Option<String>,
    /// Deliberately not imported (counted in the report).
    #[serde(default)]
    pub skip: bool,
    /// The label of the code in the national nomenclature, for the reader.
    #[serde(default)]
    pub label: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CategoryFile {
    categories: IndexMap<String, Category>,
}

/// What a code maps to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mapped<'a> {
    /// Imported as this kind.
    Kind(&'a str),
    /// Deliberately left out.
    Skip,
    /// Absent from the table: reported.
    Unmapped,
}

/// A category table: code → kind.
///
/// # Example
/// ```
/// use maillage::import::{CategoryMap, Mapped, FINESS_CATEGORIES};
/// let map = CategoryMap::parse("built-in", FINESS_CATEGORIES).unwrap();
/// assert_eq!(map.get("156"), Mapped::Kind("cmp"));
/// assert_eq!(map.get("999"), Mapped::Unmapped);
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CategoryMap {
    /// Rows by code, in file order (overrides replace in place, additions at the end).
    pub categories: IndexMap<String, Category>,
}

impl CategoryMap {
    /// Reads a table from TOML text; `file` names it in problems.
    ///
    /// # Errors
    /// One problem when the text is not a valid table.
    pub fn parse(file: &str, text: &str) -> Result<Self, Problem> {
        let parsed: CategoryFile = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|s| 1 + text[..s.start.min(text.len())].matches('\n').count() as u64);
            Problem::error(
                file,
                line.map_or(Location::File, Location::Line),
                None,
                ProblemCode::BadManifest,
                crate::msg!(BadCategoryTable, detail = e.message()),
            )
        })?;
        Ok(Self {
            categories: parsed.categories,
        })
    }

    /// The built-in table overridden by a user file's rows.
    ///
    /// # Errors
    /// The user file cannot be read or parsed.
    pub fn with_overrides(builtin: &str, user: Option<&std::path::Path>) -> Result<Self, Problem> {
        let mut map = Self::parse(&crate::msg!(BuiltInTable).to_string(), builtin)?;
        if let Some(path) = user {
            let name = path.display().to_string();
            let text = std::fs::read_to_string(path).map_err(|e| {
                Problem::error(
                    &name,
                    Location::File,
                    None,
                    ProblemCode::MissingFile,
                    crate::msg!(CategoryTableUnreadable, detail = e.to_string()),
                )
            })?;
            let user = Self::parse(&name, &text)?;
            for (code, row) in user.categories {
                map.categories.insert(code, row);
            }
        }
        Ok(map)
    }

    /// What `code` maps to.
    pub fn get(&self, code: &str) -> Mapped<'_> {
        match self.categories.get(code) {
            Some(c) if c.skip => Mapped::Skip,
            Some(Category {
                kind: Some(kind), ..
            }) => Mapped::Kind(kind),
            _ => Mapped::Unmapped,
        }
    }

    /// Rows whose kind is not in `taxonomy`, as problems (`file` names the table).
    pub fn check(&self, file: &str, taxonomy: &Taxonomy) -> Vec<Problem> {
        let mut problems = Vec::new();
        for (code, c) in &self.categories {
            match (&c.kind, c.skip) {
                (Some(kind), false) if taxonomy.kind(kind).is_none() => {
                    problems.push(Problem::error(
                        file,
                        Location::File,
                        Some(code),
                        ProblemCode::UnknownKind,
                        crate::msg!(
                            UnknownKind,
                            kind = kind,
                            closest = taxonomy.closest_kinds(kind, 3).join(", ")
                        ),
                    ))
                }
                (None, false) => problems.push(Problem::error(
                    file,
                    Location::File,
                    Some(code),
                    ProblemCode::MissingValue,
                    crate::msg!(NeitherKindNorSkip),
                )),
                _ => {}
            }
        }
        problems
    }
}

/// Codes met that the table does not map, with the label read in the file and a count.
#[derive(Debug, Clone, Default)]
pub(crate) struct Tally {
    counts: BTreeMap<String, (String, usize)>,
}

impl Tally {
    pub(crate) fn add(&mut self, code: &str, label: &str) {
        let e = self
            .counts
            .entry(code.to_owned())
            .or_insert_with(|| (label.to_owned(), 0));
        e.1 += 1;
    }

    pub(crate) fn into_codes(self) -> Vec<super::CodeCount> {
        self.counts
            .into_iter()
            .map(|(code, (label, count))| super::CodeCount { code, label, count })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_tables_name_known_kinds() {
        let t = Taxonomy::builtin();
        for (name, text) in [
            ("finess", FINESS_CATEGORIES),
            ("rpps", RPPS_PROFESSIONS),
            ("data_inclusion", DATA_INCLUSION_TYPOLOGIES),
        ] {
            let map = CategoryMap::parse(name, text).unwrap();
            assert!(map.check(name, &t).is_empty(), "{name}");
        }
    }

    #[test]
    fn user_rows_override_built_in_ones() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mine.toml");
        std::fs::write(
            &path,
            "[categories]\n\"156\" = { kind = \"cmp_enfants\" }\n\"999\" = { kind = \"association\" }\n",
        )
        .unwrap();
        let map = CategoryMap::with_overrides(FINESS_CATEGORIES, Some(&path)).unwrap();
        assert_eq!(map.get("156"), Mapped::Kind("cmp_enfants"));
        assert_eq!(map.get("999"), Mapped::Kind("association"));
        assert_eq!(map.get("697"), Mapped::Skip);
    }

    #[test]
    fn reports_a_bad_table_with_its_line() {
        let e =
            CategoryMap::parse("mine.toml", "[categories]\n\"1\" = { kin = \"x\" }\n").unwrap_err();
        assert_eq!(e.location, Location::Line(2));
    }
}
