//! The register of families through the real server: the demo export loads (and loads again
//! unchanged), a bad export names each bad line and loads nothing, and a family's current KK
//! is read only by someone on it; issuance keeps or changes the number by the register's rules,
//! and newborns issued at the same time each get a NIK of their own.

mod common;

use common::TestServer;
use kk_domain::api::FamilyView;
use kk_domain::register::RegisterRefusal;
use kk_domain::sample::{self, TODAY};
use kk_server::demo::DEMO_REGISTER;
use kk_server::register_import::{ImportError, import};
use reqwest::StatusCode;

fn load(server: &TestServer, export: &str) -> Result<kk_server::store::ImportReport, ImportError> {
    import(
        server.server.state.store.as_ref(),
        export,
        &server.server.state.regions,
        sample::date(TODAY),
        chrono::Utc::now(),
    )
}

#[tokio::test]
async fn the_demo_register_loads_and_loads_again_unchanged() {
    let server = TestServer::start().await;
    let first = load(&server, DEMO_REGISTER).unwrap();
    assert_eq!((first.added, first.unchanged), (2, 0));
    let again = load(&server, DEMO_REGISTER).unwrap();
    assert_eq!((again.added, again.updated, again.unchanged), (0, 0, 2));
    let santoso = server
        .server
        .state
        .store
        .family("3201012006150003")
        .unwrap()
        .unwrap();
    assert_eq!(santoso.family, sample::registered_family());
}

#[tokio::test]
async fn a_bad_export_names_each_bad_line_and_loads_nothing() {
    let server = TestServer::start().await;
    let good = serde_json::to_string(&sample::wijaya_family()).unwrap();
    let mut headless = sample::registered_family();
    headless.members.remove(0);
    let export = format!(
        "# a comment\n{good}\n{{\"kk_number\": \"12\"}}\n{}\n{good}\n",
        serde_json::to_string(&headless).unwrap()
    );
    let Err(ImportError::BadLines(lines)) = load(&server, &export) else {
        panic!("the export has bad lines");
    };
    let numbers: Vec<usize> = lines.iter().map(|bad| bad.line).collect();
    assert_eq!(numbers, [3, 4, 5], "{lines:?}");
    assert!(lines[1].reason.contains("head"), "{lines:?}");
    assert!(lines[2].reason.contains("line 2"), "{lines:?}");
    assert!(
        server
            .server
            .state
            .store
            .family("3201011502120007")
            .unwrap()
            .is_none(),
        "nothing was loaded"
    );
}

#[tokio::test]
async fn only_someone_on_the_kk_reads_the_family() {
    let server = TestServer::start().await;
    load(&server, DEMO_REGISTER).unwrap();
    // Citizen 1's NIK is Budi Santoso's; citizen 2 is on no KK.
    let member = server.citizen(1).await;
    let stranger = server.citizen(2).await;

    let read = server
        .get(&member.token, "/v1/families/3201-0120-0615-0003")
        .await;
    assert_eq!(read.status(), StatusCode::OK);
    let view: FamilyView = read.json().await.unwrap();
    assert_eq!(view.family, sample::registered_family());
    assert_eq!(view.version, 1);

    for (token, number) in [
        (&stranger.token, "3201012006150003"),
        (&member.token, "3201011502120007"),
        (&member.token, "3201019999999999"),
    ] {
        let refused = server.get(token, &format!("/v1/families/{number}")).await;
        assert_eq!(refused.status(), StatusCode::NOT_FOUND, "{number}");
    }
}

/// Submits through the API and returns the new application's id.
async fn submitted_id(
    server: &TestServer,
    token: &str,
    key: &str,
    application: &kk_domain::application::Application,
) -> String {
    let answer: serde_json::Value = server
        .submit(token, key, application)
        .await
        .json()
        .await
        .unwrap();
    answer["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn the_register_refuses_a_stale_application_and_a_member_on_another_kk() {
    let server = TestServer::start().await;
    load(&server, DEMO_REGISTER).unwrap();
    let citizen = server.citizen(1).await;
    let mut application = server.family_with_documents(&citizen).await;
    application.register_version = Some(1);
    let id = submitted_id(&server, &citizen.token, "fresh", &application).await;
    let state = &server.server.state;
    assert_eq!(
        kk_server::issuance::register_refusals(state, &id)
            .await
            .unwrap(),
        []
    );

    // The office records a change to the family: the application is now stale.
    let mut changed = sample::registered_family();
    changed.address.street = "Jalan Mawar No. 9".into();
    load(&server, &serde_json::to_string(&changed).unwrap()).unwrap();
    let refusals = kk_server::issuance::register_refusals(state, &id)
        .await
        .unwrap();
    assert_eq!(
        refusals,
        [RegisterRefusal::Stale {
            started_from: 1,
            now: 2
        }]
    );
    assert!(refusals[0].text().id.contains("berubah"));

    // A member who stands on another KK and is not moving in.
    let mut stray = application.clone();
    stray.register_version = None;
    stray.members[2].nik = "3201016209140001".into();
    let stray_id = submitted_id(&server, &citizen.token, "stray", &stray).await;
    let refusals = kk_server::issuance::register_refusals(state, &stray_id)
        .await
        .unwrap();
    assert!(
        matches!(&refusals[..], [RegisterRefusal::OnAnotherKk { kk_number, .. }] if kk_number == "3201011502120007"),
        "{refusals:?}"
    );
}

/// Submits `application` for citizen `owner` straight into the store, approves and issues it;
/// returns the issued KK number.
async fn issue_as_approved(
    server: &TestServer,
    owner: i64,
    key: &str,
    application: kk_domain::application::Application,
) -> String {
    use kk_domain::api::ActorRole;
    use kk_domain::status::ApplicationStatus;
    use kk_server::store::{Actor, Submission, SubmitOutcome, Transition};

    let store = &server.server.state.store;
    let SubmitOutcome::Created(stored) = store
        .submit(Submission {
            owner,
            idempotency_key: key.into(),
            body_sha256: key.into(),
            application,
            at: chrono::Utc::now(),
        })
        .unwrap()
    else {
        panic!("a new application");
    };
    for to in [ApplicationStatus::InReview, ApplicationStatus::Approved] {
        let officer = Actor {
            role: ActorRole::Officer,
            account: None,
        };
        store
            .transition(
                &stored.id,
                Transition {
                    to,
                    actor: officer,
                    reason: None,
                    field_reasons: vec![],
                    at: chrono::Utc::now(),
                },
            )
            .unwrap();
    }
    kk_server::issuance::issue(&server.server.state, &stored.id)
        .await
        .unwrap();
    store.issued_kk(&stored.id).unwrap().unwrap().kk_number
}

#[tokio::test]
async fn a_reprint_keeps_the_number_and_a_split_takes_a_new_one_and_leaves_the_old_kk() {
    use kk_domain::application::{NewKkReason, Relationship, ReprintReason, Service};

    let server = TestServer::start().await;
    load(&server, DEMO_REGISTER).unwrap();
    let citizen = server.citizen(1).await;
    let store = &server.server.state.store;
    let owner = store.account_by_login(&citizen.nik).unwrap().unwrap().id;
    let santoso = sample::registered_family();

    // "KK hilang": the same family again, the same number, a new version of the register.
    let reprint = kk_domain::application::Application {
        service: Some(Service::Reprint(ReprintReason::Lost)),
        existing_kk_number: santoso.kk_number.clone(),
        address: santoso.address.clone(),
        members: santoso.members_as_recorded(),
        register_version: Some(1),
        ..Default::default()
    };
    assert_eq!(
        issue_as_approved(&server, owner, "reprint", reprint).await,
        santoso.kk_number
    );
    let after = store.family(&santoso.kk_number).unwrap().unwrap();
    assert_eq!(after.version, 2);
    assert_eq!(after.family.members, santoso.members);

    // Pisah KK: Rizky heads his own KK, under a new number, and leaves his parents' KK.
    let mut rizky = santoso.members[2].clone();
    rizky.relationship = Some(Relationship::KepalaKeluarga);
    let split = kk_domain::application::Application {
        service: Some(Service::NewKk(NewKkReason::SplitFromKk)),
        existing_kk_number: santoso.kk_number.clone(),
        address: santoso.address.clone(),
        members: vec![rizky.clone()],
        ..Default::default()
    };
    let own = issue_as_approved(&server, owner, "split", split).await;
    assert_ne!(own, santoso.kk_number);
    assert!(own.starts_with("320101"), "{own}");
    assert_eq!(
        store.kk_number_of(&rizky.nik).unwrap().as_deref(),
        Some(own.as_str())
    );
    let parents = store.family(&santoso.kk_number).unwrap().unwrap();
    assert_eq!(parents.family.members.len(), 2);
    let history = store.family_history(&santoso.kk_number).unwrap();
    assert_eq!(history.last().unwrap().event, "member_left");
    // Budi, the head of the KK Rizky left, is told by SMS.
    let told = wait_for_messages(&server, &common::phone(1), "kk.member_left").await;
    let text = told[0]["text"].as_str().unwrap();
    assert!(
        text.contains(&format!(
            "{}: {} pindah ke KK {own}",
            santoso.kk_number, rizky.full_name
        )),
        "{text}"
    );
}

/// The messages of `kind` to `to` in the server's outbox, once there are some.
async fn wait_for_messages(server: &TestServer, to: &str, kind: &str) -> Vec<serde_json::Value> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let messages = server.messages(to, kind);
        if !messages.is_empty() {
            return messages;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no {kind} message for {to}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

/// Four families of one district each register a daughter born the same day, and the four
/// KKs are issued at once. Each issuance reads the next free serial before any has written, so
/// they all first pick the same NIK; the register takes one, and the others pick again.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn newborns_issued_at_the_same_time_each_get_a_nik_of_their_own() {
    let server = TestServer::start().await;
    let citizen = server.citizen(1).await;
    let store = &server.server.state.store;
    let owner = store.account_by_login(&citizen.nik).unwrap().unwrap().id;
    let families: Vec<_> = (0..4).map(family_in_the_same_district).collect();
    store
        .import_families(&families, chrono::Utc::now())
        .unwrap();
    let births: Vec<_> = families
        .iter()
        .map(|family| {
            let mut birth = sample::valid_family();
            birth.existing_kk_number = family.kk_number.clone();
            birth.members.splice(..3, family.members.iter().cloned());
            birth.register_version = Some(1);
            birth
        })
        .collect();
    let [first, second, third, fourth] = births.try_into().unwrap();
    let numbers = tokio::join!(
        issue_as_approved(&server, owner, "birth-1", first),
        issue_as_approved(&server, owner, "birth-2", second),
        issue_as_approved(&server, owner, "birth-3", third),
        issue_as_approved(&server, owner, "birth-4", fourth),
    );
    assert_eq!(
        <[String; 4]>::from(numbers).to_vec(),
        families
            .iter()
            .map(|family| family.kk_number.clone())
            .collect::<Vec<_>>(),
        "a birth keeps each family's number"
    );
    let newborn_niks: std::collections::BTreeSet<String> = families
        .iter()
        .map(|family| {
            let registered = store.family(&family.kk_number).unwrap().unwrap();
            registered.family.members[3].nik.clone()
        })
        .collect();
    assert_eq!(
        newborn_niks.into_iter().collect::<Vec<_>>(),
        [
            "3201014110260001",
            "3201014110260002",
            "3201014110260003",
            "3201014110260004"
        ],
        "one NIK each, the serials counted up"
    );
}

/// The sample family as registered, under a KK number and NIKs of its own (the serials moved up
/// by ten for each `index`), all in district 32.01.01.
fn family_in_the_same_district(index: u32) -> kk_domain::register::Family {
    let mut family = sample::registered_family();
    family.kk_number = format!("32010120061510{index:02}");
    for member in &mut family.members {
        let serial: u32 = member.nik[12..].parse().unwrap();
        member.nik = format!("{}{:04}", &member.nik[..12], serial + 10 * (index + 1));
    }
    family
}
