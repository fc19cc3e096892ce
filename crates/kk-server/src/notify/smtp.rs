//! Email through SMTP with lettre. The URL carries host, port, TLS mode and credentials, e.g.
//! `smtps://user:password@mail.example.org:465` or `smtp://localhost:2525` for a local relay.

use lettre::message::header::ContentType;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use super::{Delivery, Transport};
use crate::config::SmtpConfig;
use crate::store::OutgoingMessage;

pub struct SmtpTransport {
    mailer: AsyncSmtpTransport<Tokio1Executor>,
    from: lettre::message::Mailbox,
}

impl SmtpTransport {
    pub fn new(config: &SmtpConfig) -> anyhow::Result<SmtpTransport> {
        Ok(SmtpTransport {
            mailer: AsyncSmtpTransport::<Tokio1Executor>::from_url(&config.url)?.build(),
            from: config.from.parse()?,
        })
    }
}

fn subject(kind: &str) -> &'static str {
    match kind {
        kind if kind.starts_with("otp.") => "Kode OTP KK Mandiri",
        "kk.ready" => "KK siap diunduh",
        _ => "KK Mandiri",
    }
}

impl Transport for SmtpTransport {
    fn deliver<'a>(&'a self, message: &'a OutgoingMessage) -> Delivery<'a> {
        Box::pin(async move {
            let to = message
                .to
                .parse()
                .map_err(|_| "the recipient address is not valid".to_owned())?;
            let email = Message::builder()
                .from(self.from.clone())
                .to(to)
                .subject(subject(&message.kind))
                .header(ContentType::TEXT_PLAIN)
                .body(message.text.clone())
                .map_err(|error| format!("the email could not be built: {error}"))?;
            self.mailer
                .send(email)
                .await
                .map(|_| ())
                .map_err(|error| format!("the SMTP server refused or did not answer: {error}"))
        })
    }
}
