//! The one panic boundary of phimask.
//!
//! Every entry point that runs analysis code — [`Analyzer::analyze_with`],
//! [`Analyzer::mask`], the batch calls, and the Python and C surfaces — runs
//! it through [`catch_panic`], so a panic anywhere inside (a recognizer, a
//! validator, a scope rule, an operator, a user's own code) becomes an
//! [`ErrorKind::Panic`] and the caller gets no text at all: fail closed.
//!
//! The panic's payload is dropped unread: a panic message may quote the text
//! being analysed, and errors never carry analysed text.
//!
//! [`Analyzer::analyze_with`]: crate::Analyzer::analyze_with
//! [`Analyzer::mask`]: crate::Analyzer::mask

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use crate::{Error, ErrorKind};

/// Runs `f`, turning a panic into an [`ErrorKind::Panic`] naming `stage`.
///
/// The closure is run as if it were unwind safe: callers hand it only
/// immutable analyzers and their own buffers, which a panic cannot leave in
/// a state anyone reads afterwards (a failed call returns no result).
///
/// # Example
/// ```
/// use phimask_core::{boundary::catch_panic, ErrorKind};
/// let r: Result<(), _> = catch_panic("demo", || panic!("secret text"));
/// let err = r.unwrap_err();
/// assert!(matches!(err.kind(), ErrorKind::Panic { stage } if stage == "demo"));
/// assert!(!err.to_string().contains("secret"));
/// ```
///
/// # Errors
/// `f`'s own error, or [`ErrorKind::Panic`] when it panicked.
pub fn catch_panic<T>(stage: &str, f: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(payload) => {
            drop(payload);
            Err(Error::new(ErrorKind::Panic {
                stage: stage.to_string(),
            }))
        }
    }
}

/// Runs `f` over every text on `threads` scoped threads (default: the number
/// of cores), each call inside [`catch_panic`]. The threads live only for
/// this call, so none is left running when a process forks (Spark, Dask,
/// `multiprocessing`), and each keeps its regex caches for the whole batch.
/// Results are in input order; one text's error does not stop the others.
/// [`Analyzer::analyze_batch`](crate::Analyzer::analyze_batch), the
/// Python and the C batch calls all run on this.
///
/// # Example
/// ```
/// use phimask_core::boundary::run_batch;
/// let lens = run_batch(&["a", "bcd"], Some(2), "demo", |t| Ok(t.len()));
/// assert_eq!(lens, vec![Ok(1), Ok(3)]);
/// ```
pub fn run_batch<S, T, F>(
    texts: &[S],
    threads: Option<usize>,
    stage: &str,
    f: F,
) -> Vec<Result<T, Error>>
where
    S: AsRef<str> + Sync,
    T: Send,
    F: Fn(&str) -> Result<T, Error> + Sync,
{
    let n = texts.len();
    let threads = threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .clamp(1, n.max(1));
    let run_one = |i: usize| catch_panic(stage, || f(texts[i].as_ref()));
    if threads == 1 {
        return (0..n).map(run_one).collect();
    }
    let next = AtomicUsize::new(0);
    let slots: Mutex<Vec<Option<Result<T, Error>>>> = Mutex::new((0..n).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= n {
                    break;
                }
                let r = run_one(i);
                if let Ok(mut s) = slots.lock() {
                    s[i] = Some(r);
                }
            });
        }
    });
    slots
        .into_inner()
        .unwrap_or_else(|p| p.into_inner())
        .into_iter()
        .enumerate()
        .map(|(i, r)| r.unwrap_or_else(|| Err(Error::new(ErrorKind::WorkerPanicked { index: i }))))
        .collect()
}

/// Replaces the panic hook with one that prints where a panic happened but
/// never its message, which may quote analysed text. Installed once (later
/// calls do nothing).
///
/// The Python extension and the C library call this: each is a `cdylib` with
/// its own copy of the Rust standard library, so the hook governs only
/// phimask's own panics, not the host's. A Rust program linking phimask
/// keeps its own hook unless it calls this.
pub fn quiet_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let at = info
                .location()
                .map(|l| format!(" at {}:{}", l.file(), l.line()))
                .unwrap_or_default();
            eprintln!(
                "phimask: internal panic{at}; its message is withheld (it may quote analysed text); the call failed closed"
            );
        }));
    });
}
