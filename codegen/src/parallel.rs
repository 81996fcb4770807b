//! Work spread over every available core, with scoped threads of the standard library.

use std::sync::atomic::{AtomicUsize, Ordering};

/// `f` applied to every item on up to [`std::thread::available_parallelism`] threads, the results
/// in the order of `items`. Items are handed out one at a time, so that uneven ones (Graph's
/// `entity` beside a two-value enum) spread evenly. A panic in `f` is resumed on the caller's
/// thread, as if `f` had run there.
pub(crate) fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, usize::from).min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    // Each thread's results, tagged with their input index.
    let work = || {
        let mut done = Vec::new();
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(index) else { return done };
            done.push((index, f(item)));
        }
    };
    let mut results: Vec<(usize, R)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut all = work();
        for worker in workers {
            match worker.join() {
                Ok(done) => all.extend(done),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        all
    });
    results.sort_unstable_by_key(|(index, _)| *index);
    results.into_iter().map(|(_, result)| result).collect()
}

/// `a` and `b` at the same time (on two threads when there are two cores), with both results. A
/// panic in either is resumed on the caller's thread.
pub(crate) fn join<A: Send, B: Send>(a: impl FnOnce() -> A + Send, b: impl FnOnce() -> B + Send) -> (A, B) {
    if std::thread::available_parallelism().map_or(1, usize::from) < 2 {
        return (a(), b());
    }
    std::thread::scope(|scope| {
        let first = scope.spawn(a);
        let second = b();
        match first.join() {
            Ok(first) => (first, second),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::{join, map};

    #[test]
    fn join_returns_both_results_in_order() {
        assert_eq!(join(|| 1 + 1, || "two"), (2, "two"));
        let result = std::panic::catch_unwind(|| join(|| panic!("first"), || 2));
        assert!(result.is_err());
    }

    #[test]
    fn results_keep_the_input_order() {
        let items: Vec<u64> = (0..10_000).collect();
        // Uneven work, so that threads finish items out of order.
        let squares = map(&items, |&n| {
            if n % 97 == 0 {
                std::thread::yield_now();
            }
            n * n
        });
        assert_eq!(squares, items.iter().map(|n| n * n).collect::<Vec<_>>());
        assert!(map(&[] as &[u8], |&n| n).is_empty());
    }

    #[test]
    fn a_panic_reaches_the_caller() {
        let items: Vec<u32> = (0..100).collect();
        let result = std::panic::catch_unwind(|| map(&items, |&n| if n == 57 { panic!("item 57") } else { n }));
        assert!(result.is_err());
    }
}
