//! Answers kept for the index commit they were computed on. A team's searches repeat (the same
//! query paged through, the page reloaded, a feed polled), and counting the total and facets
//! of a common word visits a large part of the index. A new commit changes the answers, so
//! everything kept is dropped when the searcher's generation changes. Only small answers are
//! kept: their number is bounded and each holds one page of hits.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

/// Answers kept unless told otherwise.
pub const DEFAULT_CACHE_ENTRIES: usize = 1_024;

/// A bounded map from a request to its answer, for one index generation.
pub(super) struct Cache<V> {
    capacity: usize,
    inner: Mutex<Inner<V>>,
}

struct Inner<V> {
    generation: u64,
    entries: HashMap<String, Arc<V>>,
    /// Keys oldest first: the first to go when full.
    order: VecDeque<String>,
}

impl<V> Cache<V> {
    pub(super) fn new(capacity: usize) -> Cache<V> {
        Cache {
            capacity,
            inner: Mutex::new(Inner {
                generation: u64::MAX,
                entries: HashMap::new(),
                order: VecDeque::new(),
            }),
        }
    }

    /// The answer kept for `key` on this generation of the index.
    pub(super) fn get(&self, generation: u64, key: &str) -> Option<Arc<V>> {
        if self.capacity == 0 {
            return None;
        }
        let inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        (inner.generation == generation)
            .then(|| inner.entries.get(key).cloned())
            .flatten()
    }

    /// Keeps an answer; a newer generation drops all others first.
    pub(super) fn put(&self, generation: u64, key: String, value: Arc<V>) {
        if self.capacity == 0 {
            return;
        }
        let mut inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        if inner.generation != generation {
            inner.generation = generation;
            inner.entries.clear();
            inner.order.clear();
        }
        if inner.entries.insert(key.clone(), value).is_none() {
            inner.order.push_back(key);
        }
        while inner.order.len() > self.capacity {
            if let Some(old) = inner.order.pop_front() {
                inner.entries.remove(&old);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_and_dropped_on_a_new_generation() {
        let c = Cache::new(2);
        c.put(1, "a".into(), Arc::new(1));
        c.put(1, "b".into(), Arc::new(2));
        assert_eq!(c.get(1, "a").as_deref(), Some(&1));
        c.put(1, "c".into(), Arc::new(3));
        assert_eq!(c.get(1, "a"), None, "the oldest goes first");
        assert_eq!(c.get(1, "c").as_deref(), Some(&3));
        assert_eq!(c.get(2, "c"), None, "another generation sees nothing kept");
        c.put(2, "d".into(), Arc::new(4));
        assert_eq!(c.get(1, "c"), None);
        assert_eq!(c.get(2, "d").as_deref(), Some(&4));
        let off = Cache::new(0);
        off.put(1, "a".into(), Arc::new(1));
        assert_eq!(off.get(1, "a"), None);
    }
}
