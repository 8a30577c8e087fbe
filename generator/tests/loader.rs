//! The loaders, observed through the model: every feature the foundation issue lists, on the
//! project's own specs (Swagger 2.0 and OpenAPI 3.0).

use specweave::load::load_file;
use specweave::model::*;
use std::path::Path;

fn load(name: &str) -> Api {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs").join(name);
    load_file(&path, &format!("specs/{name}")).unwrap_or_else(|e| panic!("{e}"))
}

fn swagger() -> Api {
    load("workspace-builds.yaml")
}

fn openapi() -> Api {
    load("features.openapi3.yaml")
}

fn op<'a>(api: &'a Api, method: Method, path: &str) -> &'a Operation {
    api.operations.iter().find(|o| o.method == method && o.path == path).unwrap_or_else(|| panic!("no {method:?} {path}"))
}

fn object<'a>(api: &'a Api, name: &str) -> &'a ObjectSchema {
    match &api.schemas[name].kind {
        SchemaKind::Object(o) => o,
        other => panic!("{name} is not an object: {other:?}"),
    }
}

fn prop<'a>(api: &'a Api, schema: &str, name: &str) -> &'a Property {
    object(api, schema).properties.iter().find(|p| p.name == name).unwrap_or_else(|| panic!("{schema}.{name}"))
}

#[test]
fn swagger2_servers_come_from_schemes_host_and_base_path() {
    let api = swagger();
    let urls: Vec<&str> = api.servers.iter().map(|s| s.url.as_str()).collect();
    assert_eq!(urls, ["https://coder.example.com/api/v2", "http://coder.example.com/api/v2"]);
}

#[test]
fn job_error_code_is_a_string_enum_with_both_values_and_var_names() {
    let api = swagger();
    let SchemaKind::Enum { scalar, values, .. } = &api.schemas["codersdk.JobErrorCode"].kind else {
        panic!("not an enum")
    };
    assert_eq!(*scalar, Scalar::String);
    let wire: Vec<&str> = values.iter().map(|v| v.value.as_str().unwrap()).collect();
    assert!(wire.contains(&"INSUFFICIENT_QUOTA") && wire.contains(&"REQUIRED_TEMPLATE_VARIABLES"), "{wire:?}");
    assert!(values.iter().all(|v| v.var_name.is_some()));
}

#[test]
fn swaggo_all_of_wrapper_becomes_the_reference_with_description_and_narrowing() {
    let api = swagger();
    let error_code = &prop(&api, "codersdk.BuildQuotaSnapshot", "error_code").schema;
    assert_eq!(error_code.ref_name(), Some("codersdk.JobErrorCode"));
    assert_eq!(error_code.description.as_deref(), Some("Set only when the build was refused for quota reasons."));
    assert_eq!(error_code.constraints.allowed, [serde_json::json!("INSUFFICIENT_QUOTA")]);
}

#[test]
fn body_parameter_becomes_a_named_request_body_per_consumed_type() {
    let api = swagger();
    let create = api.operations.iter().find(|o| o.method == Method::Post && o.request_body.is_some() && o.path.ends_with("/builds")).unwrap();
    let body = create.request_body.as_ref().unwrap();
    assert!(body.required);
    assert!(body.name.is_some());
    assert_eq!(body.content[0].content_type, "application/json");
    assert_eq!(body.content[0].schema.as_ref().unwrap().ref_name(), Some("codersdk.CreateWorkspaceBuildRequest"));
}

#[test]
fn form_data_with_a_file_becomes_a_multipart_object_with_a_binary_property() {
    let api = swagger();
    let upload = op(&api, Method::Post, "/workspacebuilds/{workspacebuild}/diagnostics");
    let media = &upload.request_body.as_ref().unwrap().content[0];
    assert_eq!(media.content_type, "multipart/form-data");
    let SchemaKind::Object(form) = &media.schema.as_ref().unwrap().kind else { panic!() };
    assert!(form.properties.iter().any(|p| p.schema.kind == SchemaKind::String { format: Some("binary".into()) }));
    assert_eq!(upload.extensions["x-apidocgen"]["skip"], serde_json::json!(true));
}

#[test]
fn referenced_and_path_level_parameters_are_resolved_and_merged() {
    let api = swagger();
    let state = op(&api, Method::Put, "/workspacebuilds/{workspacebuild}/state");
    let names: Vec<(&str, ParamLocation)> = state.parameters.iter().map(|p| (p.name.as_str(), p.location)).collect();
    assert_eq!(names[0], ("workspacebuild", ParamLocation::Path), "path-level parameters come first: {names:?}");
    assert!(names.contains(&("X-Request-Id", ParamLocation::Header)), "{names:?}");
    assert!(state.parameters[0].required);
}

#[test]
fn referenced_responses_are_resolved_with_headers() {
    let api = swagger();
    let logs = op(&api, Method::Get, "/workspacebuilds/{workspacebuild}/logs");
    let statuses: Vec<&str> = logs.responses.iter().map(|r| r.status.as_str()).collect();
    assert!(statuses.contains(&"200"));
    let proxied = logs.responses.iter().find(|r| !r.headers.is_empty()).expect("the ProxyError response has a header");
    assert!(!proxied.description.is_empty());
    let types: Vec<&str> = logs.responses[0].content.iter().map(|m| m.content_type.as_str()).collect();
    assert_eq!(types, ["application/json", "text/plain"]);
}

#[test]
fn security_schemes_and_requirements() {
    let api = swagger();
    assert_eq!(
        api.security_schemes["CoderSessionToken"].kind,
        SecuritySchemeKind::ApiKey { name: "Coder-Session-Token".into(), location: ParamLocation::Header }
    );
    let get = op(&api, Method::Get, "/workspacebuilds/{workspacebuild}");
    assert!(get.security.as_ref().unwrap()[0].contains_key("CoderSessionToken"));
    assert_eq!(get.tags, ["Builds"]);
    assert!(api.tags.iter().any(|t| t.name == "Builds" && t.description.is_some()));
}

#[test]
fn nullable_read_only_deprecated_formats_and_maps() {
    let api = swagger();
    let last_seen = &prop(&api, "codersdk.BuildInitiator", "last-seen").schema;
    assert!(last_seen.nullable);
    assert_eq!(last_seen.kind, SchemaKind::String { format: Some("date-time".into()) });
    assert!(prop(&api, "codersdk.BuildDiagnosticBundle", "id").schema.read_only);
    assert!(prop(&api, "codersdk.BuildLogExportEntry", "workspaceId").schema.deprecated);
    assert_eq!(prop(&api, "codersdk.BuildDiagnosticBundle", "sha256").schema.kind, SchemaKind::String { format: Some("byte".into()) });
    assert_eq!(prop(&api, "codersdk.BuildDiagnosticBundle", "size_bytes").schema.example, Some(serde_json::json!(3221225472u64)));
    assert_eq!(prop(&api, "codersdk.BuildDiagnosticBundle", "content_type").schema.default, Some(serde_json::json!("application/gzip")));
    let fields = &prop(&api, "codersdk.BuildLogExportEntry", "fields").schema;
    let SchemaKind::Object(map) = &fields.kind else { panic!() };
    assert_eq!(map.additional_properties.as_deref(), Some(&Schema::default()), "additionalProperties: true is any value");
    assert!(object(&api, "codersdk.BuildDiagnosticBundle").properties.iter().filter(|p| p.required).count() == 2);
}

#[test]
fn integer_enum_and_empty_string_enum_value() {
    let api = swagger();
    let SchemaKind::Enum { scalar, format, values } = &api.schemas["codersdk.QuotaEnforcementLevel"].kind else { panic!() };
    assert_eq!((*scalar, format.as_deref()), (Scalar::Integer, Some("int32")));
    assert!(values.iter().all(|v| v.value.is_i64() && v.var_name.is_some()));
    let SchemaKind::Enum { values, .. } = &api.schemas["codersdk.ProvisionerLogLevel"].kind else { panic!() };
    assert!(values.iter().any(|v| v.value == "" ));
}

#[test]
fn recursive_schemas_are_references_to_themselves() {
    let api = swagger();
    let children = &prop(&api, "codersdk.ResourceGraphNode", "children").schema;
    let SchemaKind::Array { items } = &children.kind else { panic!() };
    assert_eq!(items.ref_name(), Some("codersdk.ResourceGraphNode"));
}

#[test]
fn openapi3_one_of_with_discriminator_gets_its_mapping() {
    let api = openapi();
    let (name, d) = api
        .schemas
        .iter()
        .find_map(|(n, s)| match &s.kind {
            SchemaKind::OneOf { discriminator: Some(d), .. } => Some((n, d)),
            _ => None,
        })
        .expect("a oneOf with a discriminator");
    assert!(!d.mapping.is_empty(), "{name}");
    assert!(d.mapping.values().all(|target| api.schemas.contains_key(target)));
    assert!(api.schemas.values().any(|s| matches!(&s.kind, SchemaKind::OneOf { discriminator: None, .. })));
    assert!(api.schemas.values().any(|s| matches!(&s.kind, SchemaKind::AnyOf { .. })));
}

#[test]
fn openapi3_bodies_responses_security_and_parameters() {
    let api = openapi();
    let types: Vec<&str> = api
        .operations
        .iter()
        .filter_map(|o| o.request_body.as_ref())
        .flat_map(|b| b.content.iter().map(|m| m.content_type.as_str()))
        .collect();
    for wanted in ["application/json", "multipart/form-data", "application/x-www-form-urlencoded"] {
        assert!(types.contains(&wanted), "{wanted} in {types:?}");
    }
    assert!(api.operations.iter().any(|o| o.responses.iter().any(|r| r.status == "204" && r.content.is_empty())));
    assert!(api.operations.iter().any(|o| o.responses.iter().any(|r| r.status == "default")));
    assert!(api.operations.iter().any(|o| o.deprecated));
    let kinds: Vec<&SecuritySchemeKind> = api.security_schemes.values().map(|s| &s.kind).collect();
    assert!(kinds.iter().any(|k| matches!(k, SecuritySchemeKind::Http { scheme, .. } if scheme == "bearer")));
    assert!(kinds.iter().any(|k| matches!(k, SecuritySchemeKind::Http { scheme, .. } if scheme == "basic")));
    assert!(kinds.iter().any(|k| matches!(k, SecuritySchemeKind::ApiKey { location: ParamLocation::Query, .. })));
    let exploded = api.operations.iter().flat_map(|o| &o.parameters).find(|p| matches!(p.schema.kind, SchemaKind::Array { .. }) && p.location == ParamLocation::Query).unwrap();
    assert!(exploded.explode && !exploded.required);
    assert!(api.schemas.values().any(|s| s.nullable) || api.schemas.values().any(|s| matches!(&s.kind, SchemaKind::Object(o) if o.properties.iter().any(|p| p.schema.nullable))));
    assert!(api.schemas.values().any(|s| matches!(&s.kind, SchemaKind::Object(o) if o.properties.iter().any(|p| p.schema.write_only))));
}

#[test]
fn yaml_and_json_of_one_document_load_to_the_same_model() {
    let yaml = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/features.openapi3.yaml")).unwrap();
    let value = specweave::load::parse_document(&yaml, "features.openapi3.yaml").unwrap();
    let json = serde_json::to_string_pretty(&value).unwrap();
    let from_yaml = specweave::load::load_str(&yaml, "spec").unwrap();
    let from_json = specweave::load::load_str(&json, "spec").unwrap();
    assert_eq!(from_yaml, from_json);
}

/// Entries of `paths` and `components/schemas` are lowered in parallel; the error reported is
/// the first in document order (schemas, then paths), whichever entry fails first in time.
#[test]
fn the_first_invalid_entry_in_document_order_is_the_one_reported() {
    let bad_ref = |target: &str| format!(r##"{{"$ref": "#/components/schemas/{target}"}}"##);
    let mut schemas: Vec<String> = (0..200).map(|i| format!(r#""S{i}": {{"type": "object", "properties": {{"next": {}}}}}"#, bad_ref(&format!("S{}", i + 1)))).collect();
    // S199 points past the last schema, and so do a later schema and a path's response.
    schemas.push(format!(r#""Late": {}"#, bad_ref("AlsoMissing")));
    let spec = format!(
        r#"{{"openapi": "3.0.3", "info": {{"title": "t", "version": "1"}},
            "paths": {{"/a": {{"get": {{"responses": {{"200": {{"description": "ok", "content": {{"application/json": {{"schema": {}}}}}}}}}}}}}}},
            "components": {{"schemas": {{{}}}}}}}"#,
        bad_ref("PathMissing"),
        schemas.join(",")
    );
    for _ in 0..5 {
        let error = specweave::load::load_str(&spec, "spec.json").unwrap_err().to_string();
        assert!(error.contains("/components/schemas/S199/properties/next") && error.contains("S200"), "{error}");
    }
    // Without the schemas' errors, the path's is reported.
    let fixed = spec.replace("#/components/schemas/S200", "#/components/schemas/S0").replace("#/components/schemas/AlsoMissing", "#/components/schemas/S0");
    let error = specweave::load::load_str(&fixed, "spec.json").unwrap_err().to_string();
    assert!(error.contains("/paths/~1a/get/responses/200") && error.contains("PathMissing"), "{error}");
}
