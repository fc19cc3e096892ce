//! Every account flow against a real server on a free port: register, verify by OTP, log in,
//! log out, resend, forget and reset a password, and the limits on each.

mod common;

use std::time::Duration;

use common::{PASSWORD, TestServer, nik, phone};
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn code_of(response: reqwest::Response) -> (StatusCode, Value) {
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn a_citizen_registers_verifies_the_phone_logs_in_and_out() {
    let server = TestServer::start().await;
    let (status, body) = code_of(server.register(1).await).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(body["sent_to"], "+62 ••• •••• 0001");

    let (status, body) = code_of(server.login(&nik(1), PASSWORD).await).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("account.not_verified"))
    );

    let (status, body) = code_of(
        server
            .post(
                "/v1/accounts/verify",
                json!({ "nik": nik(1), "code": "000000" }),
            )
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["message"]["id"], "Kode salah. Sisa percobaan: 4.");
    assert_eq!(body["message"]["en"], "Wrong code. Tries left: 4.");

    let code = server.otp(&phone(1), "otp.verify_account", 1).await;
    let verified = server
        .post(
            "/v1/accounts/verify",
            json!({ "nik": nik(1), "code": code }),
        )
        .await;
    assert_eq!(verified.status(), StatusCode::NO_CONTENT);

    let (status, body) = code_of(server.login(&nik(1), PASSWORD).await).await;
    assert_eq!(status, StatusCode::CREATED);
    let token = body["token"].as_str().unwrap().to_owned();
    assert!(token.len() >= 43, "a 256-bit token");
    assert_eq!(
        server.get(&token, "/v1/applications").await.status(),
        StatusCode::OK
    );

    let (status, body) = code_of(server.login(&nik(1), "kata sandi keliru").await).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("login.failed"))
    );

    let logout = server
        .http
        .delete(server.url("/v1/sessions/current"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(logout.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        server.get(&token, "/v1/applications").await.status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn the_sixth_try_of_an_otp_is_refused_even_with_the_right_code() {
    let server = TestServer::start().await;
    server.register(2).await;
    let code = server.otp(&phone(2), "otp.verify_account", 1).await;
    let wrong = if code == "111111" { "222222" } else { "111111" };
    for left in (0..5).rev() {
        let (status, body) = code_of(
            server
                .post(
                    "/v1/accounts/verify",
                    json!({ "nik": nik(2), "code": wrong }),
                )
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(
            body["message"]["en"],
            format!("Wrong code. Tries left: {left}.")
        );
    }
    let (status, body) = code_of(
        server
            .post(
                "/v1/accounts/verify",
                json!({ "nik": nik(2), "code": code }),
            )
            .await,
    )
    .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::TOO_MANY_REQUESTS, Some("otp.too_many_attempts"))
    );
}

/// The attempt check and the count are one statement: of 50 wrong guesses sent at once, five
/// are compared and the rest refused, and then the right code is refused too. With the check
/// and the count apart, every guess read "fewer than five" before any was counted.
#[tokio::test]
async fn fifty_parallel_guesses_get_five_tries_and_then_even_the_right_code_is_refused() {
    let server = TestServer::start_with(|config| {
        config.limits.otp_requests_per_ip_per_minute = 1_000;
        config.limits.otp_tries_per_account_per_day = 1_000;
    })
    .await;
    server.register(3).await;
    let code = server.otp(&phone(3), "otp.verify_account", 1).await;
    let wrong = if code == "111111" { "222222" } else { "111111" };
    let guesses = (0..50).map(|_| async {
        let (_, body) = code_of(
            server
                .post(
                    "/v1/accounts/verify",
                    json!({ "nik": nik(3), "code": wrong }),
                )
                .await,
        )
        .await;
        body["code"].as_str().unwrap_or_default().to_owned()
    });
    let answers = futures_util::future::join_all(guesses).await;
    let compared = answers.iter().filter(|code| *code == "otp.wrong").count();
    let refused = answers
        .iter()
        .filter(|code| *code == "otp.too_many_attempts")
        .count();
    assert_eq!((compared, refused), (5, 45), "{answers:?}");
    let (status, body) = code_of(
        server
            .post(
                "/v1/accounts/verify",
                json!({ "nik": nik(3), "code": code }),
            )
            .await,
    )
    .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::TOO_MANY_REQUESTS, Some("otp.too_many_attempts"))
    );
}

#[tokio::test]
async fn an_expired_code_is_refused_and_a_new_one_replaces_it() {
    // Long enough for the second code to reach the SMS outbox and be used on a loaded machine
    // (each step commits to disk), short enough to wait out for the first.
    const LIFETIME: Duration = Duration::from_secs(3);
    let server = TestServer::start_with(|config| {
        config.limits.otp_lifetime = LIFETIME;
        config.limits.otp_resend_after = Duration::from_millis(0);
    })
    .await;
    server.register(3).await;
    let first = server.otp(&phone(3), "otp.verify_account", 1).await;
    tokio::time::sleep(LIFETIME + Duration::from_millis(100)).await;
    let (status, body) = code_of(
        server
            .post(
                "/v1/accounts/verify",
                json!({ "nik": nik(3), "code": first }),
            )
            .await,
    )
    .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("otp.expired"))
    );

    let resent = server
        .post(
            "/v1/otp/resend",
            json!({ "nik": nik(3), "purpose": "verify_account" }),
        )
        .await;
    assert_eq!(resent.status(), StatusCode::ACCEPTED);
    let second = server.otp(&phone(3), "otp.verify_account", 2).await;
    let verified = server
        .post(
            "/v1/accounts/verify",
            json!({ "nik": nik(3), "code": second }),
        )
        .await;
    assert_eq!(verified.status(), StatusCode::NO_CONTENT);
}

/// A resend inside the cool-down sends nothing, and answers exactly as a resend for a NIK
/// with no account does: a "wait" would tell that the NIK has an account.
#[tokio::test]
async fn a_new_code_waits_for_the_cool_down_without_saying_so() {
    let server = TestServer::start().await;
    server.register(4).await;
    server.otp(&phone(4), "otp.verify_account", 1).await;
    let resend = |number| {
        server.post(
            "/v1/otp/resend",
            json!({ "nik": nik(number), "purpose": "verify_account" }),
        )
    };
    let (status, known) = code_of(resend(4).await).await;
    let (_, unknown) = code_of(resend(98).await).await;
    assert_eq!(status, StatusCode::ACCEPTED);
    assert_eq!(known, unknown);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        server.messages(&phone(4), "otp.verify_account").len(),
        1,
        "no second code inside the cool-down"
    );
}

/// Registering a NIK that has a verified account answers just as a new registration does;
/// nothing reaches the new phone, and the account's owner is told by SMS.
#[tokio::test]
async fn registering_a_taken_nik_answers_as_for_a_new_one_and_tells_the_owner() {
    let server = TestServer::start().await;
    let owner = server.citizen(20).await;
    let (new_status, new_answer) = code_of(server.register(21).await).await;
    let intruder = json!({
        "nik": owner.nik,
        "full_name": "Orang Lain",
        "phone": phone(22),
        "email": "lain@contoh.id",
        "password": PASSWORD,
    });
    let (status, answer) = code_of(server.post("/v1/accounts", intruder).await).await;
    assert_eq!(status, new_status);
    assert_eq!(
        answer["resend_after_seconds"],
        new_answer["resend_after_seconds"]
    );
    assert_eq!(answer["sent_to"], "+62 ••• •••• 0022");
    server
        .first_message(&owner.phone, "account.registration_attempt")
        .await;
    assert!(server.messages(&phone(22), "otp.verify_account").is_empty());
}

/// Whoever registered a NIK first does not hold it: a later registration whose phone is
/// verified takes the account, and the first one's password opens nothing.
#[tokio::test]
async fn a_verified_registration_replaces_an_unverified_squatter() {
    let server = TestServer::start().await;
    let squatter = json!({
        "nik": nik(23),
        "full_name": "Penyerobot",
        "phone": phone(24),
        "email": "serobot@contoh.id",
        "password": "kata sandi penyerobot",
    });
    assert_eq!(
        server.post("/v1/accounts", squatter).await.status(),
        StatusCode::CREATED
    );
    assert_eq!(server.register(23).await.status(), StatusCode::CREATED);
    let code = server.otp(&phone(23), "otp.verify_account", 1).await;
    let verified = server
        .post(
            "/v1/accounts/verify",
            json!({ "nik": nik(23), "code": code }),
        )
        .await;
    assert_eq!(verified.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        server.login(&nik(23), PASSWORD).await.status(),
        StatusCode::CREATED
    );
    assert_eq!(
        server
            .login(&nik(23), "kata sandi penyerobot")
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
}

/// One phone gets a bounded number of SMS a day, whatever NIKs are used to ask.
#[tokio::test]
async fn sms_to_one_phone_are_capped_per_day() {
    let server = TestServer::start_with(|config| {
        config.limits.sms_per_phone_per_day = 3;
        config.limits.otp_requests_per_ip_per_minute = 1_000;
    })
    .await;
    let register = |number: u32| {
        server.post(
            "/v1/accounts",
            json!({
                "nik": nik(number),
                "full_name": "Budi Santoso",
                "phone": phone(30),
                "email": "sama@contoh.id",
                "password": PASSWORD,
            }),
        )
    };
    for number in 30..33 {
        assert_eq!(register(number).await.status(), StatusCode::CREATED);
    }
    let (status, body) = code_of(register(33).await).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::TOO_MANY_REQUESTS, Some("sms.daily_cap"))
    );
}

#[tokio::test]
async fn a_forgotten_password_is_reset_by_otp_and_old_sessions_end() {
    let server = TestServer::start().await;
    let citizen = server.citizen(5).await;
    // The same answer whether or not the NIK has an account.
    let unknown = server
        .post("/v1/password/forgot", json!({ "nik": nik(99) }))
        .await;
    assert_eq!(unknown.status(), StatusCode::ACCEPTED);
    let unknown: Value = unknown.json().await.unwrap();
    let forgot = server
        .post("/v1/password/forgot", json!({ "nik": citizen.nik }))
        .await;
    assert_eq!(forgot.status(), StatusCode::ACCEPTED);
    assert_eq!(forgot.json::<Value>().await.unwrap(), unknown);

    let code = server.otp(&citizen.phone, "otp.reset_password", 1).await;
    let (status, body) = code_of(
        server
            .post(
                "/v1/password/reset",
                json!({ "nik": citizen.nik, "code": code, "new_password": "pendek" }),
            )
            .await,
    )
    .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("password.too_short"))
    );
    let reset = server
        .post(
            "/v1/password/reset",
            json!({ "nik": citizen.nik, "code": code, "new_password": "melati putih wangi" }),
        )
        .await;
    assert_eq!(reset.status(), StatusCode::NO_CONTENT);

    assert_eq!(
        server
            .get(&citizen.token, "/v1/applications")
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        server.login(&citizen.nik, PASSWORD).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        server
            .login(&citizen.nik, "melati putih wangi")
            .await
            .status(),
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn registration_refuses_bad_details_with_a_reason_in_both_languages() {
    let server = TestServer::start().await;
    let attempt = |nik: &str, phone: &str, email: &str, password: &str| json!({ "nik": nik, "full_name": "Budi", "phone": phone, "email": email, "password": password });
    let cases = [
        (
            attempt("320101120590001", "081200000010", "a@b.id", PASSWORD),
            "account.nik.wrong_length",
        ),
        (
            attempt(&nik(10), "021555", "a@b.id", PASSWORD),
            "account.phone.invalid",
        ),
        (
            attempt(&nik(10), "081200000010", "bukan-email", PASSWORD),
            "account.email.invalid",
        ),
        (
            attempt(&nik(10), "081200000010", "a@b.id", "pendek"),
            "password.too_short",
        ),
    ];
    for (body, expected) in cases {
        let (status, answer) = code_of(server.post("/v1/accounts", body).await).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{expected}");
        assert_eq!(answer["code"], expected);
        assert!(!answer["message"]["id"].as_str().unwrap().is_empty());
        assert!(!answer["message"]["en"].as_str().unwrap().is_empty());
    }
}

#[tokio::test]
async fn logins_are_limited_per_account_and_per_address() {
    let server = TestServer::start_with(|config| {
        config.limits.logins_per_account_per_minute = 3;
        config.limits.logins_per_ip_per_minute = 5;
    })
    .await;
    let citizen = server.citizen(12).await;
    // The citizen's own login used one of the address's five.
    for _ in 0..2 {
        assert_eq!(
            server
                .login(&citizen.nik, "salah salah salah")
                .await
                .status(),
            StatusCode::UNAUTHORIZED
        );
    }
    let limited = server.login(&citizen.nik, PASSWORD).await;
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(limited.headers().contains_key("retry-after"));
    // Other accounts from the same address: one more try, then the address is limited too.
    assert_eq!(
        server.login(&nik(13), "salah salah salah").await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        server.login(&nik(14), "salah salah salah").await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
}

/// A login that is not a NIK is refused before the rate limiter sees it, so a megabyte "NIK"
/// never becomes one of its keys.
#[tokio::test]
async fn a_login_that_is_not_a_nik_is_refused_before_it_is_counted() {
    let server = TestServer::start_with(|config| {
        config.limits.logins_per_ip_per_minute = 1_000;
    })
    .await;
    let huge = "9".repeat(100_000);
    for login in [huge.as_str(), "32010112059000", "3201O11205900001"] {
        let (status, body) = code_of(server.login(login, "salah salah salah").await).await;
        assert_eq!(
            (status, body["code"].as_str()),
            (StatusCode::BAD_REQUEST, Some("login.malformed_nik"))
        );
    }
    assert_eq!(server.server.state.limits.keys_held(), 0);
}

/// A login at a kiosk gets a session for one visit, not the month a phone gets.
#[tokio::test]
async fn a_kiosk_login_gets_a_short_session() {
    let server = TestServer::start().await;
    let citizen = server.citizen(25).await;
    let expiry = |body: Value| {
        chrono::DateTime::parse_from_rfc3339(body["expires_at"].as_str().unwrap()).unwrap()
    };
    let (_, phone) = code_of(server.login(&citizen.nik, PASSWORD).await).await;
    let (status, kiosk) = code_of(
        server
            .post(
                "/v1/sessions",
                json!({ "nik": citizen.nik, "password": PASSWORD, "kiosk": true }),
            )
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let shorter = expiry(phone) - expiry(kiosk);
    let expected = chrono::Duration::days(30) - chrono::Duration::minutes(30);
    assert!(
        (shorter - expected).num_seconds().abs() < 60,
        "the kiosk session ends {shorter} before the phone's"
    );
}
