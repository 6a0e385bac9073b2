//! The todo API's answers as real backends write them, read the same way for the real app
//! and the simulated one: a list as `[…]`, `{"todos": […]}` or `{"data": […]}`, each todo as
//! [`Todo`] reads it (`completed` as true/false or 1/0, `id` as number or string, extra fields
//! ignored). An answer that cannot be used is an [`ErrorKind::TodoAnswer`] naming the URL and
//! what was wrong, never a silent empty list.

use serde_json::Value;

use super::{CloudError, CloudResult, ErrorKind, Todo, TodoId};

/// A base URL without trailing slash, `http://` when no scheme is given (a DNS name).
#[must_use]
pub fn normalize_base_url(url: &str) -> String {
    let url = url.trim().trim_end_matches('/');
    if url.contains("://") {
        url.to_owned()
    } else {
        format!("http://{url}")
    }
}

/// How many characters of an unexpected body an error quotes.
const QUOTED_BODY_CHARS: usize = 200;

/// Codes of a todo API answer that cannot be used (the texts say what each means).
const TODO_NOT_JSON: &str = "NotJson";
const TODO_NO_LIST: &str = "NoList";
const TODO_BAD_ENTRY: &str = "BadEntry";

/// The start of an answer's body, for an error message.
#[must_use]
pub fn quote_body(body: &str) -> String {
    let body = body.trim();
    match body.char_indices().nth(QUOTED_BODY_CHARS) {
        Some((cut, _)) => format!("{}…", &body[..cut]),
        None => body.to_owned(),
    }
}

/// The created todo from a POST answer; the app's exact answer shape is not specified, so a
/// todo, `{"todo": …}`, `{"data": …}` and a bare `{"id": …}` are all understood.
#[must_use]
pub fn created(body: &Value, title: &str) -> Option<Todo> {
    let candidates = [Some(body), body.get("todo"), body.get("data")];
    for candidate in candidates.into_iter().flatten() {
        if let Ok(mut todo) = serde_json::from_value::<Todo>(candidate.clone()) {
            if todo.title.is_empty() {
                title.clone_into(&mut todo.title);
            }
            return Some(todo);
        }
        if let Some(id) = candidate
            .get("id")
            .and_then(|id| serde_json::from_value::<TodoId>(id.clone()).ok())
        {
            return Some(Todo {
                id,
                user_id: candidate.get("user_id").cloned(),
                title: title.to_owned(),
                completed: false,
            });
        }
    }
    None
}

/// The todo list of a GET answer from `url`. Backends differ (see [`Todo`]); an answer
/// that cannot be used is a [`ErrorKind::TodoAnswer`] naming the URL and what was wrong.
pub fn parse_list(operation: &str, url: &str, body: &str) -> CloudResult<Vec<Todo>> {
    let bad = |code: &str, what: String| {
        CloudError::new(ErrorKind::TodoAnswer, code, format!("{url}: {what}")).in_op(operation)
    };
    let value: Value = serde_json::from_str(body)
        .map_err(|e| bad(TODO_NOT_JSON, format!("{e}: {}", quote_body(body))))?;
    let list = match &value {
        Value::Array(items) => items,
        other => match other.get("todos").or_else(|| other.get("data")) {
            Some(Value::Array(items)) => items,
            _ => return Err(bad(TODO_NO_LIST, quote_body(body))),
        },
    };
    list.iter()
        .enumerate()
        .map(|(n, item)| {
            serde_json::from_value::<Todo>(item.clone()).map_err(|e| {
                bad(
                    TODO_BAD_ENTRY,
                    format!(
                        "todo {} of {}: {e}: {}",
                        n + 1,
                        list.len(),
                        quote_body(&item.to_string())
                    ),
                )
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls() {
        assert_eq!(
            normalize_base_url("todoApp-1.elb.amazonaws.com/"),
            "http://todoApp-1.elb.amazonaws.com"
        );
        assert_eq!(normalize_base_url("https://x.example"), "https://x.example");
    }

    #[test]
    fn created_todo_shapes() {
        let todo = serde_json::json!({"id": 3, "user_id": 1, "title": "t", "completed": false});
        assert_eq!(created(&todo, "t").map(|t| t.id.0), Some("3".into()));
        assert_eq!(
            created(&serde_json::json!({"todo": todo}), "t").map(|t| t.id.0),
            Some("3".into())
        );
        assert_eq!(
            created(&serde_json::json!({"id": "4"}), "t").map(|t| t.id.0),
            Some("4".into())
        );
        assert_eq!(created(&serde_json::json!({"message": "ok"}), "t"), None);
    }

    #[test]
    fn lists_as_backends_write_them() {
        let body = r#"{"data": [
            {"id": "7", "title": "a", "completed": 0, "created_at": "2026-01-01"},
            {"id": 8, "user_id": null, "title": null, "completed": "1"},
            {"id": 9, "title": "pg", "completed": "t"},
            {"id": "b1e0", "completed": true}
        ]}"#;
        let todos = parse_list("TodoList", "http://app/api/v1/todos", body).expect("usable");
        assert_eq!(todos.len(), 4);
        assert!(todos[2].completed);
        assert_eq!((todos[0].id.0.as_str(), todos[0].completed), ("7", false));
        assert_eq!((todos[1].title.as_str(), todos[1].completed), ("", true));
        assert_eq!(todos[3].user_id, None);
    }

    #[test]
    fn unusable_answers_name_the_url_and_the_fault() {
        let url = "http://app/api/v1/todos";
        let cases = [
            ("<html>frontend</html>", TODO_NOT_JSON, "expected value"),
            (r#"{"error": "db down"}"#, TODO_NO_LIST, "db down"),
            (
                r#"[{"id": 1}, {"title": "x"}]"#,
                TODO_BAD_ENTRY,
                "todo 2 of 2: missing field `id`",
            ),
            (
                r#"[{"id": 1, "completed": "maybe"}]"#,
                TODO_BAD_ENTRY,
                "completed must be",
            ),
            (r#"[{"id": {"a": 1}}]"#, TODO_BAD_ENTRY, "id must be"),
        ];
        for (body, code, says) in cases {
            let e = parse_list("TodoList", url, body).expect_err(body);
            assert_eq!(
                (e.kind, e.code.as_str()),
                (ErrorKind::TodoAnswer, code),
                "{body}"
            );
            assert!(
                e.message.starts_with(url) && e.message.contains(says),
                "{e:?}"
            );
            assert_eq!(e.operation, "TodoList");
        }
    }
}
