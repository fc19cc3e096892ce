//! How long to wait before the next try: 2 s, doubling each time, at most 5 minutes, with
//! ±25% jitter so a thousand phones that lost the same cell tower do not return together.

use std::time::Duration;

use rand::Rng;

const FIRST: Duration = Duration::from_secs(2);
const LONGEST: Duration = Duration::from_secs(300);

/// The pause after `attempts` failed tries (0 for the first retry).
pub fn backoff(attempts: u32) -> Duration {
    let base = FIRST.saturating_mul(1u32 << attempts.min(16)).min(LONGEST);
    let jitter = rand::thread_rng().gen_range(0.75..=1.25);
    base.mul_f64(jitter).min(LONGEST)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pauses_double_from_two_seconds_and_stop_at_five_minutes() {
        for _ in 0..100 {
            let first = backoff(0);
            assert!(
                first >= Duration::from_millis(1500) && first <= Duration::from_millis(2500),
                "{first:?}"
            );
            let fourth = backoff(3);
            assert!(
                fourth >= Duration::from_secs(12) && fourth <= Duration::from_secs(20),
                "{fourth:?}"
            );
            assert!(backoff(30) <= LONGEST);
            assert!(backoff(30) >= Duration::from_secs(225));
        }
    }
}
