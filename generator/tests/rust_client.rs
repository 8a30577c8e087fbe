//! The generated client (the checked-in `workspace-builds-api` crate) against real HTTP servers:
//! Prism, which mocks our spec and rejects requests that do not match it, for every operation;
//! and a tiny server of our own that serves crafted responses (error codes, error bodies,
//! undocumented statuses, broken bodies) and records what the client sent.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use uuid::Uuid;
use workspace_builds_api::client::{Client, Error, GetWorkspaceBuildLogsError};
use workspace_builds_api::models::{
    CancelWorkspaceBuildExpectStatus, CreateWorkspaceBuildRequest, GetWorkspaceBuildLogsFormat, JobErrorCode,
    UpdateWorkspaceBuildStateRequest, WorkspaceTransition,
};

mod common;
use common::repo;

const BUILD: &str = "6f1c2a4e-1b2c-4d3e-8f40-5a6b7c8d9e0f";

fn build_id() -> Uuid {
    BUILD.parse().expect("valid uuid")
}

/// Prism, killed when dropped (also when a test panics).
struct Prism {
    child: Child,
    port: u16,
}

impl Drop for Prism {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").expect("bind loopback").local_addr().expect("address").port()
}

/// Starts Prism in validating mode (`--errors`: an invalid request gets a 4xx, not a mock) on
/// a free loopback port and waits until it listens.
fn start_prism() -> Prism {
    let bin = repo().join("tools/npm/node_modules/.bin/prism");
    assert!(bin.exists(), "Prism is not installed ({}): run `cargo xtask install-tools`", bin.display());
    let port = free_port();
    let child = Command::new(&bin)
        .args(["mock", "-h", "127.0.0.1", "-p", &port.to_string(), "--errors", "specs/workspace-builds.yaml"])
        .current_dir(repo())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("Prism starts");
    let mut prism = Prism { child, port };
    let deadline = Instant::now() + Duration::from_secs(90);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if let Ok(Some(status)) = prism.child.try_wait() {
            panic!("Prism exited before listening: {status}");
        }
        assert!(Instant::now() < deadline, "Prism did not listen on port {port} within 90 s");
        std::thread::sleep(Duration::from_millis(200));
    }
    prism
}

/// Operation ids of our spec, in document order.
fn operation_ids() -> Vec<String> {
    let api = specweave::load::load_file(&repo().join("specs/workspace-builds.yaml"), "specs/workspace-builds.yaml").expect("spec loads");
    api.operations.iter().map(|op| op.id.clone().expect("every operation has an id")).collect()
}

/// Calls made, and those whose request Prism accepted but whose mock response Prism itself
/// could not make valid (it cuts recursive schemas short, leaving required properties out).
#[derive(Default)]
struct Calls {
    called: Vec<String>,
    invalid_mocks: Vec<String>,
}

/// Checks a call's result, naming the operation and showing Prism's complaint: success (the
/// response decoded), or a 500 whose violations are all about Prism's own response.
fn ok<T, E: std::fmt::Debug>(calls: &mut Calls, id: &str, result: Result<T, Error<E>>) {
    calls.called.push(id.to_owned());
    match result {
        Ok(_) => {}
        Err(Error::Api(e)) if e.status.as_u16() == 500 && only_response_violations(&e.body) => calls.invalid_mocks.push(id.to_owned()),
        Err(Error::Api(e)) => panic!("{id}: {} {}", e.status, String::from_utf8_lossy(&e.body)),
        Err(e) => panic!("{id}: {e} ({e:?})"),
    }
}

fn only_response_violations(body: &[u8]) -> bool {
    let Ok(problem) = serde_json::from_slice::<serde_json::Value>(body) else { return false };
    let violations = problem["validation"].as_array().cloned().unwrap_or_default();
    !violations.is_empty() && violations.iter().all(|v| v["location"][0] == "response")
}

#[tokio::test]
#[allow(deprecated)]
async fn every_operation_passes_prism_validation_and_decodes() {
    let prism = start_prism();
    let client = Client::new(format!("http://127.0.0.1:{}/", prism.port)).with_coder_session_token("session-token");
    let build = build_id();
    let called = &mut Calls::default();

    ok(called, "get-workspace-build-by-user-name-and-build-number", client.get_workspace_build_by_user_name_and_build_number("me", "dev box", "3").await);
    ok(called, "get-workspace-build", client.get_workspace_build(build).await);
    ok(called, "cancel-workspace-build", client.cancel_workspace_build(build, Some(&CancelWorkspaceBuildExpectStatus::Running)).await);
    let logs = client.get_workspace_build_logs(build, Some(10), Some(2), Some(false), Some(&GetWorkspaceBuildLogsFormat::Json)).await;
    ok(called, "get-workspace-build-logs", logs);
    ok(called, "export-workspace-build-logs", client.export_workspace_build_logs(build).await);
    ok(called, "get-build-parameters-for-workspace-build", client.get_build_parameters_for_workspace_build(BUILD).await);
    ok(called, "removed-get-workspace-resources-for-workspace-build", client.removed_get_workspace_resources_for_workspace_build(build).await);
    ok(called, "get-workspace-build-resource-graph", client.get_workspace_build_resource_graph(build).await);
    ok(called, "get-provisioner-state-for-workspace-build", client.get_provisioner_state_for_workspace_build(build).await);
    let state = UpdateWorkspaceBuildStateRequest { state: Some(vec![1, 2, 3]) };
    ok(called, "update-workspace-build-state", client.update_workspace_build_state(build, Some("req-1"), &state).await);
    ok(called, "get-workspace-build-timings-by-id", client.get_workspace_build_timings_by_id(build).await);
    ok(called, "get-workspace-build-quota", client.get_workspace_build_quota(build).await);
    ok(called, "get-workspace-build-initiator", client.get_workspace_build_initiator(build).await);
    let collected = chrono::NaiveDate::from_ymd_opt(2024, 3, 1);
    let upload = client.upload_workspace_build_diagnostics(build, b"\x1f\x8b bundle".to_vec(), Some("from the test"), collected).await;
    ok(called, "upload-workspace-build-diagnostics", upload);
    let since = "2024-03-01T12:00:00Z".parse().ok();
    ok(called, "get-workspace-builds-by-workspace-id", client.get_workspace_builds_by_workspace_id(build, Some(build), Some(5), Some(0), since).await);
    ok(called, "create-workspace-build", client.create_workspace_build(build, Some("req-2"), &create_request()).await);

    assert_eq!(called.called, operation_ids(), "every operation of the spec is called once, in document order");
    // Prism's own mocks break three schemas: it cuts the recursive graph short (dropping
    // required properties), mocks a narrowed enum (allOf + enum) with the referenced enum's
    // first value, and fills `format: byte` with "string", which is not base64. The requests
    // were accepted; those bodies are decoded against our own server below.
    let known = ["get-workspace-build-resource-graph", "get-workspace-build-quota", "upload-workspace-build-diagnostics"];
    assert_eq!(called.invalid_mocks, known, "only Prism's known mock gaps");
}

/// A request with the required `transition` and a few optional fields.
fn create_request() -> CreateWorkspaceBuildRequest {
    CreateWorkspaceBuildRequest {
        dry_run: Some(true),
        log_level: None,
        orphan: None,
        reason: None,
        rich_parameter_values: None,
        state: None,
        template_version_id: Some(build_id()),
        template_version_preset_id: None,
        transition: WorkspaceTransition::Start,
    }
}

#[test]
fn prism_refuses_what_the_spec_forbids() {
    // The validating server is only worth something if it rejects: no session token.
    let prism = start_prism();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    let anonymous = Client::new(format!("http://127.0.0.1:{}", prism.port));
    let result = runtime.block_on(anonymous.get_workspace_build(build_id()));
    let status = result.expect_err("Prism rejects a request without credentials").status().expect("a response");
    assert_eq!(status.as_u16(), 401);
}

/// One request as our server received it.
#[derive(Debug)]
struct Received {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Received {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// A one-connection-per-response HTTP/1.1 server on a free loopback port: serves `responses`
/// (status, content type, body) in order and reports each request it read.
fn serve(responses: Vec<(u16, &'static str, String)>) -> (String, mpsc::Receiver<Received>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let base = format!("http://{}/api/v2", listener.local_addr().expect("address"));
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for (status, content_type, body) in responses {
            let (stream, _) = listener.accept().expect("a connection");
            let mut reader = BufReader::new(stream);
            let mut line = String::new();
            reader.read_line(&mut line).expect("request line");
            let mut parts = line.split_whitespace();
            let (method, target) = (parts.next().unwrap_or_default().to_owned(), parts.next().unwrap_or_default().to_owned());
            let mut headers = Vec::new();
            loop {
                let mut header = String::new();
                reader.read_line(&mut header).expect("header line");
                let header = header.trim_end();
                if header.is_empty() {
                    break;
                }
                let (name, value) = header.split_once(':').expect("name: value");
                headers.push((name.trim().to_owned(), value.trim().to_owned()));
            }
            let length = headers.iter().find(|(n, _)| n.eq_ignore_ascii_case("content-length")).map_or(0, |(_, v)| v.parse().expect("length"));
            let mut request_body = vec![0; length];
            reader.read_exact(&mut request_body).expect("body");
            let mut stream = reader.into_inner();
            let response = format!(
                "HTTP/1.1 {status} Crafted\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            stream.write_all(response.as_bytes()).expect("response written");
            let _ = tx.send(Received { method, target, headers, body: request_body });
        }
    });
    (base, rx)
}

fn build_json(error_code: &str) -> String {
    format!(r#"{{"id":"{BUILD}","build_number":3,"job":{{"id":"{BUILD}","error_code":"{error_code}","status":"failed"}}}}"#)
}

#[tokio::test]
async fn error_codes_decode_to_typed_variants_and_unknown_ones_are_kept() {
    let (base, requests) = serve(vec![
        (200, "application/json", build_json("INSUFFICIENT_QUOTA")),
        (200, "application/json", build_json("QUOTA_FROM_THE_FUTURE")),
    ]);
    let client = Client::new(base).with_coder_session_token("secret");

    let build = client.get_workspace_build(build_id()).await.expect("decodes");
    let code = build.job.and_then(|job| job.error_code).expect("job has an error code");
    assert!(code.is_insufficient_quota());
    assert_eq!(code, JobErrorCode::InsufficientQuota);
    let sent = requests.recv().expect("request");
    assert_eq!((sent.method.as_str(), sent.target.as_str()), ("GET", format!("/api/v2/workspacebuilds/{BUILD}").as_str()));
    assert_eq!(sent.header("coder-session-token"), Some("secret"));
    assert_eq!(sent.header("accept"), Some("application/json"));

    let build = client.get_workspace_build(build_id()).await.expect("an unknown code still decodes");
    let code = build.job.and_then(|job| job.error_code).expect("job has an error code");
    assert_eq!(code, JobErrorCode::Unknown("QUOTA_FROM_THE_FUTURE".into()));
    assert_eq!(code.as_str(), "QUOTA_FROM_THE_FUTURE");
    assert!(!code.is_insufficient_quota());
}

#[tokio::test]
async fn documented_error_body_is_a_typed_api_error_and_the_request_is_what_was_asked() {
    let body = r#"{"message":"Validation failed.","detail":"transition is invalid","validations":[{"field":"transition","detail":"must be start, stop or delete"}]}"#;
    let (base, requests) = serve(vec![(400, "application/json", body.into())]);
    let client = Client::new(base).with_coder_session_token("secret");

    let err = client.create_workspace_build(build_id(), Some("corr-42"), &create_request()).await.expect_err("400 is an error");
    let Error::Api(api) = err else { panic!("expected an API error, got {err:?}") };
    assert_eq!(api.status.as_u16(), 400);
    let response = api.error.expect("the body decodes into codersdk.Response");
    assert_eq!(response.message.as_deref(), Some("Validation failed."));
    assert_eq!(response.validations.expect("validations")[0].field, "transition");
    assert_eq!(api.body, body.as_bytes(), "the raw body is kept too");

    let sent = requests.recv().expect("request");
    assert_eq!((sent.method.as_str(), sent.target.as_str()), ("POST", format!("/api/v2/workspaces/{BUILD}/builds").as_str()));
    assert_eq!(sent.header("x-request-id"), Some("corr-42"));
    assert_eq!(sent.header("content-type"), Some("application/json"));
    let json: serde_json::Value = serde_json::from_slice(&sent.body).expect("JSON body");
    assert_eq!(json, serde_json::json!({"dry_run": true, "template_version_id": BUILD, "transition": "start"}));
}

#[tokio::test]
async fn undocumented_statuses_and_broken_bodies_are_errors_not_panics() {
    let (base, requests) = serve(vec![
        (418, "text/plain", "I'm a teapot".into()),
        (200, "application/json", "{\"id\": not json".into()),
        (201, "application/json", build_json("INSUFFICIENT_QUOTA")),
        (502, "application/json", r#"{"message":"upstream down","proxy_name":"eu-1"}"#.into()),
        (503, "application/json", r#"{"message":"maintenance"}"#.into()),
    ]);
    let client = Client::new(base).with_coder_session_token("secret");

    // An undocumented error status with a body that is no codersdk.Response: kept raw.
    let err = client.cancel_workspace_build(build_id(), Some(&CancelWorkspaceBuildExpectStatus::Running)).await.expect_err("418");
    let api = err.api().expect("an API error");
    assert_eq!(api.status.as_u16(), 418);
    assert!(api.error.is_none());
    assert_eq!(api.body, "I'm a teapot".as_bytes());
    let sent = requests.recv().expect("request");
    assert_eq!((sent.method.as_str(), sent.target.as_str()), ("PATCH", format!("/api/v2/workspacebuilds/{BUILD}/cancel?expect_status=running").as_str()));

    // A documented success whose body does not decode.
    let err = client.get_workspace_build(build_id()).await.expect_err("broken JSON");
    let Error::Decode(decode) = err else { panic!("expected a decode error, got {err:?}") };
    assert_eq!(decode.status.as_u16(), 200);
    assert_eq!(decode.body, "{\"id\": not json".as_bytes());

    // A success status the operation does not document.
    let err = client.get_workspace_build(build_id()).await.expect_err("201 is not documented");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(201));
    assert!(matches!(err, Error::Api(_)));

    // Error bodies decode into the schema documented for their status, others into the default.
    let err = client.get_workspace_build_logs(build_id(), None, None, None, None).await.expect_err("502");
    let proxy = match err.api().and_then(|api| api.error.as_ref()) {
        Some(GetWorkspaceBuildLogsError::WsproxysdkResponse(proxy)) => proxy,
        other => panic!("expected the proxy's error body, got {other:?}"),
    };
    assert_eq!(proxy.proxy_name.as_deref(), Some("eu-1"));
    let err = client.get_workspace_build_logs(build_id(), None, None, None, None).await.expect_err("503");
    match err.api().and_then(|api| api.error.as_ref()) {
        Some(GetWorkspaceBuildLogsError::CodersdkResponse(response)) => assert_eq!(response.message.as_deref(), Some("maintenance")),
        other => panic!("expected the default error body, got {other:?}"),
    }
    assert!(err.to_string().contains("503"), "{err}");
}

#[tokio::test]
async fn path_values_are_percent_encoded_and_credentials_stay_out_of_debug() {
    let (base, requests) = serve(vec![(200, "application/json", build_json("INSUFFICIENT_QUOTA"))]);
    let client = Client::new(base).with_coder_session_token("secret");
    client.get_workspace_build_by_user_name_and_build_number("me", "dev box/1", "3").await.expect("decodes");
    let sent = requests.recv().expect("request");
    assert_eq!(sent.target, "/api/v2/users/me/workspace/dev%20box%2F1/builds/3");
    assert!(!format!("{client:?}").contains("secret"));
    assert_eq!(Client::default_base_url(), "https://coder.example.com/api/v2");
}

#[tokio::test]
async fn bodies_prism_cannot_mock_decode_and_multipart_uploads_are_sent_as_parts() {
    let graph = format!(r#"{{"id":"{BUILD}","name":"vm","type":"aws_instance","children":[{{"id":"{BUILD}","name":"disk","type":"aws_ebs_volume","children":[]}}]}}"#);
    let quota = r#"{"budget":500,"credits_consumed":480,"error_code":"INSUFFICIENT_QUOTA","utilization":0.96}"#;
    let bundle = format!(r#"{{"id":"{BUILD}","size_bytes":3221225472,"sha256":"q83vEjRWeJA="}}"#);
    let (base, requests) = serve(vec![(200, "application/json", graph), (200, "application/json", quota.into()), (201, "application/json", bundle)]);
    let client = Client::new(base).with_coder_session_token("secret");

    let root = client.get_workspace_build_resource_graph(build_id()).await.expect("the recursive graph decodes");
    let json = serde_json::to_value(&root).expect("encodes");
    assert_eq!(json["children"][0]["name"], "disk");
    requests.recv().expect("request");

    let snapshot = client.get_workspace_build_quota(build_id()).await.expect("the quota snapshot decodes");
    assert!(snapshot.error_code.expect("refused for quota").is_insufficient_quota());
    requests.recv().expect("request");

    let uploaded = client.upload_workspace_build_diagnostics(build_id(), b"\x1f\x8b".to_vec(), Some("note"), None).await.expect("decodes");
    assert_eq!(uploaded.size_bytes, 3_221_225_472);
    let sent = requests.recv().expect("request");
    let content_type = sent.header("content-type").expect("content type");
    assert!(content_type.starts_with("multipart/form-data; boundary="), "{content_type}");
    let body = String::from_utf8_lossy(&sent.body);
    assert!(body.contains("name=\"bundle\"; filename=\"bundle\"") && body.contains("application/octet-stream"), "{body}");
    assert!(body.contains("name=\"note\"") && !body.contains("collected_on"), "{body}");
}

/// Operations sit in one `impl Client` block per first tag, in order of first appearance,
/// untagged ones in a block of their own; within a block, in document order.
#[test]
fn operations_are_grouped_in_one_impl_block_per_tag() {
    let spec = r#"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {
        "/a1": {"get": {"operationId": "a-one", "tags": ["Alpha"], "responses": {"204": {"description": "ok"}}}},
        "/b": {"get": {"operationId": "b-one", "tags": ["Beta", "Alpha"], "responses": {"204": {"description": "ok"}}}},
        "/none": {"get": {"operationId": "untagged", "responses": {"204": {"description": "ok"}}}},
        "/a2": {"get": {"operationId": "a-two", "tags": ["Alpha"], "responses": {"204": {"description": "ok"}}}}}}"#;
    let api = specweave::load::load_str(spec, "tags.json").expect("loads");
    let (_, client) = specweave::emit::rust::models_and_client(&api, None).expect("emits");
    let blocks: Vec<(&str, Vec<&str>)> = client
        .split("/// Operations ")
        .skip(1)
        .map(|block| {
            let heading = block.lines().next().unwrap_or_default();
            let methods = block.lines().filter_map(|l| l.trim().strip_prefix("pub async fn ")).map(|l| l.split('(').next().unwrap_or_default()).collect();
            (heading, methods)
        })
        .collect();
    assert_eq!(
        blocks,
        vec![
            ("tagged `Alpha`.", vec!["a_one", "a_two"]),
            ("tagged `Beta`.", vec!["b_one"]),
            ("without a tag.", vec!["untagged"]),
        ],
        "{client}"
    );
}
