//! Geocoding through an addok-compatible server: the national address API
//! (`https://api-adresse.data.gouv.fr/search/csv/`) or a self-hosted addok with the
//! addok-csv plugin. The addresses are sent as CSV in batches (multipart POST, field
//! `data`), the query made of the address, postcode and commune columns, the INSEE
//! code as a filter; the answer's `result_score`, `result_type`, `result_label`,
//! `longitude` and `latitude` give the same [`Geocoded`] as the offline index.

use super::ProblemCode;
use super::{clip, codes, AddressQuery, BanIndex, Geocoded, Location, MatchType, Problem};
use crate::lang::Message;
use std::time::Duration;

/// Something that turns addresses into points: the offline [`BanIndex`] or an
/// [`Addok`] server.
pub trait Geocoder: Sync {
    /// The point of each query, in the order of the queries (`None` when not found).
    ///
    /// # Errors
    /// A problem naming what failed (for a server: its URL, the HTTP status or the
    /// network error, and the addresses of the batch); nothing is returned then.
    fn geocode_all(&self, queries: &[AddressQuery]) -> Result<Vec<Option<Geocoded>>, Problem>;
}

impl Geocoder for BanIndex {
    fn geocode_all(&self, queries: &[AddressQuery]) -> Result<Vec<Option<Geocoded>>, Problem> {
        Ok(self.geocode_many(queries))
    }
}

/// Addresses sent in one request by default (the national API takes files of up to
/// 50 MB; 5,000 addresses make about 500 KB).
pub const ADDOK_BATCH: usize = 5_000;

/// An addok-compatible `/search/csv/` endpoint.
///
/// # Example
/// ```
/// use maillage::geocode::Addok;
/// let api = Addok::new("https://api-adresse.data.gouv.fr");
/// assert_eq!(api.endpoint(), "https://api-adresse.data.gouv.fr/search/csv/");
/// assert_eq!(Addok::new("http://127.0.0.1:7878/search/csv").endpoint(), "http://127.0.0.1:7878/search/csv/");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Addok {
    /// The server's URL, with or without `/search/csv/`.
    pub url: String,
    /// Addresses per request.
    pub batch: usize,
    /// Time allowed for one request.
    pub timeout: Duration,
}

impl Addok {
    /// A server at `url`, batches of [`ADDOK_BATCH`] addresses, 5 minutes a request.
    pub fn new(url: impl Into<String>) -> Self {
        Self {
            url: url.into(),
            batch: ADDOK_BATCH,
            timeout: Duration::from_secs(300),
        }
    }

    /// The URL posted to: the server's URL ending with `/search/csv/`.
    pub fn endpoint(&self) -> String {
        let base = self.url.trim().trim_end_matches('/');
        if base.ends_with("/search/csv") {
            format!("{base}/")
        } else {
            format!("{base}/search/csv/")
        }
    }

    fn problem(&self, code: ProblemCode, message: Message) -> Problem {
        Problem::error(self.endpoint(), Location::File, None, code, message)
    }

    /// One batch: the CSV sent, the answer parsed back in order.
    fn batch(
        &self,
        agent: &ureq::Agent,
        queries: &[AddressQuery],
        first: usize,
        total: usize,
    ) -> Result<Vec<Option<Geocoded>>, Problem> {
        let which = crate::msg!(
            AddressBatch,
            first = first + 1,
            last = first + queries.len(),
            total = total
        );
        let boundary = "maillage-geocode-7d1f3c0a9b2e4f58";
        let mut body = Vec::with_capacity(queries.len() * 100 + 1000);
        for (name, value) in [
            ("columns", "address"),
            ("columns", "postcode"),
            ("columns", "city"),
            ("citycode", "citycode"),
        ] {
            body.extend_from_slice(
                format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").as_bytes(),
            );
        }
        body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"data\"; filename=\"addresses.csv\"\r\nContent-Type: text/csv\r\n\r\n").as_bytes());
        body.extend_from_slice(&request_csv(queries));
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let mut response = agent
            .post(&self.endpoint())
            .header(
                "Content-Type",
                &format!("multipart/form-data; boundary={boundary}"),
            )
            .send(&body[..])
            .map_err(|e| {
                self.problem(
                    ProblemCode::MissingFile,
                    crate::msg!(
                        ServerUnreachable,
                        which = which.clone(),
                        detail = e.to_string()
                    ),
                )
            })?;
        let status = response.status();
        let text = response
            .body_mut()
            .with_config()
            .limit(512 * 1024 * 1024)
            .read_to_string()
            .map_err(|e| {
                self.problem(
                    ProblemCode::BadCsv,
                    crate::msg!(
                        AnswerUnreadable,
                        which = which.clone(),
                        detail = e.to_string()
                    ),
                )
            })?;
        if !status.is_success() {
            return Err(self.problem(
                ProblemCode::MissingFile,
                crate::msg!(
                    ServerAnswered,
                    status = status.as_u16(),
                    which = which.clone(),
                    answer = clip(text.trim(), 200)
                ),
            ));
        }
        parse_answer(&text, queries.len()).map_err(|m| {
            self.problem(
                ProblemCode::BadCsv,
                crate::msg!(BadAnswer, which = which.clone(), why = m),
            )
        })
    }
}

impl Geocoder for Addok {
    fn geocode_all(&self, queries: &[AddressQuery]) -> Result<Vec<Option<Geocoded>>, Problem> {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(self.timeout))
            .http_status_as_error(false)
            .user_agent(concat!("maillage/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        let mut out = Vec::with_capacity(queries.len());
        for (i, chunk) in queries.chunks(self.batch.max(1)).enumerate() {
            out.extend(self.batch(&agent, chunk, i * self.batch.max(1), queries.len())?);
        }
        Ok(out)
    }
}

/// The INSEE code used as a filter: a code of five characters, not the code of Paris,
/// Lyon or Marseille as a whole (the BAN files their addresses under the
/// arrondissements), nor a postcode.
fn filter_code(query: &AddressQuery) -> String {
    match query.citycode.as_deref().map(str::trim) {
        Some(c) if codes::is_code(c) && codes::arrondissements_of(c).is_empty() => c.to_owned(),
        _ => String::new(),
    }
}

/// The CSV sent: `id;address;postcode;city;citycode`, `;`-separated, one row a query.
fn request_csv(queries: &[AddressQuery]) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let clean = |s: &str| -> String {
        s.chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .take(super::MAX_ADDRESS_CHARS)
            .collect::<String>()
            .trim()
            .to_owned()
    };
    // writing to a Vec cannot fail
    let _ = writer.write_record(["maillage_row", "address", "postcode", "city", "citycode"]);
    for (i, q) in queries.iter().enumerate() {
        let _ = writer.write_record([
            i.to_string(),
            clean(&q.address),
            clean(q.postcode.as_deref().unwrap_or("")),
            clean(q.city.as_deref().unwrap_or("")),
            filter_code(q),
        ]);
    }
    writer.into_inner().unwrap_or_default()
}

/// The points of an answer, in the order of the rows sent.
fn parse_answer(text: &str, expected: usize) -> Result<Vec<Option<Geocoded>>, Message> {
    let text = text.trim_start_matches('\u{feff}');
    let first = text.lines().next().unwrap_or("");
    let delimiter = if first.matches(';').count() >= first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| crate::msg!(AnswerWithoutHeader, detail = e.to_string()))?
        .clone();
    let column = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| crate::msg!(AnswerWithoutColumn, column = name))
    };
    let (row, score, kind, label, lon, lat) = (
        column("maillage_row")?,
        column("result_score")?,
        column("result_type")?,
        column("result_label")?,
        column("longitude")?,
        column("latitude")?,
    );
    let citycode = header.iter().position(|h| h == "result_citycode");
    let postcode = header.iter().position(|h| h == "result_postcode");
    let mut out: Vec<Option<Geocoded>> = vec![None; expected];
    let mut seen = vec![false; expected];
    for (n, record) in reader.records().enumerate() {
        let record =
            record.map_err(|e| crate::msg!(AnswerBadCsv, row = n + 2, detail = e.to_string()))?;
        let cell = |i: usize| record.get(i).unwrap_or("").trim();
        let i: usize = cell(row)
            .parse()
            .ok()
            .filter(|&i| i < expected)
            .ok_or_else(|| crate::msg!(AnswerRowUnknown, row = n + 2))?;
        seen[i] = true;
        let kind = match cell(kind) {
            "housenumber" => MatchType::HouseNumber,
            "street" => MatchType::Street,
            "locality" => MatchType::Locality,
            "municipality" => MatchType::Municipality,
            _ => continue,
        };
        let number = |j: usize| cell(j).parse::<f64>().ok().filter(|v| v.is_finite());
        let (Some(x), Some(y)) = (number(lon), number(lat)) else {
            continue;
        };
        if !(-180.0..=180.0).contains(&x) || !(-90.0..=90.0).contains(&y) {
            continue;
        }
        out[i] = Some(Geocoded {
            lon: x,
            lat: y,
            score: number(score).unwrap_or(0.0).clamp(0.0, 1.0),
            kind,
            label: cell(label).to_owned(),
            citycode: citycode.map(|j| cell(j).to_owned()).unwrap_or_default(),
            postcode: postcode.map(|j| cell(j).to_owned()).unwrap_or_default(),
            interpolated: false,
        });
    }
    if let Some(missing) = seen.iter().position(|s| !s) {
        return Err(crate::msg!(
            AnswerLacksAddress,
            missing = missing + 1,
            sent = expected
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_request_filters_by_insee_code_but_not_by_a_whole_city_of_arrondissements() {
        let queries = [
            AddressQuery::new("12 rue Jean Macé; Lyon")
                .with_citycode("69123")
                .with_postcode("69007"),
            AddressQuery::new("2 Rue du Prieuré\n").with_citycode("48009"),
            AddressQuery::new("1 rue X").with_citycode("48000 Mende"),
        ];
        let csv = String::from_utf8(request_csv(&queries)).unwrap();
        assert_eq!(
            csv,
            "maillage_row;address;postcode;city;citycode\n\
             0;\"12 rue Jean Macé; Lyon\";69007;;\n\
             1;2 Rue du Prieuré;;;48009\n\
             2;1 rue X;;;\n"
        );
    }

    #[test]
    fn reads_an_addok_csv_answer_in_the_order_sent() {
        let answer = "maillage_row;address;postcode;city;citycode;latitude;longitude;result_label;result_score;result_score_next;result_type;result_id;result_housenumber;result_name;result_street;result_postcode;result_city;result_context;result_citycode;result_oldcitycode;result_oldcity;result_district;result_status\n\
            1;x;;;;;;;;;;;;;;;;;;;;;\n\
            0;2 Rue du Prieuré;48130;;;44.723177;3.28506;2 Rue du Prieuré 48130 Aumont-Aubrac;0.97;;housenumber;48009_0111_00002;2;Rue du Prieuré;Rue du Prieuré;48130;Aumont-Aubrac;48, Lozère, Occitanie;48009;;;;ok\n";
        let found = parse_answer(answer, 2).unwrap();
        let g = found[0].as_ref().unwrap();
        assert_eq!(g.kind, MatchType::HouseNumber);
        assert_eq!(g.label, "2 Rue du Prieuré 48130 Aumont-Aubrac");
        assert_eq!((g.lon, g.lat, g.score), (3.28506, 44.723177, 0.97));
        assert_eq!(
            (g.citycode.as_str(), g.postcode.as_str()),
            ("48009", "48130")
        );
        assert_eq!(found[1], None);
    }

    #[test]
    fn an_answer_without_the_result_columns_or_rows_is_refused() {
        assert_eq!(
            parse_answer("<html>oops</html>", 1)
                .unwrap_err()
                .render(crate::lang::Lang::En),
            "has no column maillage_row"
        );
        let short = "maillage_row;result_score;result_type;result_label;longitude;latitude\n0;1;street;A;3;44\n";
        assert_eq!(
            parse_answer(short, 2)
                .unwrap_err()
                .render(crate::lang::Lang::En),
            "lacks address 2 of the batch (2 sent)"
        );
    }

    #[test]
    fn an_unreachable_server_is_an_error_naming_its_url() {
        // a port nothing listens on: bound, then closed
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let api = Addok::new(format!("http://127.0.0.1:{port}"));
        let e = api
            .geocode_all(&[AddressQuery::new("1 rue X")])
            .unwrap_err();
        assert_eq!(e.file, format!("http://127.0.0.1:{port}/search/csv/"));
        assert!(
            e.message_in(crate::lang::Lang::En)
                .starts_with("cannot reach the address server for addresses 1–1 of 1"),
            "{e}"
        );
    }

    #[test]
    fn a_server_error_is_reported_with_its_status_and_body() {
        use std::io::{Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let server = std::thread::spawn(move || {
            let (mut stream, _) = listener.accept().unwrap();
            let mut seen = Vec::new();
            let mut buf = [0u8; 65536];
            while !seen.ends_with(b"--\r\n") {
                match stream.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => seen.extend_from_slice(&buf[..n]),
                }
            }
            let body = "TypeError: unhashable type: 'list'";
            let _ = write!(
                stream,
                "HTTP/1.1 500 Internal Server Error\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        });
        let api = Addok::new(format!("http://127.0.0.1:{port}/"));
        let e = api
            .geocode_all(&[AddressQuery::new("1 rue X")])
            .unwrap_err();
        server.join().unwrap();
        assert_eq!(
            e.message_in(crate::lang::Lang::En),
            "the address server answered HTTP 500 for addresses 1–1 of 1: TypeError: unhashable type: 'list' (expected 200 and a CSV)"
        );
    }
}
