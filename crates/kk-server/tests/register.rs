//! The register of families through the real server: the demo export loads (and loads again
//! unchanged), a bad export names each bad line and loads nothing, and a family's current KK
//! is read only by someone on it.

mod common;

use common::TestServer;
use kk_domain::api::FamilyView;
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
