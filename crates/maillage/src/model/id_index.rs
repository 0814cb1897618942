//! A map from user ids (actor ids, zone ids) to values, for the millions of lookups a
//! national bundle makes while loading.

use std::collections::HashMap;

/// Longest id kept inside the map's own table.
const INLINE: usize = 22;

/// An id as a map key: short ids (all those of the bundle format's examples and of
/// the importers, `finess:750712184`, `rpps:10003456789`) are stored inline, so that a
/// lookup compares bytes in the table rather than following a pointer to a string
/// elsewhere in memory. With half a million actors, those pointer chases were most of
/// the time spent resolving the relations' ends.
#[derive(Debug, Clone, PartialEq, Eq)]
enum IdKey {
    Inline { len: u8, bytes: [u8; INLINE] },
    Heap(Box<str>),
}

impl IdKey {
    fn new(id: &str) -> Self {
        if id.len() <= INLINE {
            let mut bytes = [0; INLINE];
            bytes[..id.len()].copy_from_slice(id.as_bytes());
            IdKey::Inline {
                len: id.len() as u8,
                bytes,
            }
        } else {
            IdKey::Heap(id.into())
        }
    }
}

impl std::hash::Hash for IdKey {
    /// Hashes the id's bytes alone, not the unused end of the inline array.
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        match self {
            IdKey::Inline { len, bytes } => bytes[..usize::from(*len)].hash(state),
            IdKey::Heap(id) => id.as_bytes().hash(state),
        }
    }
}

/// Ids to values; the first value given an id is kept.
///
/// # Example
/// ```ignore
/// let mut index = IdIndex::with_capacity(2);
/// assert_eq!(index.insert_first("a1", 0), None);
/// assert_eq!(index.insert_first("a1", 5), Some(0));
/// assert_eq!(index.get("a1"), Some(0));
/// ```
#[derive(Debug, Clone)]
pub(crate) struct IdIndex<V> {
    map: HashMap<IdKey, V>,
}

impl<V> Default for IdIndex<V> {
    fn default() -> Self {
        Self {
            map: HashMap::new(),
        }
    }
}

impl<V: Copy> IdIndex<V> {
    /// An empty index with room for `n` ids.
    pub(crate) fn with_capacity(n: usize) -> Self {
        Self {
            map: HashMap::with_capacity(n),
        }
    }

    /// The value of `id`.
    pub(crate) fn get(&self, id: &str) -> Option<V> {
        self.map.get(&IdKey::new(id)).copied()
    }

    /// Gives `id` the value `value` unless it has one: returns the value it had.
    pub(crate) fn insert_first(&mut self, id: &str, value: V) -> Option<V> {
        match self.map.entry(IdKey::new(id)) {
            std::collections::hash_map::Entry::Occupied(e) => Some(*e.get()),
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(value);
                None
            }
        }
    }

    /// Whether `id` has a value.
    pub(crate) fn contains(&self, id: &str) -> bool {
        self.map.contains_key(&IdKey::new(id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_first_value_of_short_and_long_ids() {
        let long = "dinclusion:soliguide:0123456789abcdef";
        let mut index = IdIndex::with_capacity(3);
        for (id, v) in [("a1", 0u32), (long, 1), ("", 2), ("a1", 3), (long, 4)] {
            index.insert_first(id, v);
        }
        assert_eq!(index.get("a1"), Some(0));
        assert_eq!(index.get(long), Some(1));
        assert_eq!(index.get(""), Some(2));
        assert_eq!(index.get("a2"), None);
        // an inline id never equals a longer one sharing its first bytes
        assert_eq!(index.get(&long[..INLINE]), None);
        assert!(index.contains(long) && !index.contains("a"));
    }
}
