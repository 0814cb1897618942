//! Atomic writes: a file is written beside its destination and renamed into place, so a
//! crash or a full disk never leaves a half-written file where a good one was.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{SyncSender, TrySendError};
use std::sync::{Mutex, PoisonError};
use std::thread::JoinHandle;

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
/// maillage::atomic::write_atomic(&dir.join("a.txt"), b"hello").unwrap();
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
/// maillage::atomic::write_atomic_with(&path, |out| {
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
/// The files are written in parallel, as [`write_all_atomic_with`] does.
///
/// # Errors
/// The I/O error of the first file (in the order of `files`) that could not be
/// written, with its name.
///
/// # Example
/// ```
/// let dir = std::env::temp_dir().join("maillage-doc-atomic-all");
/// std::fs::create_dir_all(&dir).unwrap();
/// let files = [("a.csv", b"a\n1\n".to_vec()), ("b.csv", b"b\n2\n".to_vec())];
/// let written = maillage::atomic::write_all_atomic(&dir, &files).unwrap();
/// assert_eq!(written.len(), 2);
/// assert_eq!(std::fs::read(dir.join("b.csv")).unwrap(), b"b\n2\n");
/// // A file that cannot be written leaves the others untouched.
/// let bad = [("a.csv", b"new\n".to_vec()), ("missing/c.csv", b"c\n".to_vec())];
/// assert!(maillage::atomic::write_all_atomic(&dir, &bad).is_err());
/// assert_eq!(std::fs::read(dir.join("a.csv")).unwrap(), b"a\n1\n");
/// ```
pub fn write_all_atomic<N: AsRef<Path> + Sync, B: AsRef<[u8]> + Sync>(
    dir: &Path,
    files: &[(N, B)],
) -> Result<Vec<PathBuf>, AtomicWriteError> {
    let names: Vec<&N> = files.iter().map(|(name, _)| name).collect();
    write_all_atomic_with(dir, &names, |i, out| out.write_all(files[i].1.as_ref()))
}

/// Writes several files into `dir` as one change, as [`write_all_atomic`] does, each
/// streamed by `write(i, out)` (`i` its index in `names`) into its temporary file, so
/// that no file is ever held in memory whole.
///
/// The files are written in parallel, on as many threads as rayon has, taken in the
/// order of `names` (put the largest first so that the threads finish together); what
/// each file holds depends only on `write`, never on the number of threads. While a
/// large file is written, what has reached the system is flushed to disk in the
/// background, so that the disk works while the next bytes are made. A destination
/// that is a folder is refused before anything is written. When a file fails, the
/// others stop at their next write, every temporary file is removed and no destination
/// is touched; a panic in `write` does the same before it goes on.
///
/// # Returns
/// The paths written, in the order of `names`.
///
/// # Errors
/// The I/O error of the first file (in the order of `names`) that could not be
/// written, with its name.
///
/// # Example
/// ```
/// use std::io::Write;
/// let dir = std::env::temp_dir().join("maillage-doc-atomic-all-with");
/// std::fs::create_dir_all(&dir).unwrap();
/// let written = maillage::atomic::write_all_atomic_with(&dir, &["a.csv", "b.csv"], |i, out| {
///     for row in 0..3 {
///         writeln!(out, "{i},{row}")?;
///     }
///     Ok(())
/// })
/// .unwrap();
/// assert_eq!(written, [dir.join("a.csv"), dir.join("b.csv")]);
/// assert_eq!(std::fs::read_to_string(dir.join("b.csv")).unwrap(), "1,0\n1,1\n1,2\n");
/// // A failure in one file leaves every file as it was.
/// let failed = maillage::atomic::write_all_atomic_with(&dir, &["a.csv", "b.csv"], |i, out| {
///     out.write_all(b"new\n")?;
///     if i == 1 {
///         return Err(std::io::Error::other("no more room"));
///     }
///     Ok(())
/// });
/// assert_eq!(failed.unwrap_err().path, dir.join("b.csv"));
/// assert_eq!(std::fs::read_to_string(dir.join("a.csv")).unwrap(), "0,0\n0,1\n0,2\n");
/// ```
pub fn write_all_atomic_with<N, F>(
    dir: &Path,
    names: &[N],
    write: F,
) -> Result<Vec<PathBuf>, AtomicWriteError>
where
    N: AsRef<Path> + Sync,
    F: Fn(usize, &mut dyn Write) -> std::io::Result<()> + Sync,
{
    let paths: Vec<PathBuf> = names.iter().map(|n| dir.join(n)).collect();
    let mut temporaries = Vec::with_capacity(paths.len());
    for path in &paths {
        let fail = |source| AtomicWriteError {
            path: path.clone(),
            source,
        };
        if path.is_dir() {
            return Err(fail(std::io::Error::new(
                std::io::ErrorKind::IsADirectory,
                "a folder has this name",
            )));
        }
        temporaries.push(temporary_path(path).map_err(fail)?);
    }
    let outcomes = write_temporaries(&temporaries, &write);
    let remove_all = || {
        for tmp in &temporaries {
            let _ = std::fs::remove_file(tmp);
        }
    };
    let mut first_error = None;
    for (i, outcome) in outcomes.into_iter().enumerate() {
        match outcome {
            Outcome::Written => {}
            Outcome::Panicked(payload) => {
                remove_all();
                std::panic::resume_unwind(payload);
            }
            Outcome::Failed(e) if first_error.is_none() => {
                first_error = Some(AtomicWriteError {
                    path: paths[i].clone(),
                    source: e,
                });
            }
            Outcome::Failed(_) | Outcome::Stopped | Outcome::NotStarted => {}
        }
    }
    if let Some(e) = first_error {
        remove_all();
        return Err(e);
    }
    for (i, (tmp, path)) in temporaries.iter().zip(&paths).enumerate() {
        if let Err(source) = std::fs::rename(tmp, path) {
            for tmp in &temporaries[i..] {
                let _ = std::fs::remove_file(tmp);
            }
            return Err(AtomicWriteError {
                path: path.clone(),
                source,
            });
        }
    }
    Ok(paths)
}

/// What became of one temporary file.
enum Outcome {
    Written,
    Failed(std::io::Error),
    Panicked(Box<dyn std::any::Any + Send>),
    /// Stopped because another file had failed.
    Stopped,
    /// Left out because another file had failed.
    NotStarted,
}

/// Writes every temporary file, on the threads of rayon, each thread taking the next
/// file in order; after a failure, the files under way stop and the others are left.
fn write_temporaries<F>(temporaries: &[PathBuf], write: &F) -> Vec<Outcome>
where
    F: Fn(usize, &mut dyn Write) -> std::io::Result<()> + Sync,
{
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let outcomes: Vec<Mutex<Outcome>> = temporaries
        .iter()
        .map(|_| Mutex::new(Outcome::NotStarted))
        .collect();
    let work = || loop {
        let i = next.fetch_add(1, Ordering::Relaxed);
        if i >= temporaries.len() || failed.load(Ordering::Relaxed) {
            return;
        }
        let tmp = &temporaries[i];
        let written = std::panic::catch_unwind(AssertUnwindSafe(|| {
            let mut out = DiskWriter::create(tmp, &failed).map_err(Outcome::Failed)?;
            match write(i, &mut out) {
                // Another file failed: this one will not be kept.
                Ok(()) if failed.load(Ordering::Relaxed) => Err(Outcome::Stopped),
                Ok(()) => out.finish().map_err(Outcome::Failed),
                Err(_) if out.stopped => Err(Outcome::Stopped),
                Err(e) => Err(Outcome::Failed(e)),
            }
        }));
        let outcome = match written {
            Ok(Ok(())) => Outcome::Written,
            Ok(Err(outcome)) => outcome,
            Err(payload) => Outcome::Panicked(payload),
        };
        if !matches!(outcome, Outcome::Written) {
            failed.store(true, Ordering::Relaxed);
            let _ = std::fs::remove_file(tmp);
        }
        *outcomes[i].lock().unwrap_or_else(PoisonError::into_inner) = outcome;
    };
    let threads = rayon::current_num_threads().clamp(1, temporaries.len().max(1));
    if threads == 1 {
        work();
    } else {
        rayon::scope(|s| {
            for _ in 0..threads {
                s.spawn(|_| work());
            }
        });
    }
    outcomes
        .into_iter()
        .map(|o| o.into_inner().unwrap_or_else(PoisonError::into_inner))
        .collect()
}

/// Bytes of a file written between two background flushes to disk.
const SYNC_EVERY: u64 = 32 << 20;

/// The buffer between a writer and its file.
const BUFFER_BYTES: usize = 1 << 20;

/// A file being written, whose bytes are flushed to disk by a thread of its own every
/// [`SYNC_EVERY`] bytes while the writing goes on, so that the final flush is short.
/// Writes fail once `failed` is set (another file of the set failed).
struct DiskWriter<'f> {
    out: BufWriter<File>,
    unsynced: u64,
    syncer: Option<Syncer>,
    failed: &'f AtomicBool,
    /// A write was refused because another file failed.
    stopped: bool,
}

/// The thread that flushes a file to disk when asked.
struct Syncer {
    ask: SyncSender<()>,
    thread: JoinHandle<std::io::Result<()>>,
}

impl<'f> DiskWriter<'f> {
    fn create(path: &Path, failed: &'f AtomicBool) -> std::io::Result<Self> {
        Ok(Self {
            out: BufWriter::with_capacity(BUFFER_BYTES, File::create(path)?),
            unsynced: 0,
            syncer: None,
            failed,
            stopped: false,
        })
    }

    /// Asks for the bytes written so far to go to disk, without waiting.
    fn sync_in_background(&mut self) -> std::io::Result<()> {
        if self.syncer.is_none() {
            let file = self.out.get_ref().try_clone()?;
            let (ask, asked) = std::sync::mpsc::sync_channel::<()>(1);
            let spawned = std::thread::Builder::new()
                .name("maillage-sync".into())
                .spawn(move || {
                    for () in asked {
                        file.sync_data()?;
                    }
                    Ok(())
                });
            match spawned {
                Ok(thread) => self.syncer = Some(Syncer { ask, thread }),
                // No thread to spare: the final flush does it all.
                Err(_) => return Ok(()),
            }
        }
        let Some(syncer) = &self.syncer else {
            return Ok(());
        };
        match syncer.ask.try_send(()) {
            // Full: a flush is already asked for and will take these bytes too.
            Ok(()) | Err(TrySendError::Full(())) => Ok(()),
            Err(TrySendError::Disconnected(())) => self.stop_syncer(),
        }
    }

    /// Stops the flushing thread, with its error if it had one.
    fn stop_syncer(&mut self) -> std::io::Result<()> {
        match self.syncer.take() {
            Some(Syncer { ask, thread }) => {
                drop(ask);
                thread
                    .join()
                    .unwrap_or_else(|_| Err(std::io::Error::other("the flushing thread panicked")))
            }
            None => Ok(()),
        }
    }

    /// Writes what is buffered and flushes the whole file to disk.
    fn finish(mut self) -> std::io::Result<()> {
        self.out.flush()?;
        self.stop_syncer()?;
        self.out.get_ref().sync_all()
    }
}

impl Write for DiskWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.failed.load(Ordering::Relaxed) {
            self.stopped = true;
            // Not `Interrupted`, which `write_all` would try again forever.
            return Err(std::io::Error::other(
                "stopped: another file could not be written",
            ));
        }
        let n = self.out.write(buf)?;
        self.unsynced += n as u64;
        if self.unsynced >= SYNC_EVERY {
            self.unsynced = 0;
            self.sync_in_background()?;
        }
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

impl Drop for DiskWriter<'_> {
    /// A file given up still waits for its flushing thread, so that no handle to it
    /// outlives the writer (the temporary file is removed next).
    fn drop(&mut self) {
        let _ = self.stop_syncer();
    }
}

/// A file of [`write_all_atomic`] that could not be written.
#[derive(Debug, thiserror::Error)]
#[error("{}", crate::msg!(CannotWriteFile, path = path.display().to_string(), detail = source.to_string()))]
pub struct AtomicWriteError {
    /// The destination.
    pub path: PathBuf,
    /// What the system said.
    #[source]
    pub source: std::io::Error,
}

/// The temporary file beside `path`: hidden, named after it, the process and a count of
/// the temporary files the process has named, so that two writes of the same file at
/// once (two threads, or the same name twice in a set) never share one.
fn temporary_path(path: &Path) -> std::io::Result<PathBuf> {
    static COUNT: AtomicU64 = AtomicU64::new(0);
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidInput, "no file name"))?;
    Ok(dir.join(format!(
        ".{}.{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id(),
        COUNT.fetch_add(1, Ordering::Relaxed)
    )))
}
