//! [`Capped`]: a map that forgets its oldest entries beyond a capacity, the one shape of every
//! bounded table the bot keeps (chats already hinted, recent questions, answer times, senders
//! watched by the flood guard), so that no stranger can grow the bot's memory without limit.

use std::collections::{HashMap, VecDeque};
use std::hash::Hash;

/// A map of at most `capacity` entries; inserting a new key beyond that forgets the key inserted
/// longest ago (first in, first out; reading or updating an entry does not renew it).
#[derive(Debug, Clone)]
pub struct Capped<K, V> {
    map: HashMap<K, V>,
    order: VecDeque<K>,
    capacity: usize,
}

impl<K: Hash + Eq + Clone, V> Capped<K, V> {
    /// A table of at most `capacity` entries (at least one).
    pub fn new(capacity: usize) -> Self {
        Capped { map: HashMap::new(), order: VecDeque::new(), capacity: capacity.max(1) }
    }

    /// Sets `key` to `value`; true if the key was not there. A key already there keeps its place
    /// in the order.
    pub fn insert(&mut self, key: K, value: V) -> bool {
        if let Some(slot) = self.map.get_mut(&key) {
            *slot = value;
            return false;
        }
        self.entry(key, || value);
        true
    }

    /// The value of `key`, made by `make` (forgetting the oldest entry if full) when absent.
    pub fn entry(&mut self, key: K, make: impl FnOnce() -> V) -> &mut V {
        if !self.map.contains_key(&key) {
            if self.order.len() >= self.capacity
                && let Some(oldest) = self.order.pop_front()
            {
                self.map.remove(&oldest);
            }
            self.order.push_back(key.clone());
        }
        self.map.entry(key).or_insert_with(make)
    }

    pub fn get(&self, key: &K) -> Option<&V> {
        self.map.get(key)
    }

    /// Takes `key`'s value out of the table.
    pub fn remove(&mut self, key: &K) -> Option<V> {
        let value = self.map.remove(key)?;
        self.order.retain(|k| k != key);
        Some(value)
    }

    /// The values, in no particular order.
    #[cfg(test)]
    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.map.values()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_oldest_key_is_forgotten_first() {
        let mut c = Capped::new(2);
        assert!(c.insert(1, "a"));
        assert!(!c.insert(1, "b"), "1 was there");
        assert_eq!(c.get(&1), Some(&"b"), "and now holds the new value");
        assert!(c.insert(2, "c"));
        assert!(c.insert(3, "d"));
        assert_eq!((c.values().count(), c.get(&1)), (2, None), "1 was forgotten");
        assert!(c.insert(1, "e"), "so it is new again");
        assert_eq!(c.get(&2), None);
    }

    #[test]
    fn updating_an_entry_does_not_renew_it() {
        let mut c = Capped::new(2);
        *c.entry("a", || 0) += 1;
        *c.entry("b", || 0) += 1;
        *c.entry("a", || 0) += 1;
        *c.entry("c", || 0) += 1;
        assert_eq!(c.get(&"a"), None);
        assert_eq!(c.values().sum::<i32>(), 2);
    }
}
