//! Step "Pengambilan": a representative needs a name and a valid NIK (their surat kuasa is a
//! required document); posting needs an address.

use super::Findings;
use crate::application::{Application, PickupMethod};
use crate::nik::Nik;
use crate::text::Text;

pub(super) fn check(application: &Application, findings: &mut Findings) {
    let pickup = &application.pickup;
    match pickup.method {
        PickupMethod::ByRepresentative => {
            if pickup.representative_name.trim().is_empty() {
                findings.error(
                    "pickup.representative_name.required",
                    "pickup.representative_name",
                    Text::new(
                        "Isi nama orang yang mewakili.",
                        "Enter the representative's name.",
                    ),
                );
            }
            if let Err(error) = Nik::parse(&pickup.representative_nik) {
                findings.error(error.code(), "pickup.representative_nik", error.text());
            }
        }
        PickupMethod::Post if pickup.postal_address.trim().is_empty() => findings.error(
            "pickup.postal_address.required",
            "pickup.postal_address",
            Text::new("Isi alamat pengiriman.", "Enter the delivery address."),
        ),
        _ => {}
    }
}
