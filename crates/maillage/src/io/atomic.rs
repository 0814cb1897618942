//! Atomic writes: a file is written beside its destination and renamed into place, so a
//! crash or a full disk never leaves a half-written file where a good one was.

use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` atomically: to a temporary file in the same folder, flushed
/// to disk, then renamed over `path`.
///
/// # Errors
/// Any I/O error; `path` is then untouched and the temporary file removed.
///
/// # Example
/// ```
/// let dir = std::env::temp_dir().join("maillage-doc-atomic");
/// std::fs::create_dir_all(&dir).unwrap();
/// maillage::io::write_atomic(&dir.join("a.txt"), b"hello").unwrap();
/// assert_eq!(std::fs::read(dir.join("a.txt")).unwrap(), b"hello");
/// ```
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_with(path, |out| out.write_all(bytes))
}

/// Writes a file atomically as [`write_atomic`] does, from a writer rather than from
/// bytes, so that a large file is never held in memory whole.
///
/// # Errors
/// Any I/O error, from `write` or the file system; `path` is then untouched and the
/// temporary file removed.
///
/// # Example
/// ```
/// use std::io::Write;
/// let path = std::env::temp_dir().join("maillage-doc-atomic-with.csv");
/// maillage::io::write_atomic_with(&path, |out| {
///     for i in 0..3 {
///         writeln!(out, "{i}")?;
///     }
///     Ok(())
/// })
/// .unwrap();
/// assert_eq!(std::fs::read_to_string(&path).unwrap(), "0\n1\n2\n");
/// ```
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let tmp = temporary_path(path)?;
    let result = (|| {
        let mut out = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
        write(&mut out)?;
        let file = out.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Writes several files into `dir` as one change: every file goes first to a temporary
/// file beside its destination, and only when all are written and flushed are they
/// renamed into place. A failure while writing (a full disk, a missing folder, a
/// destination that is a folder) removes the temporary files and leaves every previous
/// file of `dir` as it was.
///
/// # Errors
/// The first I/O error, with the name of the file it concerns.
///
/// # Example
/// ```
/// let dir = std::env::temp_dir().join("maillage-doc-atomic-all");
/// std::fs::create_dir_all(&dir).unwrap();
/// let files = [("a.csv", b"a\n1\n".to_vec()), ("b.csv", b"b\n2\n".to_vec())];
/// let written = maillage::io::write_all_atomic(&dir, &files).unwrap();
/// assert_eq!(written.len(), 2);
/// assert_eq!(std::fs::read(dir.join("b.csv")).unwrap(), b"b\n2\n");
/// // A file that cannot be written leaves the others untouched.
/// let bad = [("a.csv", b"new\n".to_vec()), ("missing/c.csv", b"c\n".to_vec())];
/// assert!(maillage::io::write_all_atomic(&dir, &bad).is_err());
/// assert_eq!(std::fs::read(dir.join("a.csv")).unwrap(), b"a\n1\n");
/// ```
pub fn write_all_atomic<N: AsRef<Path>, B: AsRef<[u8]>>(
    dir: &Path,
    files: &[(N, B)],
) -> Result<Vec<std::path::PathBuf>, AtomicWriteError> {
    let mut staged: Vec<(std::path::PathBuf, std::path::PathBuf)> = Vec::new();
    let remove_staged = |staged: &[(std::path::PathBuf, std::path::PathBuf)]| {
        for (tmp, _) in staged {
            let _ = std::fs::remove_file(tmp);
        }
    };
    for (name, bytes) in files {
        let path = dir.join(name);
        let fail = |source| AtomicWriteError {
            path: path.clone(),
            source,
        };
        if path.is_dir() {
            remove_staged(&staged);
            return Err(fail(std::io::Error::new(
                std::io::ErrorKind::IsADirectory,
                "a folder has this name",
            )));
        }
        let tmp = temporary_path(&path).map_err(fail)?;
        let written = (|| {
            let mut f = std::fs::File::create(&tmp)?;
            f.write_all(bytes.as_ref())?;
            f.sync_all()
        })();
        if let Err(e) = written {
            let _ = std::fs::remove_file(&tmp);
            remove_staged(&staged);
            return Err(fail(e));
        }
        staged.push((tmp, path));
    }
    let mut written = Vec::with_capacity(staged.len());
    for (i, (tmp, path)) in staged.iter().enumerate() {
        if let Err(source) = std::fs::rename(tmp, path) {
            remove_staged(&staged[i..]);
            return Err(AtomicWriteError {
                path: path.clone(),
                source,
            });
        }
        written.push(path.clone());
    }
    Ok(written)
}

/// A file of [`write_all_atomic`] that could not be written.
#[derive(Debug, thiserror::Error)]
#[error("cannot write {}: {source}", path.display())]
pub struct AtomicWriteError {
    /// The destination.
    pub path: std::path::PathBuf,
    /// What the system said.
    #[source]
    pub source: std::io::Error,
}

/// The temporary file beside `path`: hidden, named after it and the process.
fn temporary_path(path: &Path) -> std::io::Result<std::path::PathBuf> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidInput, "no file name"))?;
    Ok(dir.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    )))
}
