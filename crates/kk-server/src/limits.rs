//! Rate limits per account and per IP address, kept in memory (governor's GCRA). A restart
//! forgets them, which is acceptable: the OTP attempt count, the limit that matters most, is
//! stored with the code.

use std::net::IpAddr;
use std::num::NonZeroU32;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::config::Limits;
use crate::error::ApiError;

pub struct RateLimits {
    logins_per_account: DefaultKeyedRateLimiter<String>,
    logins_per_ip: DefaultKeyedRateLimiter<IpAddr>,
    otp_per_ip: DefaultKeyedRateLimiter<IpAddr>,
    clock: DefaultClock,
}

fn per_minute(count: u32) -> Quota {
    Quota::per_minute(NonZeroU32::new(count.max(1)).expect("at least one"))
}

impl RateLimits {
    pub fn new(limits: &Limits) -> RateLimits {
        RateLimits {
            logins_per_account: RateLimiter::keyed(per_minute(
                limits.logins_per_account_per_minute,
            )),
            logins_per_ip: RateLimiter::keyed(per_minute(limits.logins_per_ip_per_minute)),
            otp_per_ip: RateLimiter::keyed(per_minute(limits.otp_requests_per_ip_per_minute)),
            clock: DefaultClock::default(),
        }
    }

    /// One login try for `login` from `ip`.
    pub fn login(&self, login: &str, ip: IpAddr) -> Result<(), ApiError> {
        self.check(&self.logins_per_ip, &ip, "login.rate_limited")?;
        self.check(
            &self.logins_per_account,
            &login.to_owned(),
            "login.rate_limited",
        )
    }

    /// One OTP check or send from `ip`.
    pub fn otp(&self, ip: IpAddr) -> Result<(), ApiError> {
        self.check(&self.otp_per_ip, &ip, "otp.rate_limited")
    }

    fn check<K: Clone + std::hash::Hash + Eq>(
        &self,
        limiter: &DefaultKeyedRateLimiter<K>,
        key: &K,
        code: &str,
    ) -> Result<(), ApiError> {
        limiter.check_key(key).map_err(|not_until| {
            let wait = not_until.wait_time_from(self.clock.now());
            ApiError::too_many(code, wait.as_secs().max(1))
        })
    }
}
