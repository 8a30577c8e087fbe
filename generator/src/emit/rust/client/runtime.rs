//! Tokens for what every operation shares: `Client` (base URL, reqwest client, credentials),
//! the error types, and the helpers that send a request and decode a response. They are
//! written once per file and are not generic over operations, so hundreds of operations add
//! little more than their own builder calls to compile. Helpers a spec does not need are
//! left out (private dead code would warn).

use super::super::models::{doc, ident};
use super::Uses;
use super::plan::{AuthKind, AuthScheme, Plan};
use proc_macro2::TokenStream;
use quote::quote;

/// `Client` with its own methods (the operations' are in `impl` blocks of their own).
pub fn client(plan: &Plan) -> TokenStream {
    let intro = format!(
        "A client for {}: one async method per operation.\n\nCheap to clone (the reqwest client is shared). Credentials set with the `with_*` methods\nare sent to the operations whose security requirements name their scheme.",
        plan.title
    );
    let intro = doc(Some(&intro));
    let fields: Vec<_> = plan.schemes.iter().map(|s| ident(&s.field)).collect();
    let field_tys = plan.schemes.iter().map(|s| match s.kind {
        AuthKind::Basic => quote!(Option<(String, Option<String>)>),
        _ => quote!(Option<String>),
    });
    let default_base_url = plan.default_base_url.as_ref().map(|url| {
        let text = format!(" The spec's first server: `{url}`.");
        quote! {
            #[doc = #text]
            pub fn default_base_url() -> &'static str { #url }
        }
    });
    let builders = plan.schemes.iter().map(builder);
    let auth = (!plan.schemes.is_empty()).then(|| auth(&plan.schemes));
    quote! {
        #intro
        #[derive(Clone)]
        pub struct Client {
            base_url: String,
            http: reqwest::Client,
            #( #fields: #field_tys, )*
        }

        /// Leaves credentials out, so a client can be logged.
        impl std::fmt::Debug for Client {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct("Client").field("base_url", &self.base_url).finish_non_exhaustive()
            }
        }

        impl Client {
            /// A client for the API at `base_url`: scheme, host and base path, as in the spec's servers.
            pub fn new(base_url: impl Into<String>) -> Self {
                Self::with_client(base_url, reqwest::Client::new())
            }

            /// A client that sends through `http` (your timeouts, proxies, TLS or middleware).
            pub fn with_client(base_url: impl Into<String>, http: reqwest::Client) -> Self {
                let mut base_url = base_url.into();
                // Operation paths start with `/`.
                while base_url.ends_with('/') {
                    base_url.pop();
                }
                Self { base_url, http, #( #fields: None, )* }
            }

            #default_base_url

            /// The base URL requests go to, without a trailing `/`.
            pub fn base_url(&self) -> &str {
                &self.base_url
            }

            /// The underlying reqwest client.
            pub fn http(&self) -> &reqwest::Client {
                &self.http
            }

            #(#builders)*
        }

        #auth
    }
}

fn builder(scheme: &AuthScheme) -> TokenStream {
    let method = ident(&scheme.method);
    let field = ident(&scheme.field);
    let name = &scheme.spec_name;
    let (text, params, value) = match &scheme.kind {
        AuthKind::Basic => (
            format!(" Sends HTTP basic credentials (security scheme `{name}`)."),
            quote!(username: impl Into<String>, password: Option<String>),
            quote!((username.into(), password)),
        ),
        kind => {
            let place = match kind {
                AuthKind::Header(header) => format!("in the `{header}` header"),
                AuthKind::Query(param) => format!("as the `{param}` query parameter"),
                AuthKind::Cookie(cookie) => format!("as the `{cookie}` cookie"),
                AuthKind::Bearer => "as a bearer token".into(),
                AuthKind::OtherHttp(http) => format!("in the `Authorization` header with scheme `{http}`"),
                AuthKind::Basic => unreachable!("handled above"),
            };
            (format!(" Sends `credential` {place} (security scheme `{name}`)."), quote!(credential: impl Into<String>), quote!(credential.into()))
        }
    };
    quote! {
        #[doc = #text]
        pub fn #method(mut self, #params) -> Self {
            self.#field = Some(#value);
            self
        }
    }
}

/// The private `Scheme` enum and how each scheme's credential is sent.
fn auth(schemes: &[AuthScheme]) -> TokenStream {
    let variants: Vec<_> = schemes.iter().map(|s| ident(&s.variant)).collect();
    let fields: Vec<_> = schemes.iter().map(|s| ident(&s.field)).collect();
    let apply = schemes.iter().zip(&variants).zip(&fields).map(|((scheme, variant), field)| {
        let send = match &scheme.kind {
            AuthKind::Header(name) => quote!(request.header(#name, credential.as_str())),
            AuthKind::Query(name) => quote!(request.query(&[(#name, credential.as_str())])),
            AuthKind::Cookie(name) => quote!(request.header(reqwest::header::COOKIE, format!("{}={}", #name, credential))),
            AuthKind::Bearer => quote!(request.bearer_auth(credential)),
            AuthKind::OtherHttp(http) => quote!(request.header(reqwest::header::AUTHORIZATION, format!("{} {}", #http, credential))),
            AuthKind::Basic => quote!(request.basic_auth(&credential.0, credential.1.as_deref())),
        };
        quote!(Scheme::#variant => match &self.#field { Some(credential) => #send, None => request },)
    });
    quote! {
        /// The security schemes operations accept.
        #[derive(Clone, Copy)]
        enum Scheme { #( #variants, )* }

        impl Client {
            /// Sends the credentials of the first alternative (of an operation's security
            /// requirements) whose schemes all have one set; none when no alternative does.
            fn authorize(&self, request: reqwest::RequestBuilder, alternatives: &[&[Scheme]]) -> reqwest::RequestBuilder {
                let Some(schemes) = alternatives.iter().find(|schemes| schemes.iter().all(|s| self.has(*s))) else {
                    return request;
                };
                schemes.iter().fold(request, |request, scheme| self.apply(request, *scheme))
            }

            fn has(&self, scheme: Scheme) -> bool {
                match scheme { #( Scheme::#variants => self.#fields.is_some(), )* }
            }

            fn apply(&self, request: reqwest::RequestBuilder, scheme: Scheme) -> reqwest::RequestBuilder {
                match scheme { #(#apply)* }
            }
        }
    }
}

/// The error types (always: they are public) and the helpers `uses` asks for.
pub fn support(uses: &Uses, any_operation: bool) -> TokenStream {
    let mut out = errors();
    if any_operation {
        out.extend(quote! {
            /// A whole response: the body is read before decoding, so a failed decode keeps it.
            struct Raw {
                status: reqwest::StatusCode,
                headers: reqwest::header::HeaderMap,
                body: bytes::Bytes,
            }

            /// Sends and reads the whole response: one non-generic future shared by every operation.
            async fn send(request: reqwest::RequestBuilder) -> Result<Raw, reqwest::Error> {
                let response = request.send().await?;
                let status = response.status();
                let headers = response.headers().clone();
                let body = response.bytes().await?;
                Ok(Raw { status, headers, body })
            }

            /// A status the operation does not document as a success, with the body decoded as
            /// far as `decode` manages; it is kept raw either way.
            fn api_error<E>(raw: Raw, decode: fn(u16, &[u8]) -> Option<E>) -> Error<E> {
                let error = decode(raw.status.as_u16(), &raw.body);
                Error::Api(Box::new(ApiError { status: raw.status, headers: raw.headers, body: raw.body, error }))
            }
        });
    }
    if uses.json_error {
        out.extend(quote! {
            fn json_error<E: serde::de::DeserializeOwned>(_status: u16, body: &[u8]) -> Option<E> {
                serde_json::from_slice(body).ok()
            }
        });
    }
    if uses.json || uses.text {
        out.extend(quote! {
            fn decode_error<E>(raw: Raw, source: Box<dyn std::error::Error + Send + Sync>) -> Error<E> {
                Error::Decode(Box::new(DecodeError { status: raw.status, headers: raw.headers, body: raw.body, source }))
            }
        });
    }
    if uses.json {
        out.extend(quote! {
            fn json<T: serde::de::DeserializeOwned, E>(raw: Raw) -> Result<T, Error<E>> {
                match serde_json::from_slice(&raw.body) {
                    Ok(value) => Ok(value),
                    Err(e) => Err(decode_error(raw, Box::new(e))),
                }
            }
        });
    }
    if uses.text {
        out.extend(quote! {
            fn text<E>(raw: Raw) -> Result<String, Error<E>> {
                match std::str::from_utf8(&raw.body) {
                    Ok(text) => Ok(text.to_owned()),
                    Err(e) => Err(decode_error(raw, Box::new(e))),
                }
            }
        });
    }
    if uses.encode_path {
        out.extend(quote! {
            /// Percent-encodes everything but RFC 3986's unreserved characters, so a value is
            /// always exactly one path segment.
            fn encode_path(value: &str) -> String {
                let mut out = String::with_capacity(value.len());
                for byte in value.bytes() {
                    if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
                        out.push(char::from(byte));
                    } else {
                        out.push('%');
                        out.push(char::from(HEX[usize::from(byte >> 4)]));
                        out.push(char::from(HEX[usize::from(byte & 15)]));
                    }
                }
                out
            }

            const HEX: &[u8; 16] = b"0123456789ABCDEF";
        });
    }
    if uses.file_part {
        out.extend(quote! {
            /// A file part named after its field. Typed `application/octet-stream`: a part
            /// without a type is text by RFC 7578, and some servers reject it outright.
            fn file_part(name: &str, bytes: Vec<u8>) -> reqwest::multipart::Part {
                let mut headers = reqwest::header::HeaderMap::new();
                let octets = reqwest::header::HeaderValue::from_static("application/octet-stream");
                headers.insert(reqwest::header::CONTENT_TYPE, octets);
                reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned()).headers(headers)
            }
        });
    }
    if uses.json_text {
        out.extend(quote! {
            /// A structured value where the wire wants text (query, header, form field): its JSON.
            fn json_text<T: serde::Serialize + ?Sized>(value: &T) -> String {
                serde_json::to_string(value).unwrap_or_default()
            }
        });
    }
    out
}

fn errors() -> TokenStream {
    quote! {
        /// Why a call failed. `E` is the error body the operation documents (or the default
        /// error schema); the three cases stay apart so callers can retry transport failures,
        /// report decode failures as bugs and branch on API errors. Responses are boxed so
        /// every operation's `Result` stays small.
        #[derive(Debug)]
        pub enum Error<E> {
            /// The request could not be built or sent, or the response not read.
            Transport(reqwest::Error),
            /// A documented success whose body does not decode into its type.
            Decode(Box<DecodeError>),
            /// Any status the operation does not document as a success.
            Api(Box<ApiError<E>>),
        }

        /// A success response whose body did not decode, kept whole.
        #[derive(Debug)]
        pub struct DecodeError {
            pub status: reqwest::StatusCode,
            pub headers: reqwest::header::HeaderMap,
            pub body: bytes::Bytes,
            pub source: Box<dyn std::error::Error + Send + Sync>,
        }

        /// An error response: the raw body always, decoded when it decodes.
        #[derive(Debug, Clone)]
        pub struct ApiError<E> {
            pub status: reqwest::StatusCode,
            pub headers: reqwest::header::HeaderMap,
            pub body: bytes::Bytes,
            /// The body decoded into the error schema documented for this status (or the
            /// default one); `None` when it does not decode.
            pub error: Option<E>,
        }

        impl<E> Error<E> {
            /// The response status, when there was a response.
            pub fn status(&self) -> Option<reqwest::StatusCode> {
                match self {
                    Error::Transport(e) => e.status(),
                    Error::Decode(e) => Some(e.status),
                    Error::Api(e) => Some(e.status),
                }
            }

            /// The API error, when the server answered with one.
            pub fn api(&self) -> Option<&ApiError<E>> {
                match self {
                    Error::Api(e) => Some(e.as_ref()),
                    _ => None,
                }
            }
        }

        impl<E: std::fmt::Debug> std::fmt::Display for Error<E> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                match self {
                    Error::Transport(e) => write!(f, "request failed: {e}"),
                    Error::Decode(e) => write!(f, "cannot decode the {} response: {}", e.status, e.source),
                    Error::Api(e) => match &e.error {
                        Some(error) => write!(f, "the API answered {}: {error:?}", e.status),
                        None => write!(f, "the API answered {} ({} bytes)", e.status, e.body.len()),
                    },
                }
            }
        }

        impl<E: std::fmt::Debug> std::error::Error for Error<E> {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                match self {
                    Error::Transport(e) => Some(e),
                    Error::Decode(e) => Some(e.source.as_ref()),
                    Error::Api(_) => None,
                }
            }
        }
    }
}
