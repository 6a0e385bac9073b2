//! The todo app's HTTP client: list, create and delete over the app's REST API
//! (`/api/v1/todos`). It knows nothing of AWS; the caller finds the base URL (from the settings
//! or from the load balancer's DNS name) and hands it over. Answers are read by [`todo_api`].

use std::time::Duration;

use serde_json::Value;

use super::todo_api::{self, quote_body};
use super::{CloudError, CloudResult, ErrorKind, Todo, TodoId, full_message};

/// An HTTP client for the todo app, with the timeouts it was built with.
#[derive(Debug, Clone)]
pub struct TodoClient {
    http: reqwest::Client,
}

impl TodoClient {
    /// A client whose connections and requests give up after the given times.
    ///
    /// # Errors
    /// `Other` when the HTTP client cannot be built (no TLS roots, for example).
    pub fn new(connect_timeout: Duration, timeout: Duration) -> CloudResult<Self> {
        let http = reqwest::Client::builder()
            .connect_timeout(connect_timeout)
            .timeout(timeout)
            .build()
            .map_err(|e| {
                CloudError::new(ErrorKind::Other, "HttpClient", e.to_string()).in_op("TodoList")
            })?;
        Ok(Self { http })
    }

    /// Every todo (`GET {base}/api/v1/todos`).
    ///
    /// # Errors
    /// Transport failures, non-2xx answers and answers that cannot be read.
    pub async fn list(&self, base: &str) -> CloudResult<Vec<Todo>> {
        const OP: &str = "TodoList";
        let url = format!("{base}/api/v1/todos");
        let body = self.request(OP, self.http.get(&url)).await?;
        todo_api::parse_list(OP, &url, &body)
    }

    /// Creates a todo (`POST {base}/api/v1/todos`) and returns it as the app stored it.
    ///
    /// # Errors
    /// As [`TodoClient::list`]; `InvalidResponse` when the created todo cannot be found.
    pub async fn create(&self, base: &str, title: &str) -> CloudResult<Todo> {
        const OP: &str = "TodoCreate";
        let url = format!("{base}/api/v1/todos");
        let payload = serde_json::json!({ "title": title, "completed": false });
        let body = self.request(OP, self.http.post(url).json(&payload)).await?;
        let value: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
        if let Some(todo) = todo_api::created(&value, title) {
            return Ok(todo);
        }
        // The app said "created" without naming the todo: find the newest with this title.
        self.list(base)
            .await
            .map_err(|e| CloudError {
                operation: OP.into(),
                ..e
            })?
            .into_iter()
            .filter(|t| t.title == title)
            .max_by_key(|t| t.id.clone())
            .ok_or_else(|| {
                CloudError::new(
                    ErrorKind::Other,
                    "InvalidResponse",
                    format!("Created, but not found: {}", quote_body(&body)),
                )
                .in_op(OP)
            })
    }

    /// Deletes one todo (`DELETE {base}/api/v1/todos/{id}`).
    ///
    /// # Errors
    /// As [`TodoClient::list`]; `InvalidUrl` when the base URL cannot be parsed.
    pub async fn delete(&self, base: &str, id: &TodoId) -> CloudResult<()> {
        const OP: &str = "TodoDelete";
        let base = format!("{base}/api/v1/todos/");
        let mut url = reqwest::Url::parse(&base).map_err(|e| {
            CloudError::new(ErrorKind::Validation, "InvalidUrl", format!("{base}: {e}")).in_op(OP)
        })?;
        if let Ok(mut segments) = url.path_segments_mut() {
            segments.pop_if_empty().push(&id.0);
        }
        self.request(OP, self.http.delete(url)).await?;
        Ok(())
    }

    /// Sends a todo API request and returns the body of a 2xx answer.
    async fn request(
        &self,
        operation: &str,
        request: reqwest::RequestBuilder,
    ) -> CloudResult<String> {
        let response = request
            .send()
            .await
            .map_err(|e| map_http_error(operation, &e))?;
        let status = response.status();
        let body = response
            .text()
            .await
            .map_err(|e| map_http_error(operation, &e))?;
        if status.is_success() {
            return Ok(body);
        }
        let kind = match status.as_u16() {
            404 => ErrorKind::NotFound,
            401 | 403 => ErrorKind::AccessDenied,
            429 => ErrorKind::Throttling,
            500..=599 => ErrorKind::Server,
            _ => ErrorKind::Client,
        };
        let reason = status.canonical_reason().unwrap_or("HTTP error");
        let message = if body.trim().is_empty() {
            reason.to_owned()
        } else {
            format!("{reason}: {}", quote_body(&body))
        };
        Err(CloudError::new(kind, status.as_str(), message).in_op(operation))
    }
}

/// Maps a todo API transport failure.
fn map_http_error(operation: &str, err: &reqwest::Error) -> CloudError {
    let (kind, code) = if err.is_timeout() {
        (ErrorKind::Timeout, "TimeoutError")
    } else if err.is_connect() || err.is_request() {
        (ErrorKind::Network, "NetworkError")
    } else if err.is_decode() || err.is_body() {
        (ErrorKind::Other, "InvalidResponse")
    } else {
        (ErrorKind::Network, "NetworkError")
    };
    CloudError::new(kind, code, full_message(err)).in_op(operation)
}
