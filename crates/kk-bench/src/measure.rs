//! Timing: run a function in batches until each batch takes a few milliseconds, then report the
//! median time per call over the batches, so one slow batch (another process, a page fault)
//! does not move the figure.

use std::hint::black_box;
use std::time::{Duration, Instant};

const SAMPLES: usize = 21;
const TARGET_BATCH_TIME: Duration = Duration::from_millis(5);

pub fn median_time_per_call<T>(mut function: impl FnMut() -> T) -> Duration {
    // Warm up, and find how many calls make a batch of about TARGET_BATCH_TIME.
    let mut calls_per_batch = 1u32;
    loop {
        let started = Instant::now();
        for _ in 0..calls_per_batch {
            black_box(function());
        }
        if started.elapsed() >= TARGET_BATCH_TIME || calls_per_batch >= 1 << 20 {
            break;
        }
        calls_per_batch *= 2;
    }
    let mut per_call: Vec<Duration> = (0..SAMPLES)
        .map(|_| {
            let started = Instant::now();
            for _ in 0..calls_per_batch {
                black_box(function());
            }
            started.elapsed() / calls_per_batch
        })
        .collect();
    per_call.sort();
    per_call[SAMPLES / 2]
}
