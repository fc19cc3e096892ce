//! The PIN that opens the issued PDF: 10 characters from a 31-character alphabet with no
//! look-alikes (no 0/O, 1/I/L), shown as two groups of five, e.g. `7KQMA-4XRTP`.
//!
//! Strength (ARCHITECTURE.md has the arithmetic): 31^10 ≈ 8.2 × 10^14 PINs. A 6-digit PIN has
//! 10^6 and falls to an offline search in about a minute.

/// The characters a PIN is made of: digits 2–9 and A–Z without I, L and O.
pub const PIN_ALPHABET: &[u8; 31] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
pub const PIN_LENGTH: usize = 10;

/// A PIN as the citizen reads it from the message. Its `Debug` hides it.
#[derive(Clone, PartialEq, Eq)]
pub struct Pin(String);

impl std::fmt::Debug for Pin {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("Pin(…)")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PinError {
    #[error("the PIN has {found} characters; it has {PIN_LENGTH}")]
    WrongLength { found: usize },
    #[error("the PIN cannot contain {0:?}")]
    NotInAlphabet(char),
}

impl Pin {
    /// A new random PIN from the operating system's generator.
    #[cfg(feature = "issue")]
    pub fn generate() -> Pin {
        use rand::Rng;
        let mut rng = rand::rngs::OsRng;
        let pin = (0..PIN_LENGTH)
            .map(|_| PIN_ALPHABET[rng.gen_range(0..PIN_ALPHABET.len())] as char)
            .collect();
        Pin(pin)
    }

    /// Reads a typed or pasted PIN: spaces and dashes are ignored, lower case is accepted, and
    /// the look-alikes 0, O, 1, I and L are reported rather than guessed.
    pub fn parse(input: &str) -> Result<Pin, PinError> {
        let mut pin = String::with_capacity(PIN_LENGTH);
        for character in input.chars() {
            if character.is_whitespace() || character == '-' {
                continue;
            }
            let upper = character.to_ascii_uppercase();
            if !upper.is_ascii() || !PIN_ALPHABET.contains(&(upper as u8)) {
                return Err(PinError::NotInAlphabet(character));
            }
            pin.push(upper);
        }
        if pin.len() != PIN_LENGTH {
            return Err(PinError::WrongLength { found: pin.len() });
        }
        Ok(Pin(pin))
    }

    /// The PDF user password: the ten characters without the dash.
    pub fn as_password(&self) -> &str {
        &self.0
    }

    /// `7KQMA-4XRTP`, as written in the message.
    pub fn display_grouped(&self) -> String {
        format!("{}-{}", &self.0[..5], &self.0[5..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(feature = "issue")]
    fn generated_pins_use_only_the_alphabet_and_differ() {
        let first = Pin::generate();
        let second = Pin::generate();
        assert_ne!(first, second);
        assert!(
            first
                .as_password()
                .bytes()
                .all(|byte| PIN_ALPHABET.contains(&byte))
        );
        assert_eq!(Pin::parse(&first.display_grouped()), Ok(first));
    }

    #[test]
    fn pasted_pins_are_forgiving_about_case_spaces_and_dashes() {
        let pin = Pin::parse(" 7kqma-4xrtp\n").unwrap();
        assert_eq!(pin.as_password(), "7KQMA4XRTP");
        assert_eq!(pin.display_grouped(), "7KQMA-4XRTP");
    }

    #[test]
    fn look_alikes_and_wrong_lengths_are_reported() {
        assert_eq!(Pin::parse("0KQMA-4XRTP"), Err(PinError::NotInAlphabet('0')));
        assert_eq!(
            Pin::parse("7KQMA-4XRT"),
            Err(PinError::WrongLength { found: 9 })
        );
        assert!(format!("{:?}", Pin::parse("7KQMA4XRTP").unwrap()).contains('…'));
    }
}
