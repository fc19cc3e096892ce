//! The roots shipped in `assets/keys/`: the production roots every build trusts, and the demo
//! root that only debug builds (or `KK_MANDIRI_TRUST_DEMO_ROOT=1`) trust.

use super::root::TrustedRoots;
use super::store::{KeyBundle, TrustStore};

const PRODUCTION_ROOTS: &str = include_str!("../../../../assets/keys/trusted-roots.json");
const DEMO_ROOT: &str = include_str!("../../../../assets/keys/demo-root.json");

/// Set to `1` to make a release build trust the demo root.
pub const TRUST_DEMO_ROOT_VARIABLE: &str = "KK_MANDIRI_TRUST_DEMO_ROOT";

/// The roots every build trusts.
pub fn production_roots() -> TrustedRoots {
    TrustedRoots::from_json(PRODUCTION_ROOTS).expect("assets/keys/trusted-roots.json is valid")
}

/// The demo root alone.
pub fn demo_root() -> TrustedRoots {
    TrustedRoots::from_json(DEMO_ROOT).expect("assets/keys/demo-root.json is valid")
}

/// The production roots, and the demo root when `trust_demo` is set.
pub fn roots(trust_demo: bool) -> TrustedRoots {
    let production = production_roots();
    if trust_demo {
        production.with(demo_root())
    } else {
        production
    }
}

/// What a device trusts: the bundled roots (with the demo root when `trust_demo`), and what
/// they signed in `bundle_json`, a [`KeyBundle`] as fetched; JSON that does not parse counts as
/// no documents.
pub fn trust_store(trust_demo: bool, bundle_json: Option<&str>) -> TrustStore {
    let bundle = bundle_json
        .and_then(|json| KeyBundle::from_json(json).ok())
        .unwrap_or_default();
    TrustStore::new(&roots(trust_demo), &bundle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_root_is_trusted_only_when_asked_for() {
        let demo = demo_root().roots[0].clone();
        assert!(demo.verifying_key().is_some(), "a well-formed root");
        assert!(!roots(false).roots.contains(&demo));
        assert!(roots(true).roots.contains(&demo));
        assert!(
            !production_roots().roots.contains(&demo),
            "the demo root is never a production root"
        );
    }
}
