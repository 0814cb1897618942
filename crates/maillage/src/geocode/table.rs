//! Geocoding the rows of a table (a header and rows of cells), as a spreadsheet or a
//! DataFrame holds them: the address columns are found by name, French or English,
//! and the new columns are returned for the caller to write.

use super::{AddressQuery, Geocoded, Geocoder};

/// The columns geocoding adds beside `x` and `y`.
pub const NEW_COLUMNS: [&str; 3] = ["geocode_score", "geocode_type", "geocode_label"];

/// Names accepted for each address column (compared trimmed and in lower case).
const ADDRESS: &[&str] = &["address", "adresse", "adresse_postale", "addr"];
const POSTCODE: &[&str] = &["postcode", "code_postal", "codepostal", "cp", "zipcode"];
const CITYCODE: &[&str] = &["citycode", "code_insee", "insee", "code_commune", "cog"];
const CITY: &[&str] = &["city", "commune", "ville", "nom_commune", "libelle_commune"];

/// The positions of the address columns of a header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableColumns {
    /// The address (required).
    pub address: usize,
    /// The postcode, if the table has one.
    pub postcode: Option<usize>,
    /// The INSEE code, if the table has one.
    pub citycode: Option<usize>,
    /// The commune's name (or code), if the table has one.
    pub city: Option<usize>,
}

impl TableColumns {
    /// Finds the columns by name: `address` or `adresse`; `postcode` or `code_postal`;
    /// `citycode` or `code_insee`; `city` or `commune`. `None` without an address
    /// column.
    ///
    /// # Example
    /// ```
    /// use maillage::geocode::TableColumns;
    /// let header = ["id", "Adresse", "code_postal", "commune"].map(String::from);
    /// let c = TableColumns::find(&header).unwrap();
    /// assert_eq!((c.address, c.postcode, c.citycode, c.city), (1, Some(2), None, Some(3)));
    /// ```
    pub fn find(header: &[String]) -> Option<Self> {
        let find = |names: &[&str]| {
            header
                .iter()
                .position(|h| names.contains(&h.trim().to_lowercase().as_str()))
        };
        Some(Self {
            address: find(ADDRESS)?,
            postcode: find(POSTCODE),
            citycode: find(CITYCODE),
            city: find(CITY),
        })
    }

    /// The query of a row; `None` when its address is empty.
    pub fn query<S: AsRef<str>>(&self, row: &[S]) -> Option<AddressQuery> {
        let cell = |c: Option<usize>| {
            c.and_then(|i| row.get(i))
                .map(|s| s.as_ref().trim())
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        let address = cell(Some(self.address))?;
        Some(AddressQuery {
            address,
            postcode: cell(self.postcode),
            citycode: cell(self.citycode),
            city: cell(self.city),
        })
    }
}

/// The outcome of geocoding a table.
#[derive(Debug, Clone, PartialEq)]
pub struct TableGeocoding {
    /// The address columns used.
    pub columns: TableColumns,
    /// Per row: `None` when its address is empty, else the point found (or `None`
    /// inside when nothing was found).
    pub results: Vec<Option<Option<Geocoded>>>,
}

impl TableGeocoding {
    /// The new cells of a row, in the order of [`NEW_COLUMNS`] with `lon` and `lat`
    /// first (six decimals, about 10 cm); empty cells when the row was not geocoded.
    pub fn cells(&self, row: usize) -> [String; 5] {
        match self.results.get(row) {
            Some(Some(Some(g))) => [
                format!("{:.6}", g.lon),
                format!("{:.6}", g.lat),
                format!("{:.2}", g.score),
                g.kind.as_str().to_owned(),
                g.label.clone(),
            ],
            _ => Default::default(),
        }
    }
}

/// Geocodes every row of a table that has an address, in parallel.
///
/// # Errors
/// A message naming the accepted column names when the header has no address column,
/// or what failed on the server.
///
/// # Example
/// ```
/// use maillage::geocode::{geocode_table, BanIndex};
/// let bano = "480610002F-1,1,Rue de l'Église,48400,Florac,C+O,44.3240,3.5940\n";
/// let index = BanIndex::from_reader("bano-48.csv", bano.as_bytes()).unwrap();
/// let header = ["nom", "adresse", "cp"].map(String::from);
/// let rows = vec![
///     vec!["Cabinet".to_owned(), "1 rue de l'Eglise".to_owned(), "48400".to_owned()],
///     vec!["CPTS".to_owned(), String::new(), String::new()],
/// ];
/// let done = geocode_table(&index, &header, &rows).unwrap();
/// assert_eq!(done.cells(0)[3], "housenumber");
/// assert_eq!(done.results[1], None);
/// ```
pub fn geocode_table<S: AsRef<str> + Sync, G: Geocoder + ?Sized>(
    geocoder: &G,
    header: &[String],
    rows: &[Vec<S>],
) -> Result<TableGeocoding, String> {
    let columns = TableColumns::find(header).ok_or_else(|| {
        format!(
            "no address column (expected one of {}; with optional {}, {}, {})",
            ADDRESS.join(", "),
            POSTCODE.join("/"),
            CITYCODE.join("/"),
            CITY.join("/")
        )
    })?;
    let queries: Vec<Option<AddressQuery>> = rows.iter().map(|r| columns.query(r)).collect();
    let asked: Vec<AddressQuery> = queries.iter().flatten().cloned().collect();
    let mut found = geocoder
        .geocode_all(&asked)
        .map_err(|e| e.to_string())?
        .into_iter();
    let results = queries
        .iter()
        .map(|q| q.as_ref().map(|_| found.next().flatten()))
        .collect();
    Ok(TableGeocoding { columns, results })
}
