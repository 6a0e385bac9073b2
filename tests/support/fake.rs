//! Loopback servers for faults moto cannot produce: an AWS endpoint that answers STS
//! `GetCallerIdentity` and fails everything else with a chosen error, a port that accepts
//! connections and never answers, and a small todo API.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub const CALLER_IDENTITY: &str = r#"<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult>
    <Arn>arn:aws:sts::111122223333:assumed-role/LabRole/learner</Arn>
    <UserId>AROAEXAMPLE:learner</UserId>
    <Account>111122223333</Account>
  </GetCallerIdentityResult>
  <ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata>
</GetCallerIdentityResponse>"#;

/// One parsed request: method, path, headers (names in lower case), body.
pub struct Request {
    pub method: String,
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

fn read_request(stream: &TcpStream) -> Option<Request> {
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_owned();
    let path = parts.next()?.to_owned();
    let mut length = 0usize;
    let mut headers = Vec::new();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).ok()? == 0 {
            return None;
        }
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            let name = name.trim().to_ascii_lowercase();
            if name == "content-length" {
                length = value.trim().parse().unwrap_or(0);
            }
            headers.push((name, value.trim().to_owned()));
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(Request {
        method,
        path,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    })
}

fn respond(mut stream: &TcpStream, status: u16, content_type: &str, body: &str) {
    let _ = write!(
        stream,
        "HTTP/1.1 {status} X\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.flush();
}

/// Serves each connection with `handler` on its own thread; returns the port.
pub fn serve(handler: impl Fn(&Request) -> (u16, String, String) + Send + Sync + 'static) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let handler = Arc::new(handler);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let handler = Arc::clone(&handler);
            std::thread::spawn(move || {
                if let Some(request) = read_request(&stream) {
                    let (status, content_type, body) = handler(&request);
                    respond(&stream, status, &content_type, &body);
                }
            });
        }
    });
    port
}

/// An AWS endpoint: `GetCallerIdentity` succeeds, every other call gets `status` with the
/// awsQuery error `code`. Returns the port and a counter of failed calls.
pub fn failing_aws(
    status: u16,
    code: &'static str,
    message: &'static str,
) -> (u16, Arc<AtomicUsize>) {
    let failures = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&failures);
    let port = serve(move |request| {
        if request.body.contains("Action=GetCallerIdentity") {
            return (200, "text/xml".into(), CALLER_IDENTITY.into());
        }
        counter.fetch_add(1, Ordering::SeqCst);
        let body = format!(
            "<ErrorResponse xmlns=\"http://rds.amazonaws.com/doc/2014-10-31/\"><Error><Type>Sender</Type>\
             <Code>{code}</Code><Message>{message}</Message></Error><RequestId>1</RequestId></ErrorResponse>"
        );
        (status, "text/xml".into(), body)
    });
    (port, failures)
}

/// An STS endpoint that knows only `access_key_id`: requests signed with it get the caller
/// identity, all others `InvalidClientTokenId`.
pub fn sts_for_key(access_key_id: &'static str) -> u16 {
    serve(move |request| {
        let signed_by = request.header("authorization").unwrap_or_default();
        if signed_by.contains(&format!("Credential={access_key_id}/")) {
            (200, "text/xml".into(), CALLER_IDENTITY.into())
        } else {
            let body = "<ErrorResponse><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code>\
                        <Message>The security token included in the request is invalid.</Message></Error></ErrorResponse>";
            (403, "text/xml".into(), body.into())
        }
    })
}

/// A port that accepts connections and never answers.
pub fn silent_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming().flatten() {
            held.push(stream);
            std::thread::sleep(Duration::from_millis(1));
        }
    });
    port
}

/// An AWS endpoint for ECS answers moto cannot give: STS `GetCallerIdentity` succeeds,
/// `DescribeServices` gets `describe_services` (the JSON body), everything else a 400.
pub fn ecs_answering(describe_services: String) -> u16 {
    serve(move |request| {
        if request.body.contains("Action=GetCallerIdentity") {
            return (200, "text/xml".into(), CALLER_IDENTITY.into());
        }
        if request
            .header("x-amz-target")
            .is_some_and(|t| t.ends_with(".DescribeServices"))
        {
            return (
                200,
                "application/x-amz-json-1.1".into(),
                describe_services.clone(),
            );
        }
        let body = r#"{"__type": "ClientException", "message": "not in this fake"}"#;
        (400, "application/x-amz-json-1.1".into(), body.into())
    })
}

/// A small in-memory todo API (FACTS.md shape) on loopback; returns its base URL.
pub fn todo_api() -> String {
    todo_api_shaped(false)
}

/// The todo API as a MySQL-backed app writes it: ids as strings, `completed` as 0/1, no
/// `user_id`, an extra `created_at`; answers `{"data": …}`.
pub fn todo_api_mysql() -> String {
    todo_api_shaped(true)
}

fn todo_api_shaped(mysql: bool) -> String {
    let rows: Arc<Mutex<(u64, BTreeMap<u64, String>)>> = Arc::new(Mutex::new((1, BTreeMap::new())));
    let port = serve(move |request| {
        let mut rows = rows
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let json = |status: u16, value: serde_json::Value| {
            (status, "application/json".to_owned(), value.to_string())
        };
        let todo = |id: u64, title: &str| {
            if mysql {
                serde_json::json!({"id": id.to_string(), "title": title, "completed": 0, "created_at": "2026-12-02 10:00:00"})
            } else {
                serde_json::json!({"id": id, "user_id": 1, "title": title, "completed": false})
            }
        };
        match (request.method.as_str(), request.path.trim_end_matches('/')) {
            ("GET", "/api/v1/todos") => {
                let list: serde_json::Value = rows.1.iter().map(|(id, t)| todo(*id, t)).collect();
                json(
                    200,
                    if mysql {
                        serde_json::json!({"data": list})
                    } else {
                        list
                    },
                )
            }
            ("POST", "/api/v1/todos") => {
                let body: serde_json::Value =
                    serde_json::from_str(&request.body).unwrap_or_default();
                let Some(title) = body
                    .get("title")
                    .and_then(|t| t.as_str())
                    .map(str::to_owned)
                else {
                    return json(400, serde_json::json!({"error": "title"}));
                };
                let id = rows.0;
                rows.0 += 1;
                rows.1.insert(id, title.clone());
                json(201, todo(id, &title))
            }
            ("DELETE", path) => match path
                .strip_prefix("/api/v1/todos/")
                .and_then(|id| id.parse::<u64>().ok())
            {
                Some(id) if rows.1.remove(&id).is_some() => {
                    json(200, serde_json::json!({"deleted": id}))
                }
                _ => json(404, serde_json::json!({"error": "not found"})),
            },
            ("GET", "/api/v1/broken") => (503, "text/plain".into(), "Service Unavailable".into()),
            _ => json(404, serde_json::json!({"error": "not found"})),
        }
    });
    format!("http://127.0.0.1:{port}")
}

/// The access key id a SigV4-signed request names (`Credential=AKID/…` in `Authorization`).
pub fn signing_key(request: &Request) -> Option<String> {
    let auth = request.header("authorization")?;
    let after = auth.split("Credential=").nth(1)?;
    after.split('/').next().map(str::to_owned)
}

/// A loopback proxy in front of `upstream` (moto) that notes the access key id of every
/// signed request, in order of arrival. Returns its port and the keys seen.
pub fn key_recording_proxy(upstream: u16) -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let keys = Arc::clone(&seen);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let keys = Arc::clone(&keys);
            std::thread::spawn(move || {
                let Some(request) = read_request(&stream) else {
                    return;
                };
                if let Some(key) = signing_key(&request) {
                    keys.lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner)
                        .push(key);
                }
                forward(&stream, &request, upstream);
            });
        }
    });
    (port, seen)
}

/// A loopback proxy in front of `upstream` (moto) where the session of `key` ends: the first
/// `good_for` requests signed with it are forwarded, every later one gets `ExpiredToken` as
/// AWS answers it (awsQuery XML, or JSON for the JSON protocols). Requests signed with any
/// other key (fresh ones pasted into the credentials file) go through. Returns its port and
/// the number of requests refused.
pub fn expiring_proxy(
    upstream: u16,
    key: &'static str,
    good_for: usize,
) -> (u16, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let used = Arc::new(AtomicUsize::new(0));
    let refused = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&refused);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let used = Arc::clone(&used);
            let refused = Arc::clone(&counter);
            std::thread::spawn(move || {
                let Some(request) = read_request(&stream) else {
                    return;
                };
                let old = signing_key(&request).is_some_and(|k| k == key);
                if old && used.fetch_add(1, Ordering::SeqCst) >= good_for {
                    refused.fetch_add(1, Ordering::SeqCst);
                    let message = "The security token included in the request is expired";
                    if request.header("x-amz-target").is_some() {
                        let body = format!(
                            "{{\"__type\": \"ExpiredTokenException\", \"message\": \"{message}\"}}"
                        );
                        respond(&stream, 400, "application/x-amz-json-1.1", &body);
                    } else {
                        let body = format!(
                            "<ErrorResponse><Error><Type>Sender</Type><Code>ExpiredToken</Code>\
                             <Message>{message}</Message></Error><RequestId>1</RequestId></ErrorResponse>"
                        );
                        respond(&stream, 400, "text/xml", &body);
                    }
                    return;
                }
                forward(&stream, &request, upstream);
            });
        }
    });
    (port, refused)
}

/// Sends `request` to `upstream` with `Connection: close` and copies the answer back as is.
fn forward(mut client: &TcpStream, request: &Request, upstream: u16) {
    let Ok(mut server) = TcpStream::connect(("127.0.0.1", upstream)) else {
        return;
    };
    let mut head = format!("{} {} HTTP/1.1\r\n", request.method, request.path);
    for (name, value) in &request.headers {
        if name != "connection" && name != "content-length" {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
    }
    head.push_str(&format!(
        "content-length: {}\r\nconnection: close\r\n\r\n",
        request.body.len()
    ));
    if server.write_all(head.as_bytes()).is_err()
        || server.write_all(request.body.as_bytes()).is_err()
    {
        return;
    }
    let mut answer = Vec::new();
    let _ = server.read_to_end(&mut answer);
    let _ = client.write_all(&answer);
    let _ = client.flush();
}
