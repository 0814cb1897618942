//! Readers of the national address files: the Base Adresse Nationale department file
//! as published (`adresses-NN.csv.gz` or uncompressed, 23 columns separated by `;`),
//! its older "ODbL" v0 layout, the BAL-style exports of a commune, and BANO (no
//! header, `id,numero,voie,code_post,nom_comm,source,lat,lon`, latitude first).
//!
//! The format is told from the first line; the file is read line by line (a
//! department file is never held whole), gzip-compressed or not (told from its first
//! bytes). Rows that cannot be read are skipped with a located warning; a file that
//! is none of these formats, a truncated gzip stream or an unreadable file is a
//! located error.

use super::{Location, Problem, ProblemCode};
use crate::lang::Message;
use std::borrow::Cow;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// The longest line read: 1 MiB (a BAN row is about 200 bytes). A longer line is
/// skipped with a warning, without being held in memory.
pub const MAX_LINE_BYTES: usize = 1 << 20;

/// The most warnings reported for one file; past it, one last warning counts the rest.
pub const MAX_WARNINGS_PER_FILE: usize = 100;

/// The layouts read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BanFormat {
    /// The BAN department file, 23 columns (`id;id_fantoir;numero;rep;nom_voie;…`).
    Ban,
    /// The BAN "ODbL" v0 layout (`id;nom_voie;id_fantoir;numero;rep;code_insee;code_post;…`).
    BanOdbl,
    /// A Base Adresse Locale or the BAN's BAL-style export of a commune
    /// (`cle_interop;…;voie_nom;…;numero;suffixe;…;long;lat`).
    Bal,
    /// BANO, without header or with its column names as header.
    Bano,
}

impl BanFormat {
    /// A short name for reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ban => "BAN",
            Self::BanOdbl => "BAN ODbL v0",
            Self::Bal => "BAL",
            Self::Bano => "BANO",
        }
    }
}

/// One address point of a file, borrowed from the line it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct AddressRow<'a> {
    /// The physical line, 1-based.
    pub line: u64,
    /// The house number as written (`12`, or `1BIS` in BANO); empty or `99999` for a
    /// point of a street without number.
    pub numero: &'a str,
    /// The suffix (`bis`, `ter`, `a`…), empty when none.
    pub rep: &'a str,
    /// The street or place name.
    pub voie: &'a str,
    /// The postcode, empty in BAL files.
    pub postcode: &'a str,
    /// The INSEE code of the commune (of the arrondissement in Paris, Lyon, Marseille).
    pub citycode: &'a str,
    /// The commune's name.
    pub city: &'a str,
    /// The INSEE code of the former commune, for communes merged since.
    pub old_citycode: &'a str,
    /// The former commune's name.
    pub old_city: &'a str,
    /// The lieu-dit (`nom_ld`), empty when none.
    pub lieu_dit: &'a str,
    /// WGS84 longitude, degrees.
    pub lon: f64,
    /// WGS84 latitude, degrees.
    pub lat: f64,
}

/// Column positions of a named layout.
#[derive(Debug, Clone, Default)]
struct Columns {
    numero: Option<usize>,
    rep: Option<usize>,
    voie: Option<usize>,
    postcode: Option<usize>,
    citycode: Option<usize>,
    /// BANO: the INSEE code is the first five characters of `id`.
    id: Option<usize>,
    city: Option<usize>,
    old_citycode: Option<usize>,
    old_city: Option<usize>,
    lieu_dit: Option<usize>,
    lon: Option<usize>,
    lat: Option<usize>,
    width: usize,
}

/// The header of the BAN department file, for the error of a file that is not one.
const BAN_HEADER: &str = "id;id_fantoir;numero;rep;nom_voie;code_postal;code_insee;nom_commune;code_insee_ancienne_commune;nom_ancienne_commune;x;y;lon;lat;type_position;alias;nom_ld;libelle_acheminement;nom_afnor;source_position;source_nom_voie;certification_commune;cad_parcelles";

impl Columns {
    fn from_header(names: &[String]) -> (Self, Vec<&'static str>) {
        let find = |aliases: &[&str]| names.iter().position(|n| aliases.contains(&n.as_str()));
        let c = Columns {
            numero: find(&["numero"]),
            rep: find(&["rep", "suffixe"]),
            voie: find(&["nom_voie", "voie_nom", "voie"]),
            postcode: find(&["code_postal", "code_post"]),
            citycode: find(&["code_insee", "commune_insee"]),
            id: find(&["id"]),
            city: find(&["nom_commune", "commune_nom", "nom_comm"]),
            old_citycode: find(&["code_insee_ancienne_commune", "commune_deleguee_insee"]),
            old_city: find(&["nom_ancienne_commune", "commune_deleguee_nom"]),
            lieu_dit: find(&["nom_ld", "lieudit_complement_nom"]),
            lon: find(&["lon", "long", "longitude"]),
            lat: find(&["lat", "latitude"]),
            width: names.len(),
        };
        let mut missing = Vec::new();
        for (column, name) in [
            (c.numero, "numero"),
            (c.voie, "nom_voie"),
            (
                c.citycode.or(c.id.filter(|_| c.city.is_some())),
                "code_insee",
            ),
            (c.lon, "lon"),
            (c.lat, "lat"),
        ] {
            if column.is_none() {
                missing.push(name);
            }
        }
        (c, missing)
    }

    /// BANO without header: `id,numero,voie,code_post,nom_comm,source,lat,lon`.
    fn bano() -> Self {
        Columns {
            id: Some(0),
            numero: Some(1),
            voie: Some(2),
            postcode: Some(3),
            city: Some(4),
            lat: Some(6),
            lon: Some(7),
            width: 8,
            ..Columns::default()
        }
    }
}

fn format_of(names: &[String]) -> BanFormat {
    let has = |n: &str| names.iter().any(|h| h == n);
    if has("voie_nom") || has("commune_insee") {
        BanFormat::Bal
    } else if has("nom_comm") {
        BanFormat::Bano
    } else if has("code_post") {
        BanFormat::BanOdbl
    } else {
        BanFormat::Ban
    }
}

/// Whether a first line is a BANO row without header: eight comma-separated fields,
/// the last two numbers.
fn is_headerless_bano(line: &str) -> bool {
    let fields: Vec<&str> = line.split(',').collect();
    fields.len() == 8
        && fields[0].len() >= 5
        && fields[6].trim().parse::<f64>().is_ok()
        && fields[7].trim().parse::<f64>().is_ok()
}

/// Splits a line into fields; a field in double quotes may hold the delimiter and
/// doubled quotes (`""` in the BAN ODbL file is an empty value).
fn split_line<'a>(line: &'a str, delimiter: u8, out: &mut Vec<Cow<'a, str>>) {
    out.clear();
    let bytes = line.as_bytes();
    let mut i = 0;
    loop {
        if bytes.get(i) == Some(&b'"') {
            let mut value = String::new();
            let mut j = i + 1;
            let mut start = j;
            loop {
                match bytes[j..].iter().position(|&b| b == b'"') {
                    None => {
                        // an unclosed quote: the rest of the line is the value
                        value.push_str(&line[start..]);
                        j = bytes.len();
                        break;
                    }
                    Some(k) => {
                        value.push_str(&line[start..j + k]);
                        j += k + 1;
                        if bytes.get(j) == Some(&b'"') {
                            value.push('"');
                            j += 1;
                            start = j;
                        } else {
                            break;
                        }
                    }
                }
            }
            // anything between the closing quote and the delimiter is kept
            let end = bytes[j..]
                .iter()
                .position(|&b| b == delimiter)
                .map_or(bytes.len(), |k| j + k);
            value.push_str(&line[j..end]);
            out.push(Cow::Owned(value));
            if end >= bytes.len() {
                return;
            }
            i = end + 1;
        } else {
            let end = bytes[i..]
                .iter()
                .position(|&b| b == delimiter)
                .map_or(bytes.len(), |k| i + k);
            out.push(Cow::Borrowed(&line[i..end]));
            if end >= bytes.len() {
                return;
            }
            i = end + 1;
        }
    }
}

/// Problems of one file, with the warnings capped.
struct Report<'p> {
    file: String,
    problems: &'p mut Vec<Problem>,
    warnings: usize,
}

impl Report<'_> {
    fn warn(&mut self, line: u64, field: Option<&str>, code: ProblemCode, message: Message) {
        self.warnings += 1;
        if self.warnings <= MAX_WARNINGS_PER_FILE {
            self.problems.push(Problem::warning(
                &self.file,
                Location::Line(line),
                field,
                code,
                message,
            ));
        }
    }

    fn error(&mut self, location: Location, code: ProblemCode, message: Message) {
        self.problems
            .push(Problem::error(&self.file, location, None, code, message));
    }

    fn finish(self) {
        if self.warnings > MAX_WARNINGS_PER_FILE {
            self.problems.push(Problem::warning(
                &self.file,
                Location::File,
                None,
                ProblemCode::TooManyProblems,
                crate::msg!(
                    MoreWarnings,
                    count = self.warnings - MAX_WARNINGS_PER_FILE,
                    max = MAX_WARNINGS_PER_FILE
                ),
            ));
        }
    }
}

/// What reading one line gave.
enum Line {
    /// A line, without its end of line, in the buffer.
    Read,
    /// A line longer than [`MAX_LINE_BYTES`], skipped.
    TooLong(usize),
    /// The end of the file.
    End,
}

/// Reads one line into `buf`, never holding more than [`MAX_LINE_BYTES`] of it.
fn read_line(reader: &mut dyn BufRead, buf: &mut Vec<u8>) -> std::io::Result<Line> {
    buf.clear();
    let mut skipped = 0usize;
    let mut any = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            break;
        }
        any = true;
        let (chunk, done) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (&available[..i], Some(i + 1)),
            None => (available, None),
        };
        if skipped > 0 || buf.len() + chunk.len() > MAX_LINE_BYTES {
            skipped += buf.len() + chunk.len();
            buf.clear();
        } else {
            buf.extend_from_slice(chunk);
        }
        let used = done.unwrap_or(available.len());
        reader.consume(used);
        if done.is_some() {
            break;
        }
    }
    if buf.last() == Some(&b'\r') {
        buf.pop();
    }
    Ok(match (any, skipped) {
        (false, _) => Line::End,
        (true, 0) => Line::Read,
        (true, n) => Line::TooLong(n),
    })
}

/// Reads a BAN, BAL or BANO file from disk, gzip-compressed or not, and hands each
/// address point to `sink`.
///
/// # Returns
/// The format read, or `None` when the file was refused (its errors are then in
/// `problems`, with the warnings met).
///
/// # Example
/// ```
/// use maillage::geocode::{read_ban_file, BanFormat};
/// let dir = std::env::temp_dir().join("maillage-doc-read-ban");
/// std::fs::create_dir_all(&dir).unwrap();
/// let path = dir.join("bano-48.csv");
/// std::fs::write(&path, "480610002F-1,1,Rue de l'Église,48400,Florac,C+O,44.324,3.594\n").unwrap();
/// let mut streets = Vec::new();
/// let mut problems = Vec::new();
/// let format = read_ban_file(&path, &mut |row| streets.push(row.voie.to_owned()), &mut problems);
/// assert_eq!(format, Some(BanFormat::Bano));
/// assert_eq!(streets, ["Rue de l'Église"]);
/// ```
pub fn read_ban_file(
    path: &Path,
    sink: &mut dyn FnMut(&AddressRow),
    problems: &mut Vec<Problem>,
) -> Option<BanFormat> {
    let name = path.display().to_string();
    match std::fs::File::open(path) {
        Ok(file) => read_ban(&name, file, sink, problems),
        Err(e) => {
            problems.push(unreadable(&name, &e));
            None
        }
    }
}

/// The problem of a file that cannot be opened or read at all.
fn unreadable(name: &str, e: &std::io::Error) -> Problem {
    Problem::error(
        name,
        Location::File,
        None,
        ProblemCode::MissingFile,
        crate::msg!(AddressFileUnreadable, detail = e.to_string()),
    )
}

/// Reads a BAN, BAL or BANO file from any reader, gzip-compressed or not (see
/// [`read_ban_file`]); `name` names the file in problems.
///
/// # Example
/// ```
/// use maillage::geocode::{read_ban, BanFormat};
/// let text = "id;numero;rep;nom_voie\n";
/// let mut problems = Vec::new();
/// assert_eq!(read_ban("x.csv", text.as_bytes(), &mut |_| {}, &mut problems), None);
/// assert!(problems[0].to_string().contains("code_insee, lon, lat"));
/// ```
pub fn read_ban(
    name: &str,
    reader: impl Read,
    sink: &mut dyn FnMut(&AddressRow),
    problems: &mut Vec<Problem>,
) -> Option<BanFormat> {
    let mut raw = BufReader::with_capacity(1 << 16, reader);
    let gzip = match raw.fill_buf() {
        Ok(b) => b.starts_with(&[0x1f, 0x8b]),
        Err(e) => {
            problems.push(unreadable(name, &e));
            return None;
        }
    };
    let mut reader: Box<dyn BufRead> = if gzip {
        Box::new(BufReader::with_capacity(
            1 << 16,
            flate2::bufread::MultiGzDecoder::new(raw),
        ))
    } else {
        Box::new(raw)
    };
    let mut report = Report {
        file: name.to_owned(),
        problems,
        warnings: 0,
    };
    let result = read_lines(&mut *reader, gzip, sink, &mut report);
    report.finish();
    result
}

fn read_error(report: &mut Report, line: u64, gzip: bool, e: &std::io::Error) {
    let message = if gzip
        && matches!(
            e.kind(),
            std::io::ErrorKind::UnexpectedEof | std::io::ErrorKind::InvalidInput
        ) {
        crate::msg!(
            GzipCut,
            line = line.saturating_sub(1),
            detail = e.to_string()
        )
    } else if gzip {
        crate::msg!(GzipDamaged, detail = e.to_string())
    } else {
        crate::msg!(FileUnreadableDetail, detail = e.to_string())
    };
    report.error(Location::Line(line.max(1)), ProblemCode::BadCsv, message);
}

fn read_lines(
    reader: &mut dyn BufRead,
    gzip: bool,
    sink: &mut dyn FnMut(&AddressRow),
    report: &mut Report,
) -> Option<BanFormat> {
    let mut buf = Vec::with_capacity(512);
    let mut line_no = 0u64;
    let mut windows_1252 = false;
    let mut columns: Option<(Columns, u8, BanFormat)> = None;
    loop {
        line_no += 1;
        let status = match read_line(reader, &mut buf) {
            Ok(s) => s,
            Err(e) => {
                read_error(report, line_no, gzip, &e);
                return None;
            }
        };
        match status {
            Line::End => break,
            Line::TooLong(n) => {
                if columns.is_none() {
                    report.error(
                        Location::Line(line_no),
                        ProblemCode::TooLarge,
                        crate::msg!(FirstLineTooLong, bytes = n),
                    );
                    return None;
                }
                report.warn(
                    line_no,
                    None,
                    ProblemCode::TooLarge,
                    crate::msg!(LongLineSkipped, bytes = n, max = MAX_LINE_BYTES),
                );
                continue;
            }
            Line::Read => {}
        }
        let text: Cow<str> = match std::str::from_utf8(&buf) {
            Ok(s) => Cow::Borrowed(s),
            Err(_) => {
                if !windows_1252 {
                    windows_1252 = true;
                    report.warn(
                        line_no,
                        None,
                        ProblemCode::Encoding,
                        crate::msg!(Windows1252FromHere),
                    );
                }
                let (t, _, _) = encoding_rs::WINDOWS_1252.decode(&buf);
                t
            }
        };
        let text: Cow<str> = if text.chars().any(|c| c.is_control() && c != '\t') {
            report.warn(
                line_no,
                None,
                ProblemCode::BadCsv,
                crate::msg!(ControlCharacters),
            );
            Cow::Owned(
                text.chars()
                    .map(|c| if c.is_control() && c != '\t' { ' ' } else { c })
                    .collect(),
            )
        } else {
            text
        };
        let text = if line_no == 1 {
            text.trim_start_matches('\u{feff}')
        } else {
            &text
        };
        if text.trim().is_empty() {
            continue;
        }
        if columns.is_none() {
            if is_headerless_bano(text) {
                // this first line is a row: it is read below
                columns = Some((Columns::bano(), b',', BanFormat::Bano));
            } else {
                let count = |c| text.bytes().filter(|&b| b == c).count();
                let delimiter = if count(b';') >= count(b',') {
                    b';'
                } else {
                    b','
                };
                let mut fields = Vec::new();
                split_line(text, delimiter, &mut fields);
                let names: Vec<String> = fields
                    .iter()
                    .map(|f| f.trim().to_ascii_lowercase())
                    .collect();
                let (cols, missing) = Columns::from_header(&names);
                if !missing.is_empty() {
                    report.error(
                        Location::Line(line_no),
                        ProblemCode::MissingColumn,
                        crate::msg!(
                            NotAnAddressFile,
                            missing = missing.join(", "),
                            header = BAN_HEADER,
                            found = super::clip(&names.join(", "), 300)
                        ),
                    );
                    return None;
                }
                columns = Some((cols, delimiter, format_of(&names)));
                continue;
            }
        }
        if let Some((cols, delimiter, _)) = &columns {
            let mut fields = Vec::with_capacity(cols.width);
            read_row(text, line_no, cols, *delimiter, &mut fields, sink, report);
        }
    }
    match columns {
        Some((_, _, format)) => Some(format),
        None => {
            report.error(
                Location::File,
                ProblemCode::EmptyFile,
                crate::msg!(EmptyAddressFile),
            );
            None
        }
    }
}

fn read_row<'a>(
    text: &'a str,
    line: u64,
    cols: &Columns,
    delimiter: u8,
    fields: &mut Vec<Cow<'a, str>>,
    sink: &mut dyn FnMut(&AddressRow),
    report: &mut Report,
) {
    split_line(text, delimiter, fields);
    if fields.len() != cols.width {
        report.warn(
            line,
            None,
            ProblemCode::BadCsv,
            crate::msg!(AddressRowSkipped, fields = fields.len(), width = cols.width),
        );
        return;
    }
    let get = |c: Option<usize>| c.map_or("", |i| fields[i].trim());
    let number = |c: Option<usize>, name: &str, report: &mut Report| -> Option<f64> {
        let v = get(c);
        match v.parse::<f64>() {
            Ok(x) if x.is_finite() => Some(x),
            _ => {
                report.warn(
                    line,
                    Some(name),
                    ProblemCode::BadCoordinates,
                    crate::msg!(NotACoordinate, value = super::clip(v, 40)),
                );
                None
            }
        }
    };
    let Some(lon) = number(cols.lon, "lon", report) else {
        return;
    };
    let Some(lat) = number(cols.lat, "lat", report) else {
        return;
    };
    if !(-180.0..=180.0).contains(&lon) || !(-90.0..=90.0).contains(&lat) {
        report.warn(
            line,
            Some("lon"),
            ProblemCode::BadCoordinates,
            crate::msg!(AddressOutOfRange, lon = lon, lat = lat),
        );
        return;
    }
    let voie = get(cols.voie);
    let lieu_dit = get(cols.lieu_dit);
    if voie.is_empty() && lieu_dit.is_empty() {
        report.warn(
            line,
            Some("nom_voie"),
            ProblemCode::MissingValue,
            crate::msg!(EmptyStreet),
        );
        return;
    }
    let citycode = match cols.citycode {
        Some(_) => get(cols.citycode),
        None => get(cols.id).get(..5).unwrap_or(""),
    };
    if citycode.is_empty() {
        report.warn(
            line,
            Some("code_insee"),
            ProblemCode::MissingValue,
            crate::msg!(EmptyInseeCode),
        );
        return;
    }
    sink(&AddressRow {
        line,
        numero: get(cols.numero),
        rep: get(cols.rep),
        voie,
        postcode: get(cols.postcode),
        citycode,
        city: get(cols.city),
        old_citycode: get(cols.old_citycode),
        old_city: get(cols.old_city),
        lieu_dit,
        lon,
        lat,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &[u8]) -> (Option<BanFormat>, Vec<String>, Vec<Problem>) {
        let mut streets = Vec::new();
        let mut problems = Vec::new();
        let f = read_ban(
            "t.csv",
            text,
            &mut |r| streets.push(format!("{}|{}|{}|{}", r.numero, r.voie, r.citycode, r.lat)),
            &mut problems,
        );
        (f, streets, problems)
    }

    #[test]
    fn splits_quoted_fields() {
        let mut out = Vec::new();
        split_line(r#"a;"";"b;c";"d""e";f"#, b';', &mut out);
        assert_eq!(out, ["a", "", "b;c", "d\"e", "f"]);
        split_line(r#""unclosed;x"#, b';', &mut out);
        assert_eq!(out, ["unclosed;x"]);
        split_line("", b';', &mut out);
        assert_eq!(out, [""]);
    }

    #[test]
    fn reads_the_ban_department_header() {
        let text = format!(
            "{BAN_HEADER}\n69387_3745_00012;69387_3745;12;;Rue Jean Macé;69007;69387;Lyon;;;843000;6517000;4.8421;45.7462;entrée;;;LYON;RUE JEAN MACE;commune;commune;1;\n"
        );
        let (f, rows, problems) = read(text.as_bytes());
        assert_eq!(f, Some(BanFormat::Ban));
        assert_eq!(rows, ["12|Rue Jean Macé|69387|45.7462"]);
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn reads_bano_with_or_without_header() {
        let row = "480950001A-3,3,Rue de l'Ange,48000,Mende,C+O,44.518,3.499\n";
        let (f, rows, _) = read(row.as_bytes());
        assert_eq!(f, Some(BanFormat::Bano));
        assert_eq!(rows, ["3|Rue de l'Ange|48095|44.518"]);
        let with = format!("id,numero,voie,code_post,nom_comm,source,lat,lon\n{row}");
        let (f, rows2, _) = read(with.as_bytes());
        assert_eq!(f, Some(BanFormat::Bano));
        assert_eq!(rows, rows2);
    }

    #[test]
    fn names_the_missing_columns_of_a_file_that_is_not_ban() {
        let (f, _, problems) = read(b"id,name,kind,x,y\na,b,c,1,2\n");
        assert_eq!(f, None);
        let message = problems[0].render(crate::lang::Lang::En);
        assert!(
            message.starts_with("t.csv:1: not a BAN address file: missing columns numero, nom_voie, code_insee, lon, lat"),
            "{message}"
        );
    }

    #[test]
    fn locates_a_truncated_gzip_stream() {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        let mut text = String::from("id,numero,voie,code_post,nom_comm,source,lat,lon\n");
        for i in 0..2000 {
            text.push_str(&format!("48095{i:05},{i},Rue X,48000,Mende,C+O,44.5,3.5\n"));
        }
        gz.write_all(text.as_bytes()).unwrap();
        let bytes = gz.finish().unwrap();
        let (f, rows, _) = read(&bytes);
        assert_eq!((f, rows.len()), (Some(BanFormat::Bano), 2000));
        let (f, _, problems) = read(&bytes[..bytes.len() / 2]);
        assert_eq!(f, None);
        let e = problems
            .iter()
            .find(|p| p.severity == super::super::Severity::Error)
            .unwrap();
        assert!(
            e.message_in(crate::lang::Lang::En)
                .contains("gzip stream is cut"),
            "{e}"
        );
        assert!(e.line().unwrap() > 1);
    }

    #[test]
    fn skips_a_huge_line_and_control_characters_with_warnings() {
        let mut text = b"id,numero,voie,code_post,nom_comm,source,lat,lon\n".to_vec();
        text.extend(std::iter::repeat_n(b'x', 10 << 20));
        text.extend(b"\n480950001A-3,3,Rue\x07 de l'Ange,48000,Mende,C+O,44.518,3.499\n");
        text.extend(b"480950001A-5,5,Rue de l'Ange,48000,Mende,C+O,north,3.499\n");
        text.extend(b"480950001A-7,7,Rue de l'Ange,48000\n");
        let (f, rows, problems) = read(&text);
        assert_eq!(f, Some(BanFormat::Bano));
        assert_eq!(rows, ["3|Rue  de l'Ange|48095|44.518"]);
        let lines: Vec<String> = problems
            .iter()
            .map(|p| p.render(crate::lang::Lang::En))
            .collect();
        assert!(
            lines[0].starts_with("t.csv:2: line of 10485760 bytes skipped"),
            "{lines:?}"
        );
        assert!(
            lines[1].starts_with("t.csv:3: control characters"),
            "{lines:?}"
        );
        assert!(lines[2].starts_with("t.csv:4: lat: \"north\""), "{lines:?}");
        assert!(
            lines[3].starts_with("t.csv:5: row of 4 fields"),
            "{lines:?}"
        );
    }

    #[test]
    fn reads_windows_1252_with_a_warning() {
        let text = b"480950001A-3,3,Rue de l'\xC9glise,48000,Mende,C+O,44.518,3.499\n";
        let (_, rows, problems) = read(text);
        assert_eq!(rows, ["3|Rue de l'Église|48095|44.518"]);
        assert_eq!(problems[0].code, ProblemCode::Encoding);
    }

    #[test]
    fn refuses_an_empty_file() {
        let (f, _, problems) = read(b"");
        assert_eq!(f, None);
        assert_eq!(problems[0].code, ProblemCode::EmptyFile);
    }
}
