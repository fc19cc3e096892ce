//! Rate limits per account and per IP address, kept in memory (governor's GCRA). A restart
//! forgets them, which is acceptable: the OTP attempt count, the limit that matters most, is
//! stored with the code, and so is each account's daily cap on code tries.
//!
//! An IPv6 client is counted by its /64, the block one home or phone is given, since it can
//! pick any address inside it. Keys of clients gone quiet are forgotten every minute
//! ([`RateLimits::forget_idle`]), so the limiter's memory follows the clients of the moment.

use std::net::{IpAddr, Ipv6Addr};
use std::num::NonZeroU32;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::config::Limits;
use crate::error::ApiError;

pub struct RateLimits {
    logins_per_account: DefaultKeyedRateLimiter<String>,
    logins_per_ip: DefaultKeyedRateLimiter<IpAddr>,
    otp_per_ip: DefaultKeyedRateLimiter<IpAddr>,
    /// Officers have limiters of their own: citizens at the office's kiosk share its address,
    /// and must not be able to lock the officers out.
    officer_logins_per_account: DefaultKeyedRateLimiter<String>,
    officer_logins_per_ip: DefaultKeyedRateLimiter<IpAddr>,
    /// Submissions and resubmissions per account: each is validated in full and may carry
    /// documents, so a flood costs the server and the officers' queue.
    submissions_per_account: DefaultKeyedRateLimiter<i64>,
    clock: DefaultClock,
}

/// The longest officer user name the limiter will count; anything longer is refused unheard.
pub const MAX_OFFICER_LOGIN: usize = 64;

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
            officer_logins_per_account: RateLimiter::keyed(per_minute(
                limits.logins_per_account_per_minute,
            )),
            officer_logins_per_ip: RateLimiter::keyed(per_minute(limits.logins_per_ip_per_minute)),
            submissions_per_account: RateLimiter::keyed(Quota::per_hour(
                NonZeroU32::new(limits.submissions_per_account_per_hour.max(1))
                    .expect("at least one"),
            )),
            clock: DefaultClock::default(),
        }
    }

    /// One login try for `login` (already checked to be a NIK, so a key is never large) from
    /// `ip`.
    pub fn login(&self, login: &str, ip: IpAddr) -> Result<(), ApiError> {
        self.check(&self.logins_per_ip, &client_block(ip), "login.rate_limited")?;
        self.check(
            &self.logins_per_account,
            &login.to_owned(),
            "login.rate_limited",
        )
    }

    /// One officer login try for `login` from `ip`, counted apart from citizens'. A login
    /// longer than [`MAX_OFFICER_LOGIN`] is refused before it becomes a key.
    pub fn officer_login(&self, login: &str, ip: IpAddr) -> Result<(), ApiError> {
        if login.len() > MAX_OFFICER_LOGIN {
            return Err(ApiError::new(
                axum::http::StatusCode::BAD_REQUEST,
                "login.malformed",
                "Nama pengguna terlalu panjang.",
                "The user name is too long.",
            ));
        }
        self.check(
            &self.officer_logins_per_ip,
            &client_block(ip),
            "login.rate_limited",
        )?;
        self.check(
            &self.officer_logins_per_account,
            &login.to_owned(),
            "login.rate_limited",
        )
    }

    /// One submission or resubmission by `account`.
    pub fn submission(&self, account: i64) -> Result<(), ApiError> {
        self.check(
            &self.submissions_per_account,
            &account,
            "application.rate_limited",
        )
    }

    /// One OTP check or send from `ip`.
    pub fn otp(&self, ip: IpAddr) -> Result<(), ApiError> {
        self.check(&self.otp_per_ip, &client_block(ip), "otp.rate_limited")
    }

    /// Forgets every key whose limit has refilled: it would start afresh anyway.
    pub fn forget_idle(&self) {
        self.logins_per_account.retain_recent();
        self.logins_per_account.shrink_to_fit();
        self.logins_per_ip.retain_recent();
        self.logins_per_ip.shrink_to_fit();
        self.otp_per_ip.retain_recent();
        self.otp_per_ip.shrink_to_fit();
        self.officer_logins_per_account.retain_recent();
        self.officer_logins_per_account.shrink_to_fit();
        self.officer_logins_per_ip.retain_recent();
        self.officer_logins_per_ip.shrink_to_fit();
        self.submissions_per_account.retain_recent();
        self.submissions_per_account.shrink_to_fit();
    }

    /// How many keys the limiters hold now.
    pub fn keys_held(&self) -> usize {
        self.logins_per_account.len()
            + self.logins_per_ip.len()
            + self.otp_per_ip.len()
            + self.officer_logins_per_account.len()
            + self.officer_logins_per_ip.len()
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

/// The address a limit counts: an IPv4 address as it is (also when mapped into IPv6), an IPv6
/// address by its /64.
pub fn client_block(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(Ipv6Addr::from_bits(v6.to_bits() & !u128::from(u64::MAX))),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_in_one_ipv6_64_share_a_limit_and_other_blocks_do_not() {
        let limits = RateLimits::new(&Limits {
            logins_per_ip_per_minute: 2,
            logins_per_account_per_minute: 100,
            ..Limits::default()
        });
        let ip = |text: &str| text.parse::<IpAddr>().unwrap();
        limits.login("a", ip("2001:db8:1:2::1")).unwrap();
        limits.login("b", ip("2001:db8:1:2:ffff::9")).unwrap();
        assert!(
            limits.login("c", ip("2001:db8:1:2:abcd::7")).is_err(),
            "a third address in the same /64 is the same client"
        );
        limits.login("d", ip("2001:db8:1:3::1")).unwrap();
        assert_eq!(
            client_block(ip("::ffff:10.0.0.7")),
            ip("10.0.0.7"),
            "an IPv4 client is itself"
        );
    }

    #[test]
    fn keys_of_clients_gone_quiet_are_forgotten() {
        // 60,000 a minute: a used key refills in a millisecond.
        let limits = RateLimits::new(&Limits {
            logins_per_ip_per_minute: 60_000,
            logins_per_account_per_minute: 60_000,
            otp_requests_per_ip_per_minute: 60_000,
            ..Limits::default()
        });
        for host in 0..200u32 {
            let ip = IpAddr::from(std::net::Ipv4Addr::from(0x0a00_0000 + host));
            limits.login(&format!("{host:016}"), ip).unwrap();
            limits.otp(ip).unwrap();
        }
        assert_eq!(limits.keys_held(), 600);
        std::thread::sleep(std::time::Duration::from_millis(20));
        limits.forget_idle();
        assert_eq!(limits.keys_held(), 0);
    }
}
