//! Who is asking: passwords (argon2id), one-time codes, and opaque session tokens.

pub mod otp;
pub mod password;
pub mod session;
