//! HTTP status reason phrases and the RFC sections that define them, as widdershins links
//! them in the responses table.

/// (status, reason phrase, defining RFC section).
const STATUSES: &[(&str, &str, &str)] = &[
    ("100", "Continue", "https://tools.ietf.org/html/rfc7231#section-6.2.1"),
    ("101", "Switching Protocols", "https://tools.ietf.org/html/rfc7231#section-6.2.2"),
    ("200", "OK", "https://tools.ietf.org/html/rfc7231#section-6.3.1"),
    ("201", "Created", "https://tools.ietf.org/html/rfc7231#section-6.3.2"),
    ("202", "Accepted", "https://tools.ietf.org/html/rfc7231#section-6.3.3"),
    ("203", "Non-Authoritative Information", "https://tools.ietf.org/html/rfc7231#section-6.3.4"),
    ("204", "No Content", "https://tools.ietf.org/html/rfc7231#section-6.3.5"),
    ("205", "Reset Content", "https://tools.ietf.org/html/rfc7231#section-6.3.6"),
    ("206", "Partial Content", "https://tools.ietf.org/html/rfc7233#section-4.1"),
    ("300", "Multiple Choices", "https://tools.ietf.org/html/rfc7231#section-6.4.1"),
    ("301", "Moved Permanently", "https://tools.ietf.org/html/rfc7231#section-6.4.2"),
    ("302", "Found", "https://tools.ietf.org/html/rfc7231#section-6.4.3"),
    ("303", "See Other", "https://tools.ietf.org/html/rfc7231#section-6.4.4"),
    ("304", "Not Modified", "https://tools.ietf.org/html/rfc7232#section-4.1"),
    ("305", "Use Proxy", "https://tools.ietf.org/html/rfc7231#section-6.4.5"),
    ("307", "Temporary Redirect", "https://tools.ietf.org/html/rfc7231#section-6.4.7"),
    ("400", "Bad Request", "https://tools.ietf.org/html/rfc7231#section-6.5.1"),
    ("401", "Unauthorized", "https://tools.ietf.org/html/rfc7235#section-3.1"),
    ("402", "Payment Required", "https://tools.ietf.org/html/rfc7231#section-6.5.2"),
    ("403", "Forbidden", "https://tools.ietf.org/html/rfc7231#section-6.5.3"),
    ("404", "Not Found", "https://tools.ietf.org/html/rfc7231#section-6.5.4"),
    ("405", "Method Not Allowed", "https://tools.ietf.org/html/rfc7231#section-6.5.5"),
    ("406", "Not Acceptable", "https://tools.ietf.org/html/rfc7231#section-6.5.6"),
    ("407", "Proxy Authentication Required", "https://tools.ietf.org/html/rfc7235#section-3.2"),
    ("408", "Request Timeout", "https://tools.ietf.org/html/rfc7231#section-6.5.7"),
    ("409", "Conflict", "https://tools.ietf.org/html/rfc7231#section-6.5.8"),
    ("410", "Gone", "https://tools.ietf.org/html/rfc7231#section-6.5.9"),
    ("411", "Length Required", "https://tools.ietf.org/html/rfc7231#section-6.5.10"),
    ("412", "Precondition Failed", "https://tools.ietf.org/html/rfc7232#section-4.2"),
    ("413", "Payload Too Large", "https://tools.ietf.org/html/rfc7231#section-6.5.11"),
    ("414", "URI Too Long", "https://tools.ietf.org/html/rfc7231#section-6.5.12"),
    ("415", "Unsupported Media Type", "https://tools.ietf.org/html/rfc7231#section-6.5.13"),
    ("416", "Range Not Satisfiable", "https://tools.ietf.org/html/rfc7233#section-4.4"),
    ("417", "Expectation Failed", "https://tools.ietf.org/html/rfc7231#section-6.5.14"),
    ("418", "I'm a teapot", "https://tools.ietf.org/html/rfc2324#section-2.3.1"),
    ("426", "Upgrade Required", "https://tools.ietf.org/html/rfc7231#section-6.5.15"),
    ("500", "Internal Server Error", "https://tools.ietf.org/html/rfc7231#section-6.6.1"),
    ("501", "Not Implemented", "https://tools.ietf.org/html/rfc7231#section-6.6.2"),
    ("502", "Bad Gateway", "https://tools.ietf.org/html/rfc7231#section-6.6.3"),
    ("503", "Service Unavailable", "https://tools.ietf.org/html/rfc7231#section-6.6.4"),
    ("504", "Gateway Time-out", "https://tools.ietf.org/html/rfc7231#section-6.6.5"),
    ("505", "HTTP Version Not Supported", "https://tools.ietf.org/html/rfc7231#section-6.6.6"),
    ("102", "Processing", "https://tools.ietf.org/html/rfc2518#section-10.1"),
    ("103", "Early Hints", "https://tools.ietf.org/html/rfc8297#section-2"),
    ("207", "Multi-Status", "https://tools.ietf.org/html/rfc2518#section-10.2"),
    ("226", "IM Used", "https://tools.ietf.org/html/rfc3229#section-10.4.1"),
    ("308", "Permanent Redirect", "https://tools.ietf.org/html/rfc7538"),
    ("421", "Misdirected request", "https://tools.ietf.org/html/rfc7540#section-9.1.2"),
    ("422", "Unprocessable Entity", "https://tools.ietf.org/html/rfc2518#section-10.3"),
    ("423", "Locked", "https://tools.ietf.org/html/rfc2518#section-10.4"),
    ("424", "Failed Dependency", "https://tools.ietf.org/html/rfc2518#section-10.5"),
    ("428", "Precondition Required", "https://tools.ietf.org/html/rfc6585#section-3"),
    ("429", "Too Many Requests", "https://tools.ietf.org/html/rfc6585#section-4"),
    ("431", "Request Header Fields Too Large", "https://tools.ietf.org/html/rfc6585#section-5"),
    ("451", "Unavailable For Legal Reasons", "https://tools.ietf.org/html/draft-ietf-httpbis-legally-restricted-status"),
    ("506", "Variant Also Negotiates", "https://tools.ietf.org/html/rfc2295#section-8.1"),
    ("507", "Insufficient Storage", "https://tools.ietf.org/html/rfc2518#section-10.6"),
    ("511", "Network Authentication Required", "https://tools.ietf.org/html/rfc6585#section-6"),
];

/// The "Meaning" cell: the reason phrase linked to its RFC section; `Default` / `Unknown`
/// for statuses without one.
pub fn meaning(status: &str) -> String {
    match STATUSES.iter().find(|(code, _, _)| *code == status) {
        Some((_, phrase, href)) => format!("[{phrase}]({href})"),
        None if status == "default" => "Default".into(),
        None => "Unknown".into(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn known_and_unknown_statuses() {
        assert_eq!(super::meaning("204"), "[No Content](https://tools.ietf.org/html/rfc7231#section-6.3.5)");
        assert_eq!(super::meaning("default"), "Default");
        assert_eq!(super::meaning("299"), "Unknown");
    }
}
