//! The core's modules depend on each other one way only (ARCHITECTURE.md): the bundle
//! format below the analyses, the analyses below the diagnosis, the diagnosis below the
//! outputs. This test reads the sources and fails on any other arrow, and on any
//! reference to a document that is not in the repository; and no message a person
//! reads is written outside the catalogue (`maillage::lang`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The modules each top-level module may use (`crate::<module>`).
const ALLOWED: &[(&str, &[&str])] = &[
    ("lang", &[]),
    ("atomic", &["lang"]),
    ("xlsx", &[]),
    ("model", &["lang"]),
    ("crs", &["lang", "model"]),
    ("bundle", &["lang", "model", "crs", "atomic", "xlsx"]),
    ("network", &["lang", "model"]),
    ("spatial", &["lang", "model"]),
    ("gaps", &["lang", "model", "network", "spatial"]),
    (
        "diagnosis",
        &["lang", "model", "network", "spatial", "gaps"],
    ),
    (
        "outputs",
        &[
            "lang",
            "model",
            "diagnosis",
            "atomic",
            "xlsx",
            "crs",
            "network",
            "spatial",
            "gaps",
        ],
    ),
    (
        "compare",
        &[
            "lang",
            "model",
            "bundle",
            "diagnosis",
            "outputs",
            "atomic",
            "network",
            "spatial",
            "gaps",
            "error",
        ],
    ),
    ("geocode", &["lang", "model", "crs", "bundle", "atomic"]),
    (
        "import",
        &["lang", "model", "crs", "bundle", "atomic", "geocode"],
    ),
    ("synth", &["lang", "model", "network"]),
    (
        "survey",
        &[
            "lang", "model", "bundle", "atomic", "xlsx", "network", "spatial",
        ],
    ),
    (
        "error",
        &["lang", "model", "bundle", "diagnosis", "geocode", "outputs"],
    ),
];

/// The analysis modules: `outputs` and `compare` may name their result types, never
/// call them.
const ANALYSES: &[&str] = &["network", "spatial", "gaps"];

/// The modules that read the diagnosis and never compute a figure of their own.
const READ_ONLY: &[&str] = &["outputs", "compare"];

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a source file that the library is built from: comments, doc examples
/// and the unit tests (`#[cfg(test)]`, at the end of a file) are left out.
fn library_code(source: &str) -> String {
    let mut code = String::new();
    for line in source.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("#[cfg(test)]") {
            break;
        }
        if trimmed.starts_with("//") {
            continue;
        }
        code.push_str(line);
        code.push('\n');
    }
    code
}

/// Every `crate::a::b::C` path of the code, with `use crate::{a::X, b::{Y, z}}` groups
/// expanded, as lists of segments after `crate`.
fn crate_paths(code: &str) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let before = rest[..at].chars().last();
        rest = &rest[at + "crate::".len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        expand(rest, Vec::new(), &mut paths);
    }
    paths
}

/// Reads one path (or a `{...}` group of paths) at the start of `text`, after `prefix`.
fn expand(text: &str, prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
    let text = text.trim_start();
    if let Some(group) = text.strip_prefix('{') {
        let mut depth = 0;
        let mut start = 0;
        for (i, c) in group.char_indices() {
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => {
                    expand(&group[start..i], prefix.clone(), out);
                    return;
                }
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    expand(&group[start..i], prefix.clone(), out);
                    start = i + 1;
                }
                _ => {}
            }
        }
        return;
    }
    let ident: String = text
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    if ident.is_empty() {
        if !prefix.is_empty() {
            out.push(prefix);
        }
        return;
    }
    let mut path = prefix;
    path.push(ident.clone());
    let after = &text[ident.len()..];
    match after.strip_prefix("::") {
        Some(more) => expand(more, path, out),
        None => out.push(path),
    }
}

/// The arrows of one file of module `module` that the rules forbid, as messages.
fn violations(module: &str, file: &str, source: &str) -> Vec<String> {
    let allowed: BTreeMap<&str, &[&str]> = ALLOWED.iter().copied().collect();
    let Some(targets) = allowed.get(module) else {
        return Vec::new(); // lib.rs re-exports; the crate root may name anything
    };
    let mut found = BTreeSet::new();
    for path in crate_paths(&library_code(source)) {
        let target = path[0].as_str();
        if target == module || target == "self" || target == "super" {
            continue;
        }
        // `crate::Territory`, `crate::Diagnosis`: re-exports of the root, owned by
        // the module they come from.
        let target = match target {
            "Territory" => "model",
            "Diagnosis" => "diagnosis",
            "Error" => "error",
            "load_bundle" | "Loaded" | "BundleErrors" | "Problem" => "bundle",
            // `crate::msg!`, the catalogue's macro, exported at the root
            "msg" => "lang",
            t => t,
        };
        if !targets.contains(&target) && target != module {
            found.insert(format!(
                "{file}: {module} → {target} (crate::{})",
                path.join("::")
            ));
            continue;
        }
        if READ_ONLY.contains(&module) && ANALYSES.contains(&target) {
            let last = path.last().unwrap();
            let is_type = last.chars().next().is_some_and(|c| c.is_ascii_uppercase());
            if !is_type {
                found.insert(format!(
                    "{file}: {module} calls an analysis (crate::{}); read it from the diagnosis",
                    path.join("::")
                ));
            }
        }
    }
    found.into_iter().collect()
}

fn module_of(path: &Path) -> String {
    let rel = path.strip_prefix(src_dir()).unwrap();
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_owned()
}

#[test]
fn modules_depend_one_way() {
    let mut files = Vec::new();
    rust_files(&src_dir(), &mut files);
    files.sort();
    let mut problems = Vec::new();
    for path in &files {
        let source = std::fs::read_to_string(path).unwrap();
        let rel = path.strip_prefix(src_dir()).unwrap().display().to_string();
        problems.extend(violations(&module_of(path), &rel, &source));
    }
    assert!(
        problems.is_empty(),
        "arrows against ARCHITECTURE.md:\n{}",
        problems.join("\n")
    );
}

#[test]
fn every_module_has_rules() {
    let mut files = Vec::new();
    rust_files(&src_dir(), &mut files);
    let known: BTreeSet<&str> = ALLOWED.iter().map(|(m, _)| *m).collect();
    for path in &files {
        let module = module_of(path);
        assert!(
            module == "lib" || known.contains(module.as_str()),
            "module {module} has no rule in tests/architecture.rs and ARCHITECTURE.md"
        );
    }
}

#[test]
fn the_check_catches_forbidden_arrows() {
    // A writer that assigns actors to zones itself.
    let writer = "use crate::spatial::assign_actors;\nfn f() {}\n";
    assert_eq!(violations("outputs", "x.rs", writer).len(), 1);
    // Grouped and nested imports are expanded.
    let grouped = "use crate::{model::Territory, spatial::{Coverage, zone_coverage}};\n";
    let v = violations("outputs", "x.rs", grouped);
    assert_eq!(v.len(), 1, "{v:?}");
    assert!(v[0].contains("zone_coverage"));
    // A path call in the body, not in a `use`.
    let call = "fn f(t: &T) { let m = crate::network::groups::mixing_matrix(t); }\n";
    assert_eq!(violations("outputs", "x.rs", call).len(), 1);
    // The bundle reader must not reach the analyses.
    let reader = "use crate::spatial::Coverage;\n";
    assert_eq!(violations("bundle", "x.rs", reader).len(), 1);
    // The comparison reads each diagnosis: it never recomputes a figure.
    let recompute = "fn f(t: &T) { let c = crate::spatial::compare_priority(z); }\n";
    assert_eq!(violations("compare", "x.rs", recompute).len(), 1);
    // Types of the analyses are fine in outputs; comments and unit tests are ignored.
    let fine = "use crate::network::analysis::NetworkReport;\n// crate::spatial::assign_actors\n#[cfg(test)]\nmod tests { use crate::spatial::assign_actors; }\n";
    assert!(violations("outputs", "x.rs", fine).is_empty());
}

/// Every `docs/*.md`, `ARCHITECTURE.md` or `README.md` named in the sources exists.
#[test]
fn cited_documents_exist() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    rust_files(&src_dir(), &mut files);
    rust_files(&root.join("crates/maillage-cli/src"), &mut files);
    rust_files(&root.join("crates/maillage-py/src"), &mut files);
    let mut missing = BTreeSet::new();
    for path in &files {
        let source = std::fs::read_to_string(path).unwrap();
        for (at, _) in source.match_indices(".md") {
            let start = source[..at]
                .rfind(|c: char| !(c.is_alphanumeric() || "/_-.".contains(c)))
                .map_or(0, |i| i + 1);
            let cited = &source[start..at + 3];
            if cited.starts_with("docs/") || cited == "ARCHITECTURE.md" {
                if !root.join(cited).exists() {
                    missing.insert(format!("{}: {cited}", path.display()));
                }
            } else if cited.contains("spec/") {
                missing.insert(format!("{}: {cited}", path.display()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "documents cited but absent: {missing:#?}"
    );
}

// --- every message from the catalogue -----------------------------------------------

/// The calls whose last argument is a message a person reads: it must come from the
/// catalogue (`msg!`, a `Message`), never a text written in place.
const MESSAGE_CALLS: &[&str] = &[
    "Problem::error(",
    "Problem::warning(",
    "bad_workbook(",
    "Refused(",
    "new_err(",
];

/// The macros that print or write a text: in the command, their format string may hold
/// placeholders and spacing, not words.
const PRINTING_MACROS: &[&str] = &[
    "println!(",
    "eprintln!(",
    "print!(",
    "eprint!(",
    "write!(",
    "writeln!(",
    "format!(",
];

/// The text between the parenthesis at the start of `s` and its match, or `None`.
fn parenthesised(s: &str) -> Option<&str> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (i, c) in s.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            '(' if !in_string => depth += 1,
            ')' if !in_string => {
                depth -= 1;
                if depth == 0 {
                    return Some(&s[1..i]);
                }
            }
            _ => {}
        }
    }
    None
}

/// The arguments of a call, split at the commas outside parentheses, brackets, braces
/// and strings.
fn arguments(inside: &str) -> Vec<&str> {
    let (mut depth, mut in_string, mut escaped, mut start) = (0i32, false, false, 0);
    let mut out = Vec::new();
    for (i, c) in inside.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            '(' | '[' | '{' if !in_string => depth += 1,
            ')' | ']' | '}' if !in_string => depth -= 1,
            ',' if !in_string && depth == 0 => {
                out.push(inside[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(inside[start..].trim());
    out.retain(|a| !a.is_empty());
    out
}

/// Whether a string literal (with its quotes) holds a word: a letter outside its
/// placeholders `{...}` and escapes (`\n`).
fn literal_has_words(literal: &str) -> bool {
    let Some(body) = literal
        .strip_prefix('"')
        .and_then(|l| l.split_once('"').map(|(b, _)| b))
    else {
        return false;
    };
    let mut depth = 0;
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '{' => depth += 1,
            '}' => depth -= 1,
            c if depth == 0 && c.is_alphabetic() => return true,
            _ => {}
        }
    }
    false
}

/// The texts written in place of a catalogue message in one file's code: a literal or
/// a `format!` given as the message of a problem, a refusal or an exception; a worded
/// `#[error("...")]`; and, in the command (`printing`), a worded format string.
fn texts_outside_catalogue(file: &str, source: &str, printing: bool) -> Vec<String> {
    let code = library_code(source);
    let mut found = Vec::new();
    let line_of = |at: usize| code[..at].lines().count().max(1);
    for call in MESSAGE_CALLS {
        for (at, _) in code.match_indices(call) {
            let open = at + call.len() - 1;
            let Some(inside) = parenthesised(&code[open..]) else {
                continue;
            };
            let Some(message) = arguments(inside).last().copied() else {
                continue;
            };
            let message = message.trim_start_matches('&');
            let written = (message.starts_with('"') && literal_has_words(message))
                || message.starts_with("format!");
            if written {
                found.push(format!("{file}:{}: {call}... {message}", line_of(at)));
            }
        }
    }
    for (at, _) in code.match_indices("#[error(\"") {
        if literal_has_words(&code[at + "#[error(".len()..]) {
            found.push(format!("{file}:{}: #[error] with words", line_of(at)));
        }
    }
    if printing {
        for name in PRINTING_MACROS {
            for (at, _) in code.match_indices(name) {
                // `eprintln!(` also holds `println!(`: each call once, by its own name
                let before = code[..at].chars().last();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                let open = at + name.len() - 1;
                let Some(inside) = parenthesised(&code[open..]) else {
                    continue;
                };
                let args = arguments(inside);
                // write!(out, "...") and writeln!(out, "...") name their writer first
                let format = if name.starts_with("write") {
                    args.get(1)
                } else {
                    args.first()
                };
                if format.is_some_and(|f| literal_has_words(f)) {
                    found.push(format!("{file}:{}: {name}... with words", line_of(at)));
                }
            }
        }
    }
    found
}

#[test]
fn no_message_text_is_written_outside_the_catalogue() {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut found = Vec::new();
    for (dir, printing) in [
        (src_dir(), false),
        (crates.join("maillage-cli/src"), true),
        (crates.join("maillage-py/src"), false),
    ] {
        let mut files = Vec::new();
        rust_files(&dir, &mut files);
        files.sort();
        for path in &files {
            let rel = path.strip_prefix(&dir).unwrap();
            if rel.starts_with("lang") {
                continue;
            }
            let source = std::fs::read_to_string(path).unwrap();
            found.extend(texts_outside_catalogue(
                &rel.display().to_string(),
                &source,
                printing,
            ));
        }
    }
    assert!(
        found.is_empty(),
        "texts written outside the catalogue (crate::lang):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_message_check_catches_a_text_written_in_place() {
    let made_up = r#"
fn f(file: &str, x: u32) {
    problems.push(Problem::error(file, Location::File, None, ProblemCode::TooLarge, "too large"));
    problems.push(Problem::warning(
        file,
        Location::File,
        None,
        ProblemCode::TooLarge,
        format!("{x} is too large"),
    ));
    return Err(SurveyError::Refused(crate::msg!(FormTooLarge, file = file)));
}
#[derive(thiserror::Error)]
#[error("cannot write {0}")]
struct E(String);
fn g() {
    eprintln!("error: {e}");
    println!("{}", msg!(Written, path = p));
    writeln!(out, "  {label:<40} {n:>6}\n")?;
    writeln!(out, "network: {n} ties")?;
}
"#;
    let found = texts_outside_catalogue("made_up.rs", made_up, true);
    assert_eq!(found.len(), 6, "{found:#?}");
    assert!(found[0].contains("Problem::error") && found[0].contains("\"too large\""));
    assert!(found[1].contains("Problem::warning") && found[1].contains("format!"));
    assert!(found[2].contains("#[error]"));
    assert!(found[3].contains("eprintln!"));
    assert!(found[4].contains("writeln!"));
    // the warning's format! again, as a worded format string of the command
    assert!(found[5].contains("format!"));
    // Without the command's rule, the prints are left alone.
    assert_eq!(
        texts_outside_catalogue("made_up.rs", made_up, false).len(),
        3
    );
}
