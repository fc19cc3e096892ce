//! Step "Dokumen": every required document is attached (§5.3), each of an accepted type.

use super::Findings;
use crate::application::Application;
use crate::documents::{ACCEPTED_MEDIA_TYPES, required_documents};
use crate::text::Text;

pub(super) fn check(application: &Application, findings: &mut Findings) {
    for requirement in required_documents(application) {
        if !requirement.is_met_by(&application.documents) {
            let title = requirement.title();
            findings.error(
                "documents.missing",
                "documents",
                Text::new(
                    format!("Lampirkan {}.", title.id),
                    format!("Attach: {}.", title.en),
                ),
            );
        }
    }
    for (index, document) in application.documents.iter().enumerate() {
        if !ACCEPTED_MEDIA_TYPES.contains(&document.media_type.as_str()) {
            findings.error(
                "documents.unsupported_type",
                format!("documents[{index}]"),
                Text::new(
                    format!(
                        "Berkas \"{}\" bukan PDF, JPG, atau PNG.",
                        document.file_name
                    ),
                    format!(
                        "The file \"{}\" is not a PDF, JPG or PNG.",
                        document.file_name
                    ),
                ),
            );
        }
    }
}
