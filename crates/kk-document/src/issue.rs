//! Issuance in one call: claims → signed QR → PDF → encrypted with a new PIN.

use crate::claims::KkClaims;
use crate::content::KkContent;
use crate::encrypt::{EncryptError, encrypt_pdf};
use crate::keys::IssuerKey;
use crate::pin::Pin;
use crate::render::{RenderOptions, render_pdf};
use crate::seal::seal;

/// What issuance hands over: the locked PDF and, once, its PIN.
#[derive(Debug)]
pub struct IssuedKk {
    pub encrypted_pdf: Vec<u8>,
    pub pin: Pin,
    pub qr_text: String,
}

pub fn issue_kk(
    content: &KkContent,
    key: &IssuerKey,
    options: &RenderOptions,
) -> Result<IssuedKk, EncryptError> {
    let qr_text = seal(&KkClaims::of(content), key);
    let pdf = render_pdf(content, &qr_text, options);
    let pin = Pin::generate();
    let encrypted_pdf = encrypt_pdf(&pdf, &pin)?;
    Ok(IssuedKk {
        encrypted_pdf,
        pin,
        qr_text,
    })
}
