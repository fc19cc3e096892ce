//! The one error type of the shell's commands. It reaches the UI as
//! `{"code": "...", "message": {"id": "...", "en": "..."}}` ([`kk_domain::wire::ErrorBody`]).

use kk_domain::text::Text;
use kk_domain::wire::ErrorBody;
use serde::{Serialize, Serializer};

#[derive(Debug, thiserror::Error)]
pub enum ShellError {
    #[error("not a region code: {0}")]
    BadRegionCode(String),
}

impl ShellError {
    pub fn body(&self) -> ErrorBody {
        match self {
            ShellError::BadRegionCode(code) => ErrorBody {
                code: "region.bad_code".to_owned(),
                message: Text::new(
                    format!("Kode wilayah \"{code}\" tidak dikenali."),
                    format!("The region code \"{code}\" is not recognised."),
                ),
            },
        }
    }
}

impl Serialize for ShellError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.body().serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_reaches_the_ui_as_a_code_and_a_bilingual_message() {
        let json = serde_json::to_value(ShellError::BadRegionCode("99.x".to_owned())).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "code": "region.bad_code",
                "message": {
                    "id": "Kode wilayah \"99.x\" tidak dikenali.",
                    "en": "The region code \"99.x\" is not recognised."
                }
            })
        );
    }
}
