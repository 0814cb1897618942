//! A large sheet read on every thread: its XML inflated on a thread of its own, cut
//! into segments of whole rows, each segment read into a grid of its own by whichever
//! thread is free, and the grids joined in order (`xlsx.rs` reads the segments and
//! falls back to one reading from the start when a segment cannot be read alone).

use std::io::{self, Read};
use std::sync::mpsc::{channel, sync_channel, Receiver, Sender, SyncSender};

/// The inflated chunks the inflating thread may be ahead of the reading.
const CHUNKS_AHEAD: usize = 4;
/// The bytes of an inflated chunk.
const CHUNK: usize = 1 << 19;

/// Inflates `part` on a thread of `scope` and gives what it inflates, in order, as a
/// reader (an error of the inflation is the reader's error).
pub(super) fn inflated_apart<'scope>(
    scope: &'scope std::thread::Scope<'scope, '_>,
    part: impl Read + Send + 'scope,
) -> InflatedChunks {
    let (chunks, received) = sync_channel(CHUNKS_AHEAD);
    let (used, reused) = channel();
    scope.spawn(move || inflate_into(part, &chunks, &reused));
    InflatedChunks {
        received,
        used,
        chunk: Vec::new(),
        at: 0,
    }
}

/// Inflates `part` into chunks sent to the reader, reusing the chunks it sends back;
/// stops at the part's end (the channel then closed), at the first error (sent), or
/// when the reader has gone.
fn inflate_into(
    mut part: impl Read,
    chunks: &SyncSender<io::Result<Vec<u8>>>,
    reused: &Receiver<Vec<u8>>,
) {
    loop {
        let mut chunk = reused.try_recv().unwrap_or_default();
        chunk.resize(CHUNK, 0);
        let mut filled = 0;
        while filled < chunk.len() {
            match read_some(&mut part, &mut chunk[filled..]) {
                Ok(0) => break,
                Ok(n) => filled += n,
                Err(e) => {
                    let _ = chunks.send(Err(e));
                    return;
                }
            }
        }
        chunk.truncate(filled);
        if filled == 0 || chunks.send(Ok(chunk)).is_err() {
            return;
        }
    }
}

/// One read of `part` into `buf` (0 at its end), an interrupted read tried again.
pub(super) fn read_some(part: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    loop {
        match part.read(buf) {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            read => return read,
        }
    }
}

/// The reading end of [`inflated_apart`].
pub(super) struct InflatedChunks {
    received: Receiver<io::Result<Vec<u8>>>,
    used: Sender<Vec<u8>>,
    chunk: Vec<u8>,
    at: usize,
}

impl Read for InflatedChunks {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.at == self.chunk.len() {
            let next = match self.received.recv() {
                Ok(next) => next?,
                // the part's end
                Err(_) => return Ok(0),
            };
            let used = std::mem::replace(&mut self.chunk, next);
            // the inflating thread may have stopped: the chunk is then dropped
            let _ = self.used.send(used);
            self.at = 0;
        }
        let n = buf.len().min(self.chunk.len() - self.at);
        buf[..n].copy_from_slice(&self.chunk[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// Whole rows of a sheet's XML: the first segment holds what comes before the cells,
/// the last what comes after them.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Segment {
    /// The segment's place in the sheet, from 0.
    pub(super) index: usize,
    pub(super) bytes: Vec<u8>,
    /// Whether the sheet ends with this segment.
    pub(super) last: bool,
}

/// Why the sheet could not be cut into segments: it is then read from the start, as
/// one, which tells what is wrong.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Uncut;

/// Cuts a sheet's XML, read from `part`, into [`Segment`]s of about `size` bytes, each
/// ending just after a `</row>`; the XML past `limit` bytes, or unreadable, ends the
/// cutting with [`Uncut`].
pub(super) struct Segments<R> {
    part: R,
    size: usize,
    limit: u64,
    /// What was read past the last segment's end.
    rest: Vec<u8>,
    read: u64,
    next_index: usize,
    done: bool,
}

impl<R: Read> Segments<R> {
    pub(super) fn new(part: R, size: usize, limit: u64) -> Self {
        Self {
            part,
            size: size.max(1),
            limit,
            rest: Vec::new(),
            read: 0,
            next_index: 0,
            done: false,
        }
    }

    /// Reads until `rest` holds at least `want` bytes or the part ends; whether it
    /// ended.
    fn fill(&mut self, want: usize) -> Result<bool, Uncut> {
        while self.rest.len() < want {
            let had = self.rest.len();
            self.rest.resize(want, 0);
            let n = read_some(&mut self.part, &mut self.rest[had..]).map_err(|_| Uncut)?;
            self.rest.truncate(had + n);
            self.read += n as u64;
            if self.read > self.limit {
                return Err(Uncut);
            }
            if n == 0 {
                return Ok(true);
            }
        }
        Ok(false)
    }

    fn next_segment(&mut self) -> Result<Segment, Uncut> {
        const ROW_END: &[u8] = b"</row>";
        let mut want = self.size;
        loop {
            let ended = self.fill(want)?;
            let index = self.next_index;
            if ended {
                self.done = true;
                let bytes = std::mem::take(&mut self.rest);
                return Ok(Segment {
                    index,
                    bytes,
                    last: true,
                });
            }
            if let Some(at) = memchr::memmem::rfind(&self.rest, ROW_END) {
                let tail = self.rest.split_off(at + ROW_END.len());
                let bytes = std::mem::replace(&mut self.rest, tail);
                self.next_index += 1;
                return Ok(Segment {
                    index,
                    bytes,
                    last: false,
                });
            }
            // no row ends in it: a longer segment
            want = self.rest.len().saturating_mul(2);
        }
    }
}

impl<R: Read> Iterator for Segments<R> {
    type Item = Result<Segment, Uncut>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let next = self.next_segment();
        if next.is_err() {
            self.done = true;
        }
        Some(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Broken;

    impl Read for Broken {
        fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
            Err(io::Error::other("damaged"))
        }
    }

    fn cut(xml: &[u8], size: usize, limit: u64) -> Vec<Result<Segment, Uncut>> {
        Segments::new(xml, size, limit).collect()
    }

    #[test]
    fn cuts_after_whole_rows_and_keeps_every_byte_in_order() {
        let xml = b"<sheetData><row r=\"1\"><c/></row><row r=\"2\"><c/></row><row r=\"3\"></row></sheetData>";
        for size in 1..xml.len() + 2 {
            let segments: Vec<Segment> = cut(xml, size, 1 << 20)
                .into_iter()
                .map(|s| s.expect("cut"))
                .collect();
            let joined: Vec<u8> = segments.iter().flat_map(|s| s.bytes.clone()).collect();
            assert_eq!(joined, xml, "size {size}");
            let (last, rest) = segments.split_last().expect("one segment at least");
            assert!(last.last);
            for (i, s) in rest.iter().enumerate() {
                assert_eq!(s.index, i);
                assert!(!s.last);
                assert!(s.bytes.ends_with(b"</row>"), "size {size}: {s:?}");
            }
        }
    }

    #[test]
    fn a_part_past_the_limit_or_unreadable_is_not_cut() {
        let xml = b"<sheetData><row r=\"1\"></row><row r=\"2\"></row></sheetData>";
        let segments = cut(xml, 8, 20);
        assert_eq!(segments.last(), Some(&Err(Uncut)));
        let segments: Vec<_> = Segments::new(Broken, 8, 100).collect();
        assert_eq!(segments, vec![Err(Uncut)]);
    }

    #[test]
    fn inflated_apart_gives_the_bytes_in_order_and_the_error() {
        let bytes: Vec<u8> = (0..3 * CHUNK + 17).map(|i| (i % 251) as u8).collect();
        let got = std::thread::scope(|scope| {
            let mut read = Vec::new();
            inflated_apart(scope, &bytes[..])
                .read_to_end(&mut read)
                .map(|_| read)
        });
        assert_eq!(got.expect("read"), bytes);
        let failed = std::thread::scope(|scope| {
            let mut read = Vec::new();
            inflated_apart(scope, (&bytes[..CHUNK + 5]).chain(Broken)).read_to_end(&mut read)
        });
        assert!(failed.is_err());
    }
}
