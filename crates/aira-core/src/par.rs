//! A map over a list on two threads, for the few places where the first frame waits on work
//! that splits (pieces of a big questionnaire, many answers files). Two, because that is what
//! the machine aira is measured on has. Items are pulled from a shared counter, so the work
//! spreads evenly whatever else is keeping one core busy.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

/// `f` of every item, in order; `None` only if some item was never done (a worker panicked,
/// and the panic is passed on, so in practice never).
pub fn map2<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Option<Vec<R>> {
    if items.len() < 2 {
        return Some(items.iter().map(f).collect());
    }
    let done: Vec<Mutex<Option<R>>> = items.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let work = || {
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else { break };
            let result = f(item);
            *done[i].lock().unwrap_or_else(PoisonError::into_inner) = Some(result);
        }
    };
    std::thread::scope(|s| {
        let helper = s.spawn(work);
        work();
        helper.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
    });
    done.into_iter().map(|m| m.into_inner().unwrap_or_else(PoisonError::into_inner)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_order_and_does_every_item_once() {
        let calls = AtomicUsize::new(0);
        let items: Vec<u64> = (0..1000).collect();
        let out = map2(&items, |n| {
            calls.fetch_add(1, Ordering::Relaxed);
            n * n
        });
        assert_eq!(out, Some(items.iter().map(|n| n * n).collect()));
        assert_eq!(calls.load(Ordering::Relaxed), 1000);
        assert_eq!(map2(&[7], |n| n + 1), Some(vec![8]));
        assert_eq!(map2(&[] as &[u8], |n| *n), Some(vec![]));
    }
}
