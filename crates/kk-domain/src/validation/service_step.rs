//! Step "Layanan": a service is chosen, and the current KK number is given where one exists (R1).

use super::{Findings, ValidationContext};
use crate::application::Application;
use crate::nomor_kk::NomorKk;
use crate::text::Text;

pub(super) fn check(
    application: &Application,
    context: &ValidationContext,
    findings: &mut Findings,
) {
    let Some(service) = application.service else {
        findings.error(
            "service.required",
            "service",
            Text::new(
                "Pilih layanan yang Anda butuhkan.",
                "Choose the service you need.",
            ),
        );
        return;
    };
    let number = application.existing_kk_number.trim();
    if number.is_empty() && !service.needs_existing_kk() {
        return;
    }
    match NomorKk::parse(number) {
        Err(error) => findings.error(error.code(), "existing_kk_number", error.text()),
        Ok(number) => {
            if let Some(regions) = context.regions
                && regions.find(&number.region_code()).is_none()
            {
                findings.warning(
                    "nomor_kk.unknown_region",
                    "existing_kk_number",
                    Text::new(
                        format!(
                            "Kode wilayah nomor KK ({}) tidak ada dalam data wilayah 2025. Periksa lagi; kode lama karena pemekaran tetap dapat diterima.",
                            number.region_code()
                        ),
                        format!(
                            "The KK number's region code ({}) is not in the 2025 region data. Check it; an old code from before a region split is still accepted.",
                            number.region_code()
                        ),
                    ),
                );
            }
        }
    }
}
